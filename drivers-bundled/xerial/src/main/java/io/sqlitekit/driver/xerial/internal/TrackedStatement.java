package io.sqlitekit.driver.xerial.internal;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * Internal, not API, may change. A cached {@link PreparedStatement} as handed out by
 * {@link XerialSession#prepare}: it delegates everything to the driver's statement and remembers the result
 * set it produced, so the session can close a result set the work left open.
 *
 * <p>Why a wrapper: sqlite-jdbc keeps a statement's SQLite cursor un-reset until its result set is closed
 * or the statement runs again. A cursor left open on a WAL reader pins that reader's snapshot (and blocks
 * checkpoints) and on the writer it keeps the statement busy, so the session must be able to reset every
 * statement it lent out. {@link #close()} by the caller only releases it (the cache owns the real statement).
 *
 * @since 0.1.0
 */
final class TrackedStatement implements PreparedStatement {
  private final PreparedStatement delegate;
  private final String sql;
  private ResultSet lastResult;
  private boolean resultPending;

  TrackedStatement(PreparedStatement delegate, String sql) {
    this.delegate = delegate;
    this.sql = sql;
  }

  /** Returns the SQL this statement was prepared from (the cache key). */
  String sql() {
    return sql;
  }

  /** Resets the statement for its next user: closes the result set left open and clears the parameters. */
  void reset() throws SQLException {
    release();
    if (!delegate.isClosed()) {
      delegate.clearParameters();
    }
  }

  /** Closes the result set the last execution left open (resetting the SQLite cursor), keeping the statement. */
  void release() throws SQLException {
    if (delegate.isClosed()) {
      lastResult = null;
      resultPending = false;
      return;
    }
    ResultSet rs = lastResult;
    lastResult = null;
    if (resultPending) {
      // execute() returned rows nobody fetched: sqlite-jdbc hands the cursor out exactly once, so ask for
      // it and close it, which resets the SQLite statement.
      resultPending = false;
      rs = delegate.getResultSet();
    }
    if (rs != null && !rs.isClosed()) {
      rs.close();
    }
  }

  /** Closes the underlying statement for good. */
  void closeForGood() throws SQLException {
    lastResult = null;
    resultPending = false;
    delegate.close();
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    resultPending = false;
    ResultSet rs = delegate.executeQuery();
    lastResult = rs;
    return rs;
  }

  @Override
  public boolean execute() throws SQLException {
    lastResult = null;
    resultPending = false;
    boolean hasRows = delegate.execute();
    resultPending = hasRows;
    return hasRows;
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    if (!resultPending) {
      return lastResult != null && !lastResult.isClosed() ? lastResult : null;
    }
    resultPending = false;
    ResultSet rs = delegate.getResultSet();
    lastResult = rs;
    return rs;
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    return getMoreResults(CLOSE_CURRENT_RESULT);
  }

  @Override
  public boolean getMoreResults(int current) throws SQLException {
    // SQLite never has a second result; closing the current one keeps the statement reusable, which the
    // driver's own getMoreResults (it finalizes the statement) would not.
    release();
    return false;
  }

  /** Releases the statement (closes its open result set) without closing it: the statement cache owns it. */
  @Override
  public void close() throws SQLException {
    release();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return delegate.isClosed();
  }

  @Override
  public Connection getConnection() throws SQLException {
    return delegate.getConnection();
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || iface.isInstance(delegate) || delegate.isWrapperFor(iface);
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    if (iface.isInstance(delegate)) {
      return iface.cast(delegate);
    }
    return delegate.unwrap(iface);
  }

  @Override
  public void addBatch() throws SQLException {
    delegate.addBatch();
  }

  @Override
  public void addBatch(String a1) throws SQLException {
    delegate.addBatch(a1);
  }

  @Override
  public void cancel() throws SQLException {
    delegate.cancel();
  }

  @Override
  public void clearBatch() throws SQLException {
    delegate.clearBatch();
  }

  @Override
  public void clearParameters() throws SQLException {
    delegate.clearParameters();
  }

  @Override
  public void clearWarnings() throws SQLException {
    delegate.clearWarnings();
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    delegate.closeOnCompletion();
  }

  @Override
  public String enquoteIdentifier(String a1, boolean a2) throws SQLException {
    return delegate.enquoteIdentifier(a1, a2);
  }

  @Override
  public String enquoteLiteral(String a1) throws SQLException {
    return delegate.enquoteLiteral(a1);
  }

  @Override
  public String enquoteNCharLiteral(String a1) throws SQLException {
    return delegate.enquoteNCharLiteral(a1);
  }

  @Override
  public boolean execute(String a1, int[] a2) throws SQLException {
    return delegate.execute(a1, a2);
  }

  @Override
  public boolean execute(String a1, String[] a2) throws SQLException {
    return delegate.execute(a1, a2);
  }

  @Override
  public boolean execute(String a1, int a2) throws SQLException {
    return delegate.execute(a1, a2);
  }

  @Override
  public boolean execute(String a1) throws SQLException {
    return delegate.execute(a1);
  }

  @Override
  public int[] executeBatch() throws SQLException {
    return delegate.executeBatch();
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    return delegate.executeLargeBatch();
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    return delegate.executeLargeUpdate();
  }

  @Override
  public long executeLargeUpdate(String a1, int[] a2) throws SQLException {
    return delegate.executeLargeUpdate(a1, a2);
  }

  @Override
  public long executeLargeUpdate(String a1, String[] a2) throws SQLException {
    return delegate.executeLargeUpdate(a1, a2);
  }

  @Override
  public long executeLargeUpdate(String a1, int a2) throws SQLException {
    return delegate.executeLargeUpdate(a1, a2);
  }

  @Override
  public long executeLargeUpdate(String a1) throws SQLException {
    return delegate.executeLargeUpdate(a1);
  }

  @Override
  public ResultSet executeQuery(String a1) throws SQLException {
    return delegate.executeQuery(a1);
  }

  @Override
  public int executeUpdate() throws SQLException {
    return delegate.executeUpdate();
  }

  @Override
  public int executeUpdate(String a1, int[] a2) throws SQLException {
    return delegate.executeUpdate(a1, a2);
  }

  @Override
  public int executeUpdate(String a1, String[] a2) throws SQLException {
    return delegate.executeUpdate(a1, a2);
  }

  @Override
  public int executeUpdate(String a1, int a2) throws SQLException {
    return delegate.executeUpdate(a1, a2);
  }

  @Override
  public int executeUpdate(String a1) throws SQLException {
    return delegate.executeUpdate(a1);
  }

  @Override
  public int getFetchDirection() throws SQLException {
    return delegate.getFetchDirection();
  }

  @Override
  public int getFetchSize() throws SQLException {
    return delegate.getFetchSize();
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    return delegate.getGeneratedKeys();
  }

  @Override
  public long getLargeMaxRows() throws SQLException {
    return delegate.getLargeMaxRows();
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    return delegate.getLargeUpdateCount();
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    return delegate.getMaxFieldSize();
  }

  @Override
  public int getMaxRows() throws SQLException {
    return delegate.getMaxRows();
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    return delegate.getMetaData();
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    return delegate.getParameterMetaData();
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    return delegate.getQueryTimeout();
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    return delegate.getResultSetConcurrency();
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    return delegate.getResultSetHoldability();
  }

  @Override
  public int getResultSetType() throws SQLException {
    return delegate.getResultSetType();
  }

  @Override
  public int getUpdateCount() throws SQLException {
    return delegate.getUpdateCount();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return delegate.getWarnings();
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    return delegate.isCloseOnCompletion();
  }

  @Override
  public boolean isPoolable() throws SQLException {
    return delegate.isPoolable();
  }

  @Override
  public boolean isSimpleIdentifier(String a1) throws SQLException {
    return delegate.isSimpleIdentifier(a1);
  }

  @Override
  public void setArray(int a1, Array a2) throws SQLException {
    delegate.setArray(a1, a2);
  }

  @Override
  public void setAsciiStream(int a1, InputStream a2, int a3) throws SQLException {
    delegate.setAsciiStream(a1, a2, a3);
  }

  @Override
  public void setAsciiStream(int a1, InputStream a2, long a3) throws SQLException {
    delegate.setAsciiStream(a1, a2, a3);
  }

  @Override
  public void setAsciiStream(int a1, InputStream a2) throws SQLException {
    delegate.setAsciiStream(a1, a2);
  }

  @Override
  public void setBigDecimal(int a1, BigDecimal a2) throws SQLException {
    delegate.setBigDecimal(a1, a2);
  }

  @Override
  public void setBinaryStream(int a1, InputStream a2, int a3) throws SQLException {
    delegate.setBinaryStream(a1, a2, a3);
  }

  @Override
  public void setBinaryStream(int a1, InputStream a2, long a3) throws SQLException {
    delegate.setBinaryStream(a1, a2, a3);
  }

  @Override
  public void setBinaryStream(int a1, InputStream a2) throws SQLException {
    delegate.setBinaryStream(a1, a2);
  }

  @Override
  public void setBlob(int a1, InputStream a2, long a3) throws SQLException {
    delegate.setBlob(a1, a2, a3);
  }

  @Override
  public void setBlob(int a1, InputStream a2) throws SQLException {
    delegate.setBlob(a1, a2);
  }

  @Override
  public void setBlob(int a1, Blob a2) throws SQLException {
    delegate.setBlob(a1, a2);
  }

  @Override
  public void setBoolean(int a1, boolean a2) throws SQLException {
    delegate.setBoolean(a1, a2);
  }

  @Override
  public void setByte(int a1, byte a2) throws SQLException {
    delegate.setByte(a1, a2);
  }

  @Override
  public void setBytes(int a1, byte[] a2) throws SQLException {
    delegate.setBytes(a1, a2);
  }

  @Override
  public void setCharacterStream(int a1, Reader a2, int a3) throws SQLException {
    delegate.setCharacterStream(a1, a2, a3);
  }

  @Override
  public void setCharacterStream(int a1, Reader a2, long a3) throws SQLException {
    delegate.setCharacterStream(a1, a2, a3);
  }

  @Override
  public void setCharacterStream(int a1, Reader a2) throws SQLException {
    delegate.setCharacterStream(a1, a2);
  }

  @Override
  public void setClob(int a1, Reader a2, long a3) throws SQLException {
    delegate.setClob(a1, a2, a3);
  }

  @Override
  public void setClob(int a1, Reader a2) throws SQLException {
    delegate.setClob(a1, a2);
  }

  @Override
  public void setClob(int a1, Clob a2) throws SQLException {
    delegate.setClob(a1, a2);
  }

  @Override
  public void setCursorName(String a1) throws SQLException {
    delegate.setCursorName(a1);
  }

  @Override
  public void setDate(int a1, Date a2, Calendar a3) throws SQLException {
    delegate.setDate(a1, a2, a3);
  }

  @Override
  public void setDate(int a1, Date a2) throws SQLException {
    delegate.setDate(a1, a2);
  }

  @Override
  public void setDouble(int a1, double a2) throws SQLException {
    delegate.setDouble(a1, a2);
  }

  @Override
  public void setEscapeProcessing(boolean a1) throws SQLException {
    delegate.setEscapeProcessing(a1);
  }

  @Override
  public void setFetchDirection(int a1) throws SQLException {
    delegate.setFetchDirection(a1);
  }

  @Override
  public void setFetchSize(int a1) throws SQLException {
    delegate.setFetchSize(a1);
  }

  @Override
  public void setFloat(int a1, float a2) throws SQLException {
    delegate.setFloat(a1, a2);
  }

  @Override
  public void setInt(int a1, int a2) throws SQLException {
    delegate.setInt(a1, a2);
  }

  @Override
  public void setLargeMaxRows(long a1) throws SQLException {
    delegate.setLargeMaxRows(a1);
  }

  @Override
  public void setLong(int a1, long a2) throws SQLException {
    delegate.setLong(a1, a2);
  }

  @Override
  public void setMaxFieldSize(int a1) throws SQLException {
    delegate.setMaxFieldSize(a1);
  }

  @Override
  public void setMaxRows(int a1) throws SQLException {
    delegate.setMaxRows(a1);
  }

  @Override
  public void setNCharacterStream(int a1, Reader a2, long a3) throws SQLException {
    delegate.setNCharacterStream(a1, a2, a3);
  }

  @Override
  public void setNCharacterStream(int a1, Reader a2) throws SQLException {
    delegate.setNCharacterStream(a1, a2);
  }

  @Override
  public void setNClob(int a1, Reader a2, long a3) throws SQLException {
    delegate.setNClob(a1, a2, a3);
  }

  @Override
  public void setNClob(int a1, Reader a2) throws SQLException {
    delegate.setNClob(a1, a2);
  }

  @Override
  public void setNClob(int a1, NClob a2) throws SQLException {
    delegate.setNClob(a1, a2);
  }

  @Override
  public void setNString(int a1, String a2) throws SQLException {
    delegate.setNString(a1, a2);
  }

  @Override
  public void setNull(int a1, int a2, String a3) throws SQLException {
    delegate.setNull(a1, a2, a3);
  }

  @Override
  public void setNull(int a1, int a2) throws SQLException {
    delegate.setNull(a1, a2);
  }

  @Override
  public void setObject(int a1, Object a2, int a3, int a4) throws SQLException {
    delegate.setObject(a1, a2, a3, a4);
  }

  @Override
  public void setObject(int a1, Object a2, int a3) throws SQLException {
    delegate.setObject(a1, a2, a3);
  }

  @Override
  public void setObject(int a1, Object a2, SQLType a3, int a4) throws SQLException {
    delegate.setObject(a1, a2, a3, a4);
  }

  @Override
  public void setObject(int a1, Object a2, SQLType a3) throws SQLException {
    delegate.setObject(a1, a2, a3);
  }

  @Override
  public void setObject(int a1, Object a2) throws SQLException {
    delegate.setObject(a1, a2);
  }

  @Override
  public void setPoolable(boolean a1) throws SQLException {
    delegate.setPoolable(a1);
  }

  @Override
  public void setQueryTimeout(int a1) throws SQLException {
    delegate.setQueryTimeout(a1);
  }

  @Override
  public void setRef(int a1, Ref a2) throws SQLException {
    delegate.setRef(a1, a2);
  }

  @Override
  public void setRowId(int a1, RowId a2) throws SQLException {
    delegate.setRowId(a1, a2);
  }

  @Override
  public void setSQLXML(int a1, SQLXML a2) throws SQLException {
    delegate.setSQLXML(a1, a2);
  }

  @Override
  public void setShort(int a1, short a2) throws SQLException {
    delegate.setShort(a1, a2);
  }

  @Override
  public void setString(int a1, String a2) throws SQLException {
    delegate.setString(a1, a2);
  }

  @Override
  public void setTime(int a1, Time a2, Calendar a3) throws SQLException {
    delegate.setTime(a1, a2, a3);
  }

  @Override
  public void setTime(int a1, Time a2) throws SQLException {
    delegate.setTime(a1, a2);
  }

  @Override
  public void setTimestamp(int a1, Timestamp a2, Calendar a3) throws SQLException {
    delegate.setTimestamp(a1, a2, a3);
  }

  @Override
  public void setTimestamp(int a1, Timestamp a2) throws SQLException {
    delegate.setTimestamp(a1, a2);
  }

  @Override
  public void setURL(int a1, URL a2) throws SQLException {
    delegate.setURL(a1, a2);
  }

  @Deprecated
  @Override
  @SuppressWarnings("deprecation")
  public void setUnicodeStream(int a1, InputStream a2, int a3) throws SQLException {
    delegate.setUnicodeStream(a1, a2, a3);
  }
}
