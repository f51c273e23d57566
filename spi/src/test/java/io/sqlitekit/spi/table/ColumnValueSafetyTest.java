package io.sqlitekit.spi.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.json.JsonCodec;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Values the codecs used to change silently are refused with a ValidationException naming the field. */
final class ColumnValueSafetyTest {
  /** Writes strings verbatim, like a codec that does not escape non-ASCII text. */
  static final JsonCodec RAW_JSON = new JsonCodec() {
    @Override
    public String write(Object value) {
      if (value instanceof Instant) {
        return "\"" + Timestamps.format((Instant) value) + "\"";
      }
      return "\"" + value + "\"";
    }

    @Override
    public Object read(String json, Type type) {
      return json;
    }
  };

  static void refused(String field, Executable call) {
    ValidationException e = assertThrows(ValidationException.class, call);
    assertEquals(field, e.field());
    assertTrue(e.getMessage().contains("\"" + field + "\""), e.getMessage());
  }

  @Test
  void real_nanRefusedUnlessTheColumnAllowsIt() {
    Column score = Column.real("score");
    refused("score", () -> score.toSql(Double.NaN, null));
    refused("score", () -> score.toSql(Float.NaN, null));
    refused("score", () -> score.toSqlOperand(Double.NaN, null));
    Column lenient = Column.real("score").allowNaN();
    assertTrue(lenient.isNaNAllowed());
    assertNull(lenient.toSql(Double.NaN, null), "stored as NULL, as documented");
    refused("score", () -> lenient.toSqlOperand(Double.NaN, null));
    assertEquals(1.5, lenient.toSqlOperand(1.5, null));
    assertThrows(IllegalArgumentException.class, () -> Column.real("score").notNull().allowNaN());
    assertThrows(IllegalArgumentException.class, () -> Column.real("score").allowNaN().notNull());
    assertThrows(IllegalArgumentException.class, () -> Column.integer("n").allowNaN());
    assertThrows(IllegalArgumentException.class, () -> Column.text("t").allowNaN());
  }

  @Test
  void real_infinitiesAndNegativeZero() {
    Column r = Column.real("r");
    assertEquals(Double.POSITIVE_INFINITY, r.toSql(Double.POSITIVE_INFINITY, null));
    assertEquals(Double.NEGATIVE_INFINITY, r.toSql(Float.NEGATIVE_INFINITY, null));
    Object zero = r.toSql(-0.0, null);
    assertEquals(0.0, zero);
    assertEquals(0, Double.compare(0.0, (Double) zero), "-0.0 is stored as the 0.0 SQLite gives back");
  }

  @Test
  void real_numbersWithoutAnExactDoubleAreRefused() {
    Column r = Column.real("r");
    assertEquals(9007199254740992.0, r.toSql(9007199254740992L, null));
    refused("r", () -> r.toSql(9007199254740993L, null));
    refused("r", () -> r.toSql(Long.MAX_VALUE, null));
    assertEquals(-0x1p63, r.toSql(Long.MIN_VALUE, null));
    refused("r", () -> r.toSql(BigInteger.TEN.pow(400), null));
    refused("r", () -> r.toSql(new BigDecimal("1e400"), null));
    assertEquals(0.1, r.toSql(new BigDecimal("0.1"), null), "decimal fractions round like any REAL");
    assertEquals(42.0, r.toSql(42, null));
  }

  @Test
  void integer_bigNumbersOutsideLongAreRefused() {
    Column n = Column.integer("n");
    refused("n", () -> n.toSql(BigInteger.ONE.shiftLeft(63), null));
    refused("n", () -> n.toSql(new BigDecimal("1e30"), null));
    refused("n", () -> n.toSql(Double.NaN, null));
    refused("n", () -> n.toSql(Double.POSITIVE_INFINITY, null));
    assertEquals(Long.MIN_VALUE, n.toSql(Long.MIN_VALUE, null));
  }

  @Test
  void text_loneSurrogatesRefusedPairsKept() {
    Column t = Column.text("name");
    refused("name", () -> t.toSql("a\ud800b", null));
    refused("name", () -> t.toSql("\udc00", null));
    refused("name", () -> t.toSql("end\ud83d", null));
    refused("name", () -> t.toSql('\ud800', null));
    refused("name", () -> t.toSql(new StringBuilder("x\udfff"), null));
    refused("name", () -> t.toSqlOperand("a\ud800", null));
    assertEquals("smile \ud83d\ude00", t.toSql("smile \ud83d\ude00", null));
    assertEquals("nul\u0000inside", t.toSql("nul\u0000inside", null), "NUL round-trips through SQLite");
    assertEquals(-1, Column.unpairedSurrogate("\ud83d\ude00\ud83d\ude00"));
    assertEquals(2, Column.unpairedSurrogate("ab\ude00"));
    assertEquals(1, Column.unpairedSurrogate("a\ud800\ud800\udc00"));
  }

