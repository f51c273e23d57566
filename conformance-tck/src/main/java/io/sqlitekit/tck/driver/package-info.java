/**
 * The driver conformance suite: contract classes (named {@code *DriverContract}) that any
 * {@link io.sqlitekit.spi.driver.SqliteDriver} must pass, run once per {@link io.sqlitekit.tck.DriverHarness}
 * found by {@code ServiceLoader}: sessions and values, write transactions and savepoints, after-commit actions,
 * error translation, 16-thread behaviour, closing, and the statement listener. Scenarios that need a
 * {@link io.sqlitekit.tck.DriverFeature} are skipped with the feature named on a driver without it.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.2.0
 */
package io.sqlitekit.tck.driver;
