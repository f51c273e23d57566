package io.sqlitekit.driver.xerial.internal;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.SqlWork;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.DataAccessException;
import io.sqlitekit.spi.error.TransientConflictException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
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
 * <p>Locking: a fair {@link ReentrantLock} serialises writers in arrival order; waiting is bounded by
 * {@link DriverOptions#writeLockTimeout()}. Why BEGIN IMMEDIATE: it takes SQLite's write lock up front,
 * so a conflict with another process surfaces (after busy_timeout) before any work ran, never halfway.
 *
 * <p>Per-thread state: the nesting depth of writes, the savepoint counter, the reader a thread is reading
 * on (so a nested read joins it instead of borrowing a second reader, which could deadlock a small pool)
 * and the after-commit / after-completion actions.
 *
 * @since 0.1.0
 */
public final class XerialDriver implements SqliteDriver {
  private static final Logger LOG = LoggerFactory.getLogger(XerialDriver.class);
  private static final String PREFIX = "jdbc:sqlite:";
  private static final long POOL_POLL_MILLIS = 50;

  private final String url;
  private final DriverOptions options;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final PooledConnection writer;
  private final BlockingQueue<PooledConnection> readers;
  private final int readerCount;
  private final boolean shared;
  private final long lockWaitNanos;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ThreadLocal<ThreadState> state = ThreadLocal.withInitial(ThreadState::new);
  private final XerialChangeFeed feed;

  private XerialDriver(String url, DriverOptions options, PooledConnection writer,
      List<PooledConnection> readerList, boolean shared) {
    this.url = url;
    this.options = options;
    this.writer = writer;
    this.shared = shared;
    this.readerCount = readerList.size();
    // Fair: readers waiting for a connection are served in arrival order, like writers.
    this.readers = new ArrayBlockingQueue<>(Math.max(1, readerList.size()), true);
    long nanos;
    try {
      nanos = options.writeLockTimeout().toNanos();
    } catch (ArithmeticException tooLong) {
      nanos = Long.MAX_VALUE;
    }
    this.lockWaitNanos = nanos;
    this.readers.addAll(readerList);
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
    return new XerialDriver(url, options, writer, readerList, shared);
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
    } catch (SQLException e) {
      closeQuietly(c);
      throw new ConfigurationException(String.format(Locale.ROOT, "cannot configure the %s connection: %s", role,
          ErrorTranslator.sqliteMessage(e.getMessage())), e);
    } catch (RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
    LOG.debug("opened {} connection to {}", role, url);
    return new PooledConnection(c, role, options.statementCacheSize(), options.statementListener());
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

  /** Returns whether all work shares one connection (the database is not in WAL mode or is in memory). */
  boolean sharedConnection() {
    return shared;
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
      // Inside this thread's write transaction: join it, a snapshot is implied.
      return runJoined(writer, true, work, "read");
    }
    if (st.reading != null) {
      if (!snapshot || st.inSnapshot) {
        return runJoined(st.reading, false, work, "read");
      }
      return runSnapshot(st, st.reading, work);
    }
    // Only new outermost work is refused after close(); work already running (and what it nests) finishes.
    checkOpen();
    if (shared) {
      lockWriter();
      try {
        checkOpen();
        return onReader(st, writer, snapshot, work);
      } finally {
        writeLock.unlock();
      }
    }
    PooledConnection reader = borrowReader();
    try {
      return onReader(st, reader, snapshot, work);
    } finally {
      readers.add(reader);
    }
  }

  private <R> R onReader(ThreadState st, PooledConnection pc, boolean snapshot, SqlWork<R> work) {
    st.reading = pc;
    try {
      return snapshot ? runSnapshot(st, pc, work) : runJoined(pc, false, work, "read");
    } finally {
      st.reading = null;
    }
  }

  private <R> R runSnapshot(ThreadState st, PooledConnection pc, SqlWork<R> work) {
    try {
      pc.control("BEGIN");
    } catch (SQLException e) {
      throw translate(e, "begin read transaction");
    }
    st.inSnapshot = true;
    try {
      R result = runJoined(pc, false, work, "read");
      pc.control("COMMIT");
      return result;
    } catch (SQLException e) {
      rollbackQuietly(pc, "ROLLBACK", e);
      throw translate(e, "end read transaction");
    } catch (Throwable e) {
      rollbackQuietly(pc, "ROLLBACK", e);
      throw rethrow(e);
    } finally {
      st.inSnapshot = false;
    }
  }

  /** Runs work on a connection without starting or ending a transaction. */
  private <R> R runJoined(PooledConnection pc, boolean writable, SqlWork<R> work, String what) {
    XerialSession session = new XerialSession(pc, writable);
    try {
      return work.run(session);
    } catch (SQLException e) {
      throw translate(e, what);
    } finally {
      session.end();
    }
  }

  /**
   * Rethrows any throwable unchanged (the same object), including a checked one smuggled past
   * {@link SqlWork}'s signature, so "rollback, then rethrow" holds for every failure.
   */
  private static RuntimeException rethrow(Throwable t) {
    XerialDriver.<RuntimeException>sneaky(t);
    throw new AssertionError("unreachable");
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void sneaky(Throwable t) throws T {
    throw (T) t;
  }

  @Override
  public <R> R write(SqlWork<R> work) {
    Objects.requireNonNull(work, "work");
    ThreadState st = state.get();
    if (st.depth > 0) {
      return nestedWrite(st, work);
    }
    // A write started from inside a running read is part of running work, which close() lets finish.
    boolean outermost = st.reading == null;
    if (outermost) {
      checkOpen();
    }
    lockWriter();
    boolean committed = false;
    io.sqlitekit.spi.driver.ChangeBatch changes = null;
    R result;
    try {
      if (outermost) {
        checkOpen();
      }
      try {
        writer.control("BEGIN IMMEDIATE");
      } catch (SQLException e) {
        throw translate(e, "begin write transaction");
      }
      st.depth = 1;
      feed.begin();
      try {
        result = runJoined(writer, true, work, "write");
        writer.control("COMMIT");
        committed = true;
        changes = feed.committed();
      } catch (SQLException e) {
        rollbackQuietly(writer, "ROLLBACK", e);
        throw translate(e, "commit");
      } catch (Throwable e) {
        rollbackQuietly(writer, "ROLLBACK", e);
        throw rethrow(e);
      } finally {
        st.depth = 0;
        st.savepoints = 0;
      }
    } finally {
      if (!committed) {
        feed.discard();
      }
      writeLock.unlock();
      if (!committed) {
        st.afterCommit.clear();
      }
      // Listeners hear of the commit before the caller's write returns, never of a rollback.
      feed.deliver(changes);
      // After unlock: actions may be slow or start new writes, neither should hold up the writer queue.
      runCompletionActions(st, committed);
    }
    return result;
  }

  private <R> R nestedWrite(ThreadState st, SqlWork<R> work) {
    String name = "sk_" + (++st.savepoints);
    int commitMark = st.afterCommit.size();
    int changeMark = feed.mark();
    try {
      writer.execute("SAVEPOINT " + name);
    } catch (SQLException e) {
      throw translate(e, "savepoint");
    }
    st.depth++;
    try {
      R result = runJoined(writer, true, work, "write");
      writer.execute("RELEASE " + name);
      return result;
    } catch (SQLException e) {
      rollbackToQuietly(name, e);
      discardFrom(st.afterCommit, commitMark);
      feed.truncate(changeMark);
      throw translate(e, "release savepoint");
    } catch (Throwable e) {
      rollbackToQuietly(name, e);
      discardFrom(st.afterCommit, commitMark);
      feed.truncate(changeMark);
      throw rethrow(e);
    } finally {
      st.depth--;
    }
  }

  private static void discardFrom(List<Runnable> actions, int mark) {
    while (actions.size() > mark) {
      actions.remove(actions.size() - 1);
    }
  }

  private void rollbackToQuietly(String name, Throwable primary) {
    try {
      writer.execute("ROLLBACK TO " + name);
      writer.execute("RELEASE " + name);
    } catch (SQLException e) {
      primary.addSuppressed(e);
    }
  }

  private static void rollbackQuietly(PooledConnection pc, String sql, Throwable primary) {
    try {
      pc.execute(sql);
    } catch (SQLException e) {
      // SQLite may already have rolled back (for example after SQLITE_FULL); nothing is left to undo.
      String m = e.getMessage();
      if (m == null || !m.contains("no transaction is active")) {
        primary.addSuppressed(e);
      }
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
      LOG.warn("{} action failed; the transaction outcome stands", kind, e);
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
    feed.close();
    // Readers first, then the writer lock: a running read may still start a write (the writer lock must be
    // free for it), while a running write never needs a reader (its reads join the writer).
    List<PooledConnection> drained = new ArrayList<>();
    while (drained.size() < readerCount) {
      try {
        drained.add(readers.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        LOG.warn("interrupted while waiting for readers to finish; closing the idle ones now");
        readers.drainTo(drained);
        break;
      }
    }
    drained.forEach(PooledConnection::close);
    // Waits for the running write (and, on a shared connection, the running read).
    writeLock.lock();
    try {
      writer.close();
      LOG.debug("closed {}", url);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Runs work on the writer connection in autocommit mode under the writer lock (VACUUM, checkpoints,
   * integrity checks). Rows it changes are reported to watchers like a transaction's.
   */
  @Override
  public <R> R exclusive(SqlWork<R> work) {
    Objects.requireNonNull(work, "work");
    ThreadState st = state.get();
    if (st.depth > 0 || st.reading != null) {
      throw new IllegalStateException("exclusive work cannot run inside a read or write of this driver");
    }
    checkOpen();
    lockWriter();
    io.sqlitekit.spi.driver.ChangeBatch changes = null;
    try {
      checkOpen();
      feed.begin();
      try {
        return runJoined(writer, true, work, "maintenance");
      } finally {
        // Autocommit: whatever ran before a failure is committed.
        changes = feed.committed();
      }
    } finally {
      writeLock.unlock();
      feed.deliver(changes);
    }
  }

  @Override
  public boolean supportsChangeNotifications() {
    return true;
  }

  @Override
  public io.sqlitekit.spi.driver.ChangeSubscription watch(io.sqlitekit.spi.driver.ChangeListener listener,
      java.time.Duration externalPoll) {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(externalPoll, "externalPoll");
    if (externalPoll.isNegative()) {
      throw new IllegalArgumentException("externalPoll must not be negative");
    }
    if (state.get().depth > 0) {
      throw new IllegalStateException("watch() cannot be called inside a write transaction");
    }
    checkOpen();
    lockWriter();
    try {
      checkOpen();
      // Under the lock: the hook is installed between two transactions, never halfway through one.
      feed.installHook();
      return feed.subscribe(listener, externalPoll);
    } finally {
      writeLock.unlock();
    }
  }

  /** Returns whether the change feed's polling thread runs (tests of shutdown). */
  boolean changePolling() {
    return feed.polling();
  }

  /**
   * Reads the writer connection's data_version for the change feed's poller, waiting for the writer lock at
   * most one second (a busy writer only delays the poll); null when closed or the lock was not had.
   */
  private Long pollDataVersion() {
    boolean locked;
    try {
      locked = writeLock.tryLock(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    if (!locked) {
      return null;
    }
    try {
      if (closed.get()) {
        return null;
      }
      try (Statement s = writer.connection().createStatement();
          ResultSet rs = s.executeQuery("PRAGMA data_version")) {
        return rs.next() ? rs.getLong(1) : null;
      }
    } catch (SQLException e) {
      LOG.debug("PRAGMA data_version failed on {}", url, e);
      return null;
    } finally {
      writeLock.unlock();
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
  public int backup(java.nio.file.Path target, io.sqlitekit.spi.driver.BackupProgress progress) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(progress, "progress");
    checkOpen();
    XerialBackup.checkTarget(target);
    if (!shared) {
      return XerialBackup.fromNewConnection(url, target, progress);
    }
    if (state.get().depth > 0) {
      throw new IllegalStateException("backup() of a shared-connection database cannot run inside a write");
    }
    lockWriter();
    try {
      checkOpen();
      return XerialBackup.fromConnection(sqliteConnection(writer), target, progress);
    } finally {
      writeLock.unlock();
    }
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

  private PooledConnection borrowReader() {
    try {
      while (true) {
        PooledConnection pc = readers.poll(POOL_POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (pc != null) {
          if (closed.get()) {
            readers.add(pc);
            throw new IllegalStateException("driver closed");
          }
          return pc;
        }
        checkOpen();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataAccessException("interrupted while waiting for a reader connection", e);
    }
  }

  /** Per-thread transaction state. */
  private static final class ThreadState {
    int depth;
    int savepoints;
    PooledConnection reading;
    boolean inSnapshot;
    final List<Runnable> afterCommit = new ArrayList<>();
    final List<Runnable> afterCompletion = new ArrayList<>();
  }
}
