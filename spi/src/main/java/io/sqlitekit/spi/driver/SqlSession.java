package io.sqlitekit.spi.driver;

import java.sql.SQLException;
import java.util.List;

/**
 * Runs the statements of one unit of {@link SqlWork}. Valid only during that work, on that thread: a session
 * used after its work ended fails with {@link IllegalStateException} (a programming mistake, like a driver used
 * after {@link SqliteDriver#close()}; nothing reaches the database).
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
   * Runs statements in order as one atomic unit and hands the last statement's rows to the reader: every
   * statement is applied or none is. All but the last return no rows ({@code INSERT}, {@code UPDATE},
   * {@code DELETE}, DDL); the last is a query ({@code SELECT} or {@code … RETURNING}). Every statement is known
   * before the first runs, so a driver without interactive transactions can send them as one request.
   *
   * <p>The default runs them one by one on this session: atomic because a driver with interactive transactions
   * runs every write session inside one transaction, which the failure rolls back. A driver without them
   * (Cloudflare D1) overrides it with one atomic request; it is then the only way to apply several writes in one
   * unit of work.
   *
   * @param sql the statements' SQL, at least one
   * @param params each statement's encoded parameters, in the same order
   * @param reader reads the last statement's rows
   * @param <R> the result type
   * @return what the reader returned
   * @throws SQLException on failure; nothing of the statements stays applied once the work ends
   * @since 0.2.0
   */
  default <R> R atomic(List<String> sql, List<? extends List<?>> params, RowReader<R> reader)
      throws SQLException {
    if (sql.isEmpty() || sql.size() != params.size()) {
      throw new IllegalArgumentException("atomic needs at least one statement and one parameter list each");
    }
    int last = sql.size() - 1;
    for (int i = 0; i < last; i++) {
      update(sql.get(i), params.get(i));
    }
    return query(sql.get(last), params.get(last), reader);
  }

  /**
   * Returns whether this session may write (it is the writer connection inside a write transaction).
   *
   * @return true for write sessions
   */
  boolean writable();
}
