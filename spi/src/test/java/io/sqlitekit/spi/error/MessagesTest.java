package io.sqlitekit.spi.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.Identifiers;
import io.sqlitekit.spi.table.TableDef;
import java.util.List;
import org.junit.jupiter.api.Test;

final class MessagesTest {
  /** Names a caller could submit as a field, sort or option name. */
  static final List<String> HOSTILE = List.of("a\nb", "a\r\nERROR forged line", "\u001b[31mred\u001b[0m",
      "<script>alert(1)</script>", "x".repeat(10_000), "\u202eevil\u202c", "line\u2028sep\u2029", "nul\u0000",
      "bell\u0007del\u007f", "nel\u0085", "bom\ufeffzw\u200b", "lone\ud800", "\udc00first", "q\"uote\\slash");

  /** What no sanitized message may contain. */
  static void assertSanitized(String message) {
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      int type = Character.getType(c);
      assertFalse(type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR || Character.isSurrogate(c),
          () -> "unsafe character U+" + Integer.toHexString(c) + " in: " + message);
    }
    assertTrue(message.length() < 1_000, () -> "message of " + message.length() + " chars");
  }

  @Test
  void quote_plainNameIsQuotedAsBefore() {
    assertEquals("\"age\"", Messages.quote("age"));
    assertEquals("\"user.name-1 (x)\"", Messages.quote("user.name-1 (x)"));
    assertEquals("null", Messages.quote(null));
    assertEquals("\"\"", Messages.quote(""));
  }

  @Test
  void quote_escapesControlFormatAndSeparatorCharacters() {
    assertEquals("\"a\\u000ab\"", Messages.quote("a\nb"));
    assertEquals("\"\\u001b[31mred\\u001b[0m\"", Messages.quote("\u001b[31mred\u001b[0m"));
    assertEquals("\"\\u202eevil\\u202c\"", Messages.quote("\u202eevil\u202c"));
    assertEquals("\"line\\u2028sep\\u2029\"", Messages.quote("line\u2028sep\u2029"));
    assertEquals("\"nel\\u0085\"", Messages.quote("nel\u0085"));
    assertEquals("\"lone\\ud800\"", Messages.quote("lone\ud800"));
    assertEquals("\"q\\\"uote\\\\slash\"", Messages.quote("q\"uote\\slash"));
    assertEquals("\"<script>alert(1)</script>\"", Messages.quote("<script>alert(1)</script>"),
        "markup is kept visible, not hidden; pages escape messages");
    assertEquals("\"smile \ud83d\ude00 ok\"", Messages.quote("smile \ud83d\ude00 ok"), "pairs are real characters");
  }

  @Test
  void quote_truncatesLongTextAndSaysHowLong() {
    String q = Messages.quote("x".repeat(10_000));
    assertEquals("\"" + "x".repeat(Messages.MAX_CHARS) + "...\" (10000 chars)", q);
    String pairAtCut = "x".repeat(Messages.MAX_CHARS - 1) + "\ud83d\ude00" + "tail";
    String cut = Messages.quote(pairAtCut);
    assertTrue(cut.startsWith("\"" + "x".repeat(Messages.MAX_CHARS - 1) + "...\""), cut);
    assertSanitized(cut);
  }

  @Test
  void sanitize_keepsSafeNamesAndCleansTheRest() {
    assertEquals("age", Messages.sanitize("age"));
    assertNull(Messages.sanitize(null));
    assertEquals("a\\u000ab", Messages.sanitize("a\nb"));
    for (String h : HOSTILE) {
      assertSanitized(Messages.sanitize(h));
      assertSanitized(Messages.quote(h));
    }
  }

  @Test
  void spiMessages_echoHostileNamesSanitized() {
    TableDef t = TableDef.of("users", Column.text("id").primaryKey(), Column.integer("age"));
    for (String h : HOSTILE) {
      ValidationException e = org.junit.jupiter.api.Assertions.assertThrows(ValidationException.class,
          () -> t.require(h));
      assertEquals(h, e.field(), "the field accessor keeps the name for programs");
      assertSanitized(e.getMessage());
      assertSanitized(e.toContract().details().get(0).path());
      assertSanitized(e.toContract().message());
      try {
        Identifiers.requireValid(h, "column name");
      } catch (IllegalArgumentException bad) {
        assertSanitized(bad.getMessage());
      }
      assertSanitized(new VersionConflictException(h, 1, 2L).getMessage());
      assertSanitized(new QueryParseException(h, "bad").toContract().details().get(0).path());
    }
  }
}
