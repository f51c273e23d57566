/**
 * The driver SPI: {@link io.sqlitekit.spi.driver.SqliteDriver} owns connections, transactions and the
 * one-writer rule; {@link io.sqlitekit.spi.driver.DriverProvider} makes a driver discoverable by
 * {@link java.util.ServiceLoader}; pragma presets and options.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.spi.driver;
