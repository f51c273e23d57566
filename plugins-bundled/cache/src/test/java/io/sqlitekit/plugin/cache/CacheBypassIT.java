package io.sqlitekit.plugin.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes that bypass the repository no longer leave stale entries: raw SQL on the kit's driver (seen by the
 * update hook at commit) and another connection, standing for another process (seen by data_version polling).
 */
final class CacheBypassIT {
  /** A row with a counter. */
  public record Item(String id, Long v) {
  }

  static final TableDef ITEMS = TableDef.of("items", Column.text("id").primaryKey(), Column.integer("v").notNull());
  static final TableDef OTHER = TableDef.of("other", Column.text("id").primaryKey(), Column.integer("v").notNull());

  @TempDir
  Path dir;
  private SqliteKit kit;
  private InMemoryCacheAdapter adapter;

  private SqliteRepository<Item, String> open(CacheOptions options) {
    adapter = new InMemoryCacheAdapter();
    kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("bypass.db"))
        .plugin(CachePlugin.create(options.withTtl(Duration.ZERO), adapter)).build();
    kit.createTableIfNotExists(ITEMS);
    kit.createTableIfNotExists(OTHER);
    return kit.repository(ITEMS, RowMapper.forRecord(Item.class));
  }

  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
  }

  /** Reads twice and checks the second read was a hit, so the value is really cached before the bypass. */
  private <T> T cached(Supplier<T> read) {
    read.get();
    long hits = adapter.hitCount();
    T value = read.get();
    assertEquals(hits + 1, adapter.hitCount(), "served from the cache");
    return value;
  }

  /** Commits through a plain JDBC connection of its own, as another process would. */
  private void updateFromAnotherConnection() throws Exception {
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bypass.db"));
        Statement st = other.createStatement()) {
      st.execute("PRAGMA busy_timeout = 5000");
      st.executeUpdate("UPDATE items SET v = 42 WHERE id = 'a'");
    }
  }

  @Test
  void rawSqlOnTheKitsDriverInvalidatesAtCommit() {
    SqliteRepository<Item, String> items = open(CacheOptions.defaults().withExternalChangePoll(Duration.ZERO));
    SqliteRepository<Item, String> others = kit.repository(OTHER, RowMapper.forRecord(Item.class));
    items.create(new Item("a", 1L));
    others.create(new Item("x", 1L));
    assertEquals(1L, cached(() -> items.getById("a").orElseThrow().v()));
    assertEquals(1L, cached(() -> items.count(Filters.all())));
    assertEquals(1L, cached(() -> others.count(Filters.all())));

    SqliteDriver d = kit.driver();
    d.write(s -> s.update("UPDATE items SET v = 2 WHERE id = 'a'", List.of()));
    assertEquals(2L, items.getById("a").orElseThrow().v(), "no stale entry after raw SQL");
    kit.execute("INSERT INTO items(id, v) VALUES ('b', 1)");
    assertEquals(2L, items.count(Filters.all()));
    long hits = adapter.hitCount();
    assertEquals(1L, others.count(Filters.all()));
    assertEquals(hits + 1, adapter.hitCount(), "a table the raw SQL did not touch stays cached");

    // Rolled-back raw work changes nothing, so it invalidates nothing.
    assertEquals(2L, cached(() -> items.count(Filters.all())));
    try {
      d.write(s -> {
        s.update("DELETE FROM items", List.of());
        throw new IllegalStateException("roll back");
      });
    } catch (IllegalStateException expected) {
      // rolled back
    }
    hits = adapter.hitCount();
    assertEquals(2L, items.count(Filters.all()));
    assertEquals(hits + 1, adapter.hitCount(), "still cached after a rollback");
  }

  @Test
  void anotherConnectionsCommitInvalidatesWithinThePollInterval() throws Exception {
    SqliteRepository<Item, String> items = open(CacheOptions.defaults()
        .withExternalChangePoll(Duration.ofMillis(25)));
    items.create(new Item("a", 1L));
    assertEquals(1L, cached(() -> items.getById("a").orElseThrow().v()));
    updateFromAnotherConnection();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    long seen = items.getById("a").orElseThrow().v();
    while (seen != 42L && System.nanoTime() < deadline) {
      Thread.sleep(5);
      seen = items.getById("a").orElseThrow().v();
    }
    assertEquals(42L, seen, "the other process's commit reached the cache");
  }

  @Test
  void pollingOffLeavesOtherConnectionsUnseenAsDocumented() throws Exception {
    SqliteRepository<Item, String> items = open(CacheOptions.defaults().withExternalChangePoll(Duration.ZERO));
    items.create(new Item("a", 1L));
    assertEquals(1L, cached(() -> items.getById("a").orElseThrow().v()));
    updateFromAnotherConnection();
    Thread.sleep(100);
    assertEquals(1L, items.getById("a").orElseThrow().v(), "without polling the entry stays until TTL or a write");
    assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("sqlitekit-watch-")
        && t.getName().contains("bypass.db") && t.isAlive()), "no polling thread");
  }
}
