package io.sqlitekit.driver.xerial.internal;

import io.sqlitekit.spi.driver.BackupProgress;
import io.sqlitekit.spi.driver.ChangeBatch;
import io.sqlitekit.spi.driver.ChangeListener;
import io.sqlitekit.spi.driver.ChangeSubscription;
import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.SqlWork;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.support.driver.ScopedDriver;
import io.sqlitekit.support.driver.TransactionScope;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

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
  /** The longest a change poll waits for the writer lock before it skips that round. */
  static final Duration POLL_LOCK_WAIT = Duration.ofSeconds(1);

  /**
   * Test seam, package-private on purpose: applied to every connection once it is configured, just before the
   * driver starts using it. Fault-injection tests in this package wrap the real connection (Mockito) to make a
   * statement, a COMMIT or a result set fail the way a full disk, an I/O error or a corrupt page would, which
   * a real SQLite file cannot be made to do on demand. They set it before opening a driver and restore it
   * after; nothing else ever changes it.
   */
  static volatile UnaryOperator<Connection> connectionWrapper = UnaryOperator.identity();

  private final String url;
  private final PooledConnection writer;
  private final TransactionScope<PooledConnection> scope;
  private final XerialChangeFeed feed;
  /** Changes of the write this thread just committed, delivered once its {@code write} call unwinds. */
  private final ThreadLocal<ChangeBatch> committedChanges = new ThreadLocal<>();
  /** Change-feed marks of the open savepoints, by name; touched only under the writer lock. */
  private final Map<String, Integer> savepointMarks = new HashMap<>();

  private XerialDriver(String url, DriverOptions options, PooledConnection writer,
      List<PooledConnection> readerList) {
    this.url = url;
    this.writer = writer;
    this.scope = new TransactionScope<>(new JdbcSteps(), writer, readerList, options.writeLockTimeout(),
        options.groupCommit());
    scope.servingBriefReadsOnWriter();
    this.feed = new XerialChangeFeed(sqliteConnection(writer), this::pollDataVersion, fileName(url));
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
    // sqlite-jdbc already serializes every native call of a connection on its Java monitor, and the driver never
    // shares a connection between threads at once; SQLite's own per-call mutex only added a lock/unlock pair to
    // each column read (measured: 12-17 % of a 20-row page's CPU).
    config.setOpenMode(SQLiteOpenMode.NOMUTEX);
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

  /** Listeners hear of a commit before the caller's outermost write returns, never of a rollback. */
  @Override
  public <R> R write(SqlWork<R> work) {
    try {
      return super.write(work);
    } finally {
      ChangeBatch changes = committedChanges.get();
      if (changes != null) {
        committedChanges.remove();
        feed.deliver(changes);
      }
    }
  }

  /** Like {@link #write}: listeners hear of the statement's changes before the call returns. */
  @Override
  public <R> R writeStatement(SqlWork<R> work) {
    try {
      return super.writeStatement(work);
    } finally {
      ChangeBatch changes = committedChanges.get();
      if (changes != null) {
        committedChanges.remove();
        feed.deliver(changes);
      }
    }
  }

  @Override
  public void close() {
    feed.close();
    super.close();
    LOG.debug("closed {}", url);
  }

  /**
   * Runs work on the writer connection in autocommit mode under the writer lock (VACUUM, checkpoints,
   * integrity checks). Rows it changes are reported to watchers like a transaction's.
   */
  @Override
  public <R> R exclusive(SqlWork<R> work) {
    Objects.requireNonNull(work, "work");
    ChangeBatch[] changes = new ChangeBatch[1];
    try {
      return scope.exclusive(session -> {
        feed.begin();
        try {
          return work.run(session);
        } finally {
          // Autocommit: whatever ran before a failure is committed.
          changes[0] = feed.committed();
        }
      });
    } finally {
      feed.deliver(changes[0]);
    }
  }

  @Override
  public boolean supportsChangeNotifications() {
    return true;
  }

  @Override
  public ChangeSubscription watch(ChangeListener listener, Duration externalPoll) {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(externalPoll, "externalPoll");
    if (externalPoll.isNegative()) {
      throw new IllegalArgumentException("externalPoll must not be negative");
    }
    if (scope.inTransaction()) {
      throw new IllegalStateException("watch() cannot be called inside a write transaction");
    }
    // Under the writer lock: the hook is installed between two transactions, never halfway through one.
    return scope.exclusive(session -> {
      feed.installHook();
      return feed.subscribe(listener, externalPoll);
    });
  }

  /** Returns whether the change feed's polling thread runs (tests of shutdown). */
  boolean changePolling() {
    return feed.polling();
  }

  /**
   * Reads the writer connection's data_version for the change feed's poller under the writer lock; null when
   * closed or the lock was not had within {@link #POLL_LOCK_WAIT}. A busy writer only skips a poll: the poller
   * never queues behind writers (the write-lock timeout may be minutes) nor commits a group commit early. Raw
   * JDBC on purpose: the poll is not a statement of the application, so statement listeners never see it.
   */
  Long pollDataVersion() {
    try {
      return scope.tryExclusive(POLL_LOCK_WAIT, session -> {
        try (Statement s = writer.connection().createStatement();
            ResultSet rs = s.executeQuery("PRAGMA data_version")) {
          return rs.next() ? rs.getLong(1) : null;
        }
      }).orElse(null);
    } catch (RuntimeException e) {
      LOG.debug("PRAGMA data_version not read on {}", url, e);
      return null;
    }
  }

  @Override
  public boolean supportsOnlineBackup() {
    return true;
  }

  /**
   * Copies a consistent snapshot through SQLite's backup API. A WAL database is read through a new
   * read-only connection holding one read transaction (writers go on); a shared-connection database (memory,
   * not WAL) is copied on that connection under the writer lock, so its writers wait.
   */
  @Override
  public int backup(Path target, BackupProgress progress) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(progress, "progress");
    XerialBackup.checkTarget(target);
    if (!scope.sharedConnection()) {
      if (scope.isClosed()) {
        throw new IllegalStateException("driver closed");
      }
      return XerialBackup.fromNewConnection(url, target, progress);
    }
    if (scope.inTransaction()) {
      throw new IllegalStateException("backup() of a shared-connection database cannot run inside a write");
    }
    return scope.exclusive(session -> XerialBackup.fromConnection(sqliteConnection(writer), target, progress));
  }

  private static org.sqlite.SQLiteConnection sqliteConnection(PooledConnection pc) {
    try {
      return pc.connection().unwrap(org.sqlite.SQLiteConnection.class);
    } catch (SQLException e) {
      throw new ConfigurationException("the writer connection is not an sqlite-jdbc connection", e);
    }
  }

  private static String fileName(String url) {
    String rest = url.substring(PREFIX.length());
    int q = rest.indexOf('?');
    String path = q < 0 ? rest : rest.substring(0, q);
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(slash + 1);
  }

  /** The JDBC steps of the shared transaction machinery. */
  private final class JdbcSteps implements TransactionScope.Connections<PooledConnection> {
    @Override
    public <R> R run(PooledConnection pc, boolean writable, boolean inTransaction, SqlWork<R> work)
        throws SQLException {
      // A brief read lent the idle writer: the writer has no query_only, so the session guards it.
      boolean readOnWriter = pc == writer && !writable && !scope.sharedConnection();
      XerialSession session = new XerialSession(pc, writable, readOnWriter);
      try {
        return work.run(session);
      } finally {
        session.end();
      }
    }

    /** A local connection never resends a statement, so one statement may commit on its own. */
    @Override
    public boolean autocommitStatements() {
      return true;
    }

    @Override
    public <R> R runAutocommit(PooledConnection pc, SqlWork<R> work) throws SQLException {
      feed.begin();
      boolean applied = false;
      try {
        R result = run(pc, true, false, work);
        applied = true;
        return result;
      } finally {
        // A failed statement was rolled back by SQLite: its rows never reach listeners.
        if (applied) {
          committedChanges.set(feed.committed());
        } else {
          feed.discard();
        }
      }
    }

    @Override
    public void begin(PooledConnection pc, boolean write) throws SQLException {
      pc.control(write ? "BEGIN IMMEDIATE" : "BEGIN");
      if (write) {
        feed.begin();
        savepointMarks.clear();
      }
    }

    @Override
    public void commit(PooledConnection pc, boolean write) throws SQLException {
      pc.control("COMMIT");
      if (write) {
        committedChanges.set(feed.committed());
      }
    }

    @Override
    public void rollback(PooledConnection pc, Throwable primary) {
      if (pc == writer) {
        feed.discard();
      }
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
      String name = sql.substring(sql.lastIndexOf(' ') + 1);
      if (sql.startsWith("SAVEPOINT ")) {
        savepointMarks.put(name, feed.mark());
      }
      // Prepared once, as BEGIN and COMMIT are: the names repeat (sk_group, and sk_<n> per nesting depth).
      pc.control(sql);
      if (sql.startsWith("ROLLBACK TO ")) {
        // A rolled-back savepoint's rows never reach listeners.
        Integer mark = savepointMarks.get(name);
        if (mark != null) {
          feed.truncate(mark);
        }
      } else if (sql.startsWith("RELEASE ")) {
        savepointMarks.remove(name);
      }
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
