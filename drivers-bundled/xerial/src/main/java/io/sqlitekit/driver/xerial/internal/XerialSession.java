package io.sqlitekit.driver.xerial.internal;

import io.sqlitekit.spi.driver.RowReader;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.driver.StatementListener;
import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * Internal, not API, may change. The session of one unit of work over one pooled connection: each call
 * borrows the SQL's cached statement, binds, runs and resets it before returning, so nothing (no cursor, no
 * bound value) outlives the call. A cursor left open would pin a WAL reader's snapshot and block
 * checkpoints; here the {@link XerialRows} view is closed as soon as the reader returns.
 *
 * @since 0.1.0
 */
final class XerialSession implements SqlSession {
  private final PooledConnection pooled;
  private final boolean writable;
  /** A read lent the idle writer connection, which has no {@code query_only} of its own. */
  private final boolean readOnWriter;
  private boolean ended;

  XerialSession(PooledConnection pooled, boolean writable) {
    this(pooled, writable, false);
  }

  /**
   * Creates a session.
   *
   * @param readOnWriter true for a read served on the writer connection: every statement but a plain
   *     {@code SELECT} then runs under {@code PRAGMA query_only}, so the read still cannot write
   */
  XerialSession(PooledConnection pooled, boolean writable, boolean readOnWriter) {
    this.pooled = pooled;
    this.writable = writable;
    this.readOnWriter = readOnWriter;
  }

  /** One statement call of this session, for {@link #readOnly}. */
  private interface Call<T> {
    T run() throws SQLException;
  }

  /**
   * Runs a call of a read on the writer so that SQLite itself refuses a write, as on a {@code query_only}
   * reader: a plain {@code SELECT} (the kit's own reads) cannot write and runs as is; anything else (a
   * {@code WITH}, a {@code … RETURNING}, a script, a pragma) runs between {@code query_only} on and off.
   */
  private <T> T readOnly(String sql, Call<T> call) throws SQLException {
    if (!readOnWriter || (sql != null && plainSelect(sql))) {
      return call.run();
    }
    pooled.queryOnly(true);
    T result;
    try {
      result = call.run();
    } catch (SQLException | RuntimeException | Error e) {
      try {
        pooled.queryOnly(false);
      } catch (SQLException off) {
        e.addSuppressed(off);
      }
      throw e;
    }
    pooled.queryOnly(false);
    return result;
  }

  /**
   * Returns whether the SQL is one statement that starts with {@code SELECT} and has no {@code ;} at all (so
   * no second statement can follow; a semicolon in a literal merely takes the guarded path). SQLite's
   * {@code SELECT} never writes: its built-in functions have no side effects, extension loading is off and
   * the driver's own functions only compute.
   */
  static boolean plainSelect(String sql) {
    return sql.regionMatches(true, 0, "SELECT", 0, 6) && sql.length() > 6
        && Character.isWhitespace(sql.charAt(6)) && sql.indexOf(';') < 0;
  }

  @Override
  public <R> R query(String sql, List<?> params, RowReader<R> reader) throws SQLException {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(reader, "reader");
    checkActive();
    return readOnly(sql, () -> runQuery(sql, params, reader));
  }

  private <R> R runQuery(String sql, List<?> params, RowReader<R> reader) throws SQLException {
    StatementListener listener = pooled.listener();
    long t0 = listener == null ? 0 : System.nanoTime();
    PooledConnection.Prepared p = null;
    XerialRows rows = null;
    Throwable failure = null;
    try {
      p = pooled.acquire(sql);
      PreparedStatement ps = p.statement;
      bind(ps, params);
      rows = new XerialRows(ps.executeQuery());
      return reader.read(rows);
    } catch (SQLException | RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      SQLException cleanup = finish(pooled, p, rows, failure, PooledConnection.mustClear(params));
      if (listener != null) {
        PooledConnection.report(listener, sql, StatementEvent.Kind.QUERY, params.size(), 1, t0,
            rows == null ? 0 : rows.count(), failure != null ? failure : cleanup,
            StatementEvent.captureValues(listener, params));
      }
      if (cleanup != null) {
        throw cleanup;
      }
    }
  }

  @Override
  public long update(String sql, List<?> params) throws SQLException {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(params, "params");
    checkActive();
    return readOnly(null, () -> runUpdate(sql, params));
  }

  private long runUpdate(String sql, List<?> params) throws SQLException {
    StatementListener listener = pooled.listener();
    long t0 = listener == null ? 0 : System.nanoTime();
    PooledConnection.Prepared p = null;
    long changes = 0;
    Throwable failure = null;
    try {
      p = pooled.acquire(sql);
      bind(p.statement, params);
      changes = p.statement.executeUpdate();
      return changes;
    } catch (SQLException | RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      SQLException cleanup = finish(pooled, p, null, failure, PooledConnection.mustClear(params));
      if (listener != null) {
        PooledConnection.report(listener, sql, StatementEvent.Kind.UPDATE, params.size(), 1, t0, changes,
            failure != null ? failure : cleanup, StatementEvent.captureValues(listener, params));
      }
      if (cleanup != null) {
        throw cleanup;
      }
    }
  }

