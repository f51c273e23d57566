package io.sqlitekit.plugin.softdelete;

import static io.sqlitekit.spi.filter.Filters.all;
import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.testsupport.MutableClock;
import io.sqlitekit.testsupport.SqliteFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Soft delete on a real SQLite file (WAL) through the core repository: every method ignores deleted rows. */
final class SoftDeleteIT {
  /** A user. */
  public record User(String id, String email, Long n, Instant deletedAt) {
  }

  static final TableDef USERS = TableDef.of("users", Column.text("id").primaryKey(), Column.text("email"),
      Column.integer("n"), Column.timestamp("deletedAt"));
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock(T0);
  private SqliteKit kit;
  private StandardRepo<User, String> users;

  @BeforeEach
  void open() {
    kit = Kits.open(dir.resolve("sd.db"), clock, "soft-delete");
    Kits.create(kit, USERS);
    users = kit.repository(USERS, User.class);
    users.createMany(List.of(new User("a", "a@x", 1L, null), new User("b", "b@x", 2L, null),
        new User("c", "c@x", 3L, null)));
    assertTrue(users.delete("b"));
  }

  @AfterEach
  void close() {
    kit.close();
  }

  private static List<String> ids(List<User> rows) {
    return rows.stream().map(User::id).sorted().collect(Collectors.toList());
  }

  @Test
  void delete_marksRow_withClockTime() {
    StandardRepo<User, String> all = users.withContext(CallContext.of(SoftDeletes.INCLUDE_DELETED, true));
    assertEquals(T0, all.getById("b").orElseThrow().deletedAt());
    assertEquals(3, all.count(all()), "the row is still there");
  }

  @Test
  void everyReadIgnoresDeletedRows() {
    assertEquals(Optional.empty(), users.getById("b"));
    assertEquals(List.of("a", "c"), ids(users.getByIds(List.of("a", "b", "c"))));
    assertEquals(Optional.empty(), users.getOne(eq("email", "b@x")));
    assertEquals(List.of("a", "c"), ids(users.findAll(all())));
    assertEquals(List.of("a", "c"), ids(users.getAll(PageRequest.first()).items()));
    assertEquals(2, users.getAll(PageRequest.first()).total());
    Sort byId = Sort.by(SortField.asc("id"));
    assertEquals(List.of("a", "c"), ids(users.getAll(KeysetRequest.first(byId, 10)).items()));
    try (Stream<User> s = users.stream(all(), StreamOptions.defaults())) {
      assertEquals(List.of("a", "c"), ids(s.collect(Collectors.toList())));
    }
    assertEquals(2, users.count(all()));
    assertFalse(users.exists(eq("id", "b")));
    assertEquals(List.of("a@x", "c@x"), users.distinct("email", all()).stream().map(Object::toString).sorted()
        .collect(Collectors.toList()));
    List<java.util.Map<String, Object>> agg = users.aggregate(AggregateRequest.of("total", Measure.sum("n")));
    assertEquals(4L, ((Number) agg.get(0).get("total")).longValue());
  }

  @Test
  void everyWriteIgnoresDeletedRows() {
    assertEquals(Optional.empty(), users.update("b", Update.set("n", 9L)));
    assertEquals(2, users.updateMany(io.sqlitekit.spi.filter.Filters.isNotNull("id"), Update.set("n", 7L)).matchedCount());
    assertEquals(Optional.empty(), users.findOneAndUpdate(eq("id", "b"), Update.set("n", 9L),
        FindOneAndUpdateOptions.defaults()));
    assertEquals(Optional.empty(), users.increment("b", "n", 1));
    assertFalse(users.delete("b"), "double delete is a miss");
    assertFalse(users.delete("zzz"), "missing id is a miss");
    assertEquals(0, users.deleteMany(eq("id", "b")));
    User deleted = users.withContext(CallContext.of(SoftDeletes.INCLUDE_DELETED, true)).getById("b").orElseThrow();
    assertEquals(2L, deleted.n(), "no write touched the deleted row");
    assertEquals(T0, deleted.deletedAt(), "the first deletion time is kept");
    var got = users.getOrCreate(eq("email", "b@x"), new User("b2", "b@x", 0L, null));
    assertTrue(got.created(), "getOrCreate does not find the deleted row");
    assertEquals("b2", got.doc().id());
  }

  @Test
  void deleteMany_marksOnlyLiveRows() {
    clock.advance(Duration.ofMinutes(1));
    assertEquals(2, users.deleteMany(io.sqlitekit.spi.filter.Filters.isNotNull("id")));
    assertEquals(0, users.count(all()));
    StandardRepo<User, String> inc = users.withContext(CallContext.of(SoftDeletes.INCLUDE_DELETED, true));
    assertEquals(T0.plus(Duration.ofMinutes(1)), inc.getById("a").orElseThrow().deletedAt());
    assertEquals(T0, inc.getById("b").orElseThrow().deletedAt());
  }

