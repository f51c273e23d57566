/**
 * The filter compiler SPI and {@link io.sqlitekit.spi.compile.SqlFragment}.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.spi.compile;
