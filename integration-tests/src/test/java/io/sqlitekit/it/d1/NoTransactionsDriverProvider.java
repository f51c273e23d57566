package io.sqlitekit.it.d1;

import io.sqlitekit.it.ForwardingDriver;
import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.DriverProvider;
import io.sqlitekit.spi.driver.SqliteDriver;
import java.util.ServiceLoader;

/**
 * A test driver for {@code notx:jdbc:sqlite:…} URLs: the bundled xerial driver reporting what the D1 driver
 * reports (no interactive transactions, no {@code REGEXP}), so the kit's up-front refusals are tested on every
 * machine, also where no local D1 can run. Registered in this module's test {@code META-INF/services}.
 */
public final class NoTransactionsDriverProvider implements DriverProvider {
  static final String PREFIX = "notx:";

  @Override
  public String name() {
    return "notx";
  }

  @Override
  public boolean accepts(String url) {
    return url.startsWith(PREFIX);
  }

  @Override
  public SqliteDriver open(String url, DriverOptions options) {
    DriverProvider xerial = ServiceLoader.load(DriverProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("xerial")).findFirst().orElseThrow();
    SqliteDriver d = xerial.open(url.substring(PREFIX.length()), options);
    return new ForwardingDriver(d) {
      @Override
      public String url() {
        return url;
      }

      @Override
      public boolean interactiveTransactions() {
        return false;
      }

      @Override
      public boolean supportsRegexp() {
        return false;
      }
    };
  }
}
