package io.sqlitekit.testsupport;

import io.sqlitekit.spi.driver.RowReader;
import io.sqlitekit.spi.driver.Rows;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.driver.SqlWork;
import io.sqlitekit.spi.driver.SqliteDriver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A one-connection {@link SqliteDriver} over plain JDBC, for unit tests of plugin internals that run SQL
 * without core or the bundled driver. Guarantees: a fair lock serialises all work on the one connection;
 * outermost write work runs in {@code BEGIN IMMEDIATE … COMMIT} and rolls back when it throws; nested work
 * joins the outer transaction; each session call prepares, runs and closes its own statement (no cache);
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
    try {
      boolean outer = lock.getHoldCount() == 1;
      if (write && outer) {
        exec("BEGIN IMMEDIATE");
      }
      try {
        R r = work.run(new Session(write));
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
      lock.unlock();
    }
  }

  /** The session: one JDBC statement per call, closed before the call returns. */
  private final class Session implements SqlSession {
    private final boolean writable;

    Session(boolean writable) {
      this.writable = writable;
    }

    @Override
    public <R> R query(String sql, List<?> params, RowReader<R> reader) throws SQLException {
      try (PreparedStatement ps = bind(connection.prepareStatement(sql), params);
          ResultSet rs = ps.executeQuery()) {
        return reader.read(new JdbcRows(rs));
      }
    }

    @Override
    public long update(String sql, List<?> params) throws SQLException {
      try (PreparedStatement ps = bind(connection.prepareStatement(sql), params)) {
        return ps.executeUpdate();
      }
    }

    @Override
    public long[] batch(String sql, List<? extends List<?>> rows) throws SQLException {
      long[] out = new long[rows.size()];
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        for (int i = 0; i < out.length; i++) {
          out[i] = bind(ps, rows.get(i)).executeUpdate();
        }
      }
      return out;
    }

    @Override
    public void executeScript(String script) throws SQLException {
      try (Statement s = connection.createStatement()) {
        s.executeUpdate(script);
      }
    }

    @Override
    public boolean writable() {
      return writable;
    }
  }

  private static PreparedStatement bind(PreparedStatement ps, List<?> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      ps.setObject(i + 1, params.get(i));
    }
    return ps;
  }

  /** 0-based rows over a JDBC result set. */
  private static final class JdbcRows implements Rows {
    private final ResultSet rs;

    JdbcRows(ResultSet rs) {
      this.rs = rs;
    }

    @Override
    public boolean next() throws SQLException {
      return rs.next();
    }

    @Override
    public int columnCount() throws SQLException {
      return rs.getMetaData().getColumnCount();
    }

    @Override
    public String columnName(int column) throws SQLException {
      return rs.getMetaData().getColumnLabel(column + 1);
    }

    @Override
    public Object getObject(int column) throws SQLException {
      return rs.getObject(column + 1);
    }

    @Override
    public long getLong(int column) throws SQLException {
      return rs.getLong(column + 1);
    }

    @Override
    public double getDouble(int column) throws SQLException {
      return rs.getDouble(column + 1);
    }

    @Override
    public String getString(int column) throws SQLException {
      return rs.getString(column + 1);
    }

    @Override
    public byte[] getBytes(int column) throws SQLException {
      return rs.getBytes(column + 1);
    }

    @Override
    public boolean isNull(int column) throws SQLException {
      return rs.getObject(column + 1) == null;
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
