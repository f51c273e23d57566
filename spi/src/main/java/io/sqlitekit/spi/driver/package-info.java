/**
 * The driver SPI: {@link io.sqlitekit.spi.driver.SqliteDriver} owns connections, transactions and the
 * one-writer rule; {@link io.sqlitekit.spi.driver.DriverProvider} makes a driver discoverable by
 * {@link java.util.ServiceLoader}; {@link io.sqlitekit.spi.driver.SqlSession} runs statements for one unit of
 * work (query with a row reader, update, batch, script) without lending out connections, statements or
 * cursors, so non-JDBC drivers implement it directly; {@link io.sqlitekit.spi.driver.StatementListener} sees
 * every statement; pragma presets and options.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.spi.driver;
