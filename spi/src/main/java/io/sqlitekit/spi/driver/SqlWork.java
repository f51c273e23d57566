package io.sqlitekit.spi.driver;

import java.sql.SQLException;

/**
 * Work run against a {@link SqlSession}.
 *
 * @param <R> the result type
 * @since 0.1.0
 */
@FunctionalInterface
public interface SqlWork<R> {
  /**
   * Runs the work.
   *
   * @param session the session
   * @return the result
   * @throws SQLException on a database failure; the driver translates it into a
   *     {@link io.sqlitekit.spi.error.RepositoryException}
   */
  R run(SqlSession session) throws SQLException;
}