  @Test
  void json_loneSurrogatesInTheEncodedTextRefused() {
    Column j = Column.json("doc", Object.class);
    refused("doc", () -> j.toSql("bad\ud800", RAW_JSON));
    assertEquals("\"ok\ud83d\ude00\"", j.toSql("ok\ud83d\ude00", RAW_JSON));
    refused("doc", () -> j.toSql(Instant.MAX, RAW_JSON));
  }

  @Test
  void patterns_anyTextInTheIr() {
    assertEquals("%\ud800%", ((io.sqlitekit.spi.filter.Like) Filters.like("name", "%\ud800%")).pattern(),
        "the IR holds any text; repositories refuse it when they normalise the filter (support's FilterNormalizer)");
  }

  @Test
  void isoTimestamps_outsideFourDigitYearsRefused() {
    Column c = Column.timestamp("at");
    for (Instant bad : List.of(Instant.MAX, Instant.MIN, Instant.parse("+10000-01-01T00:00:00Z"),
        Instant.parse("0000-12-31T23:59:59.999Z"), Instant.parse("-0005-06-01T00:00:00Z"))) {
      refused("at", () -> c.toSql(bad, null));
      refused("at", () -> c.toSqlOperand(bad, null));
    }
    Instant first = Instant.parse("0001-01-01T00:00:00Z");
    Instant last = Instant.parse("9999-12-31T23:59:59.999Z");
    assertEquals(first, c.fromSql(c.toSql(first, null), null));
    assertEquals(last, c.fromSql(c.toSql(last, null), null));
    assertEquals(last, c.fromSql(c.toSql(Instant.parse("9999-12-31T23:59:59.999999999Z"), null), null),
        "truncated to the column's millisecond precision");
    refused("at", () -> c.toSql("", null));
    refused("at", () -> c.toSql("   ", null));
    refused("at", () -> c.fromSql("", null));
    assertThrows(DateTimeParseException.class, () -> Timestamps.parse(""));
    assertThrows(IllegalArgumentException.class, () -> Timestamps.format(Instant.MAX));
  }

  @Test
  void epochTimestamps_outOfRangeRefused() {
    Column millis = Column.timestampMillis("at");
    refused("at", () -> millis.toSql(Instant.MAX, null));
    refused("at", () -> millis.toSql(Instant.MIN, null));
    refused("at", () -> millis.toSql(BigInteger.ONE.shiftLeft(70), null));
    assertEquals(Long.MAX_VALUE, millis.toSql(Long.MAX_VALUE, null));
    assertEquals(Instant.ofEpochMilli(Long.MIN_VALUE), millis.fromSql(millis.toSql(Instant.ofEpochMilli(
        Long.MIN_VALUE), null), null));
    Instant nanos = Instant.parse("2026-04-01T00:00:00.123456789Z");
    assertEquals(Instant.parse("2026-04-01T00:00:00.123Z"), millis.fromSql(millis.toSql(nanos, null), null),
        "truncated to the column's millisecond precision");
    Column secs = Column.timestampSeconds("at");
    assertEquals(Instant.MAX.getEpochSecond(), secs.toSql(Instant.MAX, null));
    assertEquals(Instant.MIN.getEpochSecond(), secs.toSql(Instant.MIN, null));
    refused("at", () -> secs.toSql(Long.MAX_VALUE, null));
    refused("at", () -> secs.toSql(Instant.MIN.getEpochSecond() - 1, null));
    refused("at", () -> secs.fromSql(Long.MAX_VALUE, null));
  }

  @Test
  void everyRefusalHappensBeforeAnyValueIsProduced() {
    TableDef t = TableDef.of("t", Column.text("id").primaryKey(), Column.real("r"), Column.text("s"));
    Map<String, Object> row = Map.of("id", "1", "r", Double.NaN);
    refused("r", () -> t.require("r").toSql(row.get("r"), null));
    refused("s", () -> t.require("s").toSql("\ud800", null));
  }
}
