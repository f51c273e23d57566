package io.sqlitekit.testsupport;

import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.driver.SqlWork;
import io.sqlitekit.spi.driver.SqliteDriver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A one-connection {@link SqliteDriver} over plain JDBC, for unit tests of plugin internals that run SQL
 * without core or the bundled driver. Guarantees: a fair lock serialises all work on the one connection;
 * outermost write work runs in {@code BEGIN IMMEDIATE … COMMIT} and rolls back when it throws; nested work
 * joins the outer transaction; statements prepared through the session are closed when the work ends;
 * after-commit and after-completion actions run at once. SQL errors surface as
 * {@code IllegalStateException} (no typed translation). The JDBC driver for the URL must be on the
 * caller's class path.
 *
 * @since 0.1.0
 */
public final class JdbcTestDriver implements SqliteDriver {
  private final String url;
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock(true);

  /**
   * Opens the connection.
   *
   * @param url a JDBC URL, e.g. {@code jdbc:sqlite:/tmp/x.db}
   * @throws SQLException when the connection cannot be opened
   */
  public JdbcTestDriver(String url) throws SQLException {
    this.url = url;
    this.connection = DriverManager.getConnection(url);
  }

  @Override
  public String url() {
    return url;
  }

  @Override
  public <R> R read(SqlWork<R> work) {
    return run(work, false);
  }

  @Override
  public <R> R write(SqlWork<R> work) {
    return run(work, true);
  }

  private <R> R run(SqlWork<R> work, boolean write) {
    lock.lock();
    List<PreparedStatement> open = new ArrayList<>();
    try {
      boolean outer = lock.getHoldCount() == 1;
      if (write && outer) {
        exec("BEGIN IMMEDIATE");
      }
      try {
        R r = work.run(new SqlSession() {
          @Override
          public PreparedStatement prepare(String sql) throws SQLException {
            PreparedStatement ps = connection.prepareStatement(sql);
            open.add(ps);
            return ps;
          }

          @Override
          public void executeScript(String script) throws SQLException {
            try (Statement s = connection.createStatement()) {
              s.executeUpdate(script);
            }
          }

          @Override
          public Connection connection() {
            return connection;
          }

          @Override
          public boolean writable() {
            return write;
          }
        });
        if (write && outer) {
          exec("COMMIT");
        }
        return r;
      } catch (SQLException | RuntimeException e) {
        if (write && outer) {
          exec("ROLLBACK");
        }
        throw e instanceof RuntimeException ? (RuntimeException) e : new IllegalStateException(e);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } finally {
      for (PreparedStatement ps : open) {
        try {
          ps.close();
        } catch (SQLException ignored) {
          // closing a test statement
        }
      }
      lock.unlock();
    }
  }

  private void exec(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public boolean inTransaction() {
    return lock.isHeldByCurrentThread();
  }

  @Override
  public void afterCommit(Runnable action) {
    action.run();
  }

  @Override
  public void afterCompletion(Runnable action) {
    action.run();
  }

  @Override
  public RuntimeException translate(SQLException error, String what) {
    return new IllegalStateException(what, error);
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
