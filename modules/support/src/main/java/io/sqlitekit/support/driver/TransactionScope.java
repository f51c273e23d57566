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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The transaction machinery of a {@link io.sqlitekit.spi.driver.SqliteDriver} with interactive transactions,
 * written once for every driver: one writer connection behind a fair lock, a pool of reader connections (or one
 * shared connection), per-thread nesting, savepoints, snapshot reads, after-commit and after-completion actions,
 * and close. The driver supplies the connection-level steps through {@link Connections}.
 *
 * <p><b>Guarantees</b> (those the driver SPI documents): writers run one at a time in arrival order (with group
 * commit, a writer that finds the lock free may go before queued ones, see {@link #lockWriter}), waiting at most
 * the write-lock timeout ({@link TransientConflictException} after it, nothing applied); a write or read on a thread
 * already writing joins that transaction; a nested write runs in a savepoint and a failure rolls back to it alone,
 * discarding the after-commit actions registered inside it; a snapshot read runs in a read transaction; a failure
 * rolls the transaction back and is rethrown, a runtime exception as the same object and an {@link SQLException}
 * translated; after-commit actions run once, after the outermost commit and after the writer lock is released,
 * never after a rollback; after-completion actions run either way; a failing action is reported to
 * {@link Connections#actionFailed} and changes nothing. An {@link OutcomeUnknownException} from the commit
 * propagates without a rollback attempt (the driver decided the connection's fate).
 *
 * <p><b>Group commit</b> (opt-in): when a writer finishes while others are queued for the writer lock, it leaves
 * its transaction open and waits; the next writer runs inside a savepoint of it (a failure rolls back that writer's
 * work alone) and so on, until a writer finds nobody queued (or the group is full) and commits for all. Every
 * writer's work still runs on its own thread, each gets its own result or exception, none returns before the
 * commit, and a failed commit fails every member. An uncontended write is exactly {@code BEGIN IMMEDIATE …
 * COMMIT}. After-commit actions run on each writer's own thread after the group's commit. The writer lock is not
 * fair then: throughput over arrival order, which is what group commit is chosen for.
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
  /** How often {@link #tryExclusive} retries the writer lock: short against the ~1 s it may wait in all. */
  private static final long TRY_EXCLUSIVE_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  /** Most writers one group commit holds: bounds the latency the first of them waits for its commit. */
  private static final int GROUP_CAP = 32;
  /** How often a member waiting for its group's commit checks that the group was not orphaned. */
  private static final long ORPHAN_CHECK_MILLIS = 20;
  private static final String GROUP_SAVEPOINT = "sk_group";
  /** How long a one-statement write spins for the writer lock before it queues: longer than such a write holds it. */
  private static final long WRITER_SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(25);

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
     * Runs one-statement write work on the writer in autocommit mode ({@link TransactionScope#writeStatement});
     * the driver brackets it with whatever it does around a commit (change notifications). The default runs it
     * like a write's work, outside a transaction.
     *
     * @param connection the writer
     * @param work the work
     * @param <R> the result type
     * @return the work's result
     * @throws SQLException what the work threw (SQLite rolled the statement back)
     */
    default <R> R runAutocommit(C connection, SqlWork<R> work) throws SQLException {
      return run(connection, true, false, work);
    }

    /**
     * Returns whether one-statement writes may run in autocommit ({@link #runAutocommit}); false (the default)
     * makes them ordinary writes, for a driver that could resend a statement running outside a transaction.
     *
     * @return true to allow autocommit writes
     */
    default boolean autocommitStatements() {
      return false;
    }

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
  private final ReaderPool<C> readers;
  private final int readerCount;
  /** Fair, except with group commit (see {@link #lockWriter}). */
  private final ReentrantLock writeLock;
  private final long lockWaitNanos;
  private final Duration lockWait;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ThreadLocal<ThreadState<C>> state = ThreadLocal.withInitial(ThreadState::new);
  private final boolean groupCommit;
  /** One-statement writes spin before they queue ({@link #spinForWriterLock}): group commit, more than one CPU. */
  private final boolean spinForWriter;
  /** Serve brief reads on the idle writer ({@link #servingBriefReadsOnWriter}); set before any work runs. */
  private volatile boolean briefReadsOnWriter;
  /** The write transaction a lock holder left open for the next one to join; guarded by the writer lock. */
  private Group openGroup;

  /**
   * Creates the scope over open (or lazily opening) connections.
   *
   * @param connections the driver's connection steps
   * @param writer the writer connection
   * @param readers the reader connections; empty for one shared connection
   * @param writeLockTimeout how long a writer waits for the lock ({@link DriverOptions#writeLockTimeout()})
   */
  public TransactionScope(Connections<C> connections, C writer, List<C> readers, Duration writeLockTimeout) {
    this(connections, writer, readers, writeLockTimeout, false);
  }

  /**
   * Creates the scope, with or without group commit.
   *
   * @param connections the driver's connection steps
   * @param writer the writer connection
   * @param readers the reader connections; empty for one shared connection
   * @param writeLockTimeout how long a writer waits for the lock ({@link DriverOptions#writeLockTimeout()})
   * @param groupCommit let queued writers share one transaction and commit ({@link DriverOptions#groupCommit()});
   *     ignored on one shared connection, where reads queue for the same lock
   */
  public TransactionScope(Connections<C> connections, C writer, List<C> readers, Duration writeLockTimeout,
      boolean groupCommit) {
    this.groupCommit = groupCommit && !readers.isEmpty();
    this.writeLock = new ReentrantLock(!this.groupCommit);
    this.spinForWriter = this.groupCommit && Runtime.getRuntime().availableProcessors() > 1;
    this.connections = Objects.requireNonNull(connections, "connections");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.lockWait = Objects.requireNonNull(writeLockTimeout, "writeLockTimeout");
    this.readerCount = readers.size();
    this.readers = new ReaderPool<>(readers);
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
    int slot = borrowReader();
    try {
      return onReader(st, readers.connection(slot), snapshot, work);
    } finally {
      readers.release(slot);
    }
  }

  /**
   * Lets {@link #readBrief} run on the writer connection while it is idle. Only for a driver whose
   * {@link Connections#run} keeps a read on the writer read-only (it receives {@code writable == false} and
   * {@code inTransaction == false} for the writer then), since the writer has no {@code query_only}.
   *
   * @return this scope
   */
  public TransactionScope<C> servingBriefReadsOnWriter() {
    briefReadsOnWriter = !sharedConnection();
    return this;
  }

  /**
   * Runs brief read work ({@link io.sqlitekit.spi.driver.SqliteDriver#readBrief}): like {@code read(work,
   * false)}, except that with {@link #servingBriefReadsOnWriter} an outermost brief read takes the writer
   * connection when nobody holds or waits for the writer lock, no reader is busy and no group commit is open,
   * so it reads through the writer's page cache, which its own commits never invalidate. Its statements run in
   * autocommit (each sees the latest commit, as on a reader), and a writer that arrives meanwhile waits for
   * this read only.
   *
   * @param work the work
   * @param <R> the result type
   * @return the work's result
   * @throws IllegalStateException if the scope is closed and the thread runs no work of it
   */
  public <R> R readBrief(SqlWork<R> work) {
    Objects.requireNonNull(work, "work");
    ThreadState<C> st = state.get();
    // Only while every reader is idle too: under concurrent reads the pool serves them without making arriving
    // writers wait, and the writer's warm cache matters most when reads and writes alternate on few threads.
    if (!briefReadsOnWriter || st.depth > 0 || st.reading != null || readers.anyLent()
        || writeLock.isLocked() || writeLock.hasQueuedThreads() || !writeLock.tryLock()) {
      return read(work, false);
    }
    boolean onWriter = false;
    try {
      // An open group holds other callers' uncommitted work on the writer: never read through it.
      onWriter = openGroup == null && !closed.get();
      if (onWriter) {
        return onReader(st, writer, false, work);
      }
    } finally {
      writeLock.unlock();
    }
    return read(work, false);
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
    if (groupCommit) {
      return groupWrite(st, outermost, work);
    }
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

  /**
   * Runs one-statement write work ({@link io.sqlitekit.spi.driver.SqliteDriver#writeStatement}): outermost, it
   * holds the writer lock and runs the statement in autocommit, which SQLite applies atomically, so the round
   * trips of {@code BEGIN IMMEDIATE} and {@code COMMIT} disappear while writers still go one at a time. Inside
   * the thread's write or read it is {@link #write}, and for a driver that does not allow it
   * ({@link Connections#autocommitStatements}). With group commit it joins an open group; otherwise it runs in
   * autocommit as without, even with writers queued behind it (starting a group would make it wait for their
   * commit, two thread hand-offs that cost more than the commit it would share).
   *
   * @param work the work: one statement
   * @param <R> the result type
   * @return the work's result
   * @throws TransientConflictException if the writer lock is not free within the timeout
   * @throws IllegalStateException if the scope is closed and the thread runs no work of it
   */
  public <R> R writeStatement(SqlWork<R> work) {
    Objects.requireNonNull(work, "work");
    ThreadState<C> st = state.get();
    if (st.depth > 0 || st.reading != null || !connections.autocommitStatements()) {
      return write(work);
    }
    checkOpen();
    lockWriterForStatement();
    // With group commit, a statement joins an open group (the writer is inside its transaction). Otherwise it
    // commits on its own, even with writers queued: starting a group would make it wait for their commit (two
    // thread hand-offs per write), which costs more than the commit it saves.
    if (groupCommit && openGroup != null) {
      return groupWrite(st, true, work);
    }
    boolean applied = false;
    R result;
    try {
      checkOpen();
      st.depth = 1;
      try {
        result = connections.runAutocommit(writer, work);
        applied = true;
      } catch (SQLException e) {
        throw connections.translate(e, "write");
      } finally {
        st.depth = 0;
        st.savepoints = 0;
      }
    } finally {
      writeLock.unlock();
      if (!applied) {
        st.afterCommit.clear();
      }
      runCompletionActions(st, applied);
    }
    return result;
  }

  /**
   * The outermost write with group commit, entered holding the writer lock. The work runs on this thread (its
   * thread-local state, nested writes and actions stay its own) either as the group's first member in a fresh
   * {@code BEGIN IMMEDIATE} or, when a previous holder left its transaction open, inside a savepoint of it. Then
   * the holder either hands the open transaction on (writers are queued and the group is below the cap) and
   * waits for its outcome, or commits it and signals every member. No member returns before the commit.
   */
  private <R> R groupWrite(ThreadState<C> st, boolean outermost, SqlWork<R> work) {
    Group group = openGroup;
    openGroup = null;
    boolean locked = true;
    boolean committed = false;
    R result = null;
    Throwable ownFailure = null;
    try {
      if (outermost && closed.get()) {
        settle(group);
        throw new IllegalStateException("driver closed");
      }
      boolean first = group == null;
      try {
        if (first) {
          connections.begin(writer, true);
        } else {
          connections.savepoint(writer, "SAVEPOINT " + GROUP_SAVEPOINT);
        }
      } catch (SQLException e) {
        RuntimeException failure = connections.translate(e, first ? "begin write transaction" : "savepoint");
        settle(group);
        throw failure;
      }
      st.depth = 1;
      try {
        result = run(writer, true, true, work, "write");
        if (!first) {
          connections.savepoint(writer, "RELEASE " + GROUP_SAVEPOINT);
        }
      } catch (Throwable e) {
        ownFailure = e instanceof SQLException sql ? connections.translate(sql, "release savepoint") : e;
        if (first) {
          // Nobody joined yet: the transaction holds this member's work only.
          connections.rollback(writer, ownFailure);
          throw rethrow(ownFailure);
        }
        if (!rollbackGroupSavepoint(ownFailure)) {
          // The transaction's state is unknown: the whole group fails, this member with its own failure.
          connections.rollback(writer, ownFailure);
          group.finish(ownFailure);
          throw rethrow(ownFailure);
        }
      } finally {
        st.depth = 0;
        st.savepoints = 0;
      }
      if (first) {
        group = new Group();
      }
      group.members++;
      // A write started inside a brief read on the writer holds the lock twice: it cannot hand the lock on.
      if (group.members < GROUP_CAP && writeLock.getHoldCount() == 1 && writeLock.hasQueuedThreads()) {
        openGroup = group;
        locked = false;
        writeLock.unlock();
        Throwable groupFailure = awaitOutcome(group);
        if (groupFailure != null) {
          throw memberFailure(groupFailure, ownFailure);
        }
      } else {
        Throwable groupFailure = commitGroup(group);
        if (groupFailure != null) {
          // The committer ran the COMMIT: it gets the typed failure itself (a lone writer's deferred foreign key
          // violation stays a ConstraintViolationException), the waiting members a wrapper of it.
          throw ownFailure == null ? rethrow(groupFailure) : memberFailure(groupFailure, ownFailure);
        }
      }
      if (ownFailure != null) {
        throw rethrow(ownFailure);
      }
      committed = true;
      return result;
    } finally {
      if (locked) {
        writeLock.unlock();
      }
      if (!committed) {
        st.afterCommit.clear();
      }
      runCompletionActions(st, committed);
    }
  }

  private boolean rollbackGroupSavepoint(Throwable primary) {
    try {
      connections.savepoint(writer, "ROLLBACK TO " + GROUP_SAVEPOINT);
      connections.savepoint(writer, "RELEASE " + GROUP_SAVEPOINT);
      return true;
    } catch (SQLException e) {
      primary.addSuppressed(e);
      return false;
    }
  }

  /** Commits an open group found by a lock holder that will not join it (closing, or a failed start). */
  private void settle(Group group) {
    if (group != null) {
      commitGroup(group);
    }
  }

  /**
   * Commits the group's transaction (the caller holds the writer lock) and signals its members.
   *
   * @return null when committed, else the failure (the transaction was rolled back unless the outcome is unknown)
   */
  private Throwable commitGroup(Group group) {
    Throwable failure = null;
    try {
      connections.beforeCommit(writer);
      connections.commit(writer, true);
    } catch (OutcomeUnknownException e) {
      failure = e;
    } catch (SQLException e) {
      connections.rollback(writer, e);
      failure = connections.translate(e, "commit");
    } catch (Throwable e) {
      connections.rollback(writer, e);
      failure = e;
    }
    group.finish(failure);
    return failure;
  }

  /**
   * Waits for the group's outcome. A member never gives up (its work is in the transaction, so leaving early
   * would report an unknown outcome as known); if the writer lock is free while the group is still open, the
   * writer it was handed to has gone (a queued writer timed out), and this member commits it.
   */
  private Throwable awaitOutcome(Group group) {
    boolean interrupted = false;
    try {
      while (true) {
        synchronized (group) {
          if (group.done) {
            return group.failure;
          }
          try {
            group.wait(ORPHAN_CHECK_MILLIS);
          } catch (InterruptedException e) {
            interrupted = true;
          }
          if (group.done) {
            return group.failure;
          }
        }
        if (writeLock.tryLock()) {
          try {
            if (openGroup == group) {
              openGroup = null;
              return commitGroup(group);
            }
          } finally {
            writeLock.unlock();
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The exception a member sees when its group's commit failed: its own failure if it had one, else a new one. */
  private static RuntimeException memberFailure(Throwable groupFailure, Throwable ownFailure) {
    if (ownFailure != null) {
      ownFailure.addSuppressed(groupFailure);
      return rethrow(ownFailure);
    }
    String message = "the group commit this write joined failed; none of the group's writes were applied";
    if (groupFailure instanceof OutcomeUnknownException) {
      return new OutcomeUnknownException(
          "the group commit this write joined ended with an unknown outcome", groupFailure);
    }
    return new DataAccessException(message, groupFailure);
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
    readers.drain().forEach(connections::close);
    // Waits for the running write (and, on a shared connection, the running read).
    writeLock.lock();
    try {
      Group group = openGroup;
      openGroup = null;
      settle(group);
      connections.close(writer);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Runs work on the writer connection outside any transaction, holding the writer lock, for statements SQLite
   * refuses inside one ({@code VACUUM}, checkpoints). A group left open by group commit is committed first, so
   * the work never runs inside other callers' transaction.
   *
   * @param work the work
   * @param <R> the result type
   * @return the work's result
   * @throws IllegalStateException inside a read or write of this scope on this thread, or after close
   * @throws TransientConflictException if the writer lock is not free within the timeout
   */
  public <R> R exclusive(SqlWork<R> work) {
    Objects.requireNonNull(work, "work");
    ThreadState<C> st = state.get();
    if (st.depth > 0 || st.reading != null) {
      throw new IllegalStateException("exclusive work cannot run inside a read or write of this driver");
    }
    checkOpen();
    lockWriter();
    try {
      checkOpen();
      Group group = openGroup;
      openGroup = null;
      settle(group);
      return run(writer, true, false, work, "exclusive work");
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Runs work like {@link #exclusive} if it can start within {@code wait}, else runs nothing: for housekeeping
   * (a change poller) that must neither wait the write-lock timeout nor change how writers run. It never queues
   * for the writer lock (it retries a barging {@code tryLock}), so no writer holds a group commit open for it,
   * and it never commits a group another writer left open (it waits for the group's members to commit it).
   *
   * @param wait the longest time to wait for the writer lock; zero tries once
   * @param work the work
   * @param <R> the result type
   * @return the work's result; empty when it did not run within {@code wait} (or returned null)
   * @throws IllegalStateException inside a read or write of this scope on this thread, or after close
   */
  public <R> Optional<R> tryExclusive(Duration wait, SqlWork<R> work) {
    Objects.requireNonNull(wait, "wait");
    Objects.requireNonNull(work, "work");
    ThreadState<C> st = state.get();
    if (st.depth > 0 || st.reading != null) {
      throw new IllegalStateException("exclusive work cannot run inside a read or write of this driver");
    }
    long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
    while (true) {
      checkOpen();
      if (writeLock.tryLock()) {
        try {
          checkOpen();
          if (openGroup == null) {
            return Optional.ofNullable(run(writer, true, false, work, "exclusive work"));
          }
        } finally {
          writeLock.unlock();
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      try {
        TimeUnit.NANOSECONDS.sleep(Math.min(left, TRY_EXCLUSIVE_RETRY_NANOS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }

  /**
   * Returns whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed.get();
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("driver closed");
    }
  }

  /**
   * Takes the writer lock: in arrival order, except with group commit, where a free lock is taken at once even
   * when writers are queued for it. A fair lock hands the lock to the longest waiter, which must first be woken
   * and scheduled; under load the lock sat idle meanwhile (80/20 mix, 16 threads on 2 cores, group commit: 182k
   * operations/s fair, 201k not). With group commit a one-statement write spins briefly first
   * ({@link #spinForWriterLock}). A queued writer is not starved by one thread's loop of writes: a holder that finds
   * writers queued hands its open transaction on and waits for the group's commit before it can write again.
   */
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

  /** Takes the writer lock for a one-statement write: by spinning (at once if free), else in the queue. */
  private void lockWriterForStatement() {
    if (!spinForWriter || !spinForWriterLock()) {
      lockWriter();
    }
  }

  /**
   * Spins for the writer lock for up to {@link #WRITER_SPIN_NANOS}, for a one-statement write before it queues.
   * Such a write holds the lock for a few microseconds, while waking a parked thread takes longer than that on a
   * busy machine; so under contention most of the lock's time went to hand-offs (80/20 mix at 16 threads: the
   * process used 1.15 of 2 cores, the rest idle while the next writer was being woken). Only with group commit,
   * whose lock is not fair anyway; and only for statements: a spinning thread is not queued, so a transaction
   * that finishes sees nobody to hand its group on to, and transactions keep queueing and grouping.
   */
  private boolean spinForWriterLock() {
    long start = System.nanoTime();
    do {
      for (int i = 0; i < 32; i++) {
        if (!writeLock.isLocked() && writeLock.tryLock()) {
          return true;
        }
        Thread.onSpinWait();
      }
    } while (System.nanoTime() - start < WRITER_SPIN_NANOS);
    return false;
  }

  private int borrowReader() {
    int slot = readers.borrow(() -> !closed.get());
    if (closed.get()) {
      // Raced with close(): give it back for close to drain.
      readers.release(slot);
      throw new IllegalStateException("driver closed");
    }
    return slot;
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

  /** One group commit: how many writers' work it holds and, once decided, its outcome. */
  private static final class Group {
    int members;
    boolean done;
    Throwable failure;

    synchronized void finish(Throwable outcome) {
      failure = outcome;
      done = true;
      notifyAll();
    }
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
