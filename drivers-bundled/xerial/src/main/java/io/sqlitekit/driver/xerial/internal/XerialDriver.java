package io.sqlitekit.driver.xerial.internal;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.SqlWork;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.support.driver.ScopedDriver;
import io.sqlitekit.support.driver.TransactionScope;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Internal, not API, may change. The {@link SqliteDriver} over sqlite-jdbc.
 *
 * <p>Connections: one writer connection, opened first (it creates the file and switches it to WAL through
 * the pragmas), then {@code readerPoolSize} reader connections opened read-only with {@code query_only}, so
 * a reader can never start a write transaction: an idle reader holding RESERVED would block the writer, and
 * because every read-then-write runs on the writer inside {@code BEGIN IMMEDIATE}, SQLITE_BUSY_SNAPSHOT
 * cannot happen. When the database is not in WAL mode after the pragmas (a {@code :memory:} or temporary
 * database, or a preset with another journal mode) there is ONE shared connection, and reads take the
 * writer lock too, because a connection must never be used by two threads at once.
 *
 * <p>Locking, nesting, savepoints, snapshot reads, after-commit actions and close are the shared
 * {@link TransactionScope}'s; this class supplies the JDBC steps. Why BEGIN IMMEDIATE: it takes SQLite's write
 * lock up front, so a conflict with another process surfaces (after busy_timeout) before any work ran, never
 * halfway.
 *
 * @since 0.1.0
 */
public final class XerialDriver extends ScopedDriver {
  private static final Logger LOG = LoggerFactory.getLogger(XerialDriver.class);
  private static final String PREFIX = "jdbc:sqlite:";

  /**
   * Test seam, package-private on purpose: applied to every connection once it is configured, just before the
   * driver starts using it. Fault-injection tests in this package wrap the real connection (Mockito) to make a
   * statement, a COMMIT or a result set fail the way a full disk, an I/O error or a corrupt page would, which
   * a real SQLite file cannot be made to do on demand. They set it before opening a driver and restore it
   * after; nothing else ever changes it.
   */
  static volatile UnaryOperator<Connection> connectionWrapper = UnaryOperator.identity();

  private final String url;
  private final TransactionScope<PooledConnection> scope;

  private XerialDriver(String url, DriverOptions options, PooledConnection writer,
      List<PooledConnection> readerList) {
    this.url = url;
    this.scope = new TransactionScope<>(new JdbcSteps(), writer, readerList, options.writeLockTimeout(),
        options.groupCommit());
  }

