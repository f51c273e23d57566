package io.sqlitekit.it.d1;

import io.sqlitekit.spi.driver.BackupProgress;
import io.sqlitekit.spi.driver.ChangeListener;
import io.sqlitekit.spi.driver.ChangeSubscription;
import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.DriverProvider;
import io.sqlitekit.spi.driver.SqlWork;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.support.driver.ForwardingSqliteDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ServiceLoader;

/**
 * A test driver for {@code notx:jdbc:sqlite:…} URLs: the bundled xerial driver reporting what the D1 driver
 * reports (no interactive transactions, no {@code REGEXP}, no bucket function, exclusive work, change
 * notifications or online backup), so the kit's up-front refusals are tested on every
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
    // Everything the D1 driver lacks is refused or reported absent here too; the rest is xerial's.
    return new ForwardingSqliteDriver(d) {
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

      @Override
      public boolean supportsDateBucketFunction() {
        return false;
      }

      @Override
      public <R> R exclusive(SqlWork<R> work) {
        throw new OperationNotSupportedException("driver notx cannot run work outside a transaction");
      }

      @Override
      public boolean supportsChangeNotifications() {
        return false;
      }

      @Override
      public ChangeSubscription watch(ChangeListener listener, Duration externalPoll) {
        throw new OperationNotSupportedException("driver notx does not report changes");
      }

      @Override
      public boolean supportsOnlineBackup() {
        return false;
      }

      @Override
      public int backup(Path target, BackupProgress progress) {
        throw new OperationNotSupportedException("driver notx cannot back up a live database");
      }
    };
  }
}
