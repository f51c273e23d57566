package io.sqlitekit.migrate.internal;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.DriverProvider;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.support.discovery.Discovery;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal, not API, may change. Finds the one {@link DriverProvider} that accepts a URL and opens it with
 * the default options, except {@code foreign_keys=OFF}.
 *
 * <p>Looks through the context class loader first (which on the module path also sees providers declared
 * with {@code provides}), then through this module's own loader.
 */
public final class Drivers {
  private static final Logger LOG = LoggerFactory.getLogger(Drivers.class);

  private Drivers() {}

  /**
   * Opens a driver for the URL with default options and foreign keys off.
   *
   * @param url the JDBC URL
   * @return the driver, owned by the caller
   * @throws ConfigurationException if no provider or more than one provider accepts the URL
   */
  public static SqliteDriver open(String url) {
    List<DriverProvider> found = new ArrayList<>();
    Set<Class<?>> seen = new HashSet<>();
    for (ServiceLoader<DriverProvider> loader : List.of(ServiceLoader.load(DriverProvider.class),
        ServiceLoader.load(DriverProvider.class, Drivers.class.getClassLoader()))) {
      for (DriverProvider p : loader) {
        // Both loaders may see the same provider; that is one provider, not an ambiguity.
        if (seen.add(p.getClass())) {
          found.add(p);
        }
      }
    }
    if (LOG.isDebugEnabled()) {
      Discovery.report("driver", found, DriverProvider::name).forEach(line -> LOG.debug("discovered {}", line));
    }
    DriverProvider provider = Discovery.driverFor(url, found, null);
    // Foreign keys off: drizzle-kit's table rebuilds need it and it cannot change inside a transaction; the
    // migrator checks for new violations itself (see Migrator's class comment).
    return provider.open(url, DriverOptions.defaults().withPragma("foreign_keys", "OFF"));
  }
}
