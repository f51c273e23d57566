package io.sqlitekit.core;

import static io.sqlitekit.core.Fixtures.DOCS;
import static io.sqlitekit.core.Fixtures.USERS;
import static io.sqlitekit.spi.filter.Filters.all;
import static io.sqlitekit.spi.filter.Filters.and;
import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.gt;
import static io.sqlitekit.spi.filter.Filters.gte;
import static io.sqlitekit.spi.filter.Filters.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.Fixtures.User;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.FindOptions;
import io.sqlitekit.spi.GetOrCreateResult;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.ReturnDocument;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.UpdateResult;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.WriteOptions;
import io.sqlitekit.spi.error.ConstraintViolationException;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.InvalidCursorException;
import io.sqlitekit.spi.error.QueryParseException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.error.VersionConflictException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryIT {
  @TempDir
  Path dir;
  SqliteKit kit;
  SqliteRepository<User, String> users;
  SqliteRepository<Map<String, Object>, Object> docs;

  @BeforeEach
  void open() {
    kit = Fixtures.open(dir);
    users = kit.repository(USERS, User.class);
    docs = kit.documents(DOCS);
  }

  @AfterEach
  void close() {
    kit.close();
  }

  static Map<String, Object> doc(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  void seed() {
    users.createMany(List.of(
        new User("a", "a@x", "Ann", 30L, true, Instant.parse("2026-01-01T00:00:00Z"), 1.5),
        new User("b", "b@x", "Bob", 20L, false, Instant.parse("2026-02-01T00:00:00Z"), null),
        new User("c", "c@x", null, null, true, null, 3.0),
        new User("d", "d@x", "Dan", 40L, true, Instant.parse("2026-03-01T00:00:00Z"), 2.0)));
  }

  @Test
  void createAppliesDefaultsForNullComponentsAndReturnsStoredRow() {
    User u = users.create(User.of("u1", "u1@x"));
    assertEquals(Boolean.TRUE, u.active());
    assertNull(u.age());
    assertEquals(Optional.of(u), users.getById("u1"));
    assertEquals(Optional.empty(), users.getById("nope"));
  }

  @Test
  void documentsOmitAbsentKeysAndWriteExplicitNulls() {
    Map<String, Object> d = docs.create(doc("title", "t", "n", null));
    assertEquals(1L, d.get("id"));
    assertEquals(1L, d.get("version"));
    assertNull(d.get("n"));
    assertThrows(ValidationException.class, () -> docs.create(doc("title", "t", "bogus", 1)));
    assertThrows(ValidationException.class, () -> docs.create(doc("title", null)));
    assertThrows(ValidationException.class, () -> docs.create(doc("n", 1)));
    assertThrows(ValidationException.class, () -> users.create(new User("x", null, null, null, null, null, null)));
    assertThrows(ValidationException.class, () -> docs.create(doc("title", "t", "n", "not a number")));
    assertEquals(1, docs.count(all()));
  }

  @Test
  void duplicateKeyIsTypedAndRecognised() {
    users.create(User.of("a", "a@x"));
    DuplicateKeyException e = assertThrows(DuplicateKeyException.class, () -> users.create(User.of("a", "z@x")));
    assertTrue(users.isDuplicateKeyError(e));
    assertTrue(users.isDuplicateKeyError(new RuntimeException(e)));
    assertFalse(users.isDuplicateKeyError(new RuntimeException("x")));
    assertFalse(users.isDuplicateKeyError(null));
    assertFalse(users.isTransientConflictError(e));
    assertThrows(DuplicateKeyException.class, () -> users.create(User.of("b", "a@x")));
    assertEquals(1, users.count(all()));
  }

  @Test
  void createManyIsAtomicAndOrdered() {
    List<User> out = users.createMany(List.of(User.of("z", "z@x"), User.of("a", "a@x")));
    assertEquals(List.of("z", "a"), out.stream().map(User::id).collect(Collectors.toList()));
    assertThrows(DuplicateKeyException.class,
        () -> users.createMany(List.of(User.of("m", "m@x"), User.of("z", "zz@x"))));
    assertEquals(2, users.count(all()));
    assertEquals(List.of(), users.createMany(List.of()));
    List<User> many = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      many.add(new User(String.format("k%04d", 1199 - i), "k" + i + "@x", null, (long) i, null, null, null));
    }
    List<User> stored = users.createMany(many);
    assertEquals(1200, stored.size());
    for (int i = 0; i < 1200; i++) {
      assertEquals(many.get(i).id(), stored.get(i).id());
      assertEquals(Boolean.TRUE, stored.get(i).active(), "defaults are read back");
    }
    List<Map<String, Object>> generated = docs.createMany(List.of(doc("title", "x"), doc("title", "y", "n", 2L)));
    assertEquals(List.of(1L, 2L), generated.stream().map(d -> d.get("id")).collect(Collectors.toList()));
    assertEquals(2L, generated.get(1).get("n"));
  }

  @Test
  void createManyBindsEachRowByFieldNameWhateverItsKeyOrder() {
    SqliteRepository<Map<String, Object>, Object> byDoc = kit.documents(USERS);
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("id", "p");
    first.put("name", "Pat");
    first.put("email", "p@x");
    Map<String, Object> second = new LinkedHashMap<>();
    second.put("email", "q@x");
    second.put("name", "Quinn");
    second.put("id", "q");
    List<Map<String, Object>> stored = byDoc.createMany(List.of(first, second));
    assertEquals(List.of("Pat", "Quinn"), stored.stream().map(d -> d.get("name")).collect(Collectors.toList()));
    assertEquals("q@x", byDoc.getById("q").orElseThrow().get("email"));
    assertEquals("Quinn", byDoc.getById("q").orElseThrow().get("name"));
    // The first invalid row decides the error, and nothing is written.
    Map<String, Object> badType = new LinkedHashMap<>(Map.of("id", "r", "email", "r@x", "age", "old"));
    Map<String, Object> missingEmail = new LinkedHashMap<>(Map.of("id", "s"));
    ValidationException e = assertThrows(ValidationException.class,
        () -> byDoc.createMany(List.of(badType, missingEmail)));
    assertEquals("age", e.field());
    assertEquals(2, byDoc.count(all()));
    // A later row with the first row's fields is checked as fully: NULL into NOT NULL, a value of the wrong type.
    Map<String, Object> good = new LinkedHashMap<>(Map.of("id", "t", "name", "T", "email", "t@x"));
    Map<String, Object> nullEmail = new LinkedHashMap<>();
    nullEmail.put("email", null);
    nullEmail.put("id", "u");
    nullEmail.put("name", "U");
    assertEquals("email", assertThrows(ValidationException.class,
        () -> byDoc.createMany(List.of(good, nullEmail))).field());
    Map<String, Object> numberName = new LinkedHashMap<>(Map.of("id", "v", "name", 5, "email", "v@x"));
    assertEquals("name", assertThrows(ValidationException.class,
        () -> byDoc.createMany(List.of(good, good, numberName))).field());
    assertEquals(2, byDoc.count(all()));
  }

  @Test
  void readsProjectionsOrderingAndPaging() {
    seed();
    User p = users.getById("a", Projection.include("email")).orElseThrow();
    assertEquals("a@x", p.email());
    assertEquals("a", p.id(), "the key is always returned");
    assertNull(p.name());
    Map<String, Object> dp = kit.documents(USERS).getById("a", Projection.exclude("email", "score")).orElseThrow();
    assertFalse(dp.containsKey("email"));
    assertEquals("Ann", dp.get("name"));
    assertThrows(ValidationException.class, () -> users.getById("a", Projection.include("nope")));
    assertEquals(List.of("a", "c", "d"), ids(users.getByIds(List.of("d", "a", "c", "zz"))));
    assertEquals(List.of(), users.getByIds(List.of()));
    assertEquals("a", users.getOne(eq("active", true)).orElseThrow().id());
    assertEquals("d", users.getOne(all(), FindOptions.defaults().withSort(Sort.parse("-age"))).orElseThrow().id());
    assertEquals(Optional.empty(), users.getOne(eq("name", "none")));
    assertEquals(List.of("a", "b", "c", "d"), ids(users.findAll(all())));
    assertEquals(List.of("c", "b", "a", "d"), ids(users.findAll(all(), FindOptions.defaults().withSort(Sort.parse("age")))));
    assertEquals(List.of("b", "a"), ids(users.findAll(all(),
        FindOptions.defaults().withSort(Sort.parse("age")).withOffset(1).withLimit(2))));
    assertEquals(3, users.count(gte("age", 0L).equals(all()) ? all() : eq("active", true)));
    assertTrue(users.exists(eq("name", "Bob")));
    assertFalse(users.exists(eq("name", "Zed")));
    assertEquals(Arrays.asList(null, false, true).subList(1, 3), users.distinct("active", all()));
    assertEquals(Arrays.asList(null, "Ann", "Bob", "Dan"), users.distinct("name", all()));
    assertEquals(Arrays.asList(null, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"),
        Instant.parse("2026-03-01T00:00:00Z")), users.distinct("createdAt", all()));
    assertThrows(ValidationException.class, () -> users.distinct("nope", all()));
  }

  static List<String> ids(List<User> us) {
    return us.stream().map(User::id).collect(Collectors.toList());
  }

  @Test
  void offsetPagesAreTotalAndBounded() {
    seed();
    OffsetPage<User> p = users.getAll(PageRequest.of(2, 3));
    assertEquals(List.of("d"), ids(p.items()));
    assertEquals(4, p.total());
    assertEquals(2, p.pages());
    assertFalse(p.hasNext());
    assertTrue(p.hasPrev());
    assertEquals(20, users.getAll(PageRequest.first()).limit());
    OffsetPage<User> q = users.getAll(PageRequest.of(1, 2).withSort(Sort.parse("active")).withFilter(gt("age", 0L)));
    assertEquals(List.of("b", "a"), ids(q.items()));
    assertEquals(3, q.total());
    QueryParseException e = assertThrows(QueryParseException.class, () -> users.getAll(PageRequest.of(1, 1001)));
    assertEquals("limit", e.parameter());
    assertEquals(List.of(), users.getAll(PageRequest.of(99, 10)).items());
  }

  @Test
  void keysetPagesAndStreamsWalkEveryRowOnce() {
    seed();
    List<String> seen = new ArrayList<>();
    KeysetRequest req = KeysetRequest.first(Sort.parse("age"), 3);
    KeysetPage<User> page = users.getAll(req);
    seen.addAll(ids(page.items()));
    assertTrue(page.hasMore());
    page = users.getAll(req.after(page.nextCursor()));
    seen.addAll(ids(page.items()));
    assertFalse(page.hasMore());
    assertEquals(List.of("c", "b", "a", "d"), seen);
    assertThrows(InvalidCursorException.class, () -> users.getAll(req.after("garbage")));
    try (Stream<User> s = users.stream(all(), StreamOptions.defaults().withBatchSize(1).withSort(Sort.parse("-age")))) {
      assertEquals(List.of("d", "a", "b", "c"), s.map(User::id).collect(Collectors.toList()));
    }
    try (Stream<User> s = users.stream(eq("active", true), StreamOptions.defaults().withBatchSize(2))) {
      assertEquals(List.of("a", "c", "d"), s.map(User::id).collect(Collectors.toList()));
    }
  }

  @Test
  void updateSemantics() {
    seed();
    User u = users.update("a", Update.set("name", "Anne").and(Update.inc("age", 2)).and(Update.unset("score")))
        .orElseThrow();
    assertEquals("Anne", u.name());
    assertEquals(32L, u.age());
    assertNull(u.score());
    assertEquals(5L, users.update("c", Update.inc("age", 5)).orElseThrow().age(), "NULL counts as 0");
    assertEquals(Optional.empty(), users.update("zz", Update.set("name", "x")));
    assertThrows(ValidationException.class, () -> users.update("a", Update.set("id", "b")));
    assertThrows(ValidationException.class, () -> users.update("a", Update.empty()));
    assertThrows(ValidationException.class, () -> users.update("a", Update.set("nope", 1)));
    assertThrows(ValidationException.class, () -> users.update("a", Update.set("email", null)));
    assertThrows(ValidationException.class, () -> users.update("a", Update.unset("email")));
    assertThrows(ValidationException.class, () -> users.update("a", Update.set("age", "old")));
    assertThrows(ValidationException.class, () -> users.update("a", Update.inc("name", 1)));
    User same = users.update("a", Update.setOnInsert(Map.of("name", "ignored"))).orElseThrow();
    assertEquals("Anne", same.name());
    assertThrows(DuplicateKeyException.class, () -> users.update("a", Update.set("email", "b@x")));
    assertEquals("a@x", users.getById("a").orElseThrow().email());
  }

  @Test
  void optimisticConcurrency() {
    Map<String, Object> d = docs.create(doc("title", "t"));
    Object id = d.get("id");
    Map<String, Object> v2 = docs.update(id, Update.set("title", "u"), WriteOptions.ifVersion(1)).orElseThrow();
    assertEquals(2L, v2.get("version"));
    VersionConflictException e = assertThrows(VersionConflictException.class,
        () -> docs.update(id, Update.set("title", "w"), WriteOptions.ifVersion(1)));
    assertEquals(2L, e.actualVersion());
    assertEquals(1L, e.expectedVersion());
    assertEquals("u", docs.getById(id).orElseThrow().get("title"));
    assertEquals(Optional.empty(), docs.update(999L, Update.set("title", "w"), WriteOptions.ifVersion(1)));
    assertThrows(ValidationException.class,
        () -> users.update("a", Update.set("name", "x"), WriteOptions.ifVersion(1)));
    assertThrows(VersionConflictException.class, () -> docs.findOneAndUpdate(eq("title", "u"),
        Update.set("title", "v"), FindOneAndUpdateOptions.defaults().ifVersion(7)));
    assertEquals(3L, docs.findOneAndUpdate(eq("title", "u"), Update.set("title", "v"),
        FindOneAndUpdateOptions.defaults().ifVersion(2)).orElseThrow().get("version"));
  }

  @Test
  void bulkWritesRefuseEmptyFilters() {
    seed();
    assertThrows(ValidationException.class, () -> users.updateMany(all(), Update.set("name", "x")));
    assertThrows(ValidationException.class, () -> users.deleteMany(all()));
    assertThrows(ValidationException.class, () -> users.findOneAndUpdate(all(), Update.set("name", "x"),
        FindOneAndUpdateOptions.defaults()));
    UpdateResult r = users.updateMany(eq("active", true), Update.set("score", 9.0));
    assertEquals(3, r.matchedCount());
    assertEquals(3, r.modifiedCount());
    assertThrows(ValidationException.class, () -> users.updateMany(eq("active", true), Update.empty()));
    assertThrows(DuplicateKeyException.class, () -> users.updateMany(in("id", "a", "b"), Update.set("email", "same")));
    assertEquals("a@x", users.getById("a").orElseThrow().email());
    assertEquals(2, users.deleteMany(gt("age", 25L)));
    assertTrue(users.delete("b"));
    assertFalse(users.delete("b"));
    assertEquals(List.of("c"), ids(users.findAll(all())));
  }

  @Test
  void findOneAndUpdateImagesAndUpsert() {
    seed();
    FindOneAndUpdateOptions o = FindOneAndUpdateOptions.defaults().withSort(Sort.parse("-age"));
    User before = users.findOneAndUpdate(eq("active", true), Update.set("name", "X"), o.returning(ReturnDocument.BEFORE))
        .orElseThrow();
    assertEquals("d", before.id());
    assertEquals("Dan", before.name());
    assertEquals("X", users.getById("d").orElseThrow().name());
    assertEquals("a", users.findOneAndUpdate(eq("active", true), Update.inc("age", 1),
        FindOneAndUpdateOptions.defaults()).orElseThrow().id());
    assertEquals(Optional.empty(), users.findOneAndUpdate(eq("name", "nobody"), Update.set("age", 1L), o));
    User up = users.findOneAndUpdate(and(eq("id", "n"), eq("email", "n@x")),
        Update.set("name", "New").and(Update.setOnInsert(Map.of("age", 7L))).and(Update.inc("score", 2.5)),
        o.withUpsert(true)).orElseThrow();
    assertEquals(new User("n", "n@x", "New", 7L, true, null, 2.5), up);
    assertThrows(ValidationException.class, () -> users.findOneAndUpdate(eq("id", "a"), Update.empty(), o));
  }

  @Test
  void upsertOnKeyAndOnOtherTargets() {
    User a = users.upsert(new User("a", "a@x", "Ann", 1L, null, null, null));
    assertEquals("Ann", a.name());
    User a2 = users.upsert(new User("a", "a@x", null, 2L, null, null, null));
    assertEquals("Ann", a2.name(), "absent record components are not overwritten");
    assertEquals(2L, a2.age());
    User onlyKey = users.upsert(new User("a", "a@x", null, null, null, null, null));
    assertEquals(2L, onlyKey.age());
    User byEmail = users.upsert(new User("zz", "a@x", "ByEmail", null, null, null, null),
        UpsertOptions.onConflict("email"));
    assertEquals("a", byEmail.id());
    assertEquals("ByEmail", byEmail.name());
    assertThrows(ValidationException.class, () -> users.upsert(User.of("q", "q@x"), UpsertOptions.onConflict("nope")));
    Map<String, Object> d = docs.upsert(doc("id", 5L, "title", "five"));
    assertEquals(1L, d.get("version"));
    assertEquals(2L, docs.upsert(doc("id", 5L, "title", "FIVE")).get("version"));
    kit.execute(io.sqlitekit.core.schema.Indexes.create("docs", List.of("title"), true, "\"n\" IS NOT NULL", "u_t",
        true));
    docs.create(doc("title", "p", "n", 1L));
    Map<String, Object> partial = docs.upsert(doc("id", 50L, "title", "p", "n", 2L),
        UpsertOptions.onConflict("title").where(Filters.isNotNull("n")));
    assertEquals(2L, partial.get("n"));
    assertEquals(2, docs.count(all()));
  }

  @Test
  void incrementAndGetOrCreate() {
    seed();
    assertEquals(31L, users.increment("a", "age", 1).orElseThrow().age());
    assertEquals(1L, users.increment("c", "age", 1).orElseThrow().age());
    assertEquals(4.5, users.increment("a", "score", 3).orElseThrow().score());
    assertEquals(Optional.empty(), users.increment("zz", "age", 1));
    assertThrows(ValidationException.class, () -> users.increment("a", "nope", 1));
    assertThrows(ValidationException.class, () -> users.increment("a", "name", 1));
    assertThrows(ValidationException.class, () -> users.increment("a", "createdAt", 1));
    GetOrCreateResult<User> got = users.getOrCreate(eq("email", "a@x"), User.of("other", "a@x"));
    assertFalse(got.created());
    assertEquals("a", got.doc().id());
    GetOrCreateResult<User> made = users.getOrCreate(eq("email", "e@x"), User.of("e", "e@x"));
    assertTrue(made.created());
    assertEquals(5, users.count(all()));
  }

  @Test
  void aggregates() {
    seed();
    List<Map<String, Object>> rows = users.aggregate(AggregateRequest.of("n", Measure.count())
        .measure("total", Measure.sum("age")).measure("avg", Measure.avg("score")).measure("oldest", Measure.max("createdAt"))
        .measure("names", Measure.countDistinct("name")).measure("min", Measure.min("age")).groupBy("active"));
    assertEquals(2, rows.size());
    Map<String, Object> f = rows.get(0);
    assertEquals(false, f.get("active"));
    assertEquals(1L, f.get("n"));
    assertEquals(20L, f.get("total"));
    assertNull(f.get("avg"));
    Map<String, Object> t = rows.get(1);
    assertEquals(3L, t.get("n"));
    assertEquals(70L, t.get("total"));
    assertEquals(2.1666666666666665, (Double) t.get("avg"), 1e-9);
    assertEquals(Instant.parse("2026-03-01T00:00:00Z"), t.get("oldest"));
    assertEquals(2L, t.get("names"));
    assertEquals(30L, t.get("min"));
    List<Map<String, Object>> having = users.aggregate(AggregateRequest.of("n", Measure.count()).groupBy("active")
        .having(gt("n", 1)).orderBy(Sort.parse("-n")));
    assertEquals(1, having.size());
    assertEquals(true, having.get(0).get("active"));
    List<Map<String, Object>> empty = users.aggregate(AggregateRequest.of("n", Measure.count())
        .measure("s", Measure.sum("age")).where(eq("name", "nobody")));
    assertEquals(1, empty.size());
    assertEquals(0L, empty.get(0).get("n"));
    assertNull(empty.get(0).get("s"));
    assertEquals(1, users.aggregate(AggregateRequest.of("n", Measure.count()).groupBy("active").page(1, 1)).size());
    assertThrows(ValidationException.class, () -> users.aggregate(AggregateRequest.of("n", Measure.sum("nope"))));
    assertThrows(ValidationException.class,
        () -> users.aggregate(AggregateRequest.of("n", Measure.count()).groupBy("nope")));
    assertThrows(ValidationException.class,
        () -> users.aggregate(AggregateRequest.of("n", Measure.count()).having(gt("zz", 1))));
    assertThrows(ValidationException.class,
        () -> users.aggregate(AggregateRequest.of("n", Measure.count()).orderBy(Sort.parse("age"))));
  }

  @Test
  void batchIsAtomicWithPerStatementResults() {
    seed();
    List<BatchResult<User>> rs = users.batch(b -> List.of(b.insert(User.of("e", "e@x")), b.update("a", Update.set("age", 1L)),
        b.delete("b"), b.upsert(new User("c", "c@x", "Cee", null, null, null, null)), b.delete("nope")));
    assertEquals(5, rs.size());
    assertEquals(BatchStatement.Kind.INSERT, rs.get(0).kind());
    assertEquals("e", rs.get(0).rows().get(0).id());
    assertEquals(1L, rs.get(1).rows().get(0).age());
    assertEquals(1, rs.get(2).changes());
    assertEquals("Cee", rs.get(3).rows().get(0).name());
    assertEquals(0, rs.get(4).changes());
    long before = users.count(all());
    assertThrows(DuplicateKeyException.class, () -> users.batch(b -> List.of(b.update("a", Update.set("age", 99L)),
        b.insert(User.of("f", "f@x")), b.insert(User.of("a", "dup@x")))));
    assertEquals(before, users.count(all()));
    assertEquals(1L, users.getById("a").orElseThrow().age());
    assertThrows(ValidationException.class, () -> users.batch(b -> List.of()));
    // statements may touch another table in the same transaction
    List<BatchResult<User>> cross = users.batch(b -> List.of(BatchStatement.insert(DOCS, Map.of("title", "x"))));
    assertEquals(List.of(), cross.get(0).rows());
    assertEquals(1, docs.count(all()));
  }

  @Test
  void unknownFieldsAreRejectedEverywhereAndChangeNothing() {
    seed();
    List<User> snapshot = users.findAll(all());
    List<Runnable> calls = List.of(
        () -> users.findAll(eq("nope", 1)),
        () -> users.count(eq("nope", 1)),
        () -> users.exists(eq("nope", 1)),
        () -> users.getOne(eq("nope", 1)),
        () -> users.findAll(all(), FindOptions.defaults().withSort(Sort.parse("nope"))),
        () -> users.getAll(PageRequest.first().withSort(Sort.parse("nope"))),
        () -> users.getAll(KeysetRequest.first(Sort.parse("nope"), 2)),
        () -> users.stream(eq("nope", 1), StreamOptions.defaults()),
        () -> users.distinct("age", eq("nope", 1)),
        () -> users.updateMany(eq("nope", 1), Update.set("name", "x")),
        () -> users.updateMany(eq("id", "a"), Update.set("nope", "x")),
        () -> users.deleteMany(eq("nope", 1)),
        () -> users.findOneAndUpdate(eq("nope", 1), Update.set("name", "x"), FindOneAndUpdateOptions.defaults()),
        () -> users.getOrCreate(eq("nope", 1), User.of("q", "q@x")),
        () -> users.aggregate(AggregateRequest.of("n", Measure.count()).where(eq("nope", 1))),
        () -> users.batch(b -> List.of(b.update("a", Update.set("nope", 1)))),
        () -> kit.documents(USERS).create(doc("id", "q", "email", "q@x", "nope", 1)));
    for (Runnable r : calls) {
      assertThrows(ValidationException.class, r::run);
    }
    assertEquals(snapshot, users.findAll(all()));
  }

  @Test
  void constraintErrorsAreTyped() {
    kit.execute("CREATE TABLE checked (id TEXT PRIMARY KEY, n INTEGER CHECK (n > 0))");
    SqliteRepository<Map<String, Object>, Object> c = kit.documents(io.sqlitekit.spi.table.TableDef.of("checked",
        io.sqlitekit.spi.table.Column.text("id").primaryKey(), io.sqlitekit.spi.table.Column.integer("n")));
    assertThrows(ConstraintViolationException.class, () -> c.create(doc("id", "x", "n", -1L)));
    Map<String, Object> m = new HashMap<>();
    assertEquals(0, c.count(all()));
    assertTrue(m.isEmpty());
  }
}