  @Override
  public long[] batch(String sql, List<? extends List<?>> rows) throws SQLException {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(rows, "rows");
    checkActive();
    if (rows.isEmpty()) {
      return new long[0];
    }
    return readOnly(null, () -> runBatch(sql, rows));
  }

  private long[] runBatch(String sql, List<? extends List<?>> rows) throws SQLException {
    StatementListener listener = pooled.listener();
    long t0 = listener == null ? 0 : System.nanoTime();
    PooledConnection.Prepared p = null;
    long total = 0;
    Throwable failure = null;
    try {
      p = pooled.acquire(sql);
      PreparedStatement ps = p.statement;
      try {
        for (List<?> row : rows) {
          bind(ps, row);
          ps.addBatch();
        }
        int[] counts = ps.executeBatch();
        long[] out = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
          out[i] = Math.max(counts[i], 0);
          total += out[i];
        }
        return out;
      } catch (BatchUpdateException e) {
        // The failing row's own error carries SQLite's result code; the wrapper does not.
        throw e.getCause() instanceof SQLException ? (SQLException) e.getCause() : e;
      } finally {
        ps.clearBatch();
      }
    } catch (SQLException | RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      SQLException cleanup = finish(pooled, p, null, failure, true);
      if (listener != null) {
        PooledConnection.report(listener, sql, StatementEvent.Kind.BATCH, rows.get(0).size(), rows.size(), t0,
            total, failure != null ? failure : cleanup, StatementEvent.captureBatchValues(listener, rows));
      }
      if (cleanup != null) {
        throw cleanup;
      }
    }
  }

  @Override
  public void executeScript(String script) throws SQLException {
    Objects.requireNonNull(script, "script");
    checkActive();
    readOnly(null, () -> {
      runScript(script);
      return null;
    });
  }

  private void runScript(String script) throws SQLException {
    StatementListener listener = pooled.listener();
    long t0 = listener == null ? 0 : System.nanoTime();
    Throwable failure = null;
    // sqlite-jdbc runs Statement.executeUpdate(String) through sqlite3_exec, which executes every
    // statement of the text in turn and leaves splitting (string literals, trigger bodies) to SQLite.
    try (Statement s = pooled.connection().createStatement()) {
      s.executeUpdate(script);
    } catch (SQLException | RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      if (listener != null) {
        PooledConnection.report(listener, script, StatementEvent.Kind.SCRIPT, 0, 1, t0, 0, failure, List.of());
      }
    }
  }

  @Override
  public boolean writable() {
    return writable;
  }

  /** Returns the connection this session runs on. */
  PooledConnection pooled() {
    return pooled;
  }

  /** Ends the session: later calls fail, as the contract says. Nothing is held between calls. */
  void end() {
    ended = true;
  }

  private static void bind(PreparedStatement ps, List<?> params) throws SQLException {
    for (int i = 0, n = params.size(); i < n; i++) {
      ps.setObject(i + 1, params.get(i));
    }
  }

  /**
   * Closes the cursor and releases the statement. A failure here is added to the call's failure as
   * suppressed, or returned when the call had none (the caller then throws it).
   *
   * @param clearValues whether the statement's parameters must be cleared ({@link PooledConnection#mustClear})
   * @return the clean-up failure to throw, or null
   */
  private static SQLException finish(PooledConnection pooled, PooledConnection.Prepared p, XerialRows rows,
      Throwable failure, boolean clearValues) {
    SQLException cleanup = null;
    if (rows != null) {
      try {
        rows.close();
      } catch (SQLException e) {
        cleanup = e;
      }
    }
    if (p != null) {
      if (failure instanceof SQLException) {
        // sqlite-jdbc finalizes a statement that failed with a runtime error (SQLITE_ERROR: a bad JSON path,
        // an integer overflow in abs()) while isClosed() still says false; reusing it would fail with
        // "statement is not executing". A failed statement is therefore never reused.
        pooled.discard(p);
      }
      try {
        pooled.release(p, clearValues);
      } catch (SQLException e) {
        if (cleanup == null) {
          cleanup = e;
        } else {
          cleanup.addSuppressed(e);
        }
      }
    }
    if (cleanup != null && failure != null) {
      failure.addSuppressed(cleanup);
      return null;
    }
    return cleanup;
  }

  private void checkActive() {
    if (ended) {
      throw new IllegalStateException("session used after its work ended");
    }
  }
}
