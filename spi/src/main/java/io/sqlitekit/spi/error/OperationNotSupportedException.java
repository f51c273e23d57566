package io.sqlitekit.spi.error;

/**
 * The repository does not support the requested operation (see its capabilities); nothing was changed.
 *
 * @since 0.1.0
 */
public final class OperationNotSupportedException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened, naming fields and tables but no values
   */
  public OperationNotSupportedException(String message) {
    super(ErrorCode.UNSUPPORTED_OPERATION, message);
  }

  /**
   * Creates the exception with its underlying cause.
   *
   * @param message what happened, naming fields and tables but no values
   * @param cause the underlying failure, for example the driver's {@code SQLException}
   */
  public OperationNotSupportedException(String message, Throwable cause) {
    super(ErrorCode.UNSUPPORTED_OPERATION, message, cause);
  }
}
