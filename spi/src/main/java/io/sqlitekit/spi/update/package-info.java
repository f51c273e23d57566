/**
 * The Update IR: {@link io.sqlitekit.spi.update.Update}, an immutable set / unset / inc / setOnInsert
 * description of a write that plugins may inspect and rewrite.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.spi.update;
