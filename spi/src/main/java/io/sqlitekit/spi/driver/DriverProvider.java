package io.sqlitekit.spi.driver;

/**
 * A {@link java.util.ServiceLoader} service that opens {@link SqliteDriver}s for the URLs it accepts.
 *
 * @since 0.1.0
 */
public interface DriverProvider {
  /**
   * Returns the provider's name, for example {@code "xerial"}.
   *
   * @return the name
   */
  String name();

  /**
   * Returns whether this provider can open the URL.
   *
   * @param url a JDBC URL such as {@code jdbc:sqlite:app.db}
   * @return true if {@link #open} accepts it
   */
  boolean accepts(String url);

  /**
   * Opens a driver.
   *
   * @param url the URL
   * @param options the options
   * @return the driver
   * @throws io.sqlitekit.spi.error.ConfigurationException if the database cannot be opened or configured
   */
  SqliteDriver open(String url, DriverOptions options);
}
