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
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

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
 * <p>Schema: a write that ran DDL is checked by {@link TypeGuard} before its COMMIT; the open database once
 * at open.
 *
 * @since 0.1.0
 */
public final class DqliteDriver implements SqliteDriver {
  private static final System.Logger LOG = System.getLogger(DqliteDriver.class.getName());
  private static final long POOL_POLL_MILLIS = 50;
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
  private final long lockWaitNanos;
  private final StatementListener listener;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final Link writer;
  private final BlockingQueue<Link> readers;
  private final int readerCount;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ThreadLocal<ThreadState> state = ThreadLocal.withInitial(ThreadState::new);

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
    long nanos;
    try {
      nanos = options.writeLockTimeout().toNanos();
    } catch (ArithmeticException tooLong) {
      nanos = Long.MAX_VALUE;
    }
    this.lockWaitNanos = nanos;
    this.writer = new Link(this, "writer", false);
    this.readerCount = options.readerPoolSize();
    this.readers = new ArrayBlockingQueue<>(readerCount, true);
    for (int i = 0; i < readerCount; i++) {
      readers.add(new Link(this, "reader-" + i, true));
    }
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
  public <R> R read(SqlWork<R> work) {
    return read(work, false);
  }

  @Override
  public <R> R readSnapshot(SqlWork<R> work) {
    return read(work, true);
  }

  private <R> R read(SqlWork<R> work, boolean snapshot) {
    Objects.requireNonNull(work, "work");
    ThreadState st = state.get();
    if (st.depth > 0) {
      return runJoined(writer, true, false, work, "read", st);
    }
    if (st.reading != null) {
      if (!snapshot || st.inSnapshot) {
        return runJoined(st.reading, false, !st.inSnapshot, work, "read", st);
      }
      return runSnapshot(st, st.reading, work);
    }
    checkOpen();
    Link reader = borrowReader();
    st.reading = reader;
    try {
      return snapshot ? runSnapshot(st, reader, work) : runJoined(reader, false, true, work, "read", st);
    } finally {
      st.reading = null;
      readers.add(reader);
    }
  }

  private <R> R runSnapshot(ThreadState st, Link link, SqlWork<R> work) {
    beginOn(link, "BEGIN", "begin read transaction");
    st.inSnapshot = true;
    try {
      R result = runJoined(link, false, false, work, "read", st);
      control(link.get(false), "COMMIT");
      return result;
    } catch (SQLException e) {
      rollbackQuietly(link, e);
      throw translate(e, "end read transaction");
    } catch (Throwable e) {
      rollbackQuietly(link, e);
      throw rethrow(e);
    } finally {
      st.inSnapshot = false;
    }
  }

  private <R> R runJoined(Link link, boolean writable, boolean resendable, SqlWork<R> work, String what,
      ThreadState st) {
    DqliteSession session = new DqliteSession(this, link, writable, resendable, () -> st.schemaChanged = true);
    try {
      return work.run(session);
    } catch (SQLException e) {
      throw translate(e, what);
    } finally {
      session.end();
    }
  }

