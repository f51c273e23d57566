package io.sqlitekit.driver.xerial.internal;

import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.driver.StatementListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal, not API, may change. One SQLite connection with its prepared-statement cache and the statement
 * listener.
 *
 * <p>Statement cache: an access-ordered LRU keyed by SQL text. Sessions {@link #acquire} a statement for the
 * length of one call and {@link #release} it right after, so a statement is never shared: when the SQL's
 * cached statement is busy (a query's reader runs the same SQL again), the nested call gets a one-off
 * statement, and a busy statement evicted from the cache is closed when it is released.
 *
 * <p>Threading: confined to the thread that holds it (the writer lock, or a reader borrowed from the pool);
 * hand-over between threads goes through the lock or the pool's queue, which publish its state.
 *
 * @since 0.1.0
 */
final class PooledConnection {
  private static final Logger LOG = LoggerFactory.getLogger(PooledConnection.class);

  private final Connection connection;
  private final String role;
  private final int cacheSize;
  private final StatementListener listener;
  private final LinkedHashMap<String, Prepared> cache;
  /** BEGIN/COMMIT/ROLLBACK run on every transaction: prepared once, outside the LRU so they are never evicted. */
  private final Map<String, PreparedStatement> control = new HashMap<>(8);
  /** Statements compiled on this connection, for tests of the cache. */
  private long prepares;

  PooledConnection(Connection connection, String role, int cacheSize, StatementListener listener) {
    this.connection = connection;
    this.role = role;
    this.cacheSize = cacheSize;
    this.listener = listener;
    this.cache = new LinkedHashMap<>(Math.max(16, Math.min(cacheSize, 1024)), 0.75f, true);
  }

  /** A prepared statement and whether a call is using it. */
  static final class Prepared {
    final PreparedStatement statement;
    final boolean cached;
    boolean busy;
    boolean evicted;

    Prepared(PreparedStatement statement, boolean cached) {
      this.statement = statement;
      this.cached = cached;
    }
  }

  Connection connection() {
    return connection;
  }

  String role() {
    return role;
  }

  /**
   * Returns the listener when it wants the next statement, else null: callers time and report only when this
   * is non-null, so an inactive listener (the kit's dispatch before anyone listens) costs no clock reads.
   */
  StatementListener listener() {
    return listener != null && listener.active() ? listener : null;
  }

  /** Returns how many statements were compiled on this connection (transaction control excluded). */
  long prepares() {
    return prepares;
  }

  /**
   * Lends the statement for the SQL to one call, preparing (and caching) it on a miss. The caller
   * {@link #release releases} it when the call ends, success or not.
   */
  Prepared acquire(String sql) throws SQLException {
    if (cacheSize > 0) {
      Prepared p = cache.get(sql);
      if (p != null && !p.busy && !p.statement.isClosed()) {
        p.busy = true;
        return p;
      }
      if (p == null || !p.busy) {
        p = new Prepared(prepare(sql), true);
        p.busy = true;
        evict(cache.put(sql, p));
        if (cache.size() > cacheSize) {
          Iterator<Prepared> it = cache.values().iterator();
          Prepared eldest = it.next();
          it.remove();
          evict(eldest);
        }
        return p;
      }
    }
    Prepared oneOff = new Prepared(prepare(sql), false);
    oneOff.busy = true;
    return oneOff;
  }

  private PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement ps = connection.prepareStatement(sql);
    prepares++;
    return ps;
  }

  private void evict(Prepared p) {
    if (p == null) {
      return;
    }
    if (p.busy) {
      p.evicted = true;
    } else {
      closeQuietly(p.statement);
    }
  }

  /**
   * Takes a statement out of the cache, so {@link #release} closes it and the next call of its SQL prepares a
   * new one.
   */
  void discard(Prepared p) {
    if (p.cached && !p.evicted) {
      cache.values().remove(p); // identity: Prepared does not override equals
      p.evicted = true;
    }
  }

  /**
   * Ends a call's use of a statement: closes it when it is not (or no longer) cached; otherwise clears its
   * parameters when {@code clearValues}, so the cache never keeps text or blobs (large values, personal data)
   * alive.
   *
   * <p>Why not always clear: {@code sqlite3_clear_bindings} marks the statement expired whenever its plan may
   * depend on a bound value (SQLite 3.54 does so for a range on an indexed column), and the next run then
   * compiles the SQL again. Measured on a keyset page: 8.5 µs of a 24 µs query. A number left bound pins
   * eight bytes and is overwritten by the statement's next use.
   *
   * @param p the statement
   * @param clearValues whether the call bound a value the cache must not keep (see {@link #mustClear})
   */
  void release(Prepared p, boolean clearValues) throws SQLException {
    p.busy = false;
    if (!p.cached || p.evicted) {
      p.statement.close();
    } else if (clearValues && !p.statement.isClosed()) {
      p.statement.clearParameters();
    }
  }

  /**
   * Returns whether a call's parameters include a value a cached statement must not keep after the call:
   * anything but null, numbers and booleans (text and blobs can be large or personal).
   *
   * @param params the bound values
   * @return true to clear the parameters when the statement is released
   */
  static boolean mustClear(List<?> params) {
    for (int i = 0, n = params.size(); i < n; i++) {
      Object v = params.get(i);
      if (v != null && !(v instanceof Number) && !(v instanceof Boolean)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs one of the fixed transaction-control statements (BEGIN, BEGIN IMMEDIATE, COMMIT, ROLLBACK, and the
   * savepoint statements, whose names repeat per nesting depth) through a statement prepared once per connection;
   * parsing them on every transaction was a measurable share of a single-row write.
   */
  void control(String sql) throws SQLException {
    StatementListener listener = listener();
    long t0 = listener == null ? 0 : System.nanoTime();
    Throwable failure = null;
    try {
      PreparedStatement ps = control.get(sql);
      if (ps == null) {
        ps = connection.prepareStatement(sql);
        control.put(sql, ps);
      }
      ps.executeUpdate();
    } catch (SQLException | RuntimeException e) {
      failure = e;
      throw e;
    } finally {
      if (listener != null) {
        report(listener, sql, StatementEvent.Kind.TRANSACTION, 0, 1, t0, 0, failure, List.of());
      }
    }
  }

  /**
   * Switches {@code query_only} for a read served on the writer connection. Not reported to the listener: it
   * is the driver's guard, not a statement of the application. Failing to switch it back off leaves the writer
   * refusing writes, so the error propagates.
   */
  void queryOnly(boolean on) throws SQLException {
    String sql = on ? "PRAGMA query_only = ON" : "PRAGMA query_only = OFF";
    PreparedStatement ps = control.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      control.put(sql, ps);
    }
    ps.execute();
  }

  /** Runs transaction control without a cached statement (the ROLLBACK after a failure). */
  void execute(String sql) throws SQLException {
    StatementListener listener = listener();
    long t0 = listener == null ? 0 : System.nanoTime();
    Throwable failure = null;
    try (Statement s = connection.createStatement()) {
      s.executeUpdate(sql);
    } catch (SQLException | RuntimeException e) {
      failure = e;
      throw e;
    } finally {
      if (listener != null) {
        report(listener, sql, StatementEvent.Kind.TRANSACTION, 0, 1, t0, 0, failure, List.of());
      }
    }
  }

  /**
   * Hands a finished statement to the listener {@link #listener()} returned when it started; what the listener
   * throws is logged.
   */
  static void report(StatementListener listener, String sql, StatementEvent.Kind kind, int params, int executions,
      long startNanos, long rows, Throwable failure, List<List<?>> values) {
    StatementEvent e = new StatementEvent(sql, kind, params, executions, System.nanoTime() - startNanos, rows,
        failure, values);
    try {
      listener.onStatement(e);
    } catch (RuntimeException ex) {
      LOG.warn("statement listener failed; the statement's outcome stands", ex);
    }
  }

  /** Closes every statement and the connection; failures are logged, never thrown. */
  void close() {
    for (PreparedStatement ps : control.values()) {
      closeQuietly(ps);
    }
    control.clear();
    for (Prepared p : cache.values()) {
      closeQuietly(p.statement);
    }
    cache.clear();
    try {
      connection.close();
      LOG.debug("closed {} connection", role);
    } catch (SQLException e) {
      LOG.warn("closing the {} connection failed", role, e);
    }
  }

  private void closeQuietly(PreparedStatement ps) {
    try {
      ps.close();
    } catch (SQLException e) {
      LOG.debug("closing a statement on the {} connection failed", role, e);
    }
  }
}
