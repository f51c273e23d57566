package io.sqlitekit.spi.error;

/**
 * An operation on a tenant-scoped repository ran without a tenant in its call context.
 *
 * <p>Nothing was read or written.
 *
 * @since 0.1.0
 */
public final class TenantRequiredException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened, naming fields and tables but no values
   */
  public TenantRequiredException(String message) {
    super(ErrorCode.TENANT_REQUIRED, message);
  }

  /**
   * Creates the exception with its underlying cause.
   *
   * @param message what happened, naming fields and tables but no values
   * @param cause the underlying failure, for example the driver's {@code SQLException}
   */
  public TenantRequiredException(String message, Throwable cause) {
    super(ErrorCode.TENANT_REQUIRED, message, cause);
  }
}
