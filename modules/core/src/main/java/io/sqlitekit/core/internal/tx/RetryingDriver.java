package io.sqlitekit.core.internal.tx;

import io.sqlitekit.core.RetryPolicy;
import io.sqlitekit.spi.driver.SqlWork;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.SqliteResultCode;
import io.sqlitekit.spi.error.TransientConflictException;
import io.sqlitekit.support.driver.ForwardingSqliteDriver;
import java.util.Locale;
import java.util.Objects;

/**
 * Internal, not API, may change. A {@link SqliteDriver} that tries an outermost {@link #write} again after a
 * transient conflict, under two policies:
 *
 * <ul>
 *   <li>the <b>lock retry</b> repeats a write only while its work has not started: SQLite answered the
 *       driver's {@code BEGIN IMMEDIATE} with SQLITE_BUSY/LOCKED because another connection held the write lock
 *       beyond {@code busy_timeout}. Nothing ran and nothing was applied, so repeating it can neither duplicate
 *       a side effect of the caller's code nor half-apply anything. Once the work has started, a conflict
 *       propagates to the whole-transaction policy (or the caller). A timeout of the in-process writer queue
 *       is not retried: that queue is fair and already bounded by {@code writeLockTimeout}.</li>
 *   <li>the <b>whole-transaction retry</b> (opt-in) re-runs the outermost write wherever the conflict
 *       happened, each attempt with the lock retry inside it.</li>
 * </ul>
 *
 * <p>A write nested in the thread's running transaction joins it and is never retried on its own: only the
 * outermost transaction can be repeated, because a conflict there rolled everything back. Reads and
 * everything else pass through unchanged (the forwarding base).
 */
public final class RetryingDriver extends ForwardingSqliteDriver {
  private final RetryPolicy policy;
  private final RetryPolicy lockPolicy;

  private RetryingDriver(SqliteDriver delegate, RetryPolicy policy, RetryPolicy lockPolicy) {
    super(delegate);
    this.policy = policy;
    this.lockPolicy = lockPolicy;
  }

  /**
   * Wraps a driver, or returns it unchanged when neither policy retries.
   *
   * @param driver the driver
   * @param policy the whole-transaction policy
   * @param lockPolicy the policy for writes whose work has not started
   * @return the driver to use
   */
  public static SqliteDriver wrap(SqliteDriver driver, RetryPolicy policy, RetryPolicy lockPolicy) {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(lockPolicy, "lockPolicy");
    return policy.maxAttempts() <= 1 && lockPolicy.maxAttempts() <= 1 ? driver
        : new RetryingDriver(driver, policy, lockPolicy);
  }

  @Override
  public <R> R write(SqlWork<R> work) {
    Objects.requireNonNull(work, "work");
    if (delegate().inTransaction()) {
      return delegate().write(work);
    }
    if (policy.maxAttempts() <= 1) {
      return lockRetried(work);
    }
    return policy.run(() -> lockRetried(work));
  }

  private <R> R lockRetried(SqlWork<R> work) {
    if (lockPolicy.maxAttempts() <= 1) {
      return delegate().write(work);
    }
    Attempt<R> attempt = new Attempt<>(work);
    long begin = System.nanoTime();
    try {
      // Only SQLite's own busy/locked answer: the in-process writer queue is fair and bounded by
      // writeLockTimeout, and a retry would rejoin it at the back.
      return lockPolicy.run(attempt::run, e -> !attempt.started && SqliteResultCode.of(e).isTransient());
    } catch (RuntimeException e) {
      if (attempt.count > 1 && !attempt.started && SqliteResultCode.of(e).isTransient()) {
        throw new TransientConflictException(String.format(Locale.ROOT,
            "could not start a write transaction in %d attempts over %d ms: another connection kept the"
                + " database's write lock (each attempt waited up to busy_timeout, then backed off); nothing"
                + " was applied and the call may be retried. Look for long write transactions in other"
                + " connections or processes, or allow a longer wait with SqliteKit.Builder.lockRetry"
                + " (RetryPolicy.withMaxElapsed) or a higher busy_timeout pragma",
            attempt.count, (System.nanoTime() - begin) / 1_000_000), e);
      }
      throw e;
    }
  }

  /** One write call's attempts: how many ran and whether the current one reached the caller's work. */
  private final class Attempt<R> {
    private final SqlWork<R> work;
    int count;
    boolean started;

    Attempt(SqlWork<R> work) {
      this.work = work;
    }

    R run() {
      count++;
      started = false;
      return delegate().write(s -> {
        started = true;
        return work.run(s);
      });
    }
  }
}
