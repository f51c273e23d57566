package io.sqlitekit.spi.error;

/**
 * Any other failure of the data store; the driver's exception is the cause.
 *
 * @since 0.1.0
 */
public final class DataAccessException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened, naming fields and tables but no values
   */
  public DataAccessException(String message) {
    super(ErrorCode.DATA_ACCESS_ERROR, message);
  }

  /**
   * Creates the exception with its underlying cause.
   *
   * @param message what happened, naming fields and tables but no values
   * @param cause the underlying failure, for example the driver's {@code SQLException}
   */
  public DataAccessException(String message, Throwable cause) {
    super(ErrorCode.DATA_ACCESS_ERROR, message, cause);
  }
}
