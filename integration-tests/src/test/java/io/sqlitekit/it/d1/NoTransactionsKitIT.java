package io.sqlitekit.it.d1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.plugin.audit.AuditOptions;
import io.sqlitekit.plugin.audit.AuditPlugin;
import io.sqlitekit.spi.Capabilities;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit on a driver without interactive transactions or {@code REGEXP} (what the D1 driver reports), over a
 * real SQLite file: capabilities say so, transactions are refused before anything runs, and batches run as one
 * atomic script ({@link AtomicScenarios}, compared with the ordinary xerial kit), so nothing is ever half-applied. Runs without node; the same refusals on the real local D1 are in
 * {@link D1DriverIT}.
 */
class NoTransactionsKitIT extends AtomicScenarios {
  private static final TableDef ITEMS = TableDef.of("items", Column.text("id").primaryKey(),
      Column.text("name").notNull(), Column.integer("n"));

  @TempDir
  Path dir;
  private SqliteKit kit;
  private SqliteRepository<Map<String, Object>, Object> items;

  @BeforeEach
  void open() {
    kit = SqliteKit.builder().url("notx:jdbc:sqlite:" + dir.resolve("x.db")).build();
    kit.createTable(ITEMS);
    items = kit.documents(ITEMS);
  }

  @AfterEach
  void close() {
    kit.close();
  }

  private static Map<String, Object> row(String id, String name) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (id != null) {
      m.put("id", id);
    }
    m.put("name", name);
    return m;
  }

  /**
   * A driver without change notifications (D1, dqlite, this stand-in) says so, refuses watch and backup with a
   * typed error, and the cache plugin keeps its earlier behaviour there: kit writes invalidate, raw SQL does not.
   */
  @Test
  void cacheWithoutChangeNotifications_keepsKitWriteInvalidationOnly() {
    assertFalse(kit.driver().supportsChangeNotifications());
    assertFalse(kit.driver().supportsOnlineBackup());
    assertThrows(OperationNotSupportedException.class, () -> kit.driver().watch(b -> { }, java.time.Duration.ZERO));
    assertThrows(OperationNotSupportedException.class,
        () -> kit.driver().backup(dir.resolve("b.db"), io.sqlitekit.spi.driver.BackupProgress.NONE));
    io.sqlitekit.plugin.cache.InMemoryCacheAdapter adapter = new io.sqlitekit.plugin.cache.InMemoryCacheAdapter();
    SqliteRepository<Map<String, Object>, Object> cached = kit.documents(ITEMS, List.of(
        io.sqlitekit.plugin.cache.CachePlugin.create(io.sqlitekit.plugin.cache.CacheOptions.defaults(), adapter)));
    cached.create(row("a", "first"));
    assertEquals("first", cached.getById("a").orElseThrow().get("name"));
    assertEquals("first", cached.getById("a").orElseThrow().get("name"));
    assertEquals(1, adapter.hitCount());
    kit.driver().write(s -> s.update("UPDATE items SET name = 'raw' WHERE id = 'a'", List.of()));
    assertEquals("first", cached.getById("a").orElseThrow().get("name"), "raw SQL is not seen without notifications");
    cached.update("a", io.sqlitekit.spi.update.Update.set("name", "kit"));
    assertEquals("kit", cached.getById("a").orElseThrow().get("name"), "a kit write still invalidates");
  }

  @Test
  void capabilities_withoutTransactionsAndRegex_batchesAtomic() {
    Capabilities c = items.capabilities();
    // The wrapped driver does not offer the date-bucket function either, so zoned buckets are refused too.
    assertEquals(Capabilities.full().without(Capability.TRANSACTIONS, Capability.NESTED_TRANSACTIONS,
        Capability.REGEX_FILTER, Capability.DATE_BUCKET_TIMEZONE), c);
  }

  @Test
  void transactions_refusedBeforeTheBodyRuns() {
    AtomicBoolean ran = new AtomicBoolean();
    OperationNotSupportedException e = assertThrows(OperationNotSupportedException.class,
        () -> items.withTransaction(r -> {
          ran.set(true);
          return r.create(row("a", "A"));
        }));
    assertTrue(e.getMessage().contains("no interactive transactions"), e.getMessage());
    assertThrows(OperationNotSupportedException.class, () -> kit.inTransaction(scope -> {
      ran.set(true);
      return null;
    }));
    assertThrows(OperationNotSupportedException.class, () -> kit.inTransaction(() -> {
      ran.set(true);
      return null;
    }));
    assertFalse(ran.get());
    assertEquals(0, items.count(Filters.all()));
  }

  @Override
  SqliteKit openUnderTest(SqliteKit.Builder b) {
    return b.url("notx:jdbc:sqlite:" + dir.resolve("scenario-" + System.nanoTime() + ".db")).build();
  }


  @Test
  void regexFilter_refusedBeforeAnythingRuns() {
    items.create(row("a", "A"));
    assertThrows(OperationNotSupportedException.class, () -> items.findAll(Filters.regex("name", "^A")));
    assertThrows(OperationNotSupportedException.class, () -> items.deleteMany(Filters.regex("name", "^A")));
    assertEquals(1, items.count(Filters.all()));
  }

  @Test
  void auditTableExporter_refusedAtConfiguration() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> kit.repository(ITEMS,
        RowMapper.documents(), List.of(AuditPlugin.create(AuditOptions.defaults().withExporterNames("table")))));
    assertTrue(e.getMessage().contains("write transactions"), e.getMessage());
    assertTrue(e.getMessage().contains("table items"), e.getMessage());
  }
}
