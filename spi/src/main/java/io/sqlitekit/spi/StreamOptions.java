package io.sqlitekit.spi;

import java.util.Objects;

/**
 * Options of {@code stream}: the order, how many rows each keyset batch reads, and the projection.
 *
 * @param sort the order; the primary key is appended as tiebreaker
 * @param batchSize rows per batch, at least 1
 * @param projection the fields to return
 * @since 0.1.0
 */
public record StreamOptions(Sort sort, int batchSize, Projection projection) {
  /** The batch size used by {@link #defaults()}. */
  public static final int DEFAULT_BATCH_SIZE = 500;

  /**
   * Validates the options.
   *
   * @throws NullPointerException if {@code sort} or {@code projection} is null
   * @throws IllegalArgumentException if {@code batchSize} is below 1
   */
  public StreamOptions {
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(projection, "projection");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }
  }

  /**
   * Primary-key order, default batch size, all fields.
   *
   * @return the defaults
   */
  public static StreamOptions defaults() {
    return new StreamOptions(Sort.unsorted(), DEFAULT_BATCH_SIZE, Projection.all());
  }

  /**
   * Returns a copy with a sort.
   *
   * @param newSort the sort
   * @return the new options
   */
  public StreamOptions withSort(Sort newSort) {
    return new StreamOptions(newSort, batchSize, projection);
  }

  /**
   * Returns a copy with a batch size.
   *
   * @param newBatchSize rows per batch
   * @return the new options
   */
  public StreamOptions withBatchSize(int newBatchSize) {
    return new StreamOptions(sort, newBatchSize, projection);
  }
}
