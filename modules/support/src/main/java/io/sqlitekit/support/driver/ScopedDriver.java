package io.sqlitekit.support.driver;

import io.sqlitekit.spi.driver.SqlWork;
import io.sqlitekit.spi.driver.SqliteDriver;

/**
 * A {@link SqliteDriver} whose transactions are a {@link TransactionScope}'s: reads, snapshot reads, writes,
 * {@link #inTransaction()}, after-commit and after-completion actions and {@link #close()} go to the scope, so
 * every such driver keeps the SPI's transaction guarantees the same way. A subclass supplies the scope, the URL
 * and error translation.
 *
 * @since 0.2.0
 */
public abstract class ScopedDriver implements SqliteDriver {
  /** For subclasses. */
  protected ScopedDriver() {
  }

  /**
   * Returns the scope every transaction runs in; the same object on every call.
   *
   * @return the scope
   */
  protected abstract TransactionScope<?> scope();

  @Override
  public <R> R read(SqlWork<R> work) {
    return scope().read(work, false);
  }

  @Override
  public <R> R readBrief(SqlWork<R> work) {
    return scope().readBrief(work);
  }

  @Override
  public <R> R readSnapshot(SqlWork<R> work) {
    return scope().read(work, true);
  }

  @Override
  public <R> R write(SqlWork<R> work) {
    return scope().write(work);
  }

  @Override
  public <R> R writeStatement(SqlWork<R> work) {
    return scope().writeStatement(work);
  }

  @Override
  public boolean inTransaction() {
    return scope().inTransaction();
  }

  @Override
  public void afterCommit(Runnable action) {
    scope().afterCommit(action);
  }

  @Override
  public void afterCompletion(Runnable action) {
    scope().afterCompletion(action);
  }

  /** Closes the scope: waits for running work, then closes every connection; idempotent. */
  @Override
  public void close() {
    scope().close();
  }
}
