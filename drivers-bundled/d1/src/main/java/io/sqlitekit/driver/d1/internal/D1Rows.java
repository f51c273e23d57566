package io.sqlitekit.driver.d1.internal;

import io.sqlitekit.d1.client.D1Exception;
import io.sqlitekit.d1.client.D1Result;
import io.sqlitekit.d1.client.D1Row;
import io.sqlitekit.spi.driver.Rows;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

/**
 * Internal, not API, may change. The {@link Rows} cursor over one D1 answer, which holds every row already
 * (D1 has no cursors). Accessors convert like SQLite's {@code sqlite3_column_*}. A cell the client refuses (an
 * integer D1 may have rounded) fails its read with a {@link D1Failure}. Unusable once the reader returned.
 */
final class D1Rows implements Rows {
  private final List<String> columns;
  private List<D1Row> rows;
  private int index = -1;

  D1Rows(D1Result result) {
    this.columns = result.columns();
    this.rows = result.rows();
  }

  /** Returns how many rows {@link #next()} moved to. */
  long count() {
    return rows == null ? 0 : Math.min(index + 1L, rows.size());
  }

  void close() {
    index = Math.min(index + 1, rows.size());
    rowsRead = count();
    rows = null;
  }

  private long rowsRead;

  /** Returns the rows read, also after {@link #close()}. */
  long rowsRead() {
    return rows == null ? rowsRead : count();
  }

  private D1Row row() {
    if (rows == null) {
      throw new IllegalStateException("rows used after their query's reader returned");
    }
    if (index < 0 || index >= rows.size()) {
      throw new IllegalStateException(index < 0
          ? "no current row: call next() first" : "no current row: next() returned false");
    }
    return rows.get(index);
  }

  @Override
  public boolean next() {
    if (rows == null) {
      throw new IllegalStateException("rows used after their query's reader returned");
    }
    if (index < rows.size()) {
      index++;
    }
    return index < rows.size();
  }

  @Override
  public int columnCount() {
    return columns.isEmpty() && rows != null && index >= 0 && index < rows.size() ? row().size() : columns.size();
  }

  @Override
  public String columnName(int column) throws SQLException {
    if (column < 0 || column >= columns.size()) {
      throw new SQLException("column index " + column + " out of range (" + columns.size() + " columns)");
    }
    return columns.get(column);
  }

  @Override
  public Object getObject(int column) throws SQLException {
    D1Row r = row();
    if (column < 0 || column >= r.size()) {
      throw new SQLException("column index " + column + " out of range (" + r.size() + " columns)");
    }
    try {
      return r.get(column);
    } catch (D1Exception e) {
      throw new D1Failure(e);
    }
  }

  @Override
  public long getLong(int column) throws SQLException {
    Object v = getObject(column);
    if (v == null) {
      return 0;
    }
    if (v instanceof Long) {
      return (Long) v;
    }
    if (v instanceof Double) {
      double d = (Double) v;
      // SQLite: out-of-range reals clamp to the 64-bit bounds.
      return d >= 9.223372036854775807E18 ? Long.MAX_VALUE : d <= -9.223372036854775808E18 ? Long.MIN_VALUE
          : (long) d;
    }
    String s = v instanceof byte[] ? new String((byte[]) v, StandardCharsets.UTF_8) : v.toString();
    return (long) leadingNumber(s, true);
  }

  @Override
  public double getDouble(int column) throws SQLException {
    Object v = getObject(column);
    if (v == null) {
      return 0.0;
    }
    if (v instanceof Number) {
      return ((Number) v).doubleValue();
    }
    String s = v instanceof byte[] ? new String((byte[]) v, StandardCharsets.UTF_8) : v.toString();
    return leadingNumber(s, false);
  }

  @Override
  public String getString(int column) throws SQLException {
    Object v = getObject(column);
    if (v == null) {
      return null;
    }
    if (v instanceof byte[]) {
      return new String((byte[]) v, StandardCharsets.UTF_8);
    }
    return v.toString();
  }

  @Override
  public byte[] getBytes(int column) throws SQLException {
    Object v = getObject(column);
    if (v == null) {
      return null;
    }
    if (v instanceof byte[]) {
      return (byte[]) v;
    }
    return v.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean isNull(int column) throws SQLException {
    D1Row r = row();
    if (column < 0 || column >= r.size()) {
      throw new SQLException("column index " + column + " out of range (" + r.size() + " columns)");
    }
    return r.isNull(column);
  }

  /** SQLite's text-to-number rule: the longest numeric prefix (after spaces), 0 when there is none. */
  private static double leadingNumber(String s, boolean integer) {
    String t = s.strip();
    int end = 0;
    int n = t.length();
    if (end < n && (t.charAt(end) == '+' || t.charAt(end) == '-')) {
      end++;
    }
    while (end < n && Character.isDigit(t.charAt(end))) {
      end++;
    }
    if (!integer && end < n && t.charAt(end) == '.') {
      end++;
      while (end < n && Character.isDigit(t.charAt(end))) {
        end++;
      }
    }
    try {
      return Double.parseDouble(t.substring(0, end));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
