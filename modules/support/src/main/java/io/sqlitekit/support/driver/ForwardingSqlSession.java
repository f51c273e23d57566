package io.sqlitekit.support.driver;

import io.sqlitekit.spi.driver.RowReader;
import io.sqlitekit.spi.driver.SqlSession;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * A {@link SqlSession} that forwards every method to another session, {@link #atomic} included (so the wrapped
 * session's own atomicity, for example one remote batch, is kept rather than replaced by the default's
 * statement-by-statement run). A decorator that observes or changes some statements extends it and overrides
 * only those.
 *
 * @since 0.3.0
 */
public abstract class ForwardingSqlSession implements SqlSession {
  private final SqlSession delegate;

  /**
   * Wraps a session.
   *
   * @param delegate the session every call goes to unless overridden
   * @throws NullPointerException if {@code delegate} is null
   */
  protected ForwardingSqlSession(SqlSession delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * Returns the wrapped session.
   *
   * @return the session given to the constructor
   */
  protected final SqlSession delegate() {
    return delegate;
  }

  @Override
  public <R> R query(String sql, List<?> params, RowReader<R> reader) throws SQLException {
    return delegate.query(sql, params, reader);
  }

  @Override
  public long update(String sql, List<?> params) throws SQLException {
    return delegate.update(sql, params);
  }

  @Override
  public long[] batch(String sql, List<? extends List<?>> rows) throws SQLException {
    return delegate.batch(sql, rows);
  }

  @Override
  public void executeScript(String script) throws SQLException {
    delegate.executeScript(script);
  }

  @Override
  public <R> R atomic(List<String> sql, List<? extends List<?>> params, RowReader<R> reader) throws SQLException {
    return delegate.atomic(sql, params, reader);
  }

  @Override
  public boolean writable() {
    return delegate.writable();
  }
}
