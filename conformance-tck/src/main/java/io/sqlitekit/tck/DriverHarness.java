package io.sqlitekit.tck;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.SqliteDriver;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link SqliteDriver} implementation provides to be certified by the TCK's driver conformance suite
 * ({@code io.sqlitekit.tck.driver}), through {@code ServiceLoader}
 * ({@code META-INF/services/io.sqlitekit.tck.DriverHarness} or {@code provides} in a module descriptor).
 *
 * <p>The suite opens drivers through {@link #open(DriverOptions)}, uses them, closes every one it opened and
 * then calls {@link #cleanup()}. Driver contract tests never run concurrently with each other (they share a
 * JUnit resource lock), but a test may open several drivers and drive one from many threads.
 *
 * <p>The features declared here decide which scenarios run; the driver must report the same: a driver whose
 * {@link SqliteDriver#interactiveTransactions()} or {@link SqliteDriver#supportsRegexp()} disagrees with the
 * declaration fails every scenario it is given.
 *
 * @since 0.2.0
 */
public interface DriverHarness {
  /**
   * Returns the harness name, used in display names, in the summary line and by
   * {@link TckConstants#DRIVER_HARNESS}.
   *
   * @return a short, unique, lower-case-hyphenated name
   */
  String name();

  /**
   * Returns the optional driver features the implementation under test has.
   *
   * @return the features; {@link DriverFeature#INTERACTIVE_TRANSACTIONS} for every driver with real write
   *     transactions
   */
  Set<DriverFeature> features();

  /**
   * Opens a driver over a fresh, empty database: no table of the suite exists in it, and nothing written
   * through one call's driver is visible through another call's. The suite closes the driver.
   *
   * @param options the options to open it with (the suite passes its own statement listener)
   * @return the driver
   */
  SqliteDriver open(DriverOptions options);

  /** Releases what the test's {@link #open} calls acquired (files, databases). Called after each test. */
  default void cleanup() {
  }

  /**
   * Returns known disagreements: test IDs ({@code SimpleClassName#method}) mapped to the reason. Suppressed tests
   * are reported as skipped with the reason, never as passed.
   *
   * @return test ID to reason; empty by default
   */
  default Map<String, String> suppressed() {
    return Map.of();
  }
}
