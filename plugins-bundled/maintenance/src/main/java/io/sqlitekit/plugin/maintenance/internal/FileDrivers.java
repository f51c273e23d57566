package io.sqlitekit.plugin.maintenance.internal;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.DriverProvider;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.support.discovery.Discovery;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * Internal, not API, may change. Opens a driver on a database file (a backup, a restored copy) through the
 * one {@link DriverProvider} that accepts its {@code jdbc:sqlite:} URL, with the kits' strict discovery rules.
 */
public final class FileDrivers {
  private FileDrivers() {}

  /**
   * Opens a driver on the file with the default options and one reader.
   *
   * @param file the database file
   * @return the driver, owned by the caller
   * @throws io.sqlitekit.spi.error.ConfigurationException if no driver, or more than one, accepts the URL
   */
  public static SqliteDriver open(Path file) {
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    DriverProvider p = Discovery.driverFor(url, ServiceLoader.load(DriverProvider.class), null);
    return p.open(url, DriverOptions.defaults().withReaderPoolSize(1));
  }
}
