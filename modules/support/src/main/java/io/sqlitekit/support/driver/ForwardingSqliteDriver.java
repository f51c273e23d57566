package io.sqlitekit.support.driver;

import io.sqlitekit.spi.driver.BackupProgress;
import io.sqlitekit.spi.driver.ChangeListener;
import io.sqlitekit.spi.driver.ChangeSubscription;
import io.sqlitekit.spi.driver.SqlWork;
import io.sqlitekit.spi.driver.SqliteDriver;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link SqliteDriver} that forwards every method, the optional ones included, to another driver. A decorator
 * (a retrying driver, a test driver with one deliberate difference) extends it and overrides only what it
 * changes; whatever it does not override behaves exactly as the wrapped driver, so a new optional method of
 * the SPI is forwarded here once instead of silently falling back to its refusing default in every decorator.
 *
 * @since 0.3.0
 */
public abstract class ForwardingSqliteDriver implements SqliteDriver {
  private final SqliteDriver delegate;

  /**
   * Wraps a driver.
   *
   * @param delegate the driver every call goes to unless overridden
   * @throws NullPointerException if {@code delegate} is null
   */
  protected ForwardingSqliteDriver(SqliteDriver delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * Returns the wrapped driver.
   *
   * @return the driver given to the constructor
   */
  protected final SqliteDriver delegate() {
    return delegate;
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
    return delegate.write(work);
  }

  @Override
  public boolean interactiveTransactions() {
    return delegate.interactiveTransactions();
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
  public boolean supportsRegexp() {
    return delegate.supportsRegexp();
  }

  @Override
  public boolean supportsDateBucketFunction() {
    return delegate.supportsDateBucketFunction();
  }

  @Override
  public <R> R exclusive(SqlWork<R> work) {
    return delegate.exclusive(work);
  }

  @Override
  public boolean supportsChangeNotifications() {
    return delegate.supportsChangeNotifications();
  }

  @Override
  public ChangeSubscription watch(ChangeListener listener, Duration externalPoll) {
    return delegate.watch(listener, externalPoll);
  }

  @Override
  public boolean supportsOnlineBackup() {
    return delegate.supportsOnlineBackup();
  }

  @Override
  public int backup(Path target, BackupProgress progress) {
    return delegate.backup(target, progress);
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
