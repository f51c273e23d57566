/**
 * Shared machinery for {@link io.sqlitekit.spi.driver.SqliteDriver} implementers: {@link
 * io.sqlitekit.support.driver.TransactionScope}, the writer lock, reader pool, nesting, savepoints, snapshot reads,
 * after-commit actions and close of a driver with interactive transactions, so every such driver keeps the SPI's
 * guarantees the same way. The TCK's driver conformance suite ({@code io.sqlitekit.tck.driver}) holds drivers to
 * them. {@link io.sqlitekit.support.driver.ForwardingSqliteDriver} and
 * {@link io.sqlitekit.support.driver.ForwardingSqlSession} are the bases of decorators (retrying, observing,
 * test drivers): they forward every method, the optional ones included.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.2.0
 */
package io.sqlitekit.support.driver;
