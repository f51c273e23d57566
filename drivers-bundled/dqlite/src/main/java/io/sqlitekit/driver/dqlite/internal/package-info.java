/**
 * Internal, not API, may change: the dqlite driver's implementation, reached only through
 * {@link io.sqlitekit.spi.driver.DriverProvider}.
 *
 * @since 0.1.0
 */
package io.sqlitekit.driver.dqlite.internal;
