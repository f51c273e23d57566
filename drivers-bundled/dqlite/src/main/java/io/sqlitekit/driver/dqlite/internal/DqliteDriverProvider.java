package io.sqlitekit.driver.dqlite.internal;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.DriverProvider;
import io.sqlitekit.spi.driver.SqliteDriver;
import java.util.Objects;

/**
 * Internal, not API, may change. The {@code "dqlite"} {@link DriverProvider}: opens
 * {@code dqlite://host:port,host:port/database} URLs. Found by {@link java.util.ServiceLoader}.
 *
 * @since 0.1.0
 */
public final class DqliteDriverProvider implements DriverProvider {
  /** The provider's name. */
  public static final String NAME = "dqlite";

  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public DqliteDriverProvider() {
    // stateless
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean accepts(String url) {
    Objects.requireNonNull(url, "url");
    return url.startsWith(DqliteUrl.PREFIX);
  }

  @Override
  public SqliteDriver open(String url, DriverOptions options) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(options, "options");
    if (!accepts(url)) {
      throw new IllegalArgumentException("the dqlite driver opens dqlite:// URLs only");
    }
    return DqliteDriver.open(url, options);
  }
}
