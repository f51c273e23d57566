/**
 * The entry points of the SQLite kit: {@link io.sqlitekit.core.SqliteKit} (opened from a URL or its
 * builder), {@link io.sqlitekit.core.SqliteRepository} (the {@code StandardRepo} over one table) and
 * {@link io.sqlitekit.core.TxScope} for transactions that span several repositories.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.core;
