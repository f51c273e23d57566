package io.sqlitekit.memory;

import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.gt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.memory.Fixtures.Role;
import io.sqlitekit.memory.Fixtures.User;
import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.FindOptions;
import io.sqlitekit.spi.GetOrCreateResult;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.ReturnDocument;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.UpdateResult;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.WriteOptions;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.error.VersionConflictException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class MemoryRepositoryTest {
  private MemoryKit kit;
  private MemoryRepository<User, Long> users;

  @BeforeEach
  void setUp() {
    kit = MemoryKit.create();
    users = Fixtures.users(kit);
  }

  private User ann() {
    return users.create(Fixtures.user("ann", "ann@x", 30));
  }

  @Test
  void create_fillsDefaultsAndRowid() {
    User a = ann();
    User b = users.create(Fixtures.user("bob", "bob@x", null));
    assertEquals(1L, a.id());
    assertEquals(2L, b.id());
    assertEquals(true, a.active());
    assertEquals(1L, a.version());
    assertNull(b.age());
    assertEquals(Optional.of(a), users.getById(1L));
  }

  @Test
  void create_rowidIsMaxPlusOne_autoIncrementNeverReuses() {
    users.create(new User(10L, "x", null, null, null, null, null, null, null));
    assertEquals(11L, users.create(Fixtures.user("y", null, null)).id());
    TableDef t = TableDef.of("seq", Column.integer("id").autoIncrement(), Column.text("v"));
    MemoryRepository<Map<String, Object>, Object> docs = kit.documents(t);
    docs.create(Map.of("v", "a"));
    Object second = docs.create(Map.of("v", "b")).get("id");
    assertTrue(docs.delete(second));
    assertEquals(3L, docs.create(Map.of("v", "c")).get("id"));
  }

  @Test
  void create_duplicatePrimaryKeyOrUnique() {
    User a = ann();
    DuplicateKeyException e = assertThrows(DuplicateKeyException.class,
        () -> users.create(new User(a.id(), "z", null, null, null, null, null, null, null)));
    assertTrue(users.isDuplicateKeyError(e));
    assertTrue(users.isDuplicateKeyError(new RuntimeException(e)));
    assertFalse(users.isDuplicateKeyError(null));
    assertThrows(DuplicateKeyException.class, () -> users.create(Fixtures.user("other", "ann@x", 1)));
    // NULLs never clash on a UNIQUE column.
    users.create(Fixtures.user("n1", null, null));
    users.create(Fixtures.user("n2", null, null));
    assertEquals(3, users.count(Filters.all()));
  }

  @Test
  void create_notNullWithoutDefault_isValidationError() {
    ValidationException e = assertThrows(ValidationException.class, () -> users.create(Fixtures.user(null, "e", 1)));
    assertEquals("name", e.field());
    MemoryRepository<Map<String, Object>, Object> docs = kit.documents(Fixtures.USERS);
    Map<String, Object> explicitNull = new HashMap<>();
    explicitNull.put("name", "x");
    explicitNull.put("active", null);
    assertThrows(ValidationException.class, () -> docs.create(explicitNull));
    assertThrows(ValidationException.class, () -> kit.documents(Fixtures.NOTES).create(Map.of("body", "no id")));
    assertEquals(0, users.count(Filters.all()));
  }

  @Test
  void create_unknownFieldOrWrongType() {
    MemoryRepository<Map<String, Object>, Object> docs = kit.documents(Fixtures.USERS);
    ValidationException e = assertThrows(ValidationException.class, () -> docs.create(Map.of("name", "a", "x", 1)));
    assertTrue(e.getMessage().contains("\"x\"") && e.getMessage().contains("users"));
    assertThrows(ValidationException.class, () -> docs.create(Map.of("name", "a", "age", "old")));
  }

  @Test
  void createMany_isAtomic() {
    ann();
    List<User> batch = List.of(Fixtures.user("b", "b@x", 1), Fixtures.user("c", "ann@x", 2));
    assertThrows(DuplicateKeyException.class, () -> users.createMany(batch));
    assertEquals(1, users.count(Filters.all()));
    assertEquals(List.of(), users.createMany(List.of()));
    assertEquals(2, users.createMany(List.of(Fixtures.user("b", "b@x", 1), Fixtures.user("c", null, 2))).size());
  }

  @Test
  void sqlDefaults_currentTimestampFromClock_unsupportedRejected() {
    Clock clock = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);
    MemoryKit k = MemoryKit.builder().clock(clock).build();
    TableDef t = TableDef.of("stamped", Column.integer("id").primaryKey(), Column.text("at").defaultSql("CURRENT_TIMESTAMP"),
        Column.integer("n").defaultSql("(42)"), Column.text("s").defaultSql("'it''s'"));
    Map<String, Object> row = k.documents(t).create(Map.of());
    assertEquals("2026-03-04 05:06:07", row.get("at"));
    assertEquals(42L, row.get("n"));
    assertEquals("it's", row.get("s"));
    TableDef bad = TableDef.of("bad", Column.integer("id").primaryKey(), Column.text("v").defaultSql("random()"));
    assertThrows(ConfigurationException.class, () -> k.documents(bad));
  }

  @Test
  void sameTableName_sharesRows_otherDefinitionRejected() {
    ann();
    assertEquals(1, kit.documents(Fixtures.USERS).count(Filters.all()));
    assertEquals(0, Fixtures.users(MemoryKit.create()).count(Filters.all()));
    assertThrows(ConfigurationException.class,
        () -> kit.documents(TableDef.of("users", Column.integer("id").primaryKey())));
  }

  @Test
  void getById_projection_andMiss() {
    User a = ann();
    User p = users.getById(a.id(), Projection.include("name")).orElseThrow();
    assertEquals("ann", p.name());
    assertEquals(a.id(), p.id());
    assertNull(p.email());
    User q = users.getById(a.id(), Projection.exclude("email")).orElseThrow();
    assertNull(q.email());
    assertEquals(30, q.age());
    assertEquals(Optional.empty(), users.getById(99L));
    assertThrows(ValidationException.class, () -> users.getById(a.id(), Projection.include("nope")));
    assertThrows(ValidationException.class, () -> users.getById(a.id(),
        Projection.exclude(Fixtures.USERS.fieldNames().toArray(new String[0]))));
  }

  @Test
  void getByIds_pkOrder_missingSkipped() {
    users.createMany(List.of(Fixtures.user("a", null, 1), Fixtures.user("b", null, 2), Fixtures.user("c", null, 3)));
    assertEquals(List.of(1L, 3L), users.getByIds(List.of(3L, 99L, 1L)).stream().map(User::id)
        .collect(Collectors.toList()));
    assertEquals(List.of(), users.getByIds(List.of()));
  }

  @Test
  void findAll_sortLimitOffset_nullsFirstAsc_lastDesc() {
    users.createMany(List.of(Fixtures.user("a", null, 30), Fixtures.user("b", null, null),
        Fixtures.user("c", null, 20), Fixtures.user("d", null, 30)));
    FindOptions asc = FindOptions.defaults().withSort(Sort.by(SortField.asc("age")));
    assertEquals("b,c,a,d", names(users.findAll(Filters.all(), asc)));
    FindOptions desc = FindOptions.defaults().withSort(Sort.by(SortField.desc("age")));
    // Ties (a and d are both 30) break by primary key in the last key's direction: d (id 4) before a (id 1).
    assertEquals("d,a,c,b", names(users.findAll(Filters.all(), desc)));
    assertEquals("c,a", names(users.findAll(Filters.all(), asc.withLimit(2).withOffset(1))));
    assertEquals("a,b,c,d", names(users.findAll(Filters.all())));
    assertEquals("d", users.getOne(Filters.all(), FindOptions.defaults().withSort(Sort.parse("-name")))
        .orElseThrow().name());
    assertEquals("a", users.getOne(gt("id", 0)).orElseThrow().name());
    assertThrows(ValidationException.class,
        () -> users.findAll(Filters.all(), FindOptions.defaults().withSort(Sort.parse("nope"))));
  }

  @Test
  void sqliteValueOrder_textByCodePoint_numbersAcrossTypes() {
    TableDef t = TableDef.of("mixed", Column.text("id").primaryKey(), Column.text("t"), Column.blob("b"));
    MemoryRepository<Map<String, Object>, Object> docs = kit.documents(t);
    docs.create(Map.of("id", "1", "t", "\uFF21", "b", new byte[] {(byte) 0x80}));
    docs.create(Map.of("id", "2", "t", "\uD83D\uDE00", "b", new byte[] {0x01, 0x02}));
    docs.create(Map.of("id", "3", "t", "Z", "b", new byte[] {0x01}));
    List<Object> byText = docs.findAll(Filters.all(), FindOptions.defaults().withSort(Sort.parse("t"))).stream()
        .map(m -> m.get("id")).collect(Collectors.toList());
    assertEquals(List.of("3", "1", "2"), byText);
    List<Object> byBlob = docs.findAll(Filters.all(), FindOptions.defaults().withSort(Sort.parse("b"))).stream()
        .map(m -> m.get("id")).collect(Collectors.toList());
    assertEquals(List.of("3", "2", "1"), byBlob);
    assertArrayEquals(new byte[] {0x01}, (byte[]) docs.getById("3").orElseThrow().get("b"));
  }

  @Test
  void blobs_areNeverSharedWithCallers() {
    MemoryRepository<Map<String, Object>, Object> docs = kit.documents(Fixtures.NOTES);
    byte[] data = {1, 2, 3};
    Map<String, Object> row = new HashMap<>();
    row.put("id", "b");
    row.put("data", data);
    docs.create(row);
    data[0] = 9;
    byte[] read = (byte[]) docs.getById("b").orElseThrow().get("data");
    assertArrayEquals(new byte[] {1, 2, 3}, read);
    read[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) docs.getById("b").orElseThrow().get("data"));
  }

  /** A deliberately tiny codec: JSON strings only. */
  private static final class StringJson implements io.sqlitekit.spi.json.JsonCodec {
    @Override
    public String write(Object value) {
      return "\"" + value + "\"";
    }

    @Override
    public Object read(String json, java.lang.reflect.Type type) {
      return json.substring(1, json.length() - 1);
    }
  }

  @Test
  void jsonColumns_useTheConfiguredCodec_elseTheBuiltInOne() {
    TableDef t = TableDef.of("j", Column.integer("id").primaryKey(), Column.json("tag", Object.class));
    // No codec given or discovered: the SQLite kit's fallback, so both kits store the same JSON text.
    MemoryKit plain = MemoryKit.create();
    assertSame(io.sqlitekit.support.json.MiniJson.INSTANCE, plain.jsonCodec());
    MemoryRepository<Map<String, Object>, Object> fallback = plain.documents(t);
    fallback.create(Map.of("tag", Map.of("k", List.of(1L, "two"))));
    assertEquals(Map.of("k", List.of(1L, "two")), fallback.getById(1L).orElseThrow().get("tag"));
    MemoryKit withCodec = MemoryKit.builder().jsonCodec(new StringJson()).build();
    MemoryRepository<Map<String, Object>, Object> docs = withCodec.documents(t);
    docs.create(Map.of("tag", "x"));
    assertEquals("x", docs.getById(1L).orElseThrow().get("tag"));
    assertEquals(1, docs.count(eq("tag", "x")));
    assertTrue(withCodec.jsonCodec() instanceof StringJson);
    assertThrows(IllegalStateException.class, () -> MemoryKit.builder().maxPageLimit(3).maxPageLimit(4));
  }

  private static String names(List<User> us) {
    return us.stream().map(User::name).collect(Collectors.joining(","));
  }

  @Test
  void countAndExists() {
    ann();
    assertEquals(1, users.count(eq("name", "ann")));
    assertTrue(users.exists(eq("name", "ann")));
    assertFalse(users.exists(eq("name", "zed")));
  }

  @Test
  void distinct_ascendingNullFirstOnce() {
    users.createMany(List.of(Fixtures.user("a", null, 30), Fixtures.user("b", null, null),
        Fixtures.user("c", null, 20), Fixtures.user("d", null, 30), Fixtures.user("e", null, null)));
    assertEquals(Arrays.asList(null, 20L, 30L), users.distinct("age", Filters.all()));
    assertEquals(List.of(30L), users.distinct("age", gt("age", 25)));
    assertThrows(ValidationException.class, () -> users.distinct("nope", Filters.all()));
    assertEquals(List.of(true), users.distinct("active", Filters.all()));
  }

  @Test
  void update_setUnsetInc_bumpsVersion() {
    User a = ann();
    User u = users.update(a.id(), Update.set("name", "anna").and(Update.unset("email"))
        .and(Update.inc("age", 2))).orElseThrow();
    assertEquals("anna", u.name());
    assertNull(u.email());
    assertEquals(32, u.age());
    assertEquals(2L, u.version());
    assertEquals(Optional.empty(), users.update(99L, Update.set("name", "x")));
  }

  @Test
  void update_validation() {
    User a = ann();
    assertThrows(ValidationException.class, () -> users.update(a.id(), Update.empty()));
    assertThrows(ValidationException.class, () -> users.update(a.id(), Update.set("id", 5L)));
    assertThrows(ValidationException.class, () -> users.update(a.id(), Update.set("nope", 5L)));
    assertThrows(ValidationException.class, () -> users.update(a.id(), Update.set("name", null)));
    assertThrows(ValidationException.class, () -> users.update(a.id(), Update.unset("name")));
    assertThrows(ValidationException.class, () -> users.update(a.id(), Update.inc("name", 1)));
    assertThrows(ValidationException.class, () -> users.update(a.id(), Update.inc("age", 1.5)));
    assertThrows(ValidationException.class, () -> users.update(a.id(), Update.set("age", "x")));
    assertEquals(a, users.getById(a.id()).orElseThrow());
  }

  @Test
  void update_setOnInsertOnly_writesNothing() {
    User a = ann();
    assertEquals(Optional.of(a), users.update(a.id(), Update.setOnInsert(Map.of("name", "z"))));
    assertEquals(1L, users.getById(a.id()).orElseThrow().version());
  }

  @Test
  void update_uniqueClash_isDuplicate() {
    User a = ann();
    users.create(Fixtures.user("bob", "bob@x", 1));
    assertThrows(DuplicateKeyException.class, () -> users.update(a.id(), Update.set("email", "bob@x")));
  }

  @Test
  void inc_resultTypes_nullCountsAsZero() {
    User b = users.create(Fixtures.user("b", null, null));
    assertEquals(5, users.increment(b.id(), "age", 5).orElseThrow().age());
    User s = users.update(b.id(), Update.inc("score", 1)).orElseThrow();
    assertEquals(1.0, s.score());
    assertEquals(3.5, users.increment(b.id(), "score", 2.5).orElseThrow().score());
    MemoryRepository<Map<String, Object>, Object> docs = kit.documents(Fixtures.USERS);
    assertEquals(5L, docs.getById(b.id()).orElseThrow().get("age"));
    assertThrows(ValidationException.class, () -> users.increment(b.id(), "name", 1));
    assertThrows(ValidationException.class, () -> users.increment(b.id(), "id", 1));
    assertThrows(ValidationException.class, () -> users.increment(b.id(), "nope", 1));
    assertEquals(Optional.empty(), users.increment(99L, "age", 1));
  }

  @Test
  void expectedVersion_staleConflicts_successIncrements() {
    User a = ann();
    User u = users.update(a.id(), Update.set("age", 31), WriteOptions.ifVersion(1)).orElseThrow();
    assertEquals(2L, u.version());
    VersionConflictException e = assertThrows(VersionConflictException.class,
        () -> users.update(a.id(), Update.set("age", 32), WriteOptions.ifVersion(1)));
    assertEquals(2L, e.actualVersion());
    assertEquals(1L, e.expectedVersion());
    assertEquals(Optional.empty(), users.update(99L, Update.set("age", 1), WriteOptions.ifVersion(1)));
    MemoryRepository<Map<String, Object>, Object> notes = kit.documents(Fixtures.NOTES);
    notes.create(Map.of("id", "n"));
    assertThrows(ValidationException.class, () -> notes.update("n", Update.set("n", 1), WriteOptions.ifVersion(1)));
  }

  @Test
  void delete_reportsMiss() {
    User a = ann();
    assertTrue(users.delete(a.id()));
    assertFalse(users.delete(a.id()));
  }

  @Test
  void updateMany_deleteMany() {
    users.createMany(List.of(Fixtures.user("a", null, 10), Fixtures.user("b", null, 20),
        Fixtures.user("c", null, 30)));
    assertEquals(new UpdateResult(2, 2), users.updateMany(gt("age", 15), Update.inc("age", 1)));
    assertEquals(List.of(10, 21, 31), users.findAll(Filters.all()).stream().map(User::age)
        .collect(Collectors.toList()));
    assertEquals(new UpdateResult(1, 0), users.updateMany(eq("age", 10), Update.setOnInsert(Map.of("name", "q"))));
    assertThrows(ValidationException.class, () -> users.updateMany(Filters.all(), Update.set("age", 1)));
    assertThrows(ValidationException.class, () -> users.deleteMany(Filters.all()));
    assertThrows(ValidationException.class, () -> users.updateMany(gt("age", 0), Update.empty()));
    assertEquals(2, users.deleteMany(gt("age", 15)));
    assertEquals(1, users.count(Filters.all()));
  }

  @Test
  void updateMany_isAtomic() {
    users.create(Fixtures.user("a", "a@x", 1));
    users.create(Fixtures.user("b", null, 2));
    users.create(Fixtures.user("c", null, 3));
    assertThrows(DuplicateKeyException.class, () -> users.updateMany(gt("age", 1), Update.set("email", "same@x")));
    assertEquals(1, users.count(Filters.isNotNull("email")));
    assertEquals(List.of(1L, 1L, 1L), users.findAll(Filters.all()).stream().map(User::version)
        .collect(Collectors.toList()));
  }

  @Test
  void findOneAndUpdate_sortBeforeAfter() {
    users.createMany(List.of(Fixtures.user("a", null, 10), Fixtures.user("b", null, 20)));
    FindOneAndUpdateOptions o = FindOneAndUpdateOptions.defaults().withSort(Sort.parse("-age"));
    User after = users.findOneAndUpdate(gt("age", 0), Update.inc("age", 1), o).orElseThrow();
    assertEquals("b", after.name());
    assertEquals(21, after.age());
    User before = users.findOneAndUpdate(gt("age", 0), Update.inc("age", 1), o.returning(ReturnDocument.BEFORE))
        .orElseThrow();
    assertEquals(21, before.age());
    assertEquals(22, users.getById(before.id()).orElseThrow().age());
    assertEquals(Optional.empty(), users.findOneAndUpdate(gt("age", 100), Update.inc("age", 1), o));
    assertThrows(ValidationException.class, () -> users.findOneAndUpdate(Filters.all(), Update.inc("age", 1), o));
    assertThrows(VersionConflictException.class,
        () -> users.findOneAndUpdate(eq("name", "a"), Update.inc("age", 1), o.ifVersion(7)));
  }

  @Test
  void findOneAndUpdate_upsert_seedsFromEqLeavesSetAndInc() {
    FindOneAndUpdateOptions o = FindOneAndUpdateOptions.defaults().withUpsert(true);
    User u = users.findOneAndUpdate(Filters.and(eq("name", "new"), gt("age", 5)),
        Update.set("email", "n@x").and(Update.inc("score", 2)).and(Update.setOnInsert(Map.of("role", Role.WRITER))),
        o).orElseThrow();
    assertEquals("new", u.name());
    assertEquals("n@x", u.email());
    assertEquals(2.0, u.score());
    assertEquals(Role.WRITER, u.role());
    assertNull(u.age());
    User again = users.findOneAndUpdate(eq("name", "new"), Update.inc("score", 2), o).orElseThrow();
    assertEquals(4.0, again.score());
    assertEquals(1, users.count(Filters.all()));
  }

  @Test
  void upsert_onPrimaryKeyAndConflictFields() {
    User a = ann();
    User changed = users.upsert(new User(a.id(), "ann2", null, null, null, null, null, null, null));
    assertEquals("ann2", changed.name());
    assertEquals("ann@x", changed.email());
    assertEquals(2L, changed.version());
    User fresh = users.upsert(Fixtures.user("new", "new@x", 3));
    assertEquals(2L, fresh.id());
    User byEmail = users.upsert(Fixtures.user("renamed", "new@x", 4), UpsertOptions.onConflict("email"));
    assertEquals(2L, byEmail.id());
    assertEquals("renamed", byEmail.name());
    assertEquals(2, users.count(Filters.all()));
    assertThrows(ValidationException.class, () -> users.upsert(a, UpsertOptions.onConflict("nope")));
    assertThrows(DuplicateKeyException.class, () -> users.upsert(new User(5L, "x", "new@x", null, null, null, null,
        null, null)));
  }

  @Test
  void getOrCreate_reportsCreated() {
    GetOrCreateResult<User> first = users.getOrCreate(eq("name", "ann"), Fixtures.user("ann", null, 1));
    assertTrue(first.created());
    GetOrCreateResult<User> second = users.getOrCreate(eq("name", "ann"), Fixtures.user("ann", null, 2));
    assertFalse(second.created());
    assertEquals(first.doc(), second.doc());
  }

  @Test
  void batch_isAtomic_andReportsChanges() {
    User a = ann();
    List<BatchResult<User>> r = users.batch(b -> List.of(b.insert(Fixtures.user("b", null, 1)),
        b.update(a.id(), Update.set("age", 99)), b.delete(12345L)));
    assertEquals(List.of(1L, 1L, 0L), r.stream().map(BatchResult::changes).collect(Collectors.toList()));
    assertEquals(99, users.getById(a.id()).orElseThrow().age());
    assertThrows(DuplicateKeyException.class, () -> users.batch(b -> List.of(b.delete(a.id()),
        b.insert(Fixtures.user("c", null, 1)), b.insert(Fixtures.user("d", "ann@x", 1)),
        b.insert(Fixtures.user("e", "b@x", 1)), b.insert(Fixtures.user("f", "b@x", 1)))));
    assertEquals(2, users.count(Filters.all()));
    assertThrows(ValidationException.class, () -> users.batch(b -> List.of()));
    Map<String, Object> note = new LinkedHashMap<>();
    note.put("id", "x");
    List<BatchResult<User>> cross = users.batch(b -> List.of(BatchStatement.insert(Fixtures.NOTES, note)));
    assertEquals(1L, cross.get(0).changes());
    assertEquals(1, kit.documents(Fixtures.NOTES).count(Filters.all()));
  }

  @Test
  void withContext_isCarried() {
    MemoryRepository<User, Long> v = users.withContext(CallContext.empty());
    assertTrue(v.context().isEmpty());
    ann();
    assertEquals(1, v.count(Filters.all()));
    assertSame(users.table(), v.table());
  }

  @Test
  void errorPredicates() {
    assertFalse(users.isTransientConflictError(new RuntimeException("x")));
    assertFalse(users.isTransientConflictError(null));
    assertTrue(users.isTransientConflictError(new io.sqlitekit.spi.error.TransientConflictException("busy")));
  }
}
