/**
 * The built-in JSON codec ({@link io.sqlitekit.support.json.MiniJson}) that every kit uses for JSON-mode
 * columns when none is configured or discovered.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.support.json;
