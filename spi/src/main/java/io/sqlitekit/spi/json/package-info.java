/**
 * The JSON codec service used by JSON-mode columns.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.spi.json;
