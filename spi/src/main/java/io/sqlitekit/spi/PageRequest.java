package io.sqlitekit.spi;

import io.sqlitekit.spi.error.QueryParseException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import java.util.Objects;

/**
 * An offset-page request for {@code getAll}: filter, sort, 1-based page, page size and projection.
 *
 * <p>The sort is made total by the repository, which appends the primary key as a tiebreaker, so pages
 * never overlap. A page past the end is empty and still reports the real total.
 *
 * @param filter the rows to page over
 * @param sort the order
 * @param page the 1-based page number
 * @param limit rows per page, or null for the repository's default (20)
 * @param projection the fields to return
 * @since 0.1.0
 */
public record PageRequest(Filter filter, Sort sort, int page, Integer limit, Projection projection) {
  /** The page size used when a request does not give one. */
  public static final int DEFAULT_LIMIT = 20;

  /**
   * Validates the request.
   *
   * @throws NullPointerException if {@code filter}, {@code sort} or {@code projection} is null
   * @throws QueryParseException if {@code page} is below 1 or {@code limit} is below 1
   */
  public PageRequest {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(projection, "projection");
    if (page < 1) {
      throw new QueryParseException("page", "page must be a positive integer, was " + page);
    }
    if (limit != null && limit < 1) {
      throw new QueryParseException("limit", "limit must be a positive integer, was " + limit);
    }
  }

  /**
   * The first page of every row with the default size.
   *
   * @return the request
   */
  public static PageRequest first() {
    return new PageRequest(Filters.all(), Sort.unsorted(), 1, null, Projection.all());
  }

  /**
   * A page of every row.
   *
   * @param page the 1-based page
   * @param limit rows per page
   * @return the request
   */
  public static PageRequest of(int page, int limit) {
    return new PageRequest(Filters.all(), Sort.unsorted(), page, limit, Projection.all());
  }

  /**
   * Returns a copy with a filter.
   *
   * @param newFilter the filter
   * @return the new request
   */
  public PageRequest withFilter(Filter newFilter) {
    return new PageRequest(newFilter, sort, page, limit, projection);
  }

  /**
   * Returns a copy with a sort.
   *
   * @param newSort the sort
   * @return the new request
   */
  public PageRequest withSort(Sort newSort) {
    return new PageRequest(filter, newSort, page, limit, projection);
  }

  /**
   * Returns a copy for another page.
   *
   * @param newPage the 1-based page
   * @return the new request
   */
  public PageRequest withPage(int newPage) {
    return new PageRequest(filter, sort, newPage, limit, projection);
  }

  /**
   * Returns a copy with a page size.
   *
   * @param newLimit rows per page
   * @return the new request
   */
  public PageRequest withLimit(int newLimit) {
    return new PageRequest(filter, sort, page, newLimit, projection);
  }

  /**
   * Returns a copy with a projection.
   *
   * @param newProjection the projection
   * @return the new request
   */
  public PageRequest withProjection(Projection newProjection) {
    return new PageRequest(filter, sort, page, limit, newProjection);
  }
}
