package io.sqlitekit.d1.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The literals are evaluated by a real SQLite (xerial's sqlite-jdbc, in memory) and must come back as
 * exactly the value written; the same check runs against the real local D1 in {@code D1LocalIT}.
 */
final class LiteralsTest {
  private static Connection db;

  @BeforeAll
  static void open() throws Exception {
    db = DriverManager.getConnection("jdbc:sqlite::memory:");
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  private static List<Double> evalDoubles(List<Double> values) throws Exception {
    StringBuilder sql = new StringBuilder("SELECT column1, typeof(column1) FROM (VALUES ");
    for (int i = 0; i < values.size(); i++) {
      sql.append(i == 0 ? "(" : ",(");
      Literals.appendDouble(sql, values.get(i));
      sql.append(')');
    }
    sql.append(')');
    List<Double> out = new ArrayList<>();
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
      while (rs.next()) {
        assertEquals("real", rs.getString(2));
        out.add(rs.getDouble(1));
      }
    }
    return out;
  }

  @Test
  void doubles_randomBitPatterns_readBackExactly() throws Exception {
    SplittableRandom rnd = new SplittableRandom(20);
    List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 0.1, -0.3, 1.0 / 3, 1e-60, 9.99e99, 1e100,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL),
        Double.MAX_VALUE, -Double.MAX_VALUE, 4.9406564584124654e-322, 1.7976931348623155e308, 2.5e-310));
    while (values.size() < 4000) {
      double d = Double.longBitsToDouble(rnd.nextLong());
      if (Double.isFinite(d)) {
        values.add(d);
      }
    }
    List<Double> back = new ArrayList<>();
    for (int from = 0; from < values.size(); from += 500) {
      back.addAll(evalDoubles(values.subList(from, Math.min(values.size(), from + 500))));
    }
    int bad = 0;
    StringBuilder examples = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (Double.compare(Math.abs(values.get(i)), Math.abs(back.get(i))) != 0
          || Math.signum(values.get(i)) != Math.signum(back.get(i))) {
        if (bad++ < 3) {
          StringBuilder lit = new StringBuilder();
          Literals.appendDouble(lit, values.get(i));
          examples.append(values.get(i)).append(" -> ").append(back.get(i)).append(" via ").append(lit)
              .append('\n');
        }
      }
    }
    assertEquals(0, bad, examples.toString());
  }

  @Test
  void doubles_shapes() {
    StringBuilder sb = new StringBuilder();
    Literals.appendDouble(sb, 1.5);
    assertEquals("(1.5)", sb.toString());
    sb.setLength(0);
    Literals.appendDouble(sb, -100.0);
    assertEquals("(-1.0E+2)", sb.toString(), "a '.' or exponent keeps it REAL");
    sb.setLength(0);
    Literals.appendDouble(sb, 1e300);
    assertTrue(sb.toString().matches("\\(1\\.[0-9]+E?\\+?[0-9]*(\\*[0-9.E+-]+)+\\)"), sb.toString());
    assertThrows(IllegalArgumentException.class, () -> Literals.appendDouble(new StringBuilder(), Double.NaN));
    assertThrows(IllegalArgumentException.class,
        () -> Literals.appendDouble(new StringBuilder(), Double.NEGATIVE_INFINITY));
  }

  @Test
  void longs_exact_includingMinValue_andSafeAfterMinus() throws Exception {
    long[] values = {0, 1, -1, 42, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, (1L << 53) + 1,
        -(1L << 53) - 1};
    for (long v : values) {
      StringBuilder sql = new StringBuilder("SELECT typeof(x), x, 1-x = 1-(");
      sql.append(v).append(") OR x = ").append(v == Long.MIN_VALUE ? "-9223372036854775807-1" : v)
          .append(" FROM (SELECT ");
      Literals.appendLong(sql, v);
      sql.append(" AS x)");
      try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
        rs.next();
        assertEquals("integer", rs.getString(1), sql.toString());
        assertEquals(v, rs.getLong(2), sql.toString());
      }
    }
    StringBuilder minus = new StringBuilder("SELECT 1-");
    Literals.appendLong(minus, -5);
    assertEquals("SELECT 1-(-5)", minus.toString(), "never the comment 1--5");
  }

  @Test
  void strings_andBlobs_exact() throws Exception {
    String[] texts = {"", "plain", "it's", "''", "\"dq\"", "-- not a comment", "/* nor this */", "é ☃ 😀",
        "back\\slash", "new\nline"};
    for (String t : texts) {
      StringBuilder sql = new StringBuilder("SELECT ");
      Literals.appendString(sql, t);
      try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
        rs.next();
        assertEquals(t, rs.getString(1));
      }
    }
    assertThrows(IllegalArgumentException.class, () -> Literals.appendString(new StringBuilder(), "a\0b"));
    byte[][] blobs = {{}, {0}, {(byte) 0xFF, 0x10, 0x00, 0x7F}};
    for (byte[] b : blobs) {
      StringBuilder sql = new StringBuilder("SELECT typeof(b), b FROM (SELECT ");
      Literals.appendBlob(sql, b);
      sql.append(" AS b)");
      try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
        rs.next();
        assertEquals("blob", rs.getString(1));
        assertArrayEquals(b, rs.getBytes(2) == null ? new byte[0] : rs.getBytes(2));
      }
    }
  }
}
