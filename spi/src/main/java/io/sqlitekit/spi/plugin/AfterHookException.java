package io.sqlitekit.spi.plugin;

import io.sqlitekit.spi.error.ErrorCode;
import io.sqlitekit.spi.error.RepositoryException;
import java.util.Objects;

/**
 * An after-hook failed after the operation's write had been committed. The write is <em>not</em> undone;
 * its result is available from {@link #committedResult()}; the hook's failure is the cause.
 *
 * @since 0.1.0
 */
public final class AfterHookException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  private final transient Object committedResult;
  private final Operation operation;

  /**
   * Creates the exception.
   *
   * @param operation the operation whose after-hook failed
   * @param committedResult the result of the committed operation
   * @param cause the hook's failure
   */
  public AfterHookException(Operation operation, Object committedResult, Throwable cause) {
    super(ErrorCode.DATA_ACCESS_ERROR, "after-hook of " + Objects.requireNonNull(operation, "operation")
        + " failed; the write itself was committed", cause);
    this.operation = operation;
    this.committedResult = committedResult;
  }

  /**
   * Returns the operation.
   *
   * @return the operation
   */
  public Operation operation() {
    return operation;
  }

  /**
   * Returns the committed operation's result, exactly as the call would have returned it.
   *
   * @return the result
   */
  public Object committedResult() {
    return committedResult;
  }
}
