package io.sqlitekit.it.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.memory.MemoryKit;
import io.sqlitekit.plugin.cache.CacheOptions;
import io.sqlitekit.plugin.cache.CachePlugin;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundled plugins that depend on transactions behave alike on both kits: the read-through cache never keeps
 * a value read or written inside a transaction that rolls back, because on the in-memory kit hooks see its
 * transactions (inTransaction, after-completion actions) as they see the driver's on the SQLite kit. The same
 * script runs on both kits and must give the same answers, including which reads the cache served.
 */
class MemoryPluginsIT {
  private static final TableDef NOTES = TableDef.of("notes", Column.integer("id").primaryKey(), Column.text("body"));

  @TempDir
  Path dir;

  /** Records, per read by key, whether the cache served it. */
  private static RepositoryPlugin probe(List<String> served) {
    return new RepositoryPlugin() {
      @Override
      public String name() {
        return "probe";
      }

      @Override
      public void install(HookRegistry registry) {
        registry.after(EnumSet.of(Operation.GET_BY_ID), HookPriority.OBSERVABILITY,
            (ctx, result) -> served.add(ctx.isShortCircuited() ? "cache" : "store"));
      }
    };
  }

  /** The script: returns what each read saw; {@code served} gets where each read came from. */
  private static List<Object> script(StandardRepo<Map<String, Object>, Object> notes) {
    List<Object> seen = new ArrayList<>();
    notes.create(Map.of("id", 1L, "body", "committed"));
    seen.add(notes.getById(1L).orElseThrow().get("body"));
    seen.add(notes.getById(1L).orElseThrow().get("body"));
    assertThrows(IllegalStateException.class, () -> notes.withTransaction(tx -> {
      tx.update(1L, Update.set("body", "rolled back"));
      seen.add(tx.getById(1L).orElseThrow().get("body"));
      seen.add(tx.getById(1L).orElseThrow().get("body"));
      throw new IllegalStateException("roll back");
    }));
    seen.add(notes.getById(1L).orElseThrow().get("body"));
    seen.add(notes.getById(1L).orElseThrow().get("body"));
    notes.withTransaction(tx -> tx.update(1L, Update.set("body", "second")));
    seen.add(notes.getById(1L).orElseThrow().get("body"));
    return seen;
  }

  @Test
  void cacheKeepsNothingOfARolledBackTransaction_onBothKits() {
    List<String> sqliteServed = new ArrayList<>();
    List<Object> sqlite;
    SqliteKit.Builder b = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("cache.db"))
        .preset(PragmaPreset.PRODUCTION);
    List<RepositoryPlugin> sqlitePlugins = List.of(CachePlugin.create(CacheOptions.defaults()), probe(sqliteServed));
    sqlitePlugins.forEach(b::plugin);
    try (SqliteKit kit = b.build()) {
      kit.createTable(NOTES);
      sqlite = script(kit.documents(NOTES));
    }
    List<String> memoryServed = new ArrayList<>();
    MemoryKit.Builder mb = MemoryKit.builder();
    List.of(CachePlugin.create(CacheOptions.defaults()), probe(memoryServed)).forEach(mb::plugin);
    List<Object> memory;
    try (MemoryKit kit = mb.build()) {
      memory = script(kit.documents(NOTES));
    }
    List<Object> expected = List.of("committed", "committed", "rolled back", "rolled back", "committed", "committed",
        "second");
    assertEquals(expected, sqlite);
    assertEquals(expected, memory);
    // Reads in a transaction bypass the cache; the first read after the rollback refills it.
    assertEquals(List.of("store", "cache", "store", "store", "store", "cache", "store"), sqliteServed);
    assertEquals(sqliteServed, memoryServed);
  }
}
