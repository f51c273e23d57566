package io.sqlitekit.spi.driver;

import java.sql.SQLException;

/**
 * Reads the rows of one {@link SqlSession#query}. It may stop early (the session closes the cursor when it
 * returns) and must not keep {@code rows} or its values' views beyond the call.
 *
 * @param <R> the result type
 * @since 0.1.0
 */
@FunctionalInterface
public interface RowReader<R> {
  /**
   * Reads rows.
   *
   * @param rows the cursor, before its first row
   * @return the result of the query
   * @throws SQLException on a failing step or read
   */
  R read(Rows rows) throws SQLException;
}
