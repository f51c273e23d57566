package io.sqlitekit.tck;

/**
 * Optional features of a {@link io.sqlitekit.spi.driver.SqliteDriver}, as its own methods report them. Scenarios
 * that need a feature are skipped, with the feature named, on a driver without it; scenarios that check the
 * refusal run only there.
 *
 * @since 0.2.0
 */
public enum DriverFeature {
  /**
   * {@link io.sqlitekit.spi.driver.SqliteDriver#interactiveTransactions()}: one transaction around the whole
   * work of a write, savepoints for nested writes, one writer at a time, snapshot reads.
   */
  INTERACTIVE_TRANSACTIONS,
  /** {@link io.sqlitekit.spi.driver.SqliteDriver#supportsRegexp()}: the {@code REGEXP} operator works. */
  REGEXP
}
