/**
 * The cache storage SPI used by the cache plugin.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.spi.cache;
