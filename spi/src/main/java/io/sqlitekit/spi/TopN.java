package io.sqlitekit.spi;

import io.sqlitekit.spi.error.ValidationException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Top-N of an {@link AggregateRequest}: after grouping and {@code having}, only the first {@code limit} group
 * rows of each partition in {@code sortBy} order are kept (SQL window functions). The request's own
 * {@code sort} then orders the surviving rows; the rank itself is not returned.
 *
 * <p>{@code partitionBy} names group fields or date-bucket aliases (empty: one partition); {@code sortBy}
 * names group fields, bucket aliases or measure aliases. Ties: {@link Ties#RANK} keeps every row ranked at
 * most {@code limit} (ties may yield more rows, with gaps after them), {@link Ties#DENSE_RANK} keeps the rows of
 * the first {@code limit} distinct values, {@link Ties#ROW_NUMBER} keeps exactly {@code limit} rows, breaking
 * ties by the group keys in ascending order.
 *
 * @param partitionBy the partition keys
 * @param sortBy the order within a partition, at least one key
 * @param limit the rows kept per partition, at least 1
 * @param ties how equal sort values rank
 * @since 0.3.0
 */
public record TopN(List<String> partitionBy, Sort sortBy, int limit, Ties ties) {
  /**
   * How rows with equal sort values are ranked.
   *
   * @since 0.3.0
   */
  public enum Ties {
    /** SQL {@code rank()}: equal rows share a rank, the next rank skips. */
    RANK,
    /** SQL {@code dense_rank()}: equal rows share a rank, no gaps. */
    DENSE_RANK,
    /** SQL {@code row_number()}: every row its own rank; ties broken by the group keys. */
    ROW_NUMBER
  }

  /**
   * Validates the top-N.
   *
   * @throws NullPointerException if a component is null
   * @throws ValidationException if {@code sortBy} is empty or {@code limit} is below 1
   */
  public TopN {
    partitionBy = List.copyOf(Objects.requireNonNull(partitionBy, "partitionBy"));
    Objects.requireNonNull(sortBy, "sortBy");
    Objects.requireNonNull(ties, "ties");
    if (sortBy.isEmpty()) {
      throw new ValidationException("topN.sortBy", "topN needs at least one sortBy key");
    }
    if (limit < 1) {
      throw new ValidationException("topN.limit",
          String.format(Locale.ROOT, "topN.limit must be a positive integer, was %d", limit));
    }
  }

  /**
   * The first {@code limit} rows per partition, ranked with {@link Ties#RANK}.
   *
   * @param limit rows per partition
   * @param sortBy the order
   * @param partitionBy the partition keys
   * @return the top-N
   */
  public static TopN of(int limit, Sort sortBy, String... partitionBy) {
    return new TopN(List.of(partitionBy), sortBy, limit, Ties.RANK);
  }

  /**
   * Returns a copy with another tie rule.
   *
   * @param newTies the rule
   * @return the new top-N
   */
  public TopN withTies(Ties newTies) {
    return new TopN(partitionBy, sortBy, limit, newTies);
  }
}
