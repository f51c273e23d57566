package io.sqlitekit.migrate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class JsonTest {
  @Test
  void parse_journalShape() {
    Object v = Json.parse("{\"dialect\":\"sqlite\",\"entries\":[{\"idx\":0,\"tag\":\"0000_a\\u0021\","
        + "\"breakpoints\":true,\"x\":null,\"when\":1.5e3}]}");
    Map<?, ?> m = (Map<?, ?>) v;
    assertEquals("sqlite", m.get("dialect"));
    Map<?, ?> e = (Map<?, ?>) ((List<?>) m.get("entries")).get(0);
    assertEquals(new BigDecimal("0"), e.get("idx"));
    assertEquals("0000_a!", e.get("tag"));
    assertEquals(Boolean.TRUE, e.get("breakpoints"));
    assertSame(Json.NULL, e.get("x"));
    assertEquals(0, new BigDecimal("1500").compareTo((BigDecimal) e.get("when")));
  }

  @Test
  void parse_malformed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": [1, }"));
    assertEquals("invalid JSON at offset 10: unexpected character '}'", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Json.parse("{} x"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("\"open"));
  }
}