  @Test
  void restore_getDeleted_hardDelete() {
    assertEquals(List.of("b"), ids(SoftDeletes.getDeleted(users, PageRequest.first()).items()));
    User restored = SoftDeletes.restore(users, "b").orElseThrow();
    assertNull(restored.deletedAt());
    assertEquals(3, users.count(all()));
    assertEquals(Optional.empty(), SoftDeletes.restore(users, "zzz"));
    assertTrue(users.delete("c"));
    assertTrue(SoftDeletes.hardDelete(users, "c"), "hard delete removes a deleted row too");
    assertTrue(SoftDeletes.hardDelete(users, "a"));
    assertFalse(SoftDeletes.hardDelete(users, "a"));
    assertEquals(List.of("b"), SqliteFiles.raw(dir.resolve("sd.db"), "users", "1").stream()
        .map(r -> r.substring(r.indexOf("String:") + 7, r.indexOf(' '))).collect(Collectors.toList()));
    assertTrue(users.withContext(CallContext.of(SoftDeletes.HARD_DELETE, true)).delete("b"));
    assertEquals(List.of(), SqliteFiles.raw(dir.resolve("sd.db"), "users", "1"));
  }

  @Test
  void uniqueWhenNotDeleted_upsertAgainstPartialIndex() {
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sd.db"));
        var s = c.createStatement()) {
      s.execute(SoftDeletes.uniqueActiveIndexSql(USERS, "email"));
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
    assertThrows(DuplicateKeyException.class, () -> users.create(new User("a2", "a@x", 0L, null)));
    User fresh = users.create(new User("b2", "b@x", 0L, null));
    assertEquals("b2", fresh.id(), "a deleted row with the same email does not block a new one");
    assertTrue(users.delete("b2"));
    User viaUpsert = users.upsert(new User("b3", "b@x", 5L, null), UpsertOptions.onConflict("email"));
    assertEquals("b3", viaUpsert.id(), "upsert inserts: both rows with b@x are deleted");
    User hit = users.upsert(new User("zz", "b@x", 6L, null), UpsertOptions.onConflict("email"));
    assertEquals("b3", hit.id(), "upsert updates the live row with that email");
    assertEquals(6L, hit.n());
    assertEquals(1, users.count(eq("email", "b@x")));
  }

  @Test
  void upsertOnKeyOfDeletedRow_restoresIt() {
    User u = users.upsert(new User("b", "b@x", 8L, null));
    assertNull(u.deletedAt());
    assertEquals(8L, users.getById("b").orElseThrow().n());
  }

  @Test
  void batch_deleteMarks_updateOfDeletedMisses() {
    var results = users.batch(b -> List.of(b.delete("a"), b.update("b", Update.set("n", 9L))));
    assertEquals(1, results.get(0).changes());
    assertEquals(0, results.get(1).changes());
    assertEquals(List.of("c"), ids(users.findAll(all())));
    assertNotNull(users.withContext(CallContext.of(SoftDeletes.INCLUDE_DELETED, true)).getById("a").orElseThrow()
        .deletedAt());
  }

  @Test
  void transactionBoundRepository_isScopedToo() {
    long n = users.withTransaction(tx -> {
      assertEquals(Optional.empty(), tx.getById("b"));
      assertFalse(tx.delete("b"));
      assertTrue(tx.delete("a"));
      return tx.count(all());
    });
    assertEquals(1, n);
    assertEquals(List.of("c"), ids(users.findAll(in("id", "a", "b", "c"))));
    assertNotEquals(0, users.withContext(CallContext.of(SoftDeletes.INCLUDE_DELETED, true)).count(all()));
  }

  @Test
  void includeDeleted_everyMethodSeesDeletedRows() {
    StandardRepo<User, String> inc = users.withContext(CallContext.of(SoftDeletes.INCLUDE_DELETED, true));
    assertTrue(inc.getById("b").isPresent());
    assertEquals(List.of("a", "b", "c"), ids(inc.getByIds(List.of("a", "b", "c"))));
    assertTrue(inc.getOne(eq("email", "b@x")).isPresent());
    assertEquals(List.of("a", "b", "c"), ids(inc.findAll(all())));
    assertEquals(3, inc.getAll(PageRequest.first()).total());
    assertEquals(List.of("a", "b", "c"), ids(inc.getAll(KeysetRequest.first(Sort.by(SortField.asc("id")), 10))
        .items()));
    try (Stream<User> s = inc.stream(all(), StreamOptions.defaults())) {
      assertEquals(3, s.count());
    }
    assertTrue(inc.exists(eq("id", "b")));
    assertEquals(3, inc.distinct("email", all()).size());
    assertEquals(6L, ((Number) inc.aggregate(AggregateRequest.of("t", Measure.sum("n"))).get(0).get("t"))
        .longValue());
    assertEquals(9L, inc.update("b", Update.set("n", 9L)).orElseThrow().n());
    assertEquals(10L, inc.increment("b", "n", 1).orElseThrow().n());
    assertEquals(3, inc.updateMany(io.sqlitekit.spi.filter.Filters.isNotNull("id"), Update.set("n", 1L))
        .matchedCount());
    assertNotNull(inc.getById("b").orElseThrow().deletedAt(), "updates with includeDeleted do not restore");
  }
}
