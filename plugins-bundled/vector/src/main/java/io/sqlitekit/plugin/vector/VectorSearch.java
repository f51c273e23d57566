package io.sqlitekit.plugin.vector;

import java.util.List;

/**
 * Exact k-nearest-neighbour search over one repository view, from {@link VectorPlugin#search}. Each call is
 * one repository call (operation {@code SEARCH}): policy plugins scope it like {@code findAll} (tenant scope
 * always; soft delete, TTL). Thread-safe.
 *
 * <p>The search reads the scoped rows' embeddings in keyset batches of {@link VectorOptions#batchSize()} rows
 * on one read snapshot and keeps the best {@code k} in a heap, so memory is bounded by the batch and
 * {@code k}, not by the table; then it reads the {@code k} winners' rows. Cost is one pass over the scoped
 * rows' embeddings: fine for tens of thousands of rows, linear beyond.
 *
 * @param <T> the entity type
 * @since 0.2.0
 */
public interface VectorSearch<T> {
  /**
   * Returns the nearest rows, nearest first; ties by rowid.
   *
   * @param request the request
   * @return at most {@code k} neighbours
   * @throws io.sqlitekit.spi.error.ValidationException if the query vector's length differs from the
   *     dimensions, a cosine query is the zero vector, the filter names an unknown field, or a stored
   *     embedding in scope has the wrong length
   */
  List<Neighbor<T>> nearest(KnnRequest request);

  /**
   * Returns the {@code k} nearest rows by the default metric.
   *
   * @param query the query vector
   * @param k how many
   * @return the neighbours, nearest first
   */
  default List<Neighbor<T>> nearest(float[] query, int k) {
    return nearest(KnnRequest.of(query, k));
  }
}
