package io.sqlitekit.spi.error;

/**
 * The kit, a driver or a plugin was configured inconsistently: an unknown or duplicate plugin name, conflicting options, no driver for a URL.
 *
 * <p>Thrown when the kit or repository is built, never per call.
 *
 * @since 0.1.0
 */
public final class ConfigurationException extends RepositoryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened, naming fields and tables but no values
   */
  public ConfigurationException(String message) {
    super(ErrorCode.CONFIGURATION_ERROR, message);
  }

  /**
   * Creates the exception with its underlying cause.
   *
   * @param message what happened, naming fields and tables but no values
   * @param cause the underlying failure, for example the driver's {@code SQLException}
   */
  public ConfigurationException(String message, Throwable cause) {
    super(ErrorCode.CONFIGURATION_ERROR, message, cause);
  }
}
