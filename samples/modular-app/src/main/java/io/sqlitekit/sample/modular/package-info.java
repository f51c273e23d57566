/**
 * The modular-app sample application; not API.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.sample.modular;
