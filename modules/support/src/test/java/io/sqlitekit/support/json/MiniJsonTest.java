package io.sqlitekit.support.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MiniJsonTest {
  final MiniJson j = MiniJson.INSTANCE;

  public record P(String name, int n) {
  }

  @Test
  void roundTripsTheJsonModel() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "a\"b\\c\n\u0001é");
    m.put("l", 12345678901L);
    m.put("d", 1.5);
    m.put("b", true);
    m.put("n", null);
    m.put("list", Arrays.asList(1L, "x", null, List.of()));
    m.put("o", Map.of());
    String text = j.write(m);
    assertEquals(m, j.read(text, Object.class));
    assertEquals("{\"name\":\"a\",\"n\":2}", j.write(new P("a", 2)));
    assertEquals(3L, j.read(" 3 ", Long.class));
    assertEquals(3, j.read("3", Integer.class));
  }

  @Test
  void parsingIsStrict() {
    for (String bad : List.of("", "{", "[1,]", "{'a':1}", "tru", "1 2", "\"\\x\"", "{\"a\" 1}", "01x")) {
      assertThrows(IllegalArgumentException.class, () -> j.read(bad, Object.class), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> j.write(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> j.write(new Object()));
    assertThrows(IllegalArgumentException.class, () -> j.read("\"x\"", Long.class));
  }
}
