package io.sqlitekit.spi.error;

/**
 * A CHECK, FOREIGN KEY, NOT NULL or trigger constraint rejected a write; nothing was written.
 *
 * @since 0.1.0
 */
public final class ConstraintViolationException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened, naming fields and tables but no values
   */
  public ConstraintViolationException(String message) {
    super(ErrorCode.CONSTRAINT_VIOLATION, message);
  }

  /**
   * Creates the exception with its underlying cause.
   *
   * @param message what happened, naming fields and tables but no values
   * @param cause the underlying failure, for example the driver's {@code SQLException}
   */
  public ConstraintViolationException(String message, Throwable cause) {
    super(ErrorCode.CONSTRAINT_VIOLATION, message, cause);
  }
}
