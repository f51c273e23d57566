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

  @Override
  public boolean next() throws SQLException {
    if (rs().next()) {
      count++;
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
    return rs().getObject(column + 1);
  }

  @Override
  public long getLong(int column) throws SQLException {
    return rs().getLong(column + 1);
  }

  @Override
  public double getDouble(int column) throws SQLException {
    return rs().getDouble(column + 1);
  }

  @Override
  public String getString(int column) throws SQLException {
    return rs().getString(column + 1);
  }

  @Override
  public byte[] getBytes(int column) throws SQLException {
    return rs().getBytes(column + 1);
  }

  @Override
  public boolean isNull(int column) throws SQLException {
    ResultSet r = rs();
    // sqlite-jdbc reports NULL through wasNull() after a read; getObject reads the storage class directly.
    return r.getObject(column + 1) == null;
  }
}
