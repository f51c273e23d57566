package io.sqlitekit.spi.driver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A connection lent to one unit of {@link SqlWork}. Valid only during that work, on that thread.
 *
 * @since 0.1.0
 */
public interface SqlSession {
  /**
   * Returns a prepared statement for the SQL from the connection's statement cache. Do not close it; its
   * parameters are cleared and any open result set is closed when it is handed out again or the work ends.
   *
   * @param sql the SQL text
   * @return the statement
   * @throws SQLException if the SQL does not compile
   */
  PreparedStatement prepare(String sql) throws SQLException;

  /**
   * Executes a script of one or more statements without parameters (DDL, migrations).
   *
   * @param script the SQL
   * @throws SQLException on failure
   */
  void executeScript(String script) throws SQLException;

  /**
   * Returns the raw connection, for work the session does not cover. Do not close it, change its
   * auto-commit mode or run BEGIN/COMMIT on it.
   *
   * @return the connection
   */
  Connection connection();

  /**
   * Returns whether this session may write (it is the writer connection inside a write transaction).
   *
   * @return true for write sessions
   */
  boolean writable();
}
