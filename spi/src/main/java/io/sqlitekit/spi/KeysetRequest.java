package io.sqlitekit.spi;

import io.sqlitekit.spi.error.QueryParseException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import java.util.Objects;

/**
 * A keyset-page request for {@code getAll}: filter, sort, an opaque cursor from the previous page and a page
 * size.
 *
 * <p>The repository appends the primary key to the sort as a unique tiebreaker. The cursor is bound to the
 * table and the sort: reusing it with another sort or table fails with
 * {@link io.sqlitekit.spi.error.InvalidCursorException}. Rows whose sort value is NULL are neither lost
 * nor repeated: NULLs come first in ascending order and last in descending order.
 *
 * @param filter the rows to page over
 * @param sort the order
 * @param after the cursor returned as {@code next} by the previous page, or null for the first page
 * @param limit rows per page, or null for the repository's default (20)
 * @param projection the fields to return (sort fields are read even when not projected)
 * @since 0.1.0
 */
public record KeysetRequest(Filter filter, Sort sort, String after, Integer limit, Projection projection) {
  /**
   * Validates the request.
   *
   * @throws NullPointerException if {@code filter}, {@code sort} or {@code projection} is null
   * @throws QueryParseException if {@code limit} is below 1
   */
  public KeysetRequest {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(projection, "projection");
    if (limit != null && limit < 1) {
      throw new QueryParseException("limit", "limit must be a positive integer, was " + limit);
    }
  }

  /**
   * The first keyset page of every row in a given order.
   *
   * @param sort the order
   * @param limit rows per page
   * @return the request
   */
  public static KeysetRequest first(Sort sort, int limit) {
    return new KeysetRequest(Filters.all(), sort, null, limit, Projection.all());
  }

  /**
   * Returns a copy continuing after a cursor.
   *
   * @param cursor the {@code next} cursor of the previous page
   * @return the new request
   */
  public KeysetRequest after(String cursor) {
    return new KeysetRequest(filter, sort, cursor, limit, projection);
  }

  /**
   * Returns a copy with a filter.
   *
   * @param newFilter the filter
   * @return the new request
   */
  public KeysetRequest withFilter(Filter newFilter) {
    return new KeysetRequest(newFilter, sort, after, limit, projection);
  }

  /**
   * Returns a copy with a projection.
   *
   * @param newProjection the projection
   * @return the new request
   */
  public KeysetRequest withProjection(Projection newProjection) {
    return new KeysetRequest(filter, sort, after, limit, newProjection);
  }
}
