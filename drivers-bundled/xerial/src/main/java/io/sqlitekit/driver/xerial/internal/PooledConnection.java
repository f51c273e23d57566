package io.sqlitekit.driver.xerial.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal, not API, may change. One SQLite connection with its prepared-statement cache.
 *
 * <p>Statement cache: an access-ordered LRU keyed by SQL text. A statement evicted while a session on this
 * connection may still hold it is closed only when the last session ends ({@link #sessionEnded()}), so
 * work that prepares more distinct statements than the cache holds never sees one closed under it.
 *
 * <p>Threading: confined to the thread that holds it (the writer lock, or a reader borrowed from the
 * pool); hand-over between threads goes through the lock or the pool's queue, which publish its state.
 *
 * @since 0.1.0
 */
final class PooledConnection {
  private static final Logger LOG = LoggerFactory.getLogger(PooledConnection.class);

  private final Connection connection;
  private final String role;
  private final int cacheSize;
  private final LinkedHashMap<String, TrackedStatement> cache;
  private final List<TrackedStatement> evicted = new ArrayList<>();
  /** BEGIN/COMMIT/ROLLBACK run on every transaction: prepared once, outside the LRU so they are never evicted. */
  private final Map<String, PreparedStatement> control = new java.util.HashMap<>(8);
  private int sessions;

  PooledConnection(Connection connection, String role, int cacheSize) {
    this.connection = connection;
    this.role = role;
    this.cacheSize = cacheSize;
    this.cache = new LinkedHashMap<>(Math.max(16, Math.min(cacheSize, 1024)), 0.75f, true);
  }

  Connection connection() {
    return connection;
  }

  String role() {
    return role;
  }

  boolean caching() {
    return cacheSize > 0;
  }

  /** Returns the cached statement for the SQL, preparing (and caching) it on a miss. */
  TrackedStatement cached(String sql) throws SQLException {
    TrackedStatement ts = cache.get(sql);
    if (ts != null && !ts.isClosed()) {
      return ts;
    }
    PreparedStatement ps = connection.prepareStatement(sql);
    ts = new TrackedStatement(ps, sql);
    cache.put(sql, ts);
    if (cache.size() > cacheSize) {
      Iterator<Map.Entry<String, TrackedStatement>> it = cache.entrySet().iterator();
      TrackedStatement eldest = it.next().getValue();
      it.remove();
      evicted.add(eldest);
    }
    return ts;
  }

  /** Returns a statement that is not cached; the caller closes it. */
  TrackedStatement uncached(String sql) throws SQLException {
    return new TrackedStatement(connection.prepareStatement(sql), sql);
  }

  /**
   * Runs one of the fixed transaction-control statements (BEGIN, BEGIN IMMEDIATE, COMMIT, ROLLBACK) through a
   * statement prepared once per connection; parsing them on every transaction was a measurable share of a
   * single-row write.
   */
  void control(String sql) throws SQLException {
    PreparedStatement ps = control.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      control.put(sql, ps);
    }
    ps.executeUpdate();
  }

  /** Runs SQL without parameters or results (BEGIN, COMMIT, PRAGMA, scripts). */
  void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  void sessionStarted() {
    sessions++;
  }

  void sessionEnded() {
    sessions--;
    if (sessions == 0 && !evicted.isEmpty()) {
      for (TrackedStatement ts : evicted) {
        closeQuietly(ts);
      }
      evicted.clear();
    }
  }

  /** Closes every statement and the connection; failures are logged, never thrown. */
  void close() {
    for (PreparedStatement ps : control.values()) {
      try {
        ps.close();
      } catch (SQLException e) {
        LOG.debug("closing a control statement on the {} connection failed", role, e);
      }
    }
    control.clear();
    for (TrackedStatement ts : cache.values()) {
      closeQuietly(ts);
    }
    cache.clear();
    for (TrackedStatement ts : evicted) {
      closeQuietly(ts);
    }
    evicted.clear();
    try {
      connection.close();
      LOG.debug("closed {} connection", role);
    } catch (SQLException e) {
      LOG.warn("closing the {} connection failed", role, e);
    }
  }

  private void closeQuietly(TrackedStatement ts) {
    try {
      ts.closeForGood();
    } catch (SQLException e) {
      LOG.debug("closing a cached statement on the {} connection failed", role, e);
    }
  }
}
