package io.sqlitekit.plugin.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditJsonTest {
  @Test
  void write_escapesAndNests() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "a\"b\\c\n\u0001");
    m.put("n", 42L);
    m.put("d", 1.5);
    m.put("b", true);
    m.put("z", null);
    m.put("l", Arrays.asList(1, "x"));
    m.put("t", Instant.parse("2026-01-01T00:00:00.001Z"));
    m.put("x", new byte[] {1, 2});
    m.put("nan", Double.NaN);
    m.put("e", java.time.DayOfWeek.MONDAY);
    assertEquals("{\"s\":\"a\\\"b\\\\c\\n\\u0001\",\"n\":42,\"d\":1.5,\"b\":true,\"z\":null,\"l\":[1,\"x\"],"
        + "\"t\":\"2026-01-01T00:00:00.001Z\",\"x\":\"AQI=\",\"nan\":\"NaN\",\"e\":\"MONDAY\"}", AuditJson.write(m));
    assertEquals("[]", AuditJson.write(List.of()));
  }

  @Test
  void images_redactConfiguredFields() {
    record User(String id, String password, String email) {
    }
    Map<String, Object> image = Images.of(new User("u1", "hunter2", null), java.util.Set.of("password", "email"));
    assertEquals("u1", image.get("id"));
    assertEquals("[REDACTED]", image.get("password"));
    assertEquals(null, image.get("email"));
  }
}
