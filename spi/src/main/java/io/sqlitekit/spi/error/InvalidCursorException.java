package io.sqlitekit.spi.error;

/**
 * A pagination cursor is malformed, tampered with, of an unsupported version, or bound to another sort or table.
 *
 * @since 0.1.0
 */
public final class InvalidCursorException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened, naming fields and tables but no values
   */
  public InvalidCursorException(String message) {
    super(ErrorCode.INVALID_CURSOR, message);
  }

  /**
   * Creates the exception with its underlying cause.
   *
   * @param message what happened, naming fields and tables but no values
   * @param cause the underlying failure, for example the driver's {@code SQLException}
   */
  public InvalidCursorException(String message, Throwable cause) {
    super(ErrorCode.INVALID_CURSOR, message, cause);
  }
}
