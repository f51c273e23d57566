package io.sqlitekit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-write path: a delete by key is one autocommit statement (no {@code BEGIN IMMEDIATE … COMMIT}),
 * while an update by key, whose returned row must be mapped, keeps its transaction so that a mapping failure
 * rolls it back.
 */
class SingleWritePathIT {
  static final TableDef ITEMS = TableDef.of("items",
      Column.integer("id").primaryKey(),
      Column.text("name").notNull());

  /** Refuses one name, as an application's validating record might. */
  public record Item(Long id, String name) {
    public Item {
      if ("unmappable".equals(name)) {
        throw new IllegalArgumentException("name refused by the entity");
      }
    }
  }

  @TempDir
  Path dir;

  private static List<String> trace(List<StatementEvent> events) {
    return events.stream().map(e -> e.kind() + " " + e.sql().split(" ")[0] + (e.succeeded() ? "" : " failed"))
        .collect(Collectors.toList());
  }

  @Test
  void deleteById_isOneStatement_withoutTransactionControl() {
    List<StatementEvent> events = new CopyOnWriteArrayList<>();
    try (SqliteKit kit = Fixtures.builder(dir).statementListener(events::add).build()) {
      kit.createTable(ITEMS);
      SqliteRepository<Item, Long> items = kit.repository(ITEMS, Item.class);
      items.create(new Item(1L, "a"));
      items.create(new Item(2L, "b"));
      events.clear();
      assertTrue(items.delete(1L));
      assertFalse(items.delete(1L), "already gone");
      assertEquals(List.of("UPDATE DELETE", "UPDATE DELETE"), trace(events));
      assertFalse(items.getById(1L).isPresent());
      assertTrue(items.getById(2L).isPresent());
    }
  }

  @Test
  void deleteById_insideATransaction_joinsIt_andRollsBackWithIt() {
    List<StatementEvent> events = new CopyOnWriteArrayList<>();
    try (SqliteKit kit = Fixtures.builder(dir).statementListener(events::add).build()) {
      kit.createTable(ITEMS);
      SqliteRepository<Item, Long> items = kit.repository(ITEMS, Item.class);
      items.create(new Item(1L, "a"));
      events.clear();
      assertThrows(IllegalStateException.class, () -> kit.inTransaction(() -> {
        assertTrue(items.delete(1L));
        throw new IllegalStateException("abort");
      }));
      // Inside a transaction it is a nested write like any other: its own savepoint, then the outer rollback.
      assertEquals(List.of("TRANSACTION BEGIN", "TRANSACTION SAVEPOINT", "UPDATE DELETE", "TRANSACTION RELEASE",
          "TRANSACTION ROLLBACK"), trace(events));
      assertTrue(items.getById(1L).isPresent(), "the delete rolled back with its transaction");
    }
  }

  @Test
  void failingDelete_appliesNothing_andTheWriterGoesOn() {
    try (SqliteKit kit = Fixtures.builder(dir).build()) {
      kit.createTable(ITEMS);
      kit.execute("CREATE TRIGGER keep_one BEFORE DELETE ON items WHEN old.name = 'keep' "
          + "BEGIN SELECT RAISE(ABORT, 'kept'); END");
      SqliteRepository<Item, Long> items = kit.repository(ITEMS, Item.class);
      items.create(new Item(1L, "keep"));
      items.create(new Item(2L, "b"));
      RepositoryException e = assertThrows(RepositoryException.class, () -> items.delete(1L));
      assertTrue(e.getMessage().contains("kept"), e.getMessage());
      assertTrue(items.getById(1L).isPresent());
      assertTrue(items.delete(2L), "the writer connection is usable after the failed statement");
      assertEquals(1L, items.count(io.sqlitekit.spi.filter.Filters.all()));
    }
  }

  @Test
  void updateById_keepsItsTransaction_soAMappingFailureLeavesNothingCommitted() {
    List<StatementEvent> events = new CopyOnWriteArrayList<>();
    try (SqliteKit kit = Fixtures.builder(dir).statementListener(events::add).build()) {
      kit.createTable(ITEMS);
      SqliteRepository<Item, Long> items = kit.repository(ITEMS, Item.class);
      items.create(new Item(1L, "a"));
      events.clear();
      RuntimeException e = assertThrows(RuntimeException.class,
          () -> items.update(1L, Update.set("name", "unmappable")));
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      assertEquals("name refused by the entity", root.getMessage());
      assertEquals(List.of("TRANSACTION BEGIN", "QUERY UPDATE", "TRANSACTION ROLLBACK"), trace(events));
      assertEquals("a", items.getById(1L).orElseThrow().name(), "the update was rolled back");
      assertEquals("b", items.update(1L, Update.set("name", "b")).orElseThrow().name());
    }
  }
}
