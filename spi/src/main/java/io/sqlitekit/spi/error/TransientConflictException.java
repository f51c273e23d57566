package io.sqlitekit.spi.error;

/**
 * The database stayed busy or locked beyond the busy timeout; retrying the call may succeed.
 *
 * <p>Nothing of the failed call was applied. {@link #isTransient()} is always true.
 *
 * @since 0.1.0
 */
public final class TransientConflictException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened, naming fields and tables but no values
   */
  public TransientConflictException(String message) {
    super(ErrorCode.TRANSIENT_CONFLICT, message);
  }

  /**
   * Creates the exception with its underlying cause.
   *
   * @param message what happened, naming fields and tables but no values
   * @param cause the underlying failure, for example the driver's {@code SQLException}
   */
  public TransientConflictException(String message, Throwable cause) {
    super(ErrorCode.TRANSIENT_CONFLICT, message, cause);
  }
}
