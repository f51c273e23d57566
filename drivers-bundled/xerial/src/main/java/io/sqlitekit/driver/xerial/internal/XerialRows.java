package io.sqlitekit.driver.xerial.internal;

import io.sqlitekit.spi.driver.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Internal, not API, may change. The {@link Rows} cursor over one sqlite-jdbc result set (0-based columns
 * over JDBC's 1-based ones). It refuses use after {@link #close()}, which the session calls as soon as the
 * query's reader returns: a view kept beyond that would read another query's row.
 *
 * @since 0.1.0
 */
final class XerialRows implements Rows {
  private ResultSet rs;
  private long count;
  /** Whether {@link #next()} last moved onto a row; sqlite-jdbc itself answers misuse with a SQLException. */
  private boolean onRow;

  XerialRows(ResultSet rs) {
    this.rs = rs;
  }

  /** Returns how many rows {@link #next()} moved to. */
  long count() {
    return count;
  }

  /** Closes the result set, which resets the SQLite statement, and makes this view unusable. */
  void close() throws SQLException {
    ResultSet r = rs;
    rs = null;
    if (r != null) {
      r.close();
    }
  }

  private ResultSet rs() {
    ResultSet r = rs;
    if (r == null) {
      throw new IllegalStateException("rows used after their query's reader returned");
    }
    return r;
  }

  /** The result set positioned on a row, or the SPI's misuse error. */
  private ResultSet row() {
    ResultSet r = rs();
    if (!onRow) {
      throw new IllegalStateException(count == 0
          ? "no current row: call next() first" : "no current row: next() returned false");
    }
    return r;
  }

  @Override
  public boolean next() throws SQLException {
    ResultSet r = rs();
    // Cleared first: a failing step leaves no current row either.
    onRow = false;
    if (r.next()) {
      count++;
      onRow = true;
      return true;
    }
    return false;
  }

  @Override
  public int columnCount() throws SQLException {
    return rs().getMetaData().getColumnCount();
  }

  @Override
  public String columnName(int column) throws SQLException {
    return rs().getMetaData().getColumnLabel(column + 1);
  }

  @Override
  public Object getObject(int column) throws SQLException {
    return row().getObject(column + 1);
  }

  @Override
  public long getLong(int column) throws SQLException {
    return row().getLong(column + 1);
  }

  @Override
  public double getDouble(int column) throws SQLException {
    return row().getDouble(column + 1);
  }

  @Override
  public String getString(int column) throws SQLException {
    return row().getString(column + 1);
  }

  @Override
  public byte[] getBytes(int column) throws SQLException {
    return row().getBytes(column + 1);
  }

  @Override
  public boolean isNull(int column) throws SQLException {
    ResultSet r = row();
    // sqlite-jdbc reports NULL through wasNull() after a read; getObject reads the storage class directly.
    return r.getObject(column + 1) == null;
  }
}
