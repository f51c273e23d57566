package io.sqlitekit.migrate.internal;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.DriverProvider;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
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
    List<DriverProvider> accepting = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (ServiceLoader<DriverProvider> loader : List.of(ServiceLoader.load(DriverProvider.class),
        ServiceLoader.load(DriverProvider.class, Drivers.class.getClassLoader()))) {
      for (DriverProvider p : loader) {
        if (seen.contains(p.getClass().getName())) {
          continue;
        }
        seen.add(p.getClass().getName());
        if (LOG.isDebugEnabled()) {
          Module module = p.getClass().getModule();
          LOG.debug("driver provider {} ({}) in {} {}", p.name(), p.getClass().getName(),
              module.isNamed() ? "module " + module.getName() : "the class path",
              module.getDescriptor() == null ? "" : module.getDescriptor().rawVersion().orElse(""));
        }
        if (p.accepts(url)) {
          accepting.add(p);
        }
      }
    }
    if (accepting.isEmpty()) {
      throw new ConfigurationException(String.format(Locale.ROOT,
          "no sqlitekit DriverProvider accepts the URL %s (found: %s); put sqlitekit-driver-xerial on the class "
              + "path or module path", url, seen));
    }
    if (accepting.size() > 1) {
      throw new ConfigurationException(String.format(Locale.ROOT, "several drivers accept the URL %s: %s; open "
          + "the driver yourself and pass it to Migrator.create", url,
          accepting.stream().map(DriverProvider::name).collect(Collectors.toList())));
    }
    // Foreign keys off: drizzle-kit's table rebuilds need it and it cannot change inside a transaction; the
    // migrator checks for new violations itself (see Migrator's class comment).
    return accepting.get(0).open(url, DriverOptions.defaults().withPragma("foreign_keys", "OFF"));
  }
}
