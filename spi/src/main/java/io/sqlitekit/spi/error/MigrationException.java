package io.sqlitekit.spi.error;

/**
 * A schema migration failed, or the applied history does not match the migration sources.
 *
 * <p>A failed migration is rolled back completely; the message names the migration and the failing statement.
 *
 * @since 0.1.0
 */
public final class MigrationException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened, naming fields and tables but no values
   */
  public MigrationException(String message) {
    super(ErrorCode.MIGRATION_ERROR, message);
  }

  /**
   * Creates the exception with its underlying cause.
   *
   * @param message what happened, naming fields and tables but no values
   * @param cause the underlying failure, for example the driver's {@code SQLException}
   */
  public MigrationException(String message, Throwable cause) {
    super(ErrorCode.MIGRATION_ERROR, message, cause);
  }
}