  @Override
  public <R> R write(SqlWork<R> work) {
    Objects.requireNonNull(work, "work");
    ThreadState st = state.get();
    if (st.depth > 0) {
      return nestedWrite(st, work);
    }
    boolean outermost = st.reading == null;
    if (outermost) {
      checkOpen();
    }
    lockWriter();
    boolean committed = false;
    R result;
    try {
      if (outermost) {
        checkOpen();
      }
      beginOn(writer, "BEGIN IMMEDIATE", "begin write transaction");
      st.depth = 1;
      st.schemaChanged = false;
      try {
        result = runJoined(writer, true, false, work, "write", st);
        if (st.schemaChanged) {
          checkSchema();
        }
        commit();
        committed = true;
      } catch (OutcomeUnknownException e) {
        throw e;
      } catch (SQLException e) {
        rollbackQuietly(writer, e);
        throw translate(e, "write");
      } catch (Throwable e) {
        rollbackQuietly(writer, e);
        throw rethrow(e);
      } finally {
        st.depth = 0;
        st.savepoints = 0;
        st.schemaChanged = false;
      }
    } finally {
      writeLock.unlock();
      if (!committed) {
        st.afterCommit.clear();
      }
      runCompletionActions(st, committed);
    }
    return result;
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

  private <R> R nestedWrite(ThreadState st, SqlWork<R> work) {
    String name = "sk_" + (++st.savepoints);
    int commitMark = st.afterCommit.size();
    try {
      control(writer.get(false), "SAVEPOINT " + name);
    } catch (SQLException e) {
      throw translate(e, "savepoint");
    }
    st.depth++;
    try {
      R result = runJoined(writer, true, false, work, "write", st);
      control(writer.get(false), "RELEASE " + name);
      return result;
    } catch (SQLException e) {
      rollbackTo(name, e);
      discardFrom(st.afterCommit, commitMark);
      throw translate(e, "release savepoint");
    } catch (Throwable e) {
      rollbackTo(name, e);
      discardFrom(st.afterCommit, commitMark);
      throw rethrow(e);
    } finally {
      st.depth--;
    }
  }

  private void rollbackTo(String name, Throwable primary) {
    try {
      DqliteConnection c = writer.get(false);
      control(c, "ROLLBACK TO " + name);
      control(c, "RELEASE " + name);
    } catch (SQLException e) {
      primary.addSuppressed(e);
    }
  }

  private static void discardFrom(List<Runnable> actions, int mark) {
    while (actions.size() > mark) {
      actions.remove(actions.size() - 1);
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

  /** Hands a finished statement to the listener, if any; what the listener throws is logged. */
  void report(String sql, StatementEvent.Kind kind, int params, int executions, long startNanos, long rows,
      Throwable failure) {
    if (listener == null) {
      return;
    }
    try {
      listener.onStatement(new StatementEvent(sql, kind, params, executions, System.nanoTime() - startNanos, rows,
          failure));
    } catch (RuntimeException ex) {
      LOG.log(System.Logger.Level.WARNING, "statement listener failed; the statement's outcome stands", ex);
    }
  }

  private void runCompletionActions(ThreadState st, boolean committed) {
    List<Runnable> commitActions = committed ? new ArrayList<>(st.afterCommit) : List.of();
    List<Runnable> completionActions = new ArrayList<>(st.afterCompletion);
    st.afterCommit.clear();
    st.afterCompletion.clear();
    for (Runnable r : commitActions) {
      runAction(r, "after-commit");
    }
    for (Runnable r : completionActions) {
      runAction(r, "after-completion");
    }
  }

  private static void runAction(Runnable action, String kind) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, kind + " action failed; the transaction outcome stands", e);
    }
  }

  @Override
  public boolean inTransaction() {
    return state.get().depth > 0;
  }

  @Override
  public void afterCommit(Runnable action) {
    Objects.requireNonNull(action, "action");
    ThreadState st = state.get();
    if (st.depth > 0) {
      st.afterCommit.add(action);
    } else {
      runAction(action, "after-commit");
    }
  }

  @Override
  public void afterCompletion(Runnable action) {
    Objects.requireNonNull(action, "action");
    ThreadState st = state.get();
    if (st.depth > 0) {
      st.afterCompletion.add(action);
    } else {
      runAction(action, "after-completion");
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

  @Override
  public void close() {
    if (state.get().depth > 0 || state.get().reading != null) {
      throw new IllegalStateException("close() called from inside work of this driver");
    }
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<Link> drained = new ArrayList<>();
    while (drained.size() < readerCount) {
      try {
        drained.add(readers.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        readers.drainTo(drained);
        break;
      }
    }
    drained.forEach(Link::drop);
    writeLock.lock();
    try {
      writer.drop();
    } finally {
      writeLock.unlock();
    }
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("driver closed");
    }
  }

  private void lockWriter() {
    boolean locked;
    try {
      locked = writeLock.tryLock(lockWaitNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataAccessException("interrupted while waiting for the writer lock", e);
    }
    if (!locked) {
      throw new TransientConflictException(String.format(Locale.ROOT,
          "timed out after %d ms waiting for the writer lock; nothing was applied, the call may be retried",
          options.writeLockTimeout().toMillis()));
    }
  }

  private Link borrowReader() {
    try {
      while (true) {
        Link l = readers.poll(POOL_POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (l != null) {
          if (closed.get()) {
            readers.add(l);
            throw new IllegalStateException("driver closed");
          }
          return l;
        }
        checkOpen();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataAccessException("interrupted while waiting for a reader connection", e);
    }
  }

  private static RuntimeException rethrow(Throwable t) {
    DqliteDriver.<RuntimeException>sneaky(t);
    throw new AssertionError("unreachable");
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void sneaky(Throwable t) throws T {
    throw (T) t;
  }

  /** Per-thread transaction state. */
  private static final class ThreadState {
    int depth;
    int savepoints;
    Link reading;
    boolean inSnapshot;
    boolean schemaChanged;
    final List<Runnable> afterCommit = new ArrayList<>();
    final List<Runnable> afterCompletion = new ArrayList<>();
  }
}
