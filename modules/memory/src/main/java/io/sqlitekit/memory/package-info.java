/**
 * The in-memory repository kit: {@link io.sqlitekit.memory.MemoryKit} and
 * {@link io.sqlitekit.memory.MemoryRepository}, an implementation of the full {@code StandardRepo} contract
 * without a database, behaving like the SQLite kit except that raw SQL filters are refused and no plugins run.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.memory;
