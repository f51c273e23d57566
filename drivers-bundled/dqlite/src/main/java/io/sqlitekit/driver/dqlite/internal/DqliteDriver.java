package io.sqlitekit.driver.dqlite.internal;

import io.sqlitekit.dqlite.client.DqliteClient;
import io.sqlitekit.dqlite.client.DqliteConnection;
import io.sqlitekit.dqlite.client.DqliteFailureException;
import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.SqlWork;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.driver.StatementListener;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.DataAccessException;
import io.sqlitekit.spi.error.OutcomeUnknownException;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.error.SqliteResultCode;
import io.sqlitekit.spi.error.TransientConflictException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.support.driver.ScopedDriver;
import io.sqlitekit.support.driver.TransactionScope;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Internal, not API, may change. The {@link SqliteDriver} over a dqlite cluster.
 *
 * <p>Connections: every connection goes to the cluster's leader (dqlite serves SQL only there). One writer
 * connection behind a fair lock, and {@code readerPoolSize} reader connections with {@code query_only}, all
 * opened lazily and replaced after a loss. Reads therefore run on the leader too: they see every committed
 * write at once, and they add load to the leader rather than spreading over the followers.
 *
 * <p>Writes: {@code BEGIN IMMEDIATE … COMMIT} on the writer connection, nested writes as savepoints. dqlite
 * answers {@code SQLITE_BUSY} at once when another process holds the write lock, so {@code BEGIN IMMEDIATE}
 * is retried with backoff for up to the busy timeout; a lost or demoted leader at {@code BEGIN} makes the
 * driver reconnect to the new leader and begin again (nothing ran yet). Inside the transaction nothing is
 * resent: a lost connection rolled it back ({@link TransientConflictException}, nothing applied). A COMMIT
 * whose answer was lost, or that met "leadership lost", may or may not have been applied:
 * {@link OutcomeUnknownException}.
 *
 * <p>Locking, nesting, savepoints, snapshot reads, after-commit actions and close are the shared
 * {@link TransactionScope}'s, as on the xerial driver; this class supplies the dqlite steps (begin with retries,
 * commit with "outcome unknown", rollback of a lost link).
 *
 * <p>Schema: a write that ran DDL is checked by {@link TypeGuard} before its COMMIT; the open database once
 * at open.
 *
 * @since 0.1.0
 */
public final class DqliteDriver extends ScopedDriver {
  private static final System.Logger LOG = System.getLogger(DqliteDriver.class.getName());
  /** Pragmas the server owns (journal, sync) or the driver replaces (busy timeout becomes the BUSY retry). */
  private static final Set<String> SERVER_PRAGMAS = Set.of("journal_mode", "synchronous", "busy_timeout",
      "wal_autocheckpoint", "locking_mode", "mmap_size", "page_size");
  private static final int MAX_RECONNECTS = 3;

  private final String url;
  private final DqliteUrl parsed;
  private final DriverOptions options;
  private final DqliteClient client;
  private final Map<String, String> pragmas;
  private final long busyNanos;
  private final StatementListener listener;
  private final Link writer;
  private final TransactionScope<Link> scope;
  /** Whether the current thread's write transaction ran DDL (then the type guard runs before its COMMIT). */
  private final ThreadLocal<boolean[]> schemaChanged = ThreadLocal.withInitial(() -> new boolean[1]);

  private DqliteDriver(String url, DqliteUrl parsed, DriverOptions options) {
    this.url = url;
    this.parsed = parsed;
    this.options = options;
    this.listener = options.statementListener();
    this.client = DqliteClient.builder().nodes(parsed.nodes()).connectTimeout(parsed.connectTimeout())
        .callTimeout(parsed.callTimeout()).discoveryTimeout(parsed.discoveryTimeout())
        // Short passes during an election: a new leader is found within ~250 ms of winning (the client's own
        // default waits up to 1 s between passes); a pass costs one refused or short TCP exchange per node.
        .backoff(Duration.ofMillis(25), Duration.ofMillis(250))
        .statementCacheSize(Math.min(options.statementCacheSize(), 10_000)).build();
    Map<String, String> effective = options.effectivePragmas();
    java.util.LinkedHashMap<String, String> keep = new java.util.LinkedHashMap<>();
    effective.forEach((k, v) -> {
      if (!SERVER_PRAGMAS.contains(k.toLowerCase(Locale.ROOT))) {
        keep.put(k, v);
      }
    });
    this.pragmas = keep;
    Duration busy = parsed.busyTimeout();
    if (busy == null) {
      String b = effective.get("busy_timeout");
      busy = Duration.ofMillis(b != null && b.matches("[0-9]{1,9}") ? Long.parseLong(b) : 5000);
    }
    this.busyNanos = busy.toNanos();
    this.writer = new Link(this, "writer", false);
    List<Link> readers = new ArrayList<>();
    for (int i = 0; i < options.readerPoolSize(); i++) {
      readers.add(new Link(this, "reader-" + i, true));
    }
    this.scope = new TransactionScope<>(new LinkSteps(), writer, readers, options.writeLockTimeout());
  }

