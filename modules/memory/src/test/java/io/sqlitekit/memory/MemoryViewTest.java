package io.sqlitekit.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.ErrorCode;
import io.sqlitekit.spi.error.ReadOnlyException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Views on the in-memory kit: a filter plus a projection of a base table, live, read-only. */
class MemoryViewTest {
  /** Adults, without the email and score columns. */
  private static final TableDef ADULTS = TableDef.view("adults", Column.integer("id").primaryKey(),
      Column.text("name").notNull(), Column.integer("age"));

  @Test
  void view_projectsAndFilters_andFollowsTheBaseTable() {
    MemoryKit kit = MemoryKit.create();
    MemoryRepository<Fixtures.User, Long> users = Fixtures.users(kit);
    kit.createView(ADULTS, Fixtures.USERS, Filters.gte("age", 18));
    users.create(Fixtures.user("ann", "ann@x", 30));
    users.create(Fixtures.user("bob", "bob@x", 12));
    users.create(Fixtures.user("cid", "cid@x", null));
    MemoryRepository<Map<String, Object>, Object> adults = kit.documents(ADULTS);
    assertEquals(List.of(Map.of("id", 1L, "name", "ann", "age", 30L)), adults.findAll(Filters.all()));
    users.update(2L, Update.set("age", 40));
    assertEquals(List.of("ann", "bob"), adults.distinct("name", Filters.all()));
    assertEquals(List.of(Map.of("n", 2L)), adults.aggregate(AggregateRequest.of("n", Measure.count())));
    // Inside a transaction the view sees the uncommitted base rows; a rollback takes them away again.
    assertThrows(IllegalStateException.class, () -> kit.inTransaction(() -> {
      users.create(Fixtures.user("dee", "dee@x", 50));
      assertEquals(3L, adults.count(Filters.all()));
      throw new IllegalStateException("roll back");
    }));
    assertEquals(2L, adults.count(Filters.all()));
  }

  @Test
  void writes_refusedReadOnly_andNothingChanges() {
    MemoryKit kit = MemoryKit.create();
    MemoryRepository<Fixtures.User, Long> users = Fixtures.users(kit);
    kit.createView(ADULTS, Fixtures.USERS, Filters.gte("age", 18));
    users.create(Fixtures.user("ann", "ann@x", 30));
    MemoryRepository<Map<String, Object>, Object> adults = kit.documents(ADULTS);
    List<Fixtures.User> before = users.findAll(Filters.all());
    ReadOnlyException e = assertThrows(ReadOnlyException.class,
        () -> adults.create(Map.of("id", 9L, "name", "x", "age", 20L)));
    assertEquals(ErrorCode.READ_ONLY, e.code());
    assertTrue(e.getMessage().contains("\"adults\""), e.getMessage());
    assertThrows(ReadOnlyException.class, () -> adults.update(1L, Update.set("age", 31)));
    assertThrows(ReadOnlyException.class, () -> adults.deleteMany(Filters.eq("id", 1L)));
    assertThrows(ReadOnlyException.class, () -> adults.withTransaction(r -> r.delete(1L)));
    assertEquals(before, users.findAll(Filters.all()));
  }

  @Test
  void viewRepository_reportsReadCapabilitiesOnly_andRefusesWithTransactionBeforeItsBody() {
    MemoryKit kit = MemoryKit.create();
    MemoryRepository<Fixtures.User, Long> users = Fixtures.users(kit);
    kit.createView(ADULTS, Fixtures.USERS, Filters.gte("age", 18));
    users.create(Fixtures.user("ann", "ann@x", 30));
    MemoryRepository<Map<String, Object>, Object> adults = kit.documents(ADULTS);
    assertEquals(users.capabilities().readOnly(), adults.capabilities());
    assertTrue(adults.capabilities().supported().stream().noneMatch(Capability::writes),
        adults.capabilities().toString());
    assertTrue(adults.capabilities().supports(Capability.AGGREGATE_EXTENDED), "reads stay");
    assertTrue(users.capabilities().supports(Capability.TRANSACTIONS), "the table keeps its writes");
    AtomicBoolean ran = new AtomicBoolean();
    ReadOnlyException e = assertThrows(ReadOnlyException.class, () -> adults.withTransaction(r -> {
      ran.set(true);
      return r.count(Filters.all());
    }));
    assertEquals(ErrorCode.READ_ONLY, e.code());
    assertTrue(e.getMessage().contains("withTransaction") && e.getMessage().contains("\"adults\""),
        e.getMessage());
    assertFalse(ran.get(), "the body of a refused transaction never runs");
    // Read consistently with other tables inside the table's transaction instead: the view's reads join it.
    assertEquals(Long.valueOf(2L), users.withTransaction(r -> {
      r.create(Fixtures.user("bea", "bea@x", 44));
      return adults.count(Filters.all());
    }));
  }

  @Test
  void createView_checksItsInput_andAViewMustExistBeforeItsRepository() {
    MemoryKit kit = MemoryKit.create();
    assertThrows(ConfigurationException.class, () -> kit.documents(ADULTS), "no such view yet");
    assertThrows(ValidationException.class, () -> kit.createView(Fixtures.USERS, Fixtures.NOTES, Filters.all()),
        "a table definition is not a view");
    assertThrows(ValidationException.class, () -> kit.createView(
        TableDef.view("bad", Column.text("id").primaryKey()), Fixtures.USERS, Filters.all()), "storage differs");
    assertThrows(ValidationException.class, () -> kit.createView(
        TableDef.view("bad", Column.integer("nope").primaryKey()), Fixtures.USERS, Filters.all()), "unknown field");
    assertThrows(ValidationException.class, () -> kit.createView(ADULTS, Fixtures.USERS, Filters.eq("nope", 1)),
        "a bad filter fails when the view is created");
    kit.createView(ADULTS, Fixtures.USERS, Filters.all());
    assertThrows(ConfigurationException.class, () -> kit.createView(ADULTS, Fixtures.USERS, Filters.all()));
    assertThrows(ConfigurationException.class,
        () -> kit.createView(Fixtures.USERS.asView(), Fixtures.USERS, Filters.all()), "a table has that name");
  }
}
