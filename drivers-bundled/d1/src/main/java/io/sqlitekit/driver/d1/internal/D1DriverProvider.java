package io.sqlitekit.driver.d1.internal;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.DriverProvider;
import io.sqlitekit.spi.driver.SqliteDriver;
import java.util.Objects;

/**
 * Internal, not API, may change. The {@code "d1"} {@link DriverProvider}: opens {@code d1://<account>/<db>}
 * (Cloudflare's REST API) and {@code d1+http(s)://<host>:<port>/<db>} (the local explorer of
 * {@code wrangler dev}). Found by {@link java.util.ServiceLoader}; has a public no-argument constructor.
 *
 * @since 0.1.0
 */
public final class D1DriverProvider implements DriverProvider {
  /** The provider's name. */
  public static final String NAME = "d1";

  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public D1DriverProvider() {
    // stateless
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean accepts(String url) {
    Objects.requireNonNull(url, "url");
    return url.startsWith("d1://") || url.startsWith("d1+http://") || url.startsWith("d1+https://");
  }

  @Override
  public SqliteDriver open(String url, DriverOptions options) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(options, "options");
    if (!accepts(url)) {
      throw new IllegalArgumentException("the d1 driver opens d1://, d1+http:// and d1+https:// URLs only");
    }
    return D1Driver.open(url, options);
  }
}