  /**
   * Opens a driver: parses the URL, connects the writer to the leader (bounded by the discovery timeout) and
   * checks the database's schema for column types dqlite cannot return faithfully.
   *
   * @param url a {@code dqlite://} URL
   * @param options the options
   * @return the driver
   * @throws ConfigurationException if the URL is invalid, no leader answers, a pragma is refused or the
   *     schema declares DATETIME/DATE/TIMESTAMP/BOOLEAN columns
   */
  public static DqliteDriver open(String url, DriverOptions options) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(options, "options");
    DqliteDriver d = new DqliteDriver(url, DqliteUrl.parse(url), options);
    try {
      DqliteConnection c = d.writer.get(true);
      List<String> bad = TypeGuard.offending(c);
      if (!bad.isEmpty()) {
        throw new ConfigurationException("dqlite database " + d.parsed.database() + " cannot be used: "
            + TypeGuard.explain(bad) + "; rebuild these tables with such types first");
      }
    } catch (SQLException e) {
      d.writer.drop();
      throw new ConfigurationException(String.format(Locale.ROOT, "cannot open dqlite database %s on %s: %s",
          d.parsed.database(), d.parsed.nodes(), e.getMessage()), e);
    } catch (RuntimeException e) {
      d.writer.drop();
      if (e instanceof RepositoryException) {
        throw e;
      }
      throw new ConfigurationException(String.format(Locale.ROOT, "cannot open dqlite database %s on %s: %s",
          d.parsed.database(), d.parsed.nodes(), e.getMessage()), e);
    }
    return d;
  }

  /** Connects to the leader, opens the database and applies the pragmas (plus query_only on readers). */
  DqliteConnection connect(String role, boolean reader) throws SQLException {
    DqliteConnection c;
    try {
      c = client.connect(parsed.database());
    } catch (RuntimeException e) {
      throw DqliteSqlException.of(e);
    }
    try {
      for (Map.Entry<String, String> p : pragmas.entrySet()) {
        c.exec("PRAGMA " + p.getKey() + " = " + p.getValue());
      }
      if (reader) {
        c.exec("PRAGMA query_only = ON");
      }
    } catch (RuntimeException e) {
      c.close();
      throw DqliteSqlException.of(e);
    }
    LOG.log(System.Logger.Level.DEBUG, "dqlite {0} connected to {1}", role, c);
    return c;
  }

  @Override
  public String url() {
    return url;
  }

  @Override
  protected TransactionScope<?> scope() {
    return scope;
  }

  /**
   * Starts a transaction on a link: reconnects (to the new leader) when the link was lost or met a follower,
   * and retries SQLITE_BUSY with backoff for up to the busy timeout. Nothing has run yet, so both are safe.
   */
  private void beginOn(Link link, String sql, String what) {
    long deadline = System.nanoTime() + busyNanos;
    long backoffMillis = 2;
    int reconnects = 0;
    while (true) {
      try {
        control(link.get(true), sql);
        return;
      } catch (SQLException e) {
        DqliteSqlException x = e instanceof DqliteSqlException d ? d : null;
        boolean moved = x != null && (x.kind() == DqliteSqlException.Kind.NOT_LEADER
            || x.kind() == DqliteSqlException.Kind.LOST_SENT || x.kind() == DqliteSqlException.Kind.LOST_UNSENT);
        if (moved) {
          link.drop();
          if (++reconnects <= MAX_RECONNECTS) {
            continue;
          }
        }
        boolean busy = x != null && x.kind() == DqliteSqlException.Kind.FAILURE
            && SqliteResultCode.of(x.getErrorCode()).isTransient();
        if (busy && System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis) - deadline < 0) {
          try {
            Thread.sleep(backoffMillis);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new DataAccessException("interrupted while retrying a busy dqlite database", ie);
          }
          backoffMillis = Math.min(backoffMillis * 2, 100);
          continue;
        }
        throw translate(e, what);
      }
    }
  }

  private void commit() {
    try {
      control(writer.get(false), "COMMIT");
    } catch (SQLException e) {
      if (e instanceof DqliteSqlException x) {
        boolean leadershipLost = x.kind() == DqliteSqlException.Kind.NOT_LEADER
            && (x.getErrorCode() == DqliteFailureException.LEADERSHIP_LOST
                || x.getErrorCode() == DqliteFailureException.LEGACY_LEADERSHIP_LOST);
        if (x.kind() == DqliteSqlException.Kind.LOST_SENT || leadershipLost) {
          writer.drop();
          throw new OutcomeUnknownException("commit: the dqlite leader's answer to COMMIT was lost ("
              + x.getMessage() + "); the transaction may or may not have been applied. Read back before retrying",
              e);
        }
        if (x.connectionLost()) {
          writer.drop();
        }
      }
      throw translate(e, "commit");
    }
  }

  /** Runs the type guard on the writer inside the open transaction; a hit rolls the transaction back. */
  private void checkSchema() throws SQLException {
    List<String> bad;
    long t0 = System.nanoTime();
    Throwable failure = null;
    try {
      bad = TypeGuard.offending(writer.get(false));
    } catch (RuntimeException e) {
      DqliteSqlException x = DqliteSqlException.of(e);
      failure = x;
      throw x;
    } finally {
      report(TypeGuard.SQL, StatementEvent.Kind.QUERY, 0, 1, t0, 0, failure);
    }
    if (!bad.isEmpty()) {
      throw new ValidationException(null, "refused on dqlite, the schema change was rolled back: "
          + TypeGuard.explain(bad));
    }
  }

  private void rollbackQuietly(Link link, Throwable primary) {
    DqliteConnection c;
    try {
      c = link.get(false);
    } catch (SQLException gone) {
      // The connection is gone: the server rolled the transaction back when it dropped it.
      link.drop();
      return;
    }
    try {
      control(c, "ROLLBACK");
    } catch (SQLException e) {
      if (e instanceof DqliteSqlException x && x.connectionLost()) {
        link.drop();
        return;
      }
      String m = e.getMessage();
      if (m == null || !m.contains("no transaction is active")) {
        primary.addSuppressed(e);
      }
    }
  }

  /** Runs transaction control on a connection, reported to the listener. */
  private void control(DqliteConnection c, String sql) throws SQLException {
    long t0 = System.nanoTime();
    Throwable failure = null;
    try {
      c.exec(sql);
    } catch (RuntimeException e) {
      DqliteSqlException x = DqliteSqlException.of(e);
      failure = x;
      throw x;
    } finally {
      report(sql, StatementEvent.Kind.TRANSACTION, 0, 1, t0, 0, failure);
    }
  }

  /** Hands a finished statement without values to the listener, if active; what the listener throws is logged. */
  void report(String sql, StatementEvent.Kind kind, int params, int executions, long startNanos, long rows,
      Throwable failure) {
    report(sql, kind, params, executions, startNanos, rows, failure, List.of());
  }

  /** Returns the listener when it wants the next statement, else null. */
  StatementListener activeListener() {
    return listener != null && listener.active() ? listener : null;
  }

  /**
   * Hands a finished statement with its values (empty unless the listener asked for them,
   * {@link StatementEvent#captureValues}) to the listener, if active; what the listener throws is logged.
   */
  void report(String sql, StatementEvent.Kind kind, int params, int executions, long startNanos, long rows,
      Throwable failure, List<List<?>> values) {
    if (listener == null || !listener.active()) {
      return;
    }
    try {
      listener.onStatement(new StatementEvent(sql, kind, params, executions, System.nanoTime() - startNanos, rows,
          failure, values));
    } catch (RuntimeException ex) {
      LOG.log(System.Logger.Level.WARNING, "statement listener failed; the statement's outcome stands", ex);
    }
  }

  /** dqlite runs SQL in its own server process, where the kit cannot register a Java REGEXP function. */
  @Override
  public boolean supportsRegexp() {
    return false;
  }

  @Override
  public RuntimeException translate(SQLException error, String what) {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(what, "what");
    return ErrorTranslator.translate(error, what);
  }

  /** The dqlite steps of the shared transaction machinery. */
  private final class LinkSteps implements TransactionScope.Connections<Link> {
    @Override
    public <R> R run(Link link, boolean writable, boolean inTransaction, SqlWork<R> work) throws SQLException {
      // Outside a transaction each statement stands alone, so a read may be resent after a lost link.
      DqliteSession session = new DqliteSession(DqliteDriver.this, link, writable, !inTransaction,
          () -> schemaChanged.get()[0] = true);
      try {
        return work.run(session);
      } finally {
        session.end();
      }
    }

    @Override
    public void begin(Link link, boolean write) {
      beginOn(link, write ? "BEGIN IMMEDIATE" : "BEGIN", write ? "begin write transaction" : "begin read transaction");
      if (write) {
        schemaChanged.get()[0] = false;
      }
    }

    @Override
    public void beforeCommit(Link link) throws SQLException {
      boolean[] changed = schemaChanged.get();
      if (changed[0]) {
        changed[0] = false;
        checkSchema();
      }
    }

    @Override
    public void commit(Link link, boolean write) throws SQLException {
      if (write) {
        DqliteDriver.this.commit();
      } else {
        control(link.get(false), "COMMIT");
      }
    }

    @Override
    public void rollback(Link link, Throwable primary) {
      schemaChanged.get()[0] = false;
      rollbackQuietly(link, primary);
    }

    @Override
    public void savepoint(Link link, String sql) throws SQLException {
      control(link.get(false), sql);
    }

    @Override
    public void close(Link link) {
      link.drop();
    }

    @Override
    public RuntimeException translate(SQLException error, String what) {
      return DqliteDriver.this.translate(error, what);
    }

    @Override
    public void actionFailed(String kind, RuntimeException failure) {
      LOG.log(System.Logger.Level.WARNING, kind + " action failed; the transaction outcome stands", failure);
    }
  }
}
