package io.sqlitekit.spi.driver;

/**
 * Owns the connections to one SQLite database and SQLite's one-writer rule.
 *
 * <p><b>Connection model:</b> one writer connection behind a lock, a pool of reader connections for
 * WAL databases, one shared connection for {@code :memory:}. {@link #write} runs work in a
 * {@code BEGIN IMMEDIATE} transaction; callers in one process wait for the lock (in arrival order when
 * {@link DriverOptions#groupCommit()} is off; with it, a caller that finds the lock free may go first) and
 * never see {@code SQLITE_BUSY}. A {@code write} or {@code read} on a thread that already runs a write joins that
 * transaction; a nested {@code write} runs in a savepoint, rolled back alone if its work throws. Readers
 * never open a write transaction.
 *
 * <p><b>Errors:</b> an {@link java.sql.SQLException} from the work is translated into a typed
 * {@link io.sqlitekit.spi.error.RepositoryException} (duplicate key, constraint, transient conflict…)
 * with the original as cause; runtime exceptions propagate unchanged. Either way the transaction or
 * savepoint is rolled back. Thread-safe.
 *
 * @since 0.1.0
 */
public interface SqliteDriver extends AutoCloseable {
  /**
   * Returns the JDBC URL this driver was opened with.
   *
   * @return the URL
   */
  String url();

  /**
   * Runs read-only work on a reader connection (or inside the current thread's write transaction).
   *
   * @param work the work
   * @param <R> the result type
   * @return the work's result
   */
  <R> R read(SqlWork<R> work);

  /**
   * Runs brief read-only work: a few statements whose results are read at once, with no waiting inside (the
   * kit's own point reads, lists, counts and pages). The guarantees are {@link #read}'s; the caller's promise
   * of brevity lets a driver serve it on its writer connection while no write runs or waits, where SQLite's
   * page cache is still warm after the last commit (a reader connection drops its cache whenever another
   * connection has committed). The default is {@link #read}.
   *
   * @param work the work
   * @param <R> the result type
   * @return the work's result
   * @since 0.3.0
   */
  default <R> R readBrief(SqlWork<R> work) {
    return read(work);
  }

  /**
   * Runs read-only work that issues several statements on one consistent snapshot (for example a page and
   * its total count): on a WAL reader it runs inside a deferred read transaction, so a concurrent commit is
   * either wholly visible or not at all. Inside the current thread's write transaction it joins it.
   *
   * @param work the work
   * @param <R> the result type
   * @return the work's result
   */
  default <R> R readSnapshot(SqlWork<R> work) {
    return read(work);
  }

  /**
   * Runs work in a write transaction ({@code BEGIN IMMEDIATE}), committed when the work returns; nested
   * calls on the same thread use a savepoint.
   *
   * @param work the work
   * @param <R> the result type
   * @return the work's result
   * @throws io.sqlitekit.spi.error.TransientConflictException if another process holds the write lock
   *     beyond the busy timeout, or the in-process lock wait times out
   */
  <R> R write(SqlWork<R> work);

  /**
   * Runs write work that is exactly one writing statement whose result needs no step that could fail after it
   * (a change count, never rows to decode). SQLite applies one statement atomically on its own, so a driver may
   * run it in autocommit under its writer lock, without {@code BEGIN IMMEDIATE … COMMIT}: still one writer at
   * a time, and a failure leaves nothing applied. Inside the thread's write transaction it joins it like
   * {@link #write}. After-commit actions run after the statement, after-completion actions either way. The
   * default is {@link #write}.
   *
   * @param work the work: one statement
   * @param <R> the result type
   * @return the work's result
   * @throws io.sqlitekit.spi.error.TransientConflictException as {@link #write}
   * @since 0.3.0
   */
  default <R> R writeStatement(SqlWork<R> work) {
    return write(work);
  }

  /**
   * Returns whether {@link #write} holds one interactive transaction around its whole work, so several
   * statements commit or roll back together and nested writes use savepoints. A driver over a service without
   * interactive transactions (Cloudflare D1's HTTP API) returns false: each statement it sends commits on its
   * own, and the kit then refuses transactions and multi-statement batches instead of emulating them.
   *
   * @return true for a driver with real write transactions (the default)
   */
  default boolean interactiveTransactions() {
    return true;
  }

  /**
   * Returns whether the current thread runs inside a write transaction of this driver.
   *
   * @return true inside {@link #write}
   */
  boolean inTransaction();

  /**
   * Runs an action after the current thread's outermost write transaction commits, or at once when there
   * is none; discarded on rollback.
   *
   * @param action the action
   */
  void afterCommit(Runnable action);

  /**
   * Runs an action after the current thread's outermost write transaction ends either way, or at once.
   *
   * @param action the action
   */
  void afterCompletion(Runnable action);

