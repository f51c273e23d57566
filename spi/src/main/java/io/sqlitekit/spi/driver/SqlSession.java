package io.sqlitekit.spi.driver;

import java.sql.SQLException;
import java.util.List;

/**
 * Runs the statements of one unit of {@link SqlWork}. Valid only during that work, on that thread.
 *
 * <p>The session runs statements; it never lends out connections, statements or cursors, so a driver that
 * does not speak JDBC (a network protocol, an HTTP API) implements it directly. The driver owns statement
 * lifetime and caching: the same SQL text may be prepared once and reused across calls and sessions.
 *
 * <p><b>Parameters</b> are positional ({@code ?}) and already encoded: {@code null}, {@link Long},
 * {@link Integer}, {@link Double}, {@link String} or {@code byte[]} (drivers also accept the other
 * {@link Number} types and {@link Boolean}, stored as an integer). Failures are {@link SQLException}s whose
 * {@link SQLException#getErrorCode() error code} is SQLite's extended result code; the driver translates them
 * with {@link SqliteDriver#translate} when the work ends.
 *
 * <p><b>Listening:</b> every statement a session runs is reported once it finishes, successful or not, to the
 * {@link StatementListener} of the driver's {@link DriverOptions}, with its SQL text and timing, never its
 * parameter values.
 *
 * @since 0.1.0
 */
public interface SqlSession {
  /**
   * Runs a query (any statement that returns rows: {@code SELECT}, {@code PRAGMA}, {@code … RETURNING}) and
   * hands its cursor to the reader. The cursor and every {@link Row} view are valid only until the reader
   * returns; the session then closes the cursor, whatever the reader read. The reader may run further
   * statements on this session.
   *
   * @param sql the SQL text
   * @param params the encoded parameters, in placeholder order
   * @param reader reads the rows it needs and returns the result
   * @param <R> the result type
   * @return what the reader returned
   * @throws SQLException if the SQL does not compile, a parameter cannot be bound or a step fails; also what
   *     the reader throws
   */
  <R> R query(String sql, List<?> params, RowReader<R> reader) throws SQLException;

  /**
   * Runs a statement that returns no rows ({@code INSERT}, {@code UPDATE}, {@code DELETE}).
   *
   * @param sql the SQL text
   * @param params the encoded parameters, in placeholder order
   * @return the number of rows the statement changed (SQLite's {@code changes()})
   * @throws SQLException on failure
   */
  long update(String sql, List<?> params) throws SQLException;

  /**
   * Runs one statement once per parameter row, in order (a bulk insert or delete). Stops at the first failing
   * row and throws that row's own error (not a wrapper), so it translates by its SQLite result code; the
   * rows before it stay applied within the current transaction, which the caller's work then rolls back.
   *
   * @param sql the SQL text
   * @param rows one list of encoded parameters per execution
   * @return the changes of each execution, in order
   * @throws SQLException on failure
   */
  long[] batch(String sql, List<? extends List<?>> rows) throws SQLException;

  /**
   * Executes a script of one or more statements without parameters (DDL, migrations). SQLite splits the text,
   * so string literals and trigger bodies may contain {@code ;}.
   *
   * @param script the SQL
   * @throws SQLException on failure; the statements before the failing one stay applied within the current
   *     transaction
   */
  void executeScript(String script) throws SQLException;

  /**
   * Returns whether this session may write (it is the writer connection inside a write transaction).
   *
   * @return true for write sessions
   */
  boolean writable();
}
