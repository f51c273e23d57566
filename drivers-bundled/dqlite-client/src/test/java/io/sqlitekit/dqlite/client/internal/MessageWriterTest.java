package io.sqlitekit.dqlite.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Byte layout of requests, checked against the protocol description by hand. */
final class MessageWriterTest {
  private static byte[] bytes(MessageWriter w) {
    return Arrays.copyOf(w.array(), w.length());
  }

  @Test
  void header_wordsTypeSchema() {
    MessageWriter w = new MessageWriter().putU64(0).finish(Wire.REQUEST_LEADER, 0);
    assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, bytes(w));
  }

  @Test
  void text_nulAndPadding() {
    MessageWriter w = new MessageWriter().putText("abcdefg").finish(Wire.REQUEST_OPEN, 0);
    assertEquals(16, w.length(), "7 bytes + NUL fill exactly one word");
    w = new MessageWriter().putText("abcdefgh").finish(Wire.REQUEST_OPEN, 0);
    assertEquals(24, w.length(), "8 bytes + NUL need two words");
    assertEquals(0, w.array()[16]);
  }

  @Test
  void params_narrowLayout() {
    MessageWriter w = new MessageWriter().putParams(new byte[] {1, 5, 3}, Arrays.asList(-2L, null, "x"),
        false).finish(Wire.REQUEST_EXEC, 0);
    byte[] b = bytes(w);
    // count 3, codes 1 5 3, pad to 8
    assertArrayEquals(new byte[] {3, 1, 5, 3, 0, 0, 0, 0}, Arrays.copyOfRange(b, 8, 16));
    assertArrayEquals(new byte[] {-2, -1, -1, -1, -1, -1, -1, -1}, Arrays.copyOfRange(b, 16, 24));
    assertArrayEquals(new byte[8], Arrays.copyOfRange(b, 24, 32), "NULL is one zero word");
    assertArrayEquals(new byte[] {'x', 0, 0, 0, 0, 0, 0, 0}, Arrays.copyOfRange(b, 32, 40));
    assertEquals(40, b.length);
  }

  @Test
  void params_narrowHeaderSpansWords() {
    byte[] types = new byte[8];
    Arrays.fill(types, (byte) Wire.TYPE_INTEGER);
    MessageWriter w = new MessageWriter().putParams(types, Collections.nCopies(8, 1L), false)
        .finish(Wire.REQUEST_EXEC, 0);
    assertEquals(8 + 16 + 64, w.length(), "1 count byte + 8 codes = 9 bytes, padded to 16");
  }

  @Test
  void params_wideLayout() {
    byte[] types = new byte[300];
    Arrays.fill(types, (byte) Wire.TYPE_BLOB);
    List<Object> values = Collections.nCopies(300, new byte[] {9});
    MessageWriter w = new MessageWriter().putParams(types, values, true).finish(Wire.REQUEST_EXEC, 1);
    byte[] b = bytes(w);
    assertEquals(1, b[5], "schema 1");
    assertArrayEquals(new byte[] {44, 1, 0, 0, 4, 4, 4, 4}, Arrays.copyOfRange(b, 8, 16), "u32 count 300");
    int header = Wire.pad(4 + 300);
    assertEquals(8 + header + 300 * 16, b.length);
    assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0},
        Arrays.copyOfRange(b, 8 + header, 8 + header + 16), "blob: length word, bytes, padding");
    assertThrows(IllegalArgumentException.class,
        () -> new MessageWriter().putParams(types, values, false), "narrow tuples stop at 255");
  }

  @Test
  void emptyBody_refused() {
    assertThrows(IllegalStateException.class, () -> new MessageWriter().finish(Wire.REQUEST_LEADER, 0));
    assertThrows(IllegalStateException.class, () -> new MessageWriter().putParams(new byte[0], List.of(), false)
        .finish(Wire.REQUEST_EXEC, 0), "zero parameters leave the tuple out");
  }
}
