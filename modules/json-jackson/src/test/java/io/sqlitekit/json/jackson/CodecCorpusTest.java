package io.sqlitekit.json.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.json.JsonCodecException;
import io.sqlitekit.support.json.MiniJson;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The built-in codec and the Jackson codec on one corpus: same text written, same values read, same errors. */
class CodecCorpusTest {
  private static final JsonCodec MINI = MiniJson.INSTANCE;
  private static final JsonCodec JACKSON = new JacksonJsonCodec();

  /** Valid documents, with the value both codecs must read (Object target). */
  private static final Object[][] VALID = {
      {"null", null},
      {"true", true},
      {" \t\r\n false \n", false},
      {"0", 0L},
      {"-0", 0L},
      {"-0.0", -0.0d},
      {"42", 42L},
      {"9223372036854775807", Long.MAX_VALUE},
      {"-9223372036854775808", Long.MIN_VALUE},
      {"9223372036854775808", new BigDecimal("9223372036854775808")},
      {"-123456789012345678901234567890", new BigDecimal("-123456789012345678901234567890")},
      {"1.5", 1.5d},
      {"1.0", 1.0d},
      {"1e2", 100.0d},
      {"1E-7", 1e-7d},
      {"-2.5e+3", -2500.0d},
      {"0.1", 0.1d},
      {"4.9e-324", Double.MIN_VALUE},
      {"1.7976931348623157e308", Double.MAX_VALUE},
      {"\"\"", ""},
      {"\"h\\u00e9llo \\ud83d\\ude00 \\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t\"", "héllo 😀 \"q\" \\ / \b\f\n\r\t"},
      {"\"日本語 😀\"", "日本語 😀"},
      {"[]", List.of()},
      {"{}", Map.of()},
      {"[1, \"a\", null, true, 2.5, [[]], {}]", Arrays.asList(1L, "a", null, true, 2.5d, List.of(List.of()), Map.of())},
      {"{\"b\": 1, \"a\": {\"x\": [1, {\"y\": null}]}, \"é\": \"ü\"}",
          map("b", 1L, "a", map("x", List.of(1L, map("y", null))), "é", "ü")},
      {"{\"k\": 1, \"k\": 2}", map("k", 2L)},
      {nested(100), nestedValue(100)},
  };

  /** Documents both codecs must refuse with a JsonCodecException. */
  private static final String[] INVALID = {
      "", "   ", "nul", "tru", "True", "NaN", "Infinity", "-Infinity", "01", "-01", "1.", ".5", "+1", "-", "1e",
      "1e+", "0x10", "1e400", "-1e400", "[1,]", "[1 2]", "{\"a\" 1}", "{\"a\":1,}", "{a:1}", "{'a':1}", "[", "{",
      "\"open", "\"bad \\x escape\"", "\"bad \\u12G4\"", "\"short \\u12\"", "\"raw \u0001 control\"",
      "// c\n1", "/* c */ 1", "{} x", "1 2", "[] []", "\u00a01", nested(300),
  };

