package io.sqlitekit.spi.error;

/**
 * A row that had to exist was not found.
 *
 * <p>Repositories report ordinary misses as empty results; this is thrown only where a miss cannot be a value.
 *
 * @since 0.1.0
 */
public final class NotFoundException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened, naming fields and tables but no values
   */
  public NotFoundException(String message) {
    super(ErrorCode.NOT_FOUND, message);
  }

  /**
   * Creates the exception with its underlying cause.
   *
   * @param message what happened, naming fields and tables but no values
   * @param cause the underlying failure, for example the driver's {@code SQLException}
   */
  public NotFoundException(String message, Throwable cause) {
    super(ErrorCode.NOT_FOUND, message, cause);
  }
}
