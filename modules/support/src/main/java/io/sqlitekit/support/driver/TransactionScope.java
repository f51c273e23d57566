package io.sqlitekit.support.driver;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.SqlWork;
import io.sqlitekit.spi.error.DataAccessException;
import io.sqlitekit.spi.error.OutcomeUnknownException;
import io.sqlitekit.spi.error.TransientConflictException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The transaction machinery of a {@link io.sqlitekit.spi.driver.SqliteDriver} with interactive transactions,
 * written once for every driver: one writer connection behind a fair lock, a pool of reader connections (or one
 * shared connection), per-thread nesting, savepoints, snapshot reads, after-commit and after-completion actions,
 * and close. The driver supplies the connection-level steps through {@link Connections}.
 *
 * <p><b>Guarantees</b> (those the driver SPI documents): writers run one at a time in arrival order, waiting at most
 * the write-lock timeout ({@link TransientConflictException} after it, nothing applied); a write or read on a thread
 * already writing joins that transaction; a nested write runs in a savepoint and a failure rolls back to it alone,
 * discarding the after-commit actions registered inside it; a snapshot read runs in a read transaction; a failure
 * rolls the transaction back and is rethrown, a runtime exception as the same object and an {@link SQLException}
 * translated; after-commit actions run once, after the outermost commit and after the writer lock is released,
 * never after a rollback; after-completion actions run either way; a failing action is reported to
 * {@link Connections#actionFailed} and changes nothing. An {@link OutcomeUnknownException} from the commit
 * propagates without a rollback attempt (the driver decided the connection's fate).
 *
 * <p><b>Shared connection</b>: without readers every read takes the writer lock and runs on the writer connection,
 * because a connection must never serve two threads at once. <b>Close</b> refuses new outermost work with
 * {@link IllegalStateException}, waits for running work, then closes every connection; it is idempotent.
 * Thread-safe.
 *
 * @param <C> the driver's connection handle
 * @since 0.2.0
 */
public final class TransactionScope<C> {
  private static final long POOL_POLL_MILLIS = 50;

  /**
   * The connection-level steps of one driver. Methods that run SQL throw {@link SQLException}, which the scope
   * translates with {@link #translate}; a {@link RuntimeException} they throw (already typed) propagates as is.
   *
   * @param <C> the driver's connection handle
   */
  public interface Connections<C> {
    /**
     * Runs work on a session over the connection, ending the session afterwards.
     *
     * @param connection the connection
     * @param writable true for the writer inside a write transaction
     * @param inTransaction true when the work runs inside a transaction (a write or a snapshot read), false for a
     *     read whose statements each run on their own (which a networked driver may resend after a lost link)
     * @param work the work
     * @param <R> the result type
     * @return the work's result
     * @throws SQLException what the work or the session threw
     */
    <R> R run(C connection, boolean writable, boolean inTransaction, SqlWork<R> work) throws SQLException;

    /**
     * Starts a transaction: {@code BEGIN IMMEDIATE} for a write, {@code BEGIN} for a snapshot read.
     *
     * @param connection the connection
     * @param write true for a write transaction
     * @throws SQLException on failure (nothing has run yet)
     */
    void begin(C connection, boolean write) throws SQLException;

    /**
     * Called on the writer just before the outermost commit, inside the transaction; a failure rolls it back.
     *
     * @param connection the writer
     * @throws SQLException on failure
     */
    default void beforeCommit(C connection) throws SQLException {
    }

    /**
     * Commits the connection's transaction.
     *
     * @param connection the connection
     * @param write true for a write transaction
     * @throws SQLException on failure (the scope then rolls back)
     */
    void commit(C connection, boolean write) throws SQLException;

    /**
     * Rolls the connection's transaction back without throwing; a failure worth knowing is added to
     * {@code primary} as suppressed.
     *
     * @param connection the connection
     * @param primary the failure that caused the rollback
     */
    void rollback(C connection, Throwable primary);

    /**
     * Runs savepoint control on the writer: {@code SAVEPOINT name}, {@code RELEASE name} or
     * {@code ROLLBACK TO name}.
     *
     * @param connection the writer
     * @param sql the statement
     * @throws SQLException on failure
     */
    void savepoint(C connection, String sql) throws SQLException;

    /**
     * Closes a connection for good, quietly.
     *
     * @param connection the connection
     */
    void close(C connection);

    /**
     * Translates a failure into the typed family.
     *
     * @param error the failure
     * @param what the attempted work
     * @return the typed exception
     */
    RuntimeException translate(SQLException error, String what);

    /**
     * Reports an after-commit or after-completion action that threw (the driver logs it).
     *
     * @param kind {@code "after-commit"} or {@code "after-completion"}
     * @param failure what it threw
     */
    void actionFailed(String kind, RuntimeException failure);
  }

  private final Connections<C> connections;
  private final C writer;
  private final BlockingQueue<C> readers;
  private final int readerCount;
  private final ReentrantLock writeLock = new ReentrantLock(true);
  private final long lockWaitNanos;
  private final Duration lockWait;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ThreadLocal<ThreadState<C>> state = ThreadLocal.withInitial(ThreadState::new);

  /**
   * Creates the scope over open (or lazily opening) connections.
   *
   * @param connections the driver's connection steps
   * @param writer the writer connection
   * @param readers the reader connections; empty for one shared connection
   * @param writeLockTimeout how long a writer waits for the lock ({@link DriverOptions#writeLockTimeout()})
   */
  public TransactionScope(Connections<C> connections, C writer, List<C> readers, Duration writeLockTimeout) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.lockWait = Objects.requireNonNull(writeLockTimeout, "writeLockTimeout");
    this.readerCount = readers.size();
    // Fair: readers waiting for a connection are served in arrival order, like writers.
    this.readers = new ArrayBlockingQueue<>(Math.max(1, readerCount), true);
    this.readers.addAll(readers);
    long nanos;
    try {
      nanos = writeLockTimeout.toNanos();
    } catch (ArithmeticException tooLong) {
      nanos = Long.MAX_VALUE;
    }
    this.lockWaitNanos = nanos;
  }

  /**
   * Returns whether all work shares the writer connection (there are no readers).
   *
   * @return true for one shared connection
   */
  public boolean sharedConnection() {
    return readerCount == 0;
  }

  /**
   * Runs read work: joins the thread's write transaction or running read, else on a reader (or the shared
   * connection), in a read transaction when {@code snapshot}.
   *
   * @param work the work
   * @param snapshot true for one consistent snapshot over several statements
   * @param <R> the result type
   * @return the work's result
   * @throws IllegalStateException if the scope is closed and the thread runs no work of it
   */
  public <R> R read(SqlWork<R> work, boolean snapshot) {
    Objects.requireNonNull(work, "work");
    ThreadState<C> st = state.get();
    if (st.depth > 0) {
      // Inside this thread's write transaction: join it, a snapshot is implied.
      return run(writer, true, true, work, "read");
    }
    if (st.reading != null) {
      if (!snapshot || st.inSnapshot) {
        return run(st.reading, false, st.inSnapshot, work, "read");
      }
      return runSnapshot(st, st.reading, work);
    }
    // Only new outermost work is refused after close(); work already running (and what it nests) finishes.
    checkOpen();
    if (sharedConnection()) {
      lockWriter();
      try {
        checkOpen();
        return onReader(st, writer, snapshot, work);
      } finally {
        writeLock.unlock();
      }
    }
    C reader = borrowReader();
    try {
      return onReader(st, reader, snapshot, work);
    } finally {
      readers.add(reader);
    }
  }

  private <R> R onReader(ThreadState<C> st, C c, boolean snapshot, SqlWork<R> work) {
    st.reading = c;
    try {
      return snapshot ? runSnapshot(st, c, work) : run(c, false, false, work, "read");
    } finally {
      st.reading = null;
    }
  }

  private <R> R runSnapshot(ThreadState<C> st, C c, SqlWork<R> work) {
    try {
      connections.begin(c, false);
    } catch (SQLException e) {
      throw connections.translate(e, "begin read transaction");
    }
    st.inSnapshot = true;
    try {
      R result = run(c, false, true, work, "read");
      connections.commit(c, false);
      return result;
    } catch (SQLException e) {
      connections.rollback(c, e);
      throw connections.translate(e, "end read transaction");
    } catch (Throwable e) {
      connections.rollback(c, e);
      throw rethrow(e);
    } finally {
      st.inSnapshot = false;
    }
  }

  private <R> R run(C c, boolean writable, boolean inTransaction, SqlWork<R> work, String what) {
    try {
      return connections.run(c, writable, inTransaction, work);
    } catch (SQLException e) {
      throw connections.translate(e, what);
    }
  }

  /**
   * Runs work in a write transaction, or in a savepoint when the thread already writes.
   *
   * @param work the work
   * @param <R> the result type
   * @return the work's result
   * @throws TransientConflictException if the writer lock is not free within the timeout
   * @throws IllegalStateException if the scope is closed and the thread runs no work of it
   */
  public <R> R write(SqlWork<R> work) {
    Objects.requireNonNull(work, "work");
    ThreadState<C> st = state.get();
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
    R result;
    try {
      if (outermost) {
        checkOpen();
      }
      try {
        connections.begin(writer, true);
      } catch (SQLException e) {
        throw connections.translate(e, "begin write transaction");
      }
      st.depth = 1;
      try {
        result = run(writer, true, true, work, "write");
        connections.beforeCommit(writer);
        connections.commit(writer, true);
        committed = true;
      } catch (OutcomeUnknownException e) {
        throw e;
      } catch (SQLException e) {
        connections.rollback(writer, e);
        throw connections.translate(e, "commit");
      } catch (Throwable e) {
        connections.rollback(writer, e);
        throw rethrow(e);
      } finally {
        st.depth = 0;
        st.savepoints = 0;
      }
    } finally {
      writeLock.unlock();
      if (!committed) {
        st.afterCommit.clear();
      }
      // After unlock: actions may be slow or start new writes, neither should hold up the writer queue.
      runCompletionActions(st, committed);
    }
    return result;
  }

  private <R> R nestedWrite(ThreadState<C> st, SqlWork<R> work) {
    String name = "sk_" + (++st.savepoints);
    int commitMark = st.afterCommit.size();
    try {
      connections.savepoint(writer, "SAVEPOINT " + name);
    } catch (SQLException e) {
      throw connections.translate(e, "savepoint");
    }
    st.depth++;
    try {
      R result = run(writer, true, true, work, "write");
      connections.savepoint(writer, "RELEASE " + name);
      return result;
    } catch (SQLException e) {
      rollbackTo(name, e);
      discardFrom(st.afterCommit, commitMark);
      throw connections.translate(e, "release savepoint");
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
      connections.savepoint(writer, "ROLLBACK TO " + name);
      connections.savepoint(writer, "RELEASE " + name);
    } catch (SQLException e) {
      primary.addSuppressed(e);
    }
  }

  private static void discardFrom(List<Runnable> actions, int mark) {
    while (actions.size() > mark) {
      actions.remove(actions.size() - 1);
    }
  }

  private void runCompletionActions(ThreadState<C> st, boolean committed) {
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

  private void runAction(Runnable action, String kind) {
    try {
      action.run();
    } catch (RuntimeException e) {
      connections.actionFailed(kind, e);
    }
  }

  /**
   * Returns whether the current thread runs inside a write transaction of this scope.
   *
   * @return true inside {@link #write}
   */
  public boolean inTransaction() {
    return state.get().depth > 0;
  }

  /**
   * Runs an action after the thread's outermost write commits (discarded on rollback), or at once outside one.
   *
   * @param action the action
   */
  public void afterCommit(Runnable action) {
    Objects.requireNonNull(action, "action");
    ThreadState<C> st = state.get();
    if (st.depth > 0) {
      st.afterCommit.add(action);
    } else {
      runAction(action, "after-commit");
    }
  }

  /**
   * Runs an action after the thread's outermost write ends either way, or at once outside one.
   *
   * @param action the action
   */
  public void afterCompletion(Runnable action) {
    Objects.requireNonNull(action, "action");
    ThreadState<C> st = state.get();
    if (st.depth > 0) {
      st.afterCompletion.add(action);
    } else {
      runAction(action, "after-completion");
    }
  }

  /**
   * Closes: refuses new work, waits for the readers to come back and for the running write, then closes every
   * connection. Idempotent.
   *
   * @throws IllegalStateException when called from inside work of this scope
   */
  public void close() {
    ThreadState<C> st = state.get();
    if (st.depth > 0 || st.reading != null) {
      throw new IllegalStateException("close() called from inside work of this driver");
    }
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // Readers first, then the writer lock: a running read may still start a write (the writer lock must be
    // free for it), while a running write never needs a reader (its reads join the writer).
    List<C> drained = new ArrayList<>();
    while (drained.size() < readerCount) {
      try {
        drained.add(readers.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        readers.drainTo(drained);
        break;
      }
    }
    drained.forEach(connections::close);
    // Waits for the running write (and, on a shared connection, the running read).
    writeLock.lock();
    try {
      connections.close(writer);
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
          lockWait.toMillis()));
    }
  }

  private C borrowReader() {
    try {
      while (true) {
        C c = readers.poll(POOL_POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (c != null) {
          if (closed.get()) {
            readers.add(c);
            throw new IllegalStateException("driver closed");
          }
          return c;
        }
        checkOpen();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataAccessException("interrupted while waiting for a reader connection", e);
    }
  }

  /**
   * Rethrows any throwable unchanged (the same object), including a checked one smuggled past
   * {@link SqlWork}'s signature, so "roll back, then rethrow" holds for every failure.
   */
  private static RuntimeException rethrow(Throwable t) {
    TransactionScope.<RuntimeException>sneaky(t);
    throw new AssertionError("unreachable");
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void sneaky(Throwable t) throws T {
    throw (T) t;
  }

  /** Per-thread transaction state. */
  private static final class ThreadState<C> {
    int depth;
    int savepoints;
    C reading;
    boolean inSnapshot;
    final List<Runnable> afterCommit = new ArrayList<>();
    final List<Runnable> afterCompletion = new ArrayList<>();
  }
}
