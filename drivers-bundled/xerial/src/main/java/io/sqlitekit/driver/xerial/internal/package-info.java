/**
 * Internal, not API, may change. The sqlite-jdbc (xerial) implementation of the driver SPI: the provider,
 * the driver with its writer lock and reader pool, sessions with per-connection statement caches, the
 * {@code REGEXP} function and the translation of SQLite errors into the typed exception family.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.driver.xerial.internal;
