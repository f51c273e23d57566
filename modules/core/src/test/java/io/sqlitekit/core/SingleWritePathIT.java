package io.sqlitekit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.UpdateResult;
import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.spi.table.RowMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-write path: a delete by key, and an updateMany or deleteMany without increments, is one autocommit
 * statement (no {@code BEGIN IMMEDIATE … COMMIT}), and
 * so is an insert that carries its key when the database fills none of the columns it omits (its entity is built
 * before the statement runs), while an update by key, whose returned row must be mapped, keeps its transaction so
 * that a mapping failure rolls it back.
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

  /** A row with a counter. */
  public record Counter(Long id, String name, Long hits) {
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
  void updateManyAndDeleteMany_withoutIncrements_areOneStatementEach_withIncrementsKeepTheirProbe() {
    TableDef counters = TableDef.of("counters", Column.integer("id").primaryKey(), Column.text("name").notNull(),
        Column.integer("hits").notNull());
    List<StatementEvent> events = new CopyOnWriteArrayList<>();
    try (SqliteKit kit = Fixtures.builder(dir).statementListener(events::add).build()) {
      kit.createTable(counters);
      SqliteRepository<Counter, Long> rows = kit.repository(counters, Counter.class);
      for (long id = 1; id <= 3; id++) {
        rows.create(new Counter(id, "n" + id, 0L));
      }
      events.clear();
      UpdateResult renamed = rows.updateMany(io.sqlitekit.spi.filter.Filters.lte("id", 2L), Update.set("name", "x"));
      assertEquals(new UpdateResult(2, 2), renamed);
      assertEquals(1L, rows.deleteMany(io.sqlitekit.spi.filter.Filters.eq("id", 3L)));
      assertEquals(List.of("UPDATE UPDATE", "UPDATE DELETE"), trace(events), "one statement each");
      events.clear();
      // An increment is checked for overflow first, in the same transaction as the UPDATE.
      assertEquals(new UpdateResult(2, 2), rows.updateMany(io.sqlitekit.spi.filter.Filters.gte("id", 1L),
          Update.inc("hits", 1)));
      assertEquals("TRANSACTION BEGIN", trace(events).get(0));
      assertEquals("TRANSACTION COMMIT", trace(events).get(trace(events).size() - 1));
      assertEquals(List.of("x", "x"), rows.findAll(io.sqlitekit.spi.filter.Filters.all()).stream()
          .map(Counter::name).collect(Collectors.toList()));
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

  @Test
  void createWithKey_isOneStatement_andReturnsTheStoredRow() {
    List<StatementEvent> events = new CopyOnWriteArrayList<>();
    try (SqliteKit kit = Fixtures.builder(dir).statementListener(events::add).build()) {
      kit.createTable(ITEMS);
      SqliteRepository<Item, Long> items = kit.repository(ITEMS, Item.class);
      events.clear();
      assertEquals(new Item(7L, "a"), items.create(new Item(7L, "a")));
      assertEquals(List.of("UPDATE INSERT"), trace(events));
      assertEquals(new Item(7L, "a"), items.getById(7L).orElseThrow());
      events.clear();
      // Without its key SQLite picks the rowid, so the insert returns it (RETURNING) in a transaction.
      Item generated = items.create(new Item(null, "b"));
      assertEquals(List.of("TRANSACTION BEGIN", "QUERY INSERT", "TRANSACTION COMMIT"), trace(events));
      assertEquals(generated, items.getById(generated.id()).orElseThrow());
    }
  }

  @Test
  void createWithKey_aDefaultOnlyTheDatabaseKnows_isReadBackNotGuessed() {
    try (SqliteKit kit = Fixtures.builder(dir).build()) {
      // A migration gave "name" a default the TableDef does not declare.
      kit.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT 'from-ddl')");
      TableDef loose = TableDef.of("items", Column.integer("id").primaryKey(), Column.text("name"));
      SqliteRepository<Item, Long> items = kit.repository(loose, Item.class);
      assertEquals(new Item(1L, "from-ddl"), items.create(new Item(1L, null)));
      assertEquals(new Item(1L, "from-ddl"), items.getById(1L).orElseThrow());
      // So is a bulk insert's.
      assertEquals(List.of(new Item(2L, "from-ddl"), new Item(3L, "from-ddl")),
          items.createMany(List.of(new Item(2L, null), new Item(3L, null))));
      assertEquals(List.of(new Item(4L, "from-ddl"), new Item(5L, "from-ddl")), items.batch(b -> List.of(
          b.insert(new Item(4L, null)), b.insert(new Item(5L, null)))).stream()
          .flatMap(r -> r.rows().stream()).collect(Collectors.toList()));
    }
  }

  @Test
  void createWithKey_anEntityThatCannotBeBuilt_writesNothing() {
    // Writes any name but refuses to build an entity named "unreadable", as a validating mapper might.
    RowMapper<Item> strict = new RowMapper<>() {
      @Override
      public Map<String, Object> toFields(Item entity) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", entity.id());
        m.put("name", entity.name());
        return m;
      }

      @Override
      public Item fromFields(Map<String, Object> fields) {
        if ("unreadable".equals(fields.get("name"))) {
          throw new IllegalArgumentException("name refused on the way back");
        }
        return new Item((Long) fields.get("id"), (String) fields.get("name"));
      }

      @Override
      public boolean nullMeansAbsent() {
        return true;
      }

      @Override
      public Class<Item> type() {
        return Item.class;
      }
    };
    List<StatementEvent> events = new CopyOnWriteArrayList<>();
    try (SqliteKit kit = Fixtures.builder(dir).statementListener(events::add).build()) {
      kit.createTable(ITEMS);
      SqliteRepository<Item, Long> items = kit.repository(ITEMS, strict);
      events.clear();
      RuntimeException e = assertThrows(RuntimeException.class, () -> items.create(new Item(1L, "unreadable")));
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      assertEquals("name refused on the way back", root.getMessage());
      assertEquals(List.of(), trace(events), "the entity is built before anything runs");
      assertEquals(0L, items.count(io.sqlitekit.spi.filter.Filters.all()));
    }
  }

  @Test
  void createWithKey_insideATransaction_rollsBackWithIt() {
    try (SqliteKit kit = Fixtures.builder(dir).build()) {
      kit.createTable(ITEMS);
      SqliteRepository<Item, Long> items = kit.repository(ITEMS, Item.class);
      assertThrows(IllegalStateException.class, () -> kit.inTransaction(() -> {
        items.create(new Item(1L, "a"));
        assertTrue(items.getById(1L).isPresent(), "visible inside its transaction");
        throw new IllegalStateException("abort");
      }));
      assertFalse(items.getById(1L).isPresent(), "the insert rolled back with its transaction");
    }
  }

  /** A row with optional fields: {@code note} has no default, {@code tag} has one. */
  public record Note(Long id, String name, String note, String tag) {
  }

  @Test
  void createMany_rowsThatLeaveOutDifferentNullableFields_shareOneBatch_unlessTheColumnHasADefault() {
    List<StatementEvent> events = new CopyOnWriteArrayList<>();
    try (SqliteKit kit = Fixtures.builder(dir).statementListener(events::add).build()) {
      TableDef notes = TableDef.of("notes", Column.integer("id").primaryKey(), Column.text("name").notNull(),
          Column.text("note"), Column.text("tag").defaultValue("none"));
      kit.createTable(notes);
      SqliteRepository<Note, Long> repo = kit.repository(notes, Note.class);
      events.clear();
      // A record leaves out its null components; "note" has no default, so leaving it out stores NULL.
      List<Note> mixed = List.of(new Note(1L, "a", null, "t"), new Note(2L, "b", "x", "t"),
          new Note(3L, "c", null, "t"), new Note(4L, "d", "y", "t"));
      assertEquals(mixed, repo.createMany(mixed));
      assertEquals(List.of("TRANSACTION BEGIN", "BATCH INSERT", "TRANSACTION COMMIT"), trace(events));
      assertEquals(mixed, repo.findAll(Filters.all()));
      repo.deleteMany(Filters.gt("id", 0L));
      events.clear();
      // The same rows with the first one carrying "note".
      List<Note> noteFirst = List.of(mixed.get(1), mixed.get(0), mixed.get(3), mixed.get(2));
      assertEquals(noteFirst, repo.createMany(noteFirst));
      assertEquals(List.of("TRANSACTION BEGIN", "BATCH INSERT", "TRANSACTION COMMIT"), trace(events));
      assertEquals(mixed, repo.findAll(Filters.all()));
      events.clear();
      // Leaving out "tag" stores its default, which binding NULL would not: those rows are inserted one by one.
      List<Note> defaults = List.of(new Note(5L, "e", "z", "t"), new Note(6L, "f", "z", null));
      assertEquals(List.of(new Note(5L, "e", "z", "t"), new Note(6L, "f", "z", "none")), repo.createMany(defaults));
      assertEquals(List.of("TRANSACTION BEGIN", "QUERY INSERT", "QUERY INSERT", "TRANSACTION COMMIT"),
          trace(events));
      // A NULL left out of a NOT NULL column still fails the call, whichever row it is in.
      assertEquals("name", assertThrows(ValidationException.class, () -> repo.createMany(
          List.of(new Note(7L, "g", null, "t"), new Note(8L, null, "w", "t")))).field());
      assertEquals(6, repo.count(Filters.all()));
    }
  }
}
