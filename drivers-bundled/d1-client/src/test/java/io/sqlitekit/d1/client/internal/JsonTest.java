package io.sqlitekit.d1.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class JsonTest {
  @Test
  void parse_d1RawAnswer_keepsOrderAndNumberText() throws Exception {
    Object v = Json.parse(" {\"success\":true,\"result\":[{\"results\":{\"columns\":[\"b\",\"a\"],"
        + "\"rows\":[[[0,255],9223372036854776000,1e+300,-0.5,null,\"x\"]]}}],\"errors\":[]} ");
    Map<?, ?> root = (Map<?, ?>) v;
    assertEquals(List.of("success", "result", "errors"), List.copyOf(root.keySet()));
    List<?> row = (List<?>) ((List<?>) ((Map<?, ?>) ((Map<?, ?>) ((List<?>) root.get("result")).get(0))
        .get("results")).get("rows")).get(0);
    assertEquals(List.of(new Json.Num("0"), new Json.Num("255")), row.get(0));
    assertEquals(new Json.Num("9223372036854776000"), row.get(1));
    assertTrue(((Json.Num) row.get(1)).integral());
    assertFalse(((Json.Num) row.get(2)).integral());
    assertFalse(((Json.Num) row.get(3)).integral());
    assertNull(row.get(4));
    assertEquals("x", row.get(5));
  }

  @Test
  void parse_stringEscapes_andSurrogatePairs() throws Exception {
    assertEquals("a\"b\\c/d\b\f\n\r\t\u00e9\uD83D\uDE00\u0000",
        Json.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\\u0000\""));
    assertEquals("héllo 😀", Json.parse("\"héllo 😀\""));
  }

  @Test
  void parse_refusesMalformed() {
    for (String bad : Arrays.asList("", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "01", "1.", "-", "1e",
        "\"\\x\"", "\"a\nb\"", "tru", "nul", "{} x", "{\"a\":1,\"a\":2}", "\"\\u12\"", "'x'", "[1 2]")) {
      assertThrows(Json.JsonException.class, () -> Json.parse(bad), bad);
    }
  }

  @Test
  void parse_refusesDeepNesting() {
    String deep = "[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2);
    assertThrows(Json.JsonException.class, () -> Json.parse(deep));
    String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
    assertTrue(assertDoesNotThrow(ok) instanceof List);
  }

  private static Object assertDoesNotThrow(String s) {
    try {
      return Json.parse(s);
    } catch (Json.JsonException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void writeString_roundTripsThroughParse() throws Exception {
    for (String s : List.of("", "plain", "quote\" backslash\\ slash/", "ctl\u0001\u001f\n\r\t", "é ☃ 😀",
        "nul\u0000inside", "line\u2028sep")) {
      StringBuilder sb = new StringBuilder();
      Json.writeString(sb, s);
      assertEquals(s, Json.parse(sb.toString()), sb.toString());
    }
  }

  @Test
  void writeString_loneSurrogateEscaped() {
    StringBuilder sb = new StringBuilder();
    Json.writeString(sb, "a\uD800b");
    assertEquals("\"a\\ud800b\"", sb.toString());
  }
}
