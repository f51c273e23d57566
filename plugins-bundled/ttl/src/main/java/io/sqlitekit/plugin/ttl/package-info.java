/**
 * The TTL plugin: {@link io.sqlitekit.plugin.ttl.TtlPlugin} builds it from {@link io.sqlitekit.plugin.ttl.TtlOptions};
 * {@link io.sqlitekit.plugin.ttl.TtlSweeper} sweeps on demand; {@link io.sqlitekit.plugin.ttl.TtlIndexes} renders
 * the index DDL that keeps sweeps and live-row queries cheap.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.plugin.ttl;
