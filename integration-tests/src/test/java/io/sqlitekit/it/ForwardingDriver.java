package io.sqlitekit.it;

import io.sqlitekit.spi.driver.SqlWork;
import io.sqlitekit.spi.driver.SqliteDriver;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A {@link SqliteDriver} that forwards every call to another one; test drivers override the one behaviour they
 * change (what they report, or a deliberate defect).
 */
public abstract class ForwardingDriver implements SqliteDriver {
  private final SqliteDriver delegate;

  protected ForwardingDriver(SqliteDriver delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public String url() {
    return delegate.url();
  }

  @Override
  public boolean interactiveTransactions() {
    return delegate.interactiveTransactions();
  }

  @Override
  public boolean supportsRegexp() {
    return delegate.supportsRegexp();
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
