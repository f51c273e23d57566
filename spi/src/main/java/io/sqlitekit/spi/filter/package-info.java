/**
 * The Filter IR: a sealed family of immutable records ({@link io.sqlitekit.spi.filter.Filter}) with
 * three-valued SQL semantics, static builders in {@link io.sqlitekit.spi.filter.Filters}, a visitor for
 * exhaustive dispatch, and {@link io.sqlitekit.spi.filter.FilterWalker} helpers for plugins.
 *
 * <p>Parameters and return values are never null unless stated; filter values may be null where the node
 * documents it.
 *
 * @since 0.1.0
 */
package io.sqlitekit.spi.filter;
