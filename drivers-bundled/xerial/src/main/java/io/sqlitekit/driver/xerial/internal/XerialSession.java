package io.sqlitekit.driver.xerial.internal;

import io.sqlitekit.spi.driver.SqlSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Internal, not API, may change. The session lent to one unit of work: hands out cached statements and,
 * when the work ends, closes the result sets it left open (and the statements, when caching is off).
 *
 * @since 0.1.0
 */
final class XerialSession implements SqlSession {
  private final PooledConnection pooled;
  private final boolean writable;
  private final List<TrackedStatement> handedOut = new ArrayList<>();
  private boolean ended;

  XerialSession(PooledConnection pooled, boolean writable) {
    this.pooled = pooled;
    this.writable = writable;
    pooled.sessionStarted();
  }

  @Override
  public PreparedStatement prepare(String sql) throws SQLException {
    Objects.requireNonNull(sql, "sql");
    checkActive();
    TrackedStatement ts;
    if (pooled.caching()) {
      ts = pooled.cached(sql);
      ts.reset();
      if (!handedOut.contains(ts)) {
        handedOut.add(ts);
      }
    } else {
      ts = pooled.uncached(sql);
      handedOut.add(ts);
    }
    return ts;
  }

  @Override
  public void executeScript(String script) throws SQLException {
    Objects.requireNonNull(script, "script");
    checkActive();
    // sqlite-jdbc runs Statement.executeUpdate(String) through sqlite3_exec, which executes every
    // statement of the text in turn and leaves splitting (string literals, trigger bodies) to SQLite.
    try (Statement s = pooled.connection().createStatement()) {
      s.executeUpdate(script);
    }
  }

  @Override
  public Connection connection() {
    checkActive();
    return pooled.connection();
  }

  @Override
  public boolean writable() {
    return writable;
  }

  /**
   * Ends the session: resets every statement handed out (closing it when not cached). Clearing the
   * parameters here too means the cache never keeps bound values (large blobs, personal data) alive.
   *
   * @throws SQLException if releasing fails; every statement is still attempted
   */
  void end() throws SQLException {
    if (ended) {
      return;
    }
    ended = true;
    SQLException failure = null;
    for (TrackedStatement ts : handedOut) {
      try {
        if (pooled.caching()) {
          ts.reset();
        } else {
          ts.closeForGood();
        }
      } catch (SQLException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    handedOut.clear();
    pooled.sessionEnded();
    if (failure != null) {
      throw failure;
    }
  }

  private void checkActive() {
    if (ended) {
      throw new IllegalStateException("session used after its work ended");
    }
  }
}