  /** Values both codecs must write to the same text, which both read back to the same value. */
  private static final Object[] WRITABLE = {
      map("s", "a\"b\\c\n\t\b\f\r\u0001\u001f é 😀 /", "n", 42L, "i", 7, "d", 1.5, "whole", 2.0, "big", 1e20,
          "tiny", 1.5e-7, "neg", -0.25, "f", 1.1f, "bd", new BigDecimal("12.50"), "b", true, "z", null),
      List.of(1, List.of(2, List.of(3, map("deep", List.of())))),
      new Object[] {"arr", 1L, null},
      new int[] {1, 2, 3},
      map("t", Instant.parse("2026-01-01T00:00:00.001Z"), "t0", Instant.parse("2026-01-01T00:00:00Z"),
          "e", Thread.State.RUNNABLE, "u", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), "c", 'x'),
      new Point(1, -2.5, "p", List.of("a")),
      "plain", 12345678901234567L, Long.MIN_VALUE, 0.1, Double.MAX_VALUE, Double.MIN_VALUE, true,
  };

  /** A record, written as an object with its components in declaration order. */
  public record Point(int x, double y, String label, List<String> tags) {
  }

  @Test
  void validDocuments_readToTheSameValues() {
    for (Object[] c : VALID) {
      String json = (String) c[0];
      Object expected = c[1];
      assertEquals(expected, MINI.read(json, Object.class), "built-in: " + json);
      assertEquals(expected, JACKSON.read(json, Object.class), "jackson: " + json);
    }
  }

  @Test
  void numberTypes_areTheSameClasses() {
    for (String n : List.of("1", "1.0", "-0", "99999999999999999999", "1e2")) {
      assertEquals(MINI.read(n, Object.class).getClass(), JACKSON.read(n, Object.class).getClass(), n);
    }
  }

  @Test
  void invalidDocuments_areTypedErrorsInBoth() {
    for (String json : INVALID) {
      JsonCodecException a = assertThrows(JsonCodecException.class, () -> MINI.read(json, Object.class),
          "built-in accepted: " + json);
      JsonCodecException b = assertThrows(JsonCodecException.class, () -> JACKSON.read(json, Object.class),
          "jackson accepted: " + json);
      assertTrue(a.getMessage().startsWith("invalid JSON"), a.getMessage());
      assertTrue(b.getMessage().startsWith("invalid JSON"), b.getMessage());
      assertInstanceOf(IllegalArgumentException.class, b, "JsonCodec has always declared IllegalArgumentException");
    }
  }

  @Test
  void parseErrors_carryTheOffset() {
    String json = "{\"a\": [1, 2,, 3]}";
    JsonCodecException a = assertThrows(JsonCodecException.class, () -> MINI.read(json, Object.class));
    JsonCodecException b = assertThrows(JsonCodecException.class, () -> JACKSON.read(json, Object.class));
    assertEquals(12, a.offset());
    assertEquals(12, b.offset());
  }

  @Test
  void writableValues_giveTheSameTextAndRoundTrip() {
    for (Object v : WRITABLE) {
      String mini = MINI.write(v);
      assertEquals(mini, JACKSON.write(v), "text of " + mini);
      assertEquals(MINI.read(mini, Object.class), JACKSON.read(mini, Object.class), "read back " + mini);
    }
    assertEquals("{\"x\":1,\"y\":-2.5,\"label\":\"p\",\"tags\":[\"a\"]}", JACKSON.write(new Point(1, -2.5, "p",
        List.of("a"))));
    assertEquals("{\"s\":\"\\u0001\\b\"}", JACKSON.write(Map.of("s", "\u0001\b")));
  }

  @Test
  void unwritableValues_areTypedErrorsInBoth() {
    for (Object v : List.of(Double.NaN, Double.POSITIVE_INFINITY, map("x", Float.NEGATIVE_INFINITY))) {
      assertThrows(JsonCodecException.class, () -> MINI.write(v), "built-in wrote " + v);
      assertThrows(JsonCodecException.class, () -> JACKSON.write(v), "jackson wrote " + v);
    }
  }

  @Test
  void simpleTargets_convertOnlyWhenExact() {
    Object[][] ok = {{"5", Long.class, 5L}, {"5", Integer.class, 5}, {"5", Double.class, 5.0d},
        {"2.5", BigDecimal.class, new BigDecimal("2.5")}, {"\"s\"", String.class, "s"}, {"true", Boolean.class, true},
        {"{\"a\":1}", Map.class, map("a", 1L)}, {"[1]", List.class, List.of(1L)}, {"null", Long.class, null}};
    for (Object[] c : ok) {
      assertEquals(c[2], MINI.read((String) c[0], (Type) c[1]), "built-in " + c[0]);
      assertEquals(c[2], JACKSON.read((String) c[0], (Type) c[1]), "jackson " + c[0]);
    }
    Object[][] bad = {{"2.5", Long.class}, {"3000000000", Integer.class}, {"\"5\"", Long.class}, {"[1]", Map.class},
        {"1", String.class}, {"1", Boolean.class}};
    for (Object[] c : bad) {
      assertThrows(JsonCodecException.class, () -> MINI.read((String) c[0], (Type) c[1]), "built-in " + c[0]);
      assertThrows(JsonCodecException.class, () -> JACKSON.read((String) c[0], (Type) c[1]), "jackson " + c[0]);
    }
  }

  @Test
  void jackson_bindsRecordsAndGenericTypes_builtInRefuses() {
    String json = "{\"x\":3,\"y\":0.5,\"label\":\"q\",\"tags\":[\"t\"]}";
    assertEquals(new Point(3, 0.5, "q", List.of("t")), JACKSON.read(json, Point.class));
    assertThrows(JsonCodecException.class, () -> MINI.read(json, Point.class));
    JsonCodecException e = assertThrows(JsonCodecException.class,
        () -> JACKSON.read("{\"x\":\"not a number\"}", Point.class));
    assertTrue(e.offset() >= 0, e.getMessage());
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  private static Object nestedValue(int depth) {
    Object v = List.of();
    for (int i = 1; i < depth; i++) {
      v = List.of(v);
    }
    return v;
  }
}
