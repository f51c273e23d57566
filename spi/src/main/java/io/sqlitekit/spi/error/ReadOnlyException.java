package io.sqlitekit.spi.error;

/**
 * A write was attempted on a read-only database or repository; nothing was written.
 *
 * @since 0.1.0
 */
public final class ReadOnlyException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened, naming fields and tables but no values
   */
  public ReadOnlyException(String message) {
    super(ErrorCode.READ_ONLY, message);
  }

  /**
   * Creates the exception with its underlying cause.
   *
   * @param message what happened, naming fields and tables but no values
   * @param cause the underlying failure, for example the driver's {@code SQLException}
   */
  public ReadOnlyException(String message, Throwable cause) {
    super(ErrorCode.READ_ONLY, message, cause);
  }
}
