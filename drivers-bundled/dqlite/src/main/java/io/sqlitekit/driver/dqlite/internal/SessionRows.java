package io.sqlitekit.driver.dqlite.internal;

import io.sqlitekit.dqlite.client.DqliteRows;
import io.sqlitekit.dqlite.client.DqliteType;
import io.sqlitekit.spi.driver.Rows;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;

/**
 * Internal, not API, may change. The {@link Rows} of one session query over a streamed {@link DqliteRows}.
 *
 * <p>dqlite allows no other request on a connection while rows stream, but the SPI lets a reader run further
 * statements on its session. So before the session sends anything else it calls {@link #drain()}, which reads
 * the rest of the stream into memory and frees the connection; the reader then goes on over the buffer. Values
 * are SQLite's storage classes: dqlite's date/boolean codes (which the type guard keeps from appearing) are
 * mapped back to INTEGER/TEXT. Accessors convert the way {@code sqlite3_column_*} does.
 *
 * @since 0.1.0
 */
final class SessionRows implements Rows {
  private final DqliteRows live;
  private final List<String> columns;
  private ArrayDeque<Object[]> buffered;
  private Object[] current;
  private long count;
  private boolean closed;

  SessionRows(DqliteRows live) {
    this.live = live;
    this.columns = live.columnNames();
  }

  /** Rows read so far by the reader. */
  long count() {
    return count;
  }

  @Override
  public boolean next() throws SQLException {
    checkOpen();
    if (buffered != null) {
      current = buffered.poll();
    } else {
      try {
        current = live.next() ? copy() : null;
      } catch (RuntimeException e) {
        current = null;
        throw DqliteSqlException.of(e);
      }
    }
    if (current != null) {
      count++;
      return true;
    }
    return false;
  }

  /** Reads the rest of the stream into memory, so the connection can take another request. */
  void drain() throws SQLException {
    if (buffered != null) {
      return;
    }
    ArrayDeque<Object[]> rest = new ArrayDeque<>();
    try {
      while (live.next()) {
        rest.add(copy());
      }
    } catch (RuntimeException e) {
      throw DqliteSqlException.of(e);
    }
    buffered = rest;
  }

  /** Ends the stream: interrupts the server if the reader stopped early. */
  void close() throws SQLException {
    closed = true;
    buffered = null;
    current = null;
    try {
      live.close();
    } catch (RuntimeException e) {
      throw DqliteSqlException.of(e);
    }
  }

  private Object[] copy() {
    Object[] row = new Object[columns.size()];
    for (int i = 0; i < row.length; i++) {
      Object v = live.get(i);
      DqliteType t = live.type(i);
      if (v instanceof Boolean b) {
        v = b ? 1L : 0L;
      } else if (t == DqliteType.NULL) {
        v = null;
      }
      row[i] = v;
    }
    return row;
  }

  /** The same programming-mistake error the other drivers give, whatever the reader kept a reference to. */
  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("rows used after their query's reader returned");
    }
  }

  private Object value(int column) throws SQLException {
    checkOpen();
    if (current == null) {
      // Misuse, as the SPI defines it: the same IllegalStateException every driver gives.
      throw new IllegalStateException(count == 0
          ? "no current row: call next() first" : "no current row: next() returned false");
    }
    if (column < 0 || column >= current.length) {
      throw new SQLException(String.format(Locale.ROOT, "column index %d out of range 0..%d", column,
          current.length - 1));
    }
    return current[column];
  }

  @Override
  public int columnCount() {
    checkOpen();
    return columns.size();
  }

  @Override
  public String columnName(int column) throws SQLException {
    checkOpen();
    if (column < 0 || column >= columns.size()) {
      throw new SQLException(String.format(Locale.ROOT, "column index %d out of range 0..%d", column,
          columns.size() - 1));
    }
    return columns.get(column);
  }

  @Override
  public Object getObject(int column) throws SQLException {
    Object v = value(column);
    return v instanceof byte[] b ? b.clone() : v;
  }

  @Override
  public long getLong(int column) throws SQLException {
    Object v = value(column);
    if (v == null) {
      return 0;
    }
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Double d) {
      return (long) d.doubleValue();
    }
    return parseLong(v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : (String) v);
  }

  @Override
  public double getDouble(int column) throws SQLException {
    Object v = value(column);
    if (v == null) {
      return 0.0;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    return parseDouble(v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : (String) v);
  }

  @Override
  public String getString(int column) throws SQLException {
    Object v = value(column);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    if (v instanceof byte[] b) {
      return new String(b, StandardCharsets.UTF_8);
    }
    if (v instanceof Double d) {
      return realText(d);
    }
    return v.toString();
  }

  @Override
  public byte[] getBytes(int column) throws SQLException {
    Object v = value(column);
    if (v == null) {
      return null;
    }
    if (v instanceof byte[] b) {
      return b.clone();
    }
    return getString(column).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean isNull(int column) throws SQLException {
    return value(column) == null;
  }

  /** SQLite's text of a REAL ({@code %!.15g}): 15 significant digits, at least one decimal. */
  static String realText(double d) {
    if (Double.isNaN(d)) {
      return null;
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Inf" : "-Inf";
    }
    String s = String.format(Locale.ROOT, "%.15g", d);
    String mantissa = s;
    String exponent = "";
    int e = s.indexOf('e');
    if (e >= 0) {
      mantissa = s.substring(0, e);
      exponent = s.substring(e);
    }
    if (mantissa.indexOf('.') >= 0) {
      mantissa = mantissa.replaceAll("0+$", "");
      if (mantissa.endsWith(".")) {
        mantissa += "0";
      }
    }
    return mantissa + exponent;
  }

  /** Like SQLite's text-to-integer conversion: the longest numeric prefix, 0 when there is none. */
  private static long parseLong(String s) {
    String t = s.trim();
    int i = 0;
    if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
      i++;
    }
    int digits = i;
    while (digits < t.length() && Character.isDigit(t.charAt(digits))) {
      digits++;
    }
    if (digits < t.length() && (t.charAt(digits) == '.' || t.charAt(digits) == 'e' || t.charAt(digits) == 'E')) {
      return (long) parseDouble(t);
    }
    if (digits == i) {
      return 0;
    }
    try {
      return Long.parseLong(t.substring(0, digits));
    } catch (NumberFormatException overflow) {
      return t.charAt(0) == '-' ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static double parseDouble(String s) {
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("^\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?").matcher(s);
    return m.find() ? Double.parseDouble(m.group().trim()) : 0.0;
  }
}
