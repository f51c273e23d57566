package io.sqlitekit.plugin.timestamp;

import static io.sqlitekit.spi.filter.Filters.all;
import static io.sqlitekit.spi.filter.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.plugin.softdelete.SoftDeletes;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.testsupport.MutableClock;
import io.sqlitekit.testsupport.SqliteFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every write path stamps, on a real SQLite file (WAL), for ISO, epoch-millisecond and epoch-second columns. */
final class TimestampIT {
  /** A stamped row. */
  public record Doc(String id, String name, Long n, Instant createdAt, Instant updatedAt) {
  }

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

  @TempDir
  Path dir;

  private SqliteKit kit;

  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
  }

  static Stream<Arguments> modes() {
    return Stream.of(
        Arguments.of("iso", (Function<String, Column>) Column::timestamp, ChronoUnit.MILLIS, "String"),
        Arguments.of("millis", (Function<String, Column>) Column::timestampMillis, ChronoUnit.MILLIS, "Long"),
        Arguments.of("seconds", (Function<String, Column>) Column::timestampSeconds, ChronoUnit.SECONDS, "(Integer|Long)"));
  }

  private static TableDef table(Function<String, Column> mode) {
    return TableDef.of("docs", Column.text("id").primaryKey(), Column.text("name"), Column.integer("n"),
        mode.apply("createdAt"), mode.apply("updatedAt"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void everyWritePath_stamps(String label, Function<String, Column> mode, ChronoUnit precision, String storedType) {
    MutableClock clock = new MutableClock(T0);
    TableDef def = table(mode);
    kit = Kits.open(dir.resolve(label + ".db"), clock, TimestampPlugin.create(TimestampOptions.defaults()));
    Kits.create(kit, def);
    StandardRepo<Doc, String> docs = kit.repository(def, Doc.class);
    Instant t0 = T0.truncatedTo(precision);

    Doc a = docs.create(new Doc("a", "a", 0L, null, null));
    assertEquals(t0, a.createdAt(), "create");
    assertEquals(t0, a.updatedAt());
    String raw = SqliteFiles.raw(dir.resolve(label + ".db"), "docs", "id = 'a'").get(0);
    assertTrue(raw.matches(".*createdAt=" + storedType + ":.*"), "stored in the column's own form: " + raw);

    clock.advance(Duration.ofSeconds(10));
    Instant t1 = clock.instant().truncatedTo(precision);
    List<Doc> many = docs.createMany(List.of(new Doc("b", "b", 0L, null, null), new Doc("c", "c", 0L, null, null)));
    assertTrue(many.stream().allMatch(d -> d.createdAt().equals(t1) && d.updatedAt().equals(t1)), "createMany");

    clock.advance(Duration.ofSeconds(10));
    Instant t2 = clock.instant().truncatedTo(precision);
    Doc up = docs.update("a", Update.set("name", "a2")).orElseThrow();
    assertEquals(t0, up.createdAt(), "update keeps createdAt");
    assertEquals(t2, up.updatedAt(), "update");

    clock.advance(Duration.ofSeconds(10));
    Instant t3 = clock.instant().truncatedTo(precision);
    assertEquals(2, docs.updateMany(io.sqlitekit.spi.filter.Filters.in("name", "b", "c"), Update.set("n", 5L)).modifiedCount());
    assertEquals(t3, docs.getById("b").orElseThrow().updatedAt(), "updateMany");
    assertEquals(t1, docs.getById("c").orElseThrow().createdAt());

    clock.advance(Duration.ofSeconds(10));
    Instant t4 = clock.instant().truncatedTo(precision);
    assertEquals(t4, docs.increment("a", "n", 1).orElseThrow().updatedAt(), "increment");

    clock.advance(Duration.ofSeconds(10));
    Instant t5 = clock.instant().truncatedTo(precision);
    Doc foau = docs.findOneAndUpdate(eq("id", "b"), Update.set("name", "b2"), FindOneAndUpdateOptions.defaults())
        .orElseThrow();
    assertEquals(t5, foau.updatedAt(), "findOneAndUpdate");
    assertEquals(t1, foau.createdAt());
    Doc inserted = docs.findOneAndUpdate(eq("id", "d"), Update.set("name", "d"),
        FindOneAndUpdateOptions.defaults().withUpsert(true)).orElseThrow();
    assertEquals(t5, inserted.createdAt(), "findOneAndUpdate upsert insert");
    assertEquals(t5, inserted.updatedAt());

    clock.advance(Duration.ofSeconds(10));
    Instant t6 = clock.instant().truncatedTo(precision);
    Doc upNew = docs.upsert(new Doc("e", "e", 0L, null, null));
    assertEquals(t6, upNew.createdAt(), "upsert insert");
    assertEquals(t6, upNew.updatedAt());
    clock.advance(Duration.ofSeconds(10));
    Instant t7 = clock.instant().truncatedTo(precision);
    Doc upHit = docs.upsert(new Doc("e", "e2", 0L, null, null));
    assertEquals("e2", upHit.name());
    assertEquals(t7, upHit.updatedAt(), "upsert conflict stamps updatedAt");

    clock.advance(Duration.ofSeconds(10));
    Instant t8 = clock.instant().truncatedTo(precision);
    assertTrue(docs.getOrCreate(eq("id", "f"), new Doc("f", "f", 0L, null, null)).created());
    assertEquals(t8, docs.getById("f").orElseThrow().createdAt(), "getOrCreate insert");
    assertFalse(docs.getOrCreate(eq("id", "f"), new Doc("f", "f", 0L, null, null)).created());

    clock.advance(Duration.ofSeconds(10));
    Instant t9 = clock.instant().truncatedTo(precision);
    docs.batch(b -> List.of(b.insert(new Doc("g", "g", 0L, null, null)), b.upsert(new Doc("a", "a3", 0L, null, null)),
        b.update("c", Update.set("name", "c2"))));
    assertEquals(t9, docs.getById("g").orElseThrow().createdAt(), "batch insert");
    Doc batchUpsert = docs.getById("a").orElseThrow();
    assertEquals(t9, batchUpsert.updatedAt(), "batch upsert");
    assertEquals(t9, docs.getById("c").orElseThrow().updatedAt(), "batch update");
    assertEquals(t9, docs.findAll(eq("id", "g")).get(0).updatedAt());
    assertEquals(7, docs.count(all()));
  }

  /**
   * The conflict update of an upsert (single and batch) must not overwrite the existing row's createdAt. The
   * plugin states this through the call's update ({@code HookContext.setUpdate}, {@code BatchStatement.withUpdate});
   * the repository must use it instead of deriving the conflict update from the whole row.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void upsertConflict_keepsCreatedAt(String label, Function<String, Column> mode, ChronoUnit precision,
      String storedType) {
    MutableClock clock = new MutableClock(T0);
    TableDef def = table(mode);
    kit = Kits.open(dir.resolve(label + "-upsert.db"), clock, "timestamp");
    Kits.create(kit, def);
    StandardRepo<Doc, String> docs = kit.repository(def, Doc.class);
    Instant t0 = T0.truncatedTo(precision);
    docs.create(new Doc("a", "a", 0L, null, null));
    docs.create(new Doc("b", "b", 0L, null, null));
    clock.advance(Duration.ofSeconds(10));
    Instant t1 = clock.instant().truncatedTo(precision);
    Doc hit = docs.upsert(new Doc("a", "a2", 0L, null, null));
    docs.batch(x -> List.of(x.upsert(new Doc("b", "b2", 0L, null, null))));
    Doc batchHit = docs.getById("b").orElseThrow();
    assertEquals("a2", hit.name());
    assertEquals(t1, hit.updatedAt());
    assertEquals("b2", batchHit.name());
    assertEquals(t1, batchHit.updatedAt());
    assertEquals(List.of(t0, t0), List.of(hit.createdAt(), batchHit.createdAt()),
        "upsert and batch upsert conflicts keep createdAt");
  }

  @Test
  void enabledByName_throughServiceLoader() {
    MutableClock clock = new MutableClock(T0);
    TableDef def = table(Column::timestamp);
    kit = Kits.open(dir.resolve("byname.db"), clock, "timestamp");
    Kits.create(kit, def);
    StandardRepo<Doc, String> docs = kit.repository(def, Doc.class);
    assertEquals(T0, docs.create(new Doc("a", "a", 0L, null, null)).createdAt());
    clock.advance(Duration.ofMinutes(1));
    assertEquals(T0.plus(Duration.ofMinutes(1)), docs.update("a", Update.set("n", 1L)).orElseThrow().updatedAt());
  }

  @Test
  void trigger_stampsWritesThatBypassTheRepository() throws Exception {
    TableDef def = table(Column::timestamp);
    Path file = dir.resolve("trigger.db");
    Instant old = Instant.parse("2001-01-01T00:00:00Z");
    kit = Kits.open(file, new MutableClock(old), "timestamp");
    Kits.create(kit, def);
    StandardRepo<Doc, String> docs = kit.repository(def, Doc.class);
    docs.create(new Doc("a", "a", 0L, null, null));
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
      s.execute(TimestampTriggers.updatedAtTriggerSql(def, TimestampOptions.defaults()));
      s.executeUpdate("UPDATE docs SET name = 'raw' WHERE id = 'a'");
    }
    Doc after = docs.getById("a").orElseThrow();
    assertEquals("raw", after.name());
    assertTrue(after.updatedAt().isAfter(old), "the trigger wrote the database's current time");
  }

  @Test
  void softDeleteMark_stampsUpdatedAt_whateverTheEnableOrder() {
    MutableClock clock = new MutableClock(T0);
    TableDef def = TableDef.of("docs", Column.text("id").primaryKey(), Column.text("name"), Column.integer("n"),
        Column.timestamp("createdAt"), Column.timestamp("updatedAt"), Column.timestamp("deletedAt"));
    kit = Kits.open(dir.resolve("soft.db"), clock, "timestamp", "soft-delete");
    Kits.create(kit, def);
    StandardRepo<Doc, String> docs = kit.repository(def, Doc.class);
    StandardRepo<java.util.Map<String, Object>, Object> raw = kit.documents(def)
        .withContext(io.sqlitekit.spi.CallContext.of(SoftDeletes.INCLUDE_DELETED, true));
    docs.create(new Doc("a", "a", 0L, null, null));
    clock.advance(Duration.ofMinutes(5));
    assertTrue(docs.delete("a"));
    java.util.Map<String, Object> row = raw.getById("a").orElseThrow();
    assertEquals(T0.plus(Duration.ofMinutes(5)), row.get("deletedAt"));
    assertEquals(row.get("deletedAt"), row.get("updatedAt"), "the mark is an update and is stamped");
    assertEquals(T0, row.get("createdAt"));
  }
}
