package io.sqlitekit.dqlite.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Node address parsing. */
final class HostPortTest {
  @Test
  void parse_forms() {
    assertEquals(new HostPort("127.0.0.1", 9001), HostPort.parse("127.0.0.1:9001"));
    assertEquals(new HostPort("db.example", 1), HostPort.parse(" db.example:1 "));
    assertEquals(new HostPort("::1", 65535), HostPort.parse("[::1]:65535"));
  }

  @Test
  void parse_bad() {
    for (String bad : new String[] {"", "host", ":9001", "h:", "h:x", "h:65536", "::1:9001", "[::1]9001",
        "[::1"}) {
      assertThrows(IllegalArgumentException.class, () -> HostPort.parse(bad), bad);
    }
  }
}
