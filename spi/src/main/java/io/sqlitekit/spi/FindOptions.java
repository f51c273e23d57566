package io.sqlitekit.spi;

import java.util.Objects;

/**
 * Options of {@code findAll} and {@code getOne}: sort, limit, offset and projection.
 *
 * @param sort the order; unsorted means implementation order
 * @param limit the maximum number of rows, or 0 for no limit
 * @param offset rows to skip, 0 or more
 * @param projection the fields to return
 * @since 0.1.0
 */
public record FindOptions(Sort sort, int limit, long offset, Projection projection) {
  private static final FindOptions DEFAULTS = new FindOptions(Sort.unsorted(), 0, 0, Projection.all());

  /**
   * Validates the options.
   *
   * @throws NullPointerException if {@code sort} or {@code projection} is null
   * @throws IllegalArgumentException if {@code limit} or {@code offset} is negative
   */
  public FindOptions {
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(projection, "projection");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0 (0 = no limit), was " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, was " + offset);
    }
  }

  /**
   * No sort, no limit, all fields.
   *
   * @return the defaults
   */
  public static FindOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a copy with a sort.
   *
   * @param newSort the sort
   * @return the new options
   */
  public FindOptions withSort(Sort newSort) {
    return new FindOptions(newSort, limit, offset, projection);
  }

  /**
   * Returns a copy with a limit.
   *
   * @param newLimit the limit, 0 for none
   * @return the new options
   */
  public FindOptions withLimit(int newLimit) {
    return new FindOptions(sort, newLimit, offset, projection);
  }

  /**
   * Returns a copy with an offset.
   *
   * @param newOffset the offset
   * @return the new options
   */
  public FindOptions withOffset(long newOffset) {
    return new FindOptions(sort, limit, newOffset, projection);
  }

  /**
   * Returns a copy with a projection.
   *
   * @param newProjection the projection
   * @return the new options
   */
  public FindOptions withProjection(Projection newProjection) {
    return new FindOptions(sort, limit, offset, newProjection);
  }
}
