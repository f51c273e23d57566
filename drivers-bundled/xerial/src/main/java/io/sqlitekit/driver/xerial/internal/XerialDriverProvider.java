package io.sqlitekit.driver.xerial.internal;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.DriverProvider;
import io.sqlitekit.spi.driver.SqliteDriver;
import java.util.Objects;

/**
 * Internal, not API, may change. The {@code "xerial"} {@link DriverProvider}: opens {@code jdbc:sqlite:}
 * URLs with sqlite-jdbc. Found by {@link java.util.ServiceLoader}; has a public no-argument constructor.
 *
 * @since 0.1.0
 */
public final class XerialDriverProvider implements DriverProvider {
  /** The provider's name. */
  public static final String NAME = "xerial";

  private static final String PREFIX = "jdbc:sqlite:";

  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public XerialDriverProvider() {
    // stateless
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean accepts(String url) {
    Objects.requireNonNull(url, "url");
    return url.startsWith(PREFIX);
  }

  @Override
  public SqliteDriver open(String url, DriverOptions options) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(options, "options");
    if (!accepts(url)) {
      throw new IllegalArgumentException("the xerial driver opens jdbc:sqlite: URLs only");
    }
    return XerialDriver.open(url, options);
  }
}