  /**
   * Opens a driver: the writer connection first, then (for WAL databases) the readers.
   *
   * @param url the JDBC URL, starting with {@code jdbc:sqlite:}
   * @param options the options
   * @return the driver
   * @throws ConfigurationException if a connection cannot be opened or a pragma is refused
   */
  public static XerialDriver open(String url, DriverOptions options) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(options, "options");
    if (!url.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a jdbc:sqlite: URL");
    }
    Map<String, String> pragmas = options.effectivePragmas();
    PooledConnection writer = openConnection(url, options, pragmas, false, "writer");
    List<PooledConnection> readerList = new ArrayList<>();
    boolean shared;
    try {
      shared = isMemory(url) || !"wal".equalsIgnoreCase(journalMode(writer));
      if (!shared) {
        for (int i = 0; i < options.readerPoolSize(); i++) {
          readerList.add(openConnection(url, options, pragmas, true, "reader-" + i));
        }
      }
    } catch (RuntimeException e) {
      readerList.forEach(PooledConnection::close);
      writer.close();
      throw e;
    }
    LOG.debug("opened {} with {}", url, shared ? "one shared connection (not WAL)"
        : "one writer and " + readerList.size() + " reader connections (WAL)");
    return new XerialDriver(url, options, writer, shared ? List.of() : readerList);
  }

  static boolean isMemory(String url) {
    String rest = url.substring(PREFIX.length());
    int q = rest.indexOf('?');
    String path = q < 0 ? rest : rest.substring(0, q);
    String query = q < 0 ? "" : rest.substring(q + 1);
    return path.isEmpty() || path.equals(":memory:") || path.startsWith("file::memory:")
        || path.equals("file:") || query.contains("mode=memory");
  }

  private static String journalMode(PooledConnection pc) {
    try (Statement s = pc.connection().createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
      return rs.next() ? rs.getString(1) : "";
    } catch (SQLException e) {
      throw new ConfigurationException("cannot read journal_mode of the writer connection", e);
    }
  }

  private static PooledConnection openConnection(String url, DriverOptions options, Map<String, String> pragmas,
      boolean reader, String role) {
    SQLiteConfig config = new SQLiteConfig();
    if (reader) {
      config.setReadOnly(true);
    }
    Connection c;
    try {
      c = config.createConnection(url);
    } catch (SQLException e) {
      throw new ConfigurationException(String.format(Locale.ROOT, "cannot open the %s connection: %s", role,
          ErrorTranslator.sqliteMessage(e.getMessage())), e);
    }
    try (Statement s = c.createStatement()) {
      for (Map.Entry<String, String> p : pragmas.entrySet()) {
        String name = p.getKey().toLowerCase(Locale.ROOT);
        boolean optional = reader && (name.equals("journal_mode") || name.equals("synchronous"));
        try {
          s.execute("PRAGMA " + p.getKey() + " = " + p.getValue());
        } catch (SQLException e) {
          if (optional) {
            // journal_mode belongs to the database (the writer already set it) and synchronous only
            // matters for writes; a read-only connection may refuse to change either, harmlessly.
            LOG.debug("pragma {} not applied on the read-only {} connection", p.getKey(), role, e);
            continue;
          }
          throw new ConfigurationException(String.format(Locale.ROOT, "pragma %s refused on the %s connection: %s",
              p.getKey(), role, ErrorTranslator.sqliteMessage(e.getMessage())), e);
        }
      }
      if (reader) {
        s.execute("PRAGMA query_only = ON");
      }
      RegexpFunction.register(c);
      DateBucketFunction.register(c);
    } catch (SQLException e) {
      closeQuietly(c);
      throw new ConfigurationException(String.format(Locale.ROOT, "cannot configure the %s connection: %s", role,
          ErrorTranslator.sqliteMessage(e.getMessage())), e);
    } catch (RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
    LOG.debug("opened {} connection to {}", role, url);
    return new PooledConnection(connectionWrapper.apply(c), role, options.statementCacheSize(),
        options.statementListener());
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      LOG.debug("closing a connection that failed to configure failed", e);
    }
  }

  @Override
  public String url() {
    return url;
  }

  @Override
  protected TransactionScope<?> scope() {
    return scope;
  }

  /** Every connection registers {@link DateBucketFunction}. */
  @Override
  public boolean supportsDateBucketFunction() {
    return true;
  }

  /** Returns whether all work shares one connection (the database is not in WAL mode or is in memory). */
  boolean sharedConnection() {
    return scope.sharedConnection();
  }

  @Override
  public RuntimeException translate(SQLException error, String what) {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(what, "what");
    return ErrorTranslator.translate(error, what);
  }

  @Override
  public void close() {
    super.close();
    LOG.debug("closed {}", url);
  }

  /** The JDBC steps of the shared transaction machinery. */
  private final class JdbcSteps implements TransactionScope.Connections<PooledConnection> {
    @Override
    public <R> R run(PooledConnection pc, boolean writable, boolean inTransaction, SqlWork<R> work)
        throws SQLException {
      XerialSession session = new XerialSession(pc, writable);
      try {
        return work.run(session);
      } finally {
        session.end();
      }
    }

    @Override
    public void begin(PooledConnection pc, boolean write) throws SQLException {
      pc.control(write ? "BEGIN IMMEDIATE" : "BEGIN");
    }

    @Override
    public void commit(PooledConnection pc, boolean write) throws SQLException {
      pc.control("COMMIT");
    }

    @Override
    public void rollback(PooledConnection pc, Throwable primary) {
      try {
        pc.execute("ROLLBACK");
      } catch (SQLException e) {
        // SQLite may already have rolled back (for example after SQLITE_FULL); nothing is left to undo.
        String m = e.getMessage();
        if (m == null || !m.contains("no transaction is active")) {
          primary.addSuppressed(e);
        }
      }
    }

    @Override
    public void savepoint(PooledConnection pc, String sql) throws SQLException {
      pc.execute(sql);
    }

    @Override
    public void close(PooledConnection pc) {
      pc.close();
    }

    @Override
    public RuntimeException translate(SQLException error, String what) {
      return XerialDriver.this.translate(error, what);
    }

    @Override
    public void actionFailed(String kind, RuntimeException failure) {
      LOG.warn("{} action failed; the transaction outcome stands", kind, failure);
    }
  }
}
