package io.sqlitekit.spi.driver;

import java.sql.SQLException;

/**
 * A read-only view of the current row of a query. Columns are numbered from <b>0</b>. Values are SQLite's
 * own: the accessors convert as SQLite does ({@code sqlite3_column_int64}, {@code …_double}, {@code …_text},
 * {@code …_blob}), and {@link #getObject} returns the value in its storage class.
 *
 * <p><b>Misuse:</b> reading a value when there is no current row (before the first {@link Rows#next()}, or
 * after it returned false) is a programming mistake, like use after close, and every driver answers it with
 * {@link IllegalStateException}, never a {@link SQLException} a caller might retry or translate.
 * {@link #columnCount()} and {@link #columnName} describe the query and need no current row.
 *
 * @since 0.1.0
 */
public interface Row {
  /**
   * Returns the number of result columns.
   *
   * @return the count
   * @throws SQLException on failure
   */
  int columnCount() throws SQLException;

  /**
   * Returns a result column's name (its alias, or the column name).
   *
   * @param column the 0-based column index
   * @return the name
   * @throws SQLException if the index is out of range
   */
  String columnName(int column) throws SQLException;

  /**
   * Returns the value in its storage class: {@code null}; a {@link Long} for INTEGER (a driver may return an
   * {@link Integer} when the value fits one, so read integers as {@link Number}); a {@link Double} for REAL; a
   * {@link String} for TEXT; a {@code byte[]} for BLOB.
   *
   * @param column the 0-based column index
   * @return the value
   * @throws SQLException if the index is out of range
   * @throws IllegalStateException if there is no current row
   */
  Object getObject(int column) throws SQLException;

  /**
   * Returns the value as a 64-bit integer (0 for NULL).
   *
   * @param column the 0-based column index
   * @return the value
   * @throws SQLException if the index is out of range
   * @throws IllegalStateException if there is no current row
   */
  long getLong(int column) throws SQLException;

  /**
   * Returns the value as a double (0.0 for NULL).
   *
   * @param column the 0-based column index
   * @return the value
   * @throws SQLException if the index is out of range
   * @throws IllegalStateException if there is no current row
   */
  double getDouble(int column) throws SQLException;

  /**
   * Returns the value as text, or null for NULL.
   *
   * @param column the 0-based column index
   * @return the value
   * @throws SQLException if the index is out of range
   * @throws IllegalStateException if there is no current row
   */
  String getString(int column) throws SQLException;

  /**
   * Returns the value as bytes, or null for NULL.
   *
   * @param column the 0-based column index
   * @return a fresh array the caller may keep
   * @throws SQLException if the index is out of range
   * @throws IllegalStateException if there is no current row
   */
  byte[] getBytes(int column) throws SQLException;

  /**
   * Returns whether the value is NULL.
   *
   * @param column the 0-based column index
   * @return true for NULL
   * @throws SQLException if the index is out of range
   * @throws IllegalStateException if there is no current row
   */
  boolean isNull(int column) throws SQLException;
}
