package io.sqlitekit.it.tck;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.tck.DriverFeature;
import io.sqlitekit.tck.DriverHarness;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The driver conformance suite on the dqlite driver against the real 3-node cluster of the dqlite harnesses
 * ({@link DqliteHarnessBase#cluster()}, stopped by pid when the test plan ends): a new database per opened
 * driver. dqlite has interactive transactions but no {@code REGEXP}.
 */
public final class DqliteDriverHarness implements DriverHarness {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  @Override
  public String name() {
    return "dqlite";
  }

  @Override
  public Set<DriverFeature> features() {
    return EnumSet.of(DriverFeature.INTERACTIVE_TRANSACTIONS);
  }

  @Override
  public SqliteDriver open(DriverOptions options) {
    String db = "driver_tck_" + DATABASES.incrementAndGet() + "_" + Long.toHexString(System.nanoTime());
    return DriverHarnesses.open("dqlite", DqliteHarnessBase.cluster().url(db), options);
  }
}
