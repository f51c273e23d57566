package io.sqlitekit.d1.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class D1UrlTest {
  @Test
  void cloudflareForm() {
    D1Url.Parsed p = D1Url.parse("d1://0123abcd/my%20db?token=a%2Bb+c&deadlineMs=500");
    assertFalse(p.local());
    assertEquals("0123abcd", p.account());
    assertEquals("my db", p.database());
    assertEquals(Map.of("token", "a+b+c", "deadlineMs", "500"), p.options());
    assertFalse(p.toString().contains("a+b"), "toString shows option names only: " + p);
  }

  @Test
  void localForms() {
    D1Url.Parsed p = D1Url.parse("d1+http://127.0.0.1:8787/00000000-0000-0000-0000-000000000001/");
    assertTrue(p.local());
    assertEquals(URI.create("http://127.0.0.1:8787"), p.explorerBase());
    assertNull(p.account());
    assertEquals("00000000-0000-0000-0000-000000000001", p.database());
    assertEquals(URI.create("https://[::1]:9"), D1Url.parse("D1+HTTPS://[::1]:9/DB").explorerBase());
    assertEquals("☃", D1Url.parse("d1+http://h/%E2%98%83").database());
  }

  @Test
  void malformed_refused_withoutEchoingInput() {
    for (String bad : List.of("d1:/acct/db", "d1://acct", "d1://acct/", "d1://acct/a/b", "d1://ac ct/db",
        "d1://u@acct/db", "http://acct/db", "d1://acct/db#x", "d1://acct/db?token", "d1://acct/db?x=1",
        "d1://acct/db?token=a&token=b", "d1://acct/%zz", "d1+http://:80/db", "d1://acct/db?token=%4")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> D1Url.parse(bad), bad);
      assertFalse(e.getMessage().contains(bad), e.getMessage());
    }
  }

  @Test
  void uuid() {
    assertTrue(D1Url.isUuid("0f0e0d0c-0b0a-4909-8807-060504030201"));
    assertTrue(D1Url.isUuid("0F0E0D0C-0B0A-4909-8807-060504030201"));
    assertFalse(D1Url.isUuid("my-db"));
    assertFalse(D1Url.isUuid("0f0e0d0c-0b0a-4909-8807-06050403020"));
  }
}
