package io.sqlitekit.plugin.softdelete;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.DriverProvider;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.driver.SqlWork;
import io.sqlitekit.spi.driver.SqliteDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test driver for {@code jdbc:sqlite-recording:<file>} URLs (registered in the test META-INF/services): the
 * bundled driver on {@code jdbc:sqlite:<file>}, recording the text of every statement the kit prepares, so a
 * test can run EXPLAIN QUERY PLAN on exactly the SQL a plugin-scoped repository call ran instead of on SQL it
 * rendered itself. Only this prefix is accepted, so kits on {@code jdbc:sqlite:} URLs never see it.
 */
public final class RecordingDriverProvider implements DriverProvider {
  private static final String PREFIX = "jdbc:sqlite-recording:";
  /** Recording drivers by their delegate's URL: the kit wraps its driver (lock retry), so tests look it up. */
  private static final java.util.Map<String, Recording> OPENED = new java.util.concurrent.ConcurrentHashMap<>();

  /** Returns the recording driver behind a kit's driver, found by URL. */
  static Recording recorderOf(SqliteDriver kitDriver) {
    Recording r = OPENED.get(kitDriver.url());
    if (r == null) {
      throw new IllegalStateException("no recording driver was opened for " + kitDriver.url());
    }
    return r;
  }

  /** Returns the URL of a recording kit on the file. */
  static String url(Path file) {
    return PREFIX + file;
  }

  @Override
  public String name() {
    return "recording";
  }

  @Override
  public boolean accepts(String url) {
    return url.startsWith(PREFIX);
  }

  @Override
  public SqliteDriver open(String url, DriverOptions options) {
    String real = "jdbc:sqlite:" + url.substring(PREFIX.length());
    for (DriverProvider p : ServiceLoader.load(DriverProvider.class)) {
      if (!(p instanceof RecordingDriverProvider) && p.accepts(real)) {
        Recording r = new Recording(p.open(real, options));
        OPENED.put(r.url(), r);
        return r;
      }
    }
    throw new IllegalStateException("no driver accepts " + real);
  }

  /** The recording driver: delegates everything, remembers each prepared SQL text. */
  static final class Recording implements SqliteDriver {
    private final SqliteDriver delegate;
    private final List<String> statements = new CopyOnWriteArrayList<>();

    Recording(SqliteDriver delegate) {
      this.delegate = delegate;
    }

    /** Returns the statements prepared since the last call, in order, and forgets them. */
    List<String> drain() {
      List<String> out = List.copyOf(statements);
      statements.clear();
      return out;
    }

    private <R> SqlWork<R> recorded(SqlWork<R> work) {
      return s -> work.run(new Session(s));
    }

    @Override
    public String url() {
      return delegate.url();
    }

    @Override
    public <R> R read(SqlWork<R> work) {
      return delegate.read(recorded(work));
    }

    @Override
    public <R> R readSnapshot(SqlWork<R> work) {
      return delegate.readSnapshot(recorded(work));
    }

    @Override
    public <R> R write(SqlWork<R> work) {
      return delegate.write(recorded(work));
    }

    @Override
    public boolean inTransaction() {
      return delegate.inTransaction();
    }

    @Override
    public void afterCommit(Runnable action) {
      delegate.afterCommit(action);
    }

    @Override
    public void afterCompletion(Runnable action) {
      delegate.afterCompletion(action);
    }

    @Override
    public RuntimeException translate(SQLException error, String what) {
      return delegate.translate(error, what);
    }

    @Override
    public void close() {
      delegate.close();
    }

    private final class Session implements SqlSession {
      private final SqlSession session;

      Session(SqlSession session) {
        this.session = session;
      }

      @Override
      public PreparedStatement prepare(String sql) throws SQLException {
        statements.add(sql);
        return session.prepare(sql);
      }

      @Override
      public void executeScript(String script) throws SQLException {
        session.executeScript(script);
      }

      @Override
      public Connection connection() {
        return session.connection();
      }

      @Override
      public boolean writable() {
        return session.writable();
      }
    }
  }
}
