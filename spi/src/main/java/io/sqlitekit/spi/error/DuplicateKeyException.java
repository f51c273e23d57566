package io.sqlitekit.spi.error;

/**
 * A UNIQUE or PRIMARY KEY constraint rejected a write; nothing was written.
 *
 * <p>Names the table and, when SQLite reports them, the conflicting columns (never the values).
 *
 * @since 0.1.0
 */
public final class DuplicateKeyException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened, naming fields and tables but no values
   */
  public DuplicateKeyException(String message) {
    super(ErrorCode.DUPLICATE_KEY, message);
  }

  /**
   * Creates the exception with its underlying cause.
   *
   * @param message what happened, naming fields and tables but no values
   * @param cause the underlying failure, for example the driver's {@code SQLException}
   */
  public DuplicateKeyException(String message, Throwable cause) {
    super(ErrorCode.DUPLICATE_KEY, message, cause);
  }
}
