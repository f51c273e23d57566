package io.sqlitekit.memory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.table.StorageClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SqlValuesTest {
  @Test
  void order_nullNumbersTextBlob() {
    List<Object> values = new ArrayList<>(Arrays.asList(new byte[] {1}, "a", 2.5, null, 1L, "B", 3L));
    values.sort(SqlValues.ORDER);
    assertEquals(Arrays.asList(null, 1L, 2.5, 3L, "B", "a"), values.subList(0, 6));
    assertTrue(values.get(6) instanceof byte[]);
  }

  @Test
  void numbers_compareAcrossIntegerAndReal() {
    assertTrue(SqlValues.same(1L, 1.0));
    assertTrue(SqlValues.compare(Long.MAX_VALUE, 9.223372036854775807E18) < 0);
    assertTrue(SqlValues.compare(-1L, -0.5) < 0);
  }

  @Test
  void text_comparesByCodePoint() {
    assertTrue(SqlValues.compareText("\uFFFF", "\uD83D\uDE00") < 0);
    assertTrue("\uFFFF".compareTo("\uD83D\uDE00") > 0, "UTF-16 order differs, which is why code points are used");
    assertTrue(SqlValues.compareText("ab", "abc") < 0);
  }

  @Test
  void like_wildcardsEscapesAndCase() {
    assertTrue(SqlValues.like("50% off", "50\\% off", false));
    assertFalse(SqlValues.like("500 off", "50\\% off", false));
    assertTrue(SqlValues.like("abc", "a_c", false));
    assertTrue(SqlValues.like("ABC", "a%", false));
    assertFalse(SqlValues.like("ABC", "a%", true));
    assertFalse(SqlValues.like("abc", "abc\\", false));
    assertTrue(SqlValues.like("", "%", false));
    assertTrue(SqlValues.like("a\uD83D\uDE00b", "a_b", true));
  }

  @Test
  void text_ofRealsLikeSqlite() {
    assertEquals("1.0", SqlValues.text(1.0));
    assertEquals("0.1", SqlValues.text(0.1));
    assertEquals("1.0e+20", SqlValues.text(1e20));
    assertEquals("42", SqlValues.text(42L));
  }

  @Test
  void add_andAffinity() {
    assertEquals(3L, SqlValues.add(1L, 2L));
    assertEquals(3.5, SqlValues.add(1L, 2.5));
    assertTrue(SqlValues.add(Long.MAX_VALUE, 1L) instanceof Double);
    assertEquals(3L, SqlValues.affinity(StorageClass.INTEGER, 3.0));
    assertEquals(3.5, SqlValues.affinity(StorageClass.INTEGER, 3.5));
    assertEquals(3.0, SqlValues.affinity(StorageClass.REAL, 3L));
    assertEquals(7L, SqlValues.affinity(StorageClass.INTEGER, "7"));
  }
}
