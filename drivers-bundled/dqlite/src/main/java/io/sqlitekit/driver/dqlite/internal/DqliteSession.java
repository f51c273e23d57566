package io.sqlitekit.driver.dqlite.internal;

import io.sqlitekit.dqlite.client.DqliteConnection;
import io.sqlitekit.dqlite.client.DqliteResult;
import io.sqlitekit.dqlite.client.DqliteRows;
import io.sqlitekit.spi.driver.RowReader;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.driver.StatementEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Internal, not API, may change. The {@link SqlSession} of one unit of work on one leader connection.
 *
 * <p>Outside a transaction (a plain read) a statement whose connection was lost, or that met a follower
 * ("not leader"), is sent once more on a fresh connection to the current leader: a read changes nothing, and
 * its rows had not reached the reader. Only once, so a statement that kills the node serving it cannot walk
 * through the whole cluster. Inside a transaction nothing is resent: the transaction died with its connection.
 *
 * @since 0.1.0
 */
final class DqliteSession implements SqlSession {
  private static final Pattern SCHEMA_CHANGE = Pattern.compile(
      "^(\\s|--[^\\n]*\\n|/\\*.*?\\*/)*(CREATE|ALTER)\\b", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private static final Pattern RETURNING = Pattern.compile("\\bRETURNING\\b", Pattern.CASE_INSENSITIVE);

  private final DqliteDriver driver;
  private final Link link;
  private final boolean writable;
  private final boolean resendable;
  private final Runnable onSchemaChange;
  private final Deque<SessionRows> open = new ArrayDeque<>();
  private boolean ended;

  DqliteSession(DqliteDriver driver, Link link, boolean writable, boolean resendable, Runnable onSchemaChange) {
    this.driver = driver;
    this.link = link;
    this.writable = writable;
    this.resendable = resendable;
    this.onSchemaChange = onSchemaChange;
  }

  @Override
  public <R> R query(String sql, List<?> params, RowReader<R> reader) throws SQLException {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(reader, "reader");
    checkActive();
    List<Object> p = encode(params);
    long t0 = System.nanoTime();
    SessionRows rows = null;
    Throwable failure = null;
    try {
      drainOpen();
      noteSchema(sql);
      DqliteRows live = null;
      for (int attempt = 0; live == null; attempt++) {
        DqliteConnection c = link.get(resendable);
        try {
          live = c.query(sql, p);
        } catch (RuntimeException e) {
          DqliteSqlException x = DqliteSqlException.of(e);
          if (writable && x.kind() == DqliteSqlException.Kind.FAILURE && RETURNING.matcher(sql).find()) {
            throw diagnose(c, sql, p, x);
          }
          if (!retry(x, attempt)) {
            throw x;
          }
        }
      }
      rows = new SessionRows(live);
      open.push(rows);
      return reader.read(rows);
    } catch (SQLException | RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      SQLException cleanup = null;
      if (rows != null) {
        open.remove(rows);
        try {
          rows.close();
        } catch (SQLException e) {
          lost(e);
          cleanup = e;
        }
      }
      if (cleanup != null && failure != null) {
        failure.addSuppressed(cleanup);
        cleanup = null;
      }
      driver.report(sql, StatementEvent.Kind.QUERY, p.size(), 1, t0, rows == null ? 0 : rows.count(),
          failure != null ? failure : cleanup, StatementEvent.captureValues(driver.activeListener(), params));
      if (cleanup != null) {
        throw cleanup;
      }
    }
  }

  /**
   * dqlite 1.11 reports a failing step of a {@code … RETURNING} query with a wrong code and message (code 7,
   * the first column's name), which would hide a duplicate key. The statement is run again as a plain EXEC
   * inside a savepoint, which fails with SQLite's real error, and the savepoint is rolled back either way, so
   * nothing of the diagnosis stays applied.
   */
  private SQLException diagnose(DqliteConnection c, String sql, List<Object> params, DqliteSqlException original) {
    try {
      c.exec("SAVEPOINT sk_diagnose");
    } catch (RuntimeException e) {
      original.addSuppressed(e);
      return original;
    }
    SQLException result = original;
    try {
      c.exec(sql, params);
    } catch (RuntimeException e) {
      DqliteSqlException real = DqliteSqlException.of(e);
      if (real.kind() == DqliteSqlException.Kind.FAILURE) {
        real.addSuppressed(original);
        result = real;
      }
    }
    try {
      c.exec("ROLLBACK TO sk_diagnose");
      c.exec("RELEASE sk_diagnose");
    } catch (RuntimeException e) {
      DqliteSqlException x = DqliteSqlException.of(e);
      lost(x);
      result.addSuppressed(x);
    }
    return result;
  }

  /** Whether to resend after {@code x}: once, outside a transaction, when the leader moved or the link died. */
  private boolean retry(DqliteSqlException x, int attempt) {
    boolean moved = x.kind() == DqliteSqlException.Kind.NOT_LEADER || x.connectionLost();
    if (moved) {
      link.drop();
    }
    return resendable && attempt == 0 && moved && x.kind() != DqliteSqlException.Kind.NO_LEADER;
  }

  private void lost(SQLException e) {
    if (e instanceof DqliteSqlException d && d.connectionLost()) {
      link.drop();
    }
  }

  @Override
  public long update(String sql, List<?> params) throws SQLException {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(params, "params");
    checkActive();
    List<Object> p = encode(params);
    long t0 = System.nanoTime();
    long changes = 0;
    Throwable failure = null;
    try {
      drainOpen();
      noteSchema(sql);
      changes = exec(sql, p).rowsAffected();
      return changes;
    } catch (SQLException | RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      driver.report(sql, StatementEvent.Kind.UPDATE, p.size(), 1, t0, changes, failure,
          StatementEvent.captureValues(driver.activeListener(), params));
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
    long t0 = System.nanoTime();
    long total = 0;
    Throwable failure = null;
    try {
      drainOpen();
      noteSchema(sql);
      long[] out = new long[rows.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = exec(sql, encode(rows.get(i))).rowsAffected();
        total += out[i];
      }
      return out;
    } catch (SQLException | RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      driver.report(sql, StatementEvent.Kind.BATCH, rows.get(0).size(), rows.size(), t0, total, failure,
          StatementEvent.captureBatchValues(driver.activeListener(), rows));
    }
  }

  @Override
  public void executeScript(String script) throws SQLException {
    Objects.requireNonNull(script, "script");
    checkActive();
    long t0 = System.nanoTime();
    Throwable failure = null;
    try {
      drainOpen();
      // dqlite's EXEC_SQL steps through every statement of the text with SQLite's own parser.
      onSchemaChange.run();
      exec(script, List.of());
    } catch (SQLException | RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      driver.report(script, StatementEvent.Kind.SCRIPT, 0, 1, t0, 0, failure);
    }
  }

  private DqliteResult exec(String sql, List<Object> params) throws SQLException {
    DqliteConnection c = link.get(resendable);
    try {
      return c.exec(sql, params);
    } catch (RuntimeException e) {
      DqliteSqlException x = DqliteSqlException.of(e);
      lost(x);
      throw x;
    }
  }

  private void noteSchema(String sql) {
    if (SCHEMA_CHANGE.matcher(sql).lookingAt()) {
      onSchemaChange.run();
    }
  }

  @Override
  public boolean writable() {
    return writable;
  }

  /** Ends the session: later calls fail, as the contract says. */
  void end() {
    ended = true;
  }

  /** Frees the connection from streams a reader is still iterating (they continue from memory). */
  private void drainOpen() throws SQLException {
    for (SessionRows r : open) {
      try {
        r.drain();
      } catch (SQLException e) {
        lost(e);
        throw e;
      }
    }
  }

  private void checkActive() {
    if (ended) {
      throw new IllegalStateException("session used after its work ended");
    }
  }

  /** Maps the SPI's parameter types onto the client's: integers as Long, booleans 1/0, floats as Double. */
  static List<Object> encode(List<?> params) throws SQLException {
    List<Object> out = new ArrayList<>(params.size());
    for (int i = 0; i < params.size(); i++) {
      Object v = params.get(i);
      if (v == null || v instanceof Long || v instanceof Double || v instanceof String || v instanceof byte[]) {
        out.add(v);
      } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
        out.add(((Number) v).longValue());
      } else if (v instanceof Float f) {
        out.add(f.doubleValue());
      } else if (v instanceof Boolean b) {
        out.add(b ? 1L : 0L);
      } else if (v instanceof BigInteger bi && bi.bitLength() < 64) {
        out.add(bi.longValue());
      } else if (v instanceof BigDecimal || v instanceof BigInteger) {
        out.add(v.toString());
      } else if (v instanceof Number n) {
        out.add(n.doubleValue());
      } else {
        throw new DqliteSqlException(DqliteSqlException.Kind.REFUSED, String.format(Locale.ROOT,
            "parameter %d has unsupported type %s (null, Long, Integer, Double, String, byte[] or Boolean)",
            i + 1, v.getClass().getName()), 0, null);
      }
    }
    return out;
  }
}
