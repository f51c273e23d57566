/**
 * Exact nearest-neighbour search over float32 embeddings: {@link io.sqlitekit.plugin.vector.VectorPlugin} (the
 * plugin and the entry point to {@link io.sqlitekit.plugin.vector.VectorSearch}), its
 * {@link io.sqlitekit.plugin.vector.VectorOptions}, the {@link io.sqlitekit.plugin.vector.Metric}s, the
 * embedding codec {@link io.sqlitekit.plugin.vector.Vectors}, and the request and result records.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.2.0
 */
package io.sqlitekit.plugin.vector;
