package io.sqlitekit.support.hook;

import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.driver.SqlWork;
import io.sqlitekit.spi.driver.SqliteDriver;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Makes one transaction owner per write call. When the {@link HookEngine} opens the write transaction of a call
 * (because before-commit hooks must run inside it), the call's own execution must run in that transaction, not
 * in a savepoint nested in it: the engine {@linkplain #open opens} the write and the kit's execution
 * {@linkplain #write joins} its session. An audited update is then exactly {@code BEGIN IMMEDIATE}, the
 * {@code UPDATE}, the audit rows, {@code COMMIT}.
 *
 * <p>One instance per kit. The hand-off is per thread because the execution methods run synchronously inside
 * the engine's write on the same thread and take no call state; only the first write of the call joins, so any
 * write a hook or a nested call starts later nests as usual. Nothing else reads it.
 *
 * @since 0.2.0
 */
public final class WriteOwner {
  private final ThreadLocal<SqlSession> opened = new ThreadLocal<>();

  /** Creates a hand-off for one kit. */
  public WriteOwner() {
  }

  /**
   * Runs the engine's write for a call, offering its session to the call's first {@link #write}.
   *
   * @param driver the kit's driver
   * @param work the work: the execution and the before-commit hooks
   * @param <R> the result type
   * @return the work's result
   */
  <R> R open(SqliteDriver driver, SqlWork<R> work) {
    return driver.write(s -> {
      SqlSession previous = opened.get();
      opened.set(s);
      try {
        return work.run(s);
      } finally {
        if (previous == null) {
          opened.remove();
        } else {
          opened.set(previous);
        }
      }
    });
  }

  /**
   * Runs an execution's write: in the session the engine opened for this call when there is one (without a
   * savepoint: a failure fails the engine's transaction, which rolls back as a whole), else in a write of its
   * own ({@link SqliteDriver#write}).
   *
   * @param driver the kit's driver
   * @param work the work
   * @param <R> the result type
   * @return the work's result
   */
  public <R> R write(SqliteDriver driver, SqlWork<R> work) {
    return write(driver, work, false);
  }

  /**
   * Like {@link #write} for work that is one statement ({@link SqliteDriver#writeStatement}): in the engine's
   * session when it opened one, else as the driver's one-statement write.
   *
   * @param driver the kit's driver
   * @param work the work: one statement
   * @param <R> the result type
   * @return the work's result
   */
  public <R> R writeStatement(SqliteDriver driver, SqlWork<R> work) {
    return write(driver, work, true);
  }

  private <R> R write(SqliteDriver driver, SqlWork<R> work, boolean oneStatement) {
    Objects.requireNonNull(work, "work");
    SqlSession s = opened.get();
    if (s == null) {
      return oneStatement ? driver.writeStatement(work) : driver.write(work);
    }
    opened.remove();
    try {
      return work.run(s);
    } catch (SQLException e) {
      throw driver.translate(e, "write");
    }
  }
}
