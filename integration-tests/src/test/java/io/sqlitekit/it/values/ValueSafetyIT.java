package io.sqlitekit.it.values;

import static io.sqlitekit.spi.filter.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.it.MemoryKits;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.FindOptions;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values SQLite would change silently (NaN, lone surrogates, integer overflow on increment, instants beyond the
 * column's range) and hostile names in messages, on both kits: each is a {@link ValidationException} naming the
 * field, raised before anything is written, with the table unchanged afterwards.
 */
final class ValueSafetyIT {
  /** A row of every kind of column the checks cover. */
  public record Row(String id, Double r, Double lenient, String s, Long n, Instant at, Instant ms) {
    static Row of(String id) {
      return new Row(id, 1.5, 2.5, "text", 0L, Instant.parse("2026-01-01T00:00:00Z"),
          Instant.parse("2026-01-01T00:00:00Z"));
    }

    Row withR(Double v) {
      return new Row(id, v, lenient, s, n, at, ms);
    }

    Row withLenient(Double v) {
      return new Row(id, r, v, s, n, at, ms);
    }

    Row withS(String v) {
      return new Row(id, r, lenient, v, n, at, ms);
    }

    Row withN(Long v) {
      return new Row(id, r, lenient, s, v, at, ms);
    }

    Row withAt(Instant v) {
      return new Row(id, r, lenient, s, n, v, ms);
    }

    Row withMs(Instant v) {
      return new Row(id, r, lenient, s, n, at, v);
    }
  }

  static final TableDef T = TableDef.of("vals", Column.text("id").primaryKey(), Column.real("r"),
      Column.real("lenient").allowNaN(), Column.text("s"), Column.integer("n"), Column.timestamp("at"),
      Column.timestampMillis("ms"));

  @TempDir
  Path dir;

  private SqliteKit sqliteKit;

  @AfterEach
  void close() {
    if (sqliteKit != null) {
      sqliteKit.close();
    }
  }

  private StandardRepo<Row, String> repo(String kit) {
    if (kit.equals("memory")) {
      return MemoryKits.repository(MemoryKits.create(), T, Row.class);
    }
    sqliteKit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("values.db")).build();
    sqliteKit.createTable(T);
    return sqliteKit.repository(T, Row.class);
  }

  /** Asserts the call fails with a ValidationException naming the field and leaves the table as it was. */
  private static void refused(StandardRepo<Row, String> repo, String field, Executable call) {
    List<Row> before = repo.findAll(Filters.all());
    ValidationException e = assertThrows(ValidationException.class, call);
    assertEquals(field, e.field(), e.getMessage());
    assertTrue(e.getMessage().contains("\"" + field + "\""), e.getMessage());
    assertEquals(before, repo.findAll(Filters.all()), "nothing was written");
  }

  /** Every write path, each writing {@code bad} into one field; the second createMany row is the bad one. */
  private static void everyWritePathRefuses(StandardRepo<Row, String> repo, String field, Object bad,
      Function<Row, Row> withBad) {
    repo.create(Row.of("base"));
    refused(repo, field, () -> repo.create(withBad.apply(Row.of("c1"))));
    refused(repo, field, () -> repo.createMany(List.of(Row.of("c2"), withBad.apply(Row.of("c3")))));
    refused(repo, field, () -> repo.upsert(withBad.apply(Row.of("base"))));
    refused(repo, field, () -> repo.upsert(withBad.apply(Row.of("u1"))));
    refused(repo, field, () -> repo.getOrCreate(eq("id", "g1"), withBad.apply(Row.of("g1"))));
    refused(repo, field, () -> repo.update("base", Update.set(field, bad)));
    refused(repo, field, () -> repo.updateMany(eq("id", "base"), Update.set(field, bad)));
    refused(repo, field, () -> repo.findOneAndUpdate(eq("id", "base"), Update.set(field, bad),
        FindOneAndUpdateOptions.defaults()));
    refused(repo, field, () -> repo.findOneAndUpdate(eq("id", "f1"), Update.set(field, bad),
        FindOneAndUpdateOptions.defaults().withUpsert(true)));
    refused(repo, field, () -> repo.batch(b -> List.of(b.insert(Row.of("b1")), b.insert(withBad.apply(Row.of("b2"))))));
    refused(repo, field, () -> repo.batch(b -> List.of(b.insert(Row.of("b3")), b.update("base", Update.set(field,
        bad)))));
    refused(repo, field, () -> repo.batch(b -> List.of(b.upsert(withBad.apply(Row.of("base"))))));
    refused(repo, field, () -> repo.withTransaction(t -> {
      t.create(Row.of("t1"));
      return t.create(withBad.apply(Row.of("t2")));
    }));
  }

  /** Filters whose operand the column cannot hold are refused too, instead of silently matching nothing. */
  private static void everyFilterRefuses(StandardRepo<Row, String> repo, String field, Object bad) {
    refused(repo, field, () -> repo.findAll(eq(field, bad)));
    refused(repo, field, () -> repo.findAll(Filters.ne(field, bad)));
    refused(repo, field, () -> repo.count(Filters.gt(field, bad)));
    refused(repo, field, () -> repo.findAll(Filters.in(field, List.of(bad))));
    refused(repo, field, () -> repo.updateMany(Filters.lte(field, bad), Update.set("s", "x")));
    refused(repo, field, () -> repo.deleteMany(Filters.nin(field, List.of(bad))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "memory"})
  void nan_refusedOnEveryPathUnlessTheColumnAllowsIt(String kit) {
    StandardRepo<Row, String> repo = repo(kit);
    everyWritePathRefuses(repo, "r", Double.NaN, row -> row.withR(Double.NaN));
    everyFilterRefuses(repo, "r", Double.NaN);
    refused(repo, "r", () -> repo.update("base", Update.inc("r", Double.NaN)));
    refused(repo, "r", () -> repo.increment("base", "r", Float.NaN));
    // The opt-in column stores NaN as NULL, as documented; it still takes no NaN operand.
    assertNull(repo.create(Row.of("nan").withLenient(Double.NaN)).lenient());
    assertNull(repo.getById("nan").orElseThrow().lenient());
    assertNull(repo.update("base", Update.set("lenient", Double.NaN)).orElseThrow().lenient());
    refused(repo, "lenient", () -> repo.findAll(eq("lenient", Double.NaN)));
    refused(repo, "lenient", () -> repo.update("nan", Update.inc("lenient", Double.NaN)));
    assertEquals(2, repo.count(eq("lenient", null)));
    assertEquals(Double.POSITIVE_INFINITY, repo.create(Row.of("inf").withR(Double.POSITIVE_INFINITY)).r());
    assertEquals(Double.POSITIVE_INFINITY, repo.getById("inf").orElseThrow().r(), "SQLite keeps infinities");
    repo.update("inf", Update.set("r", Double.NEGATIVE_INFINITY));
    assertEquals(Double.NEGATIVE_INFINITY, repo.getById("inf").orElseThrow().r());
    assertEquals(0, Double.compare(0.0, repo.create(Row.of("negzero").withR(-0.0)).r()));
    assertEquals(0, Double.compare(0.0, repo.getById("negzero").orElseThrow().r()), "-0.0 is stored as 0.0");
    refused(repo, "r", () -> repo.update("negzero", Update.set("r", 9007199254740993L)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "memory"})
  void loneSurrogates_refusedOnEveryPath(String kit) {
    StandardRepo<Row, String> repo = repo(kit);
    everyWritePathRefuses(repo, "s", "bad\ud800", row -> row.withS("bad\ud800"));
    everyFilterRefuses(repo, "s", "\udc00");
    refused(repo, "s", () -> repo.findAll(Filters.like("s", "%\ud800%")));
    refused(repo, "s", () -> repo.count(Filters.likeCaseSensitive("s", "\udc00%")));
    refused(repo, "s", () -> repo.findAll(Filters.regex("s", "a\ud800")));
    refused(repo, "id", () -> repo.getById("\ud800"));
    refused(repo, "id", () -> repo.create(Row.of("\udfffkey")));
    String pairs = "emoji \ud83d\ude00 and NUL \u0000 kept";
    assertEquals(pairs, repo.create(Row.of("ok").withS(pairs)).s());
    assertEquals(pairs, repo.getById("ok").orElseThrow().s());
    assertEquals(1, repo.count(eq("s", pairs)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "memory"})
  void instantsBeyondTheColumnRange_refused(String kit) {
    StandardRepo<Row, String> repo = repo(kit);
    for (Instant bad : List.of(Instant.MAX, Instant.MIN, Instant.parse("+10000-01-01T00:00:00Z"),
        Instant.parse("0000-06-01T00:00:00Z"))) {
      repo.deleteMany(Filters.isNotNull("id"));
      everyWritePathRefuses(repo, "at", bad, row -> row.withAt(bad));
      everyFilterRefuses(repo, "at", bad);
    }
    for (Instant bad : List.of(Instant.MAX, Instant.MIN)) {
      repo.deleteMany(Filters.isNotNull("id"));
      everyWritePathRefuses(repo, "ms", bad, row -> row.withMs(bad));
      everyFilterRefuses(repo, "ms", bad);
    }
    Instant last = Instant.parse("9999-12-31T23:59:59.999Z");
    Instant first = Instant.parse("0001-01-01T00:00:00Z");
    assertEquals(last, repo.create(Row.of("last").withAt(last).withMs(last)).at());
    assertEquals(first, repo.create(Row.of("first").withAt(first).withMs(first)).at());
    assertEquals(List.of("first", "last"), repo.findAll(Filters.all(), FindOptions.defaults().withSort(
        Sort.by(SortField.asc("at")))).stream().map(Row::id).filter(i -> !i.equals("base")).collect(
            java.util.stream.Collectors.toList()), "text order is time order across the whole range");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "memory"})
  void increments_thatOverflowALong_refused(String kit) {
    StandardRepo<Row, String> repo = repo(kit);
    repo.createMany(List.of(Row.of("a").withN(1L), Row.of("b").withN(Long.MAX_VALUE - 5),
        Row.of("c").withN(null), Row.of("d").withN(Long.MIN_VALUE + 5)));
    refused(repo, "n", () -> repo.update("b", Update.inc("n", 6)));
    refused(repo, "n", () -> repo.increment("b", "n", Long.MAX_VALUE));
    refused(repo, "n", () -> repo.increment("d", "n", -6));
    refused(repo, "n", () -> repo.updateMany(Filters.in("id", List.of("a", "b", "c")), Update.inc("n", 6)));
    refused(repo, "n", () -> repo.updateMany(Filters.isNotNull("id"), Update.inc("n", -6)));
    refused(repo, "n", () -> repo.findOneAndUpdate(eq("id", "b"), Update.inc("n", 10),
        FindOneAndUpdateOptions.defaults()));
    refused(repo, "n", () -> repo.batch(b -> List.of(b.update("a", Update.inc("n", 1)),
        b.update("b", Update.inc("n", 6)))));
    refused(repo, "n", () -> repo.withTransaction(t -> {
      t.increment("a", "n", 1);
      return t.increment("b", "n", 100);
    }));
    assertEquals(Long.MAX_VALUE, repo.increment("b", "n", 5).orElseThrow().n(), "up to the limit is fine");
    assertEquals(Long.MIN_VALUE, repo.increment("d", "n", -5).orElseThrow().n());
    assertEquals(Long.MAX_VALUE, repo.increment("c", "n", Long.MAX_VALUE).orElseThrow().n(), "NULL counts as 0");
    assertEquals(3, repo.updateMany(Filters.in("id", List.of("a", "b", "d")), Update.inc("n", 0)).modifiedCount());
    assertEquals(-1L, repo.increment("b", "n", Long.MIN_VALUE).orElseThrow().n());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "memory"})
  void hostileNames_areQuotedTruncatedAndStrippedInMessages(String kit) {
    StandardRepo<Row, String> repo = repo(kit);
    repo.create(Row.of("x"));
    List<String> names = List.of("a\nERROR forged", "\u001b[2J\u001b[31mred", "<script>alert(1)</script>",
        "n".repeat(10_000), "\u202etxt.exe", "sep\u2028\u2029", "(select 1)", "q\"uote");
    List<Executable> calls = new ArrayList<>();
    for (String h : names) {
      List<Executable> perName = List.of(
          () -> repo.findAll(eq(h, 1)),
          () -> repo.findAll(Filters.all(), FindOptions.defaults().withSort(Sort.by(SortField.asc(h)))),
          () -> repo.findAll(Filters.all(), FindOptions.defaults().withProjection(Projection.include(h))),
          () -> repo.update("x", Update.set(h, 1)),
          () -> repo.update("x", Update.inc(h, 1)),
          () -> repo.distinct(h, Filters.all()),
          () -> repo.aggregate(AggregateRequest.of("m", Measure.sum(h))),
          () -> repo.findAll(Filters.like(h, "x")));
      for (Executable call : perName) {
        ValidationException e = assertThrows(ValidationException.class, call);
        assertEquals(h, e.field(), "the field accessor keeps the caller's name");
        String m = e.getMessage();
        assertFalse(m.chars().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
            || c == 0x2028 || c == 0x2029), () -> "unsanitized: " + m);
        assertTrue(m.length() < 600, () -> m.length() + " chars: " + m);
        assertTrue(m.contains(Messages.quote(h)), () -> "not quoted by Messages.quote: " + m);
        assertEquals(e.getMessage(), e.toContract().message());
        assertFalse(e.toContract().details().get(0).path().chars().anyMatch(Character::isISOControl));
      }
      calls.addAll(perName);
    }
    assertEquals(names.size() * 8, calls.size());
  }
}
