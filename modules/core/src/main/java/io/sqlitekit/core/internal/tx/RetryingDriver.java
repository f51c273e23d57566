package io.sqlitekit.core.internal.tx;

import io.sqlitekit.core.RetryPolicy;
import io.sqlitekit.spi.driver.SqlWork;
import io.sqlitekit.spi.driver.SqliteDriver;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Internal, not API, may change. A {@link SqliteDriver} that re-runs a whole outermost {@link #write} after
 * a transient conflict, as a {@link RetryPolicy} allows. A write nested in the thread's running transaction
 * joins it and is never retried on its own: only the outermost transaction can be repeated, because a
 * conflict there (at {@code BEGIN IMMEDIATE}, or a busy {@code COMMIT} outside WAL) rolled everything back.
 * Reads and everything else pass through unchanged.
 */
public final class RetryingDriver implements SqliteDriver {
  private final SqliteDriver delegate;
  private final RetryPolicy policy;

  private RetryingDriver(SqliteDriver delegate, RetryPolicy policy) {
    this.delegate = delegate;
    this.policy = policy;
  }

  /**
   * Wraps a driver, or returns it unchanged for a policy that never retries.
   *
   * @param driver the driver
   * @param policy the policy
   * @return the driver to use
   */
  public static SqliteDriver wrap(SqliteDriver driver, RetryPolicy policy) {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(policy, "policy");
    return policy.maxAttempts() <= 1 ? driver : new RetryingDriver(driver, policy);
  }

  @Override
  public String url() {
    return delegate.url();
  }

  @Override
  public <R> R read(SqlWork<R> work) {
    return delegate.read(work);
  }

  @Override
  public <R> R readSnapshot(SqlWork<R> work) {
    return delegate.readSnapshot(work);
  }

  @Override
  public <R> R write(SqlWork<R> work) {
    Objects.requireNonNull(work, "work");
    if (delegate.inTransaction()) {
      return delegate.write(work);
    }
    return policy.run(() -> delegate.write(work));
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
}