  /**
   * Returns whether the database offers the {@code REGEXP} function the kit's regex filter compiles to. A driver
   * whose server cannot register it (dqlite) returns false; the kit then reports no regex support in its
   * capabilities and refuses regex filters with an {@link io.sqlitekit.spi.error.OperationNotSupportedException}.
   *
   * @return true by default
   */
  default boolean supportsRegexp() {
    return true;
  }

  /**
   * Returns whether every connection has the SQL function {@link io.sqlitekit.spi.DateBucket#SQL_FUNCTION}
   * ({@code sqlitekit_date_bucket(value, spec, epochSeconds)} returning the label {@link io.sqlitekit.spi.DateBucket}
   * defines for the bucket {@link io.sqlitekit.spi.DateBucket#parseSpec spec} (computed by the shared layer's
   * {@code DateBucketLabels}, which a driver may call), numbers read as epoch seconds when the
   * third argument is 1, else milliseconds), which the kit needs for date buckets in a time zone. Without it the
   * kit reports no {@link io.sqlitekit.spi.Capability#DATE_BUCKET_TIMEZONE} and refuses zoned buckets.
   *
   * @return false by default
   * @since 0.2.0
   */
  default boolean supportsDateBucketFunction() {
    return false;
  }

  /**
   * Runs work on the writer connection <em>outside</em> any transaction, holding the driver's writer lock so
   * no write of this process runs meanwhile. For statements SQLite refuses inside a transaction or that should
   * not hold one: {@code VACUUM}, {@code PRAGMA wal_checkpoint}, {@code PRAGMA incremental_vacuum},
   * {@code PRAGMA optimize}, {@code PRAGMA integrity_check}. Each statement commits on its own. Refused on a
   * thread that is inside a write transaction of this driver.
   *
   * @param work the work
   * @param <R> the result type
   * @return the work's result
   * @throws io.sqlitekit.spi.error.OperationNotSupportedException if the driver cannot (the default)
   * @throws IllegalStateException inside a write transaction of this driver
   * @since 0.2.0
   */
  default <R> R exclusive(SqlWork<R> work) {
    throw new io.sqlitekit.spi.error.OperationNotSupportedException(
        "driver " + getClass().getName() + " cannot run work outside a transaction");
  }

  /**
   * Returns whether {@link #watch} is supported: the driver sees every row its own transactions change
   * (SQLite's update hook) and can notice commits by other connections ({@code PRAGMA data_version}).
   *
   * @return false by default
   * @since 0.2.0
   */
  default boolean supportsChangeNotifications() {
    return false;
  }

  /**
   * Subscribes to committed changes: the rows each transaction of this driver inserted, updated or deleted,
   * delivered after its commit (see {@link ChangeListener}), and, when {@code externalPoll} is positive, a
   * notice when another connection or process committed, found by polling {@code PRAGMA data_version} at
   * that interval on a daemon thread.
   *
   * @param listener the listener
   * @param externalPoll how often to look for external commits; zero for none
   * @return the subscription, to close when done (the driver's close ends it too)
   * @throws io.sqlitekit.spi.error.OperationNotSupportedException if
   *     {@link #supportsChangeNotifications()} is false (the default)
   * @throws IllegalArgumentException if {@code externalPoll} is negative
   * @since 0.2.0
   */
  default ChangeSubscription watch(ChangeListener listener, java.time.Duration externalPoll) {
    throw new io.sqlitekit.spi.error.OperationNotSupportedException(
        "driver " + getClass().getName() + " does not report changes");
  }

  /**
   * Returns whether {@link #backup} is supported.
   *
   * @return false by default
   * @since 0.2.0
   */
  default boolean supportsOnlineBackup() {
    return false;
  }

  /**
   * Copies the database, as one consistent snapshot, into a new file while this process's writers keep
   * writing: every transaction committed before the call is in the copy, none that commits after the snapshot
   * is taken. The copy is a complete SQLite database in the source's journal mode.
   *
   * @param target the file to create; must not exist
   * @param progress receives pages done / total after each step
   * @return the number of pages copied
   * @throws io.sqlitekit.spi.error.ValidationException if {@code target} exists
   * @throws io.sqlitekit.spi.error.OperationNotSupportedException if {@link #supportsOnlineBackup()} is
   *     false (the default)
   * @throws io.sqlitekit.spi.error.DataAccessException if the copy fails (the partial target is deleted)
   * @since 0.2.0
   */
  default int backup(java.nio.file.Path target, BackupProgress progress) {
    throw new io.sqlitekit.spi.error.OperationNotSupportedException(
        "driver " + getClass().getName() + " cannot back up a live database");
  }

  /**
   * Translates a database failure into the typed exception family.
   *
   * @param error the failure
   * @param what a short description of the attempted work (for example {@code insert into "users"})
   * @return the typed exception, with {@code error} as cause
   */
  RuntimeException translate(java.sql.SQLException error, String what);

  /**
   * Closes every connection. Waits for running work; calls after close fail with
   * {@link IllegalStateException}. Idempotent.
   */
  @Override
  void close();
}
