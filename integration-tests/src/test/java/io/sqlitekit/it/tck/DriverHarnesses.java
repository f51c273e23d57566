package io.sqlitekit.it.tck;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.DriverProvider;
import io.sqlitekit.spi.driver.SqliteDriver;
import java.util.ServiceLoader;

/** Opens a driver through the provider of the given name, as an application finds it (ServiceLoader). */
final class DriverHarnesses {
  private DriverHarnesses() {
  }

  static SqliteDriver open(String provider, String url, DriverOptions options) {
    for (DriverProvider p : ServiceLoader.load(DriverProvider.class)) {
      if (p.name().equals(provider)) {
        if (!p.accepts(url)) {
          throw new IllegalStateException("driver provider " + provider + " does not accept " + url);
        }
        return p.open(url, options);
      }
    }
    throw new IllegalStateException("no driver provider named " + provider);
  }
}
