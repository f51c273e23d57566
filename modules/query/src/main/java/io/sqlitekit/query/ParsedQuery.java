package io.sqlitekit.query;

import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.filter.Filter;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link QueryParser#parse}: everything a repository read needs, already validated.
 *
 * <p>A query is either an offset query ({@code page}, default 1) or a keyset query ({@code after}); the
 * parser never produces both. Use {@link #isKeyset()} to choose between {@link #toPageRequest()} and
 * {@link #toKeysetRequest()}. A first keyset page has no {@code after}; ask for it with
 * {@link #toKeysetRequest()} directly.
 *
 * @param filter the filter; {@code Filters.all()} when the query has no filter parameter
 * @param sort the order; unsorted when the query has no {@code sort}
 * @param projection the fields to return; all when the query has no {@code select}
 * @param page the 1-based page number (1 when absent)
 * @param limit the page size (the options' default when absent)
 * @param after the keyset cursor, when the query continues a keyset walk
 * @param search the full-text query of a {@code search} parameter ({@link QueryOptions#withSearch allowed}
 *     only): hand it, with this query's filter, page or cursor and limit, to a search extension such as the fts
 *     plugin ({@code SearchRequest.of(query, filter, page, limit, after)}); hits are ordered by relevance, so such
 *     a query has no {@code sort} and no {@code select}
 * @since 0.1.0
 */
public record ParsedQuery(Filter filter, Sort sort, Projection projection, int page, int limit,
    Optional<String> after, Optional<String> search) {

  /**
   * Validates the components.
   *
   * @param filter the filter
   * @param sort the order
   * @param projection the fields to return
   * @param page the 1-based page number
   * @param limit the page size
   * @param after the keyset cursor, or empty
   * @param search the full-text query, or empty
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code page} or {@code limit} is below 1, or a cursor is combined with
   *     a page other than 1
   */
  public ParsedQuery {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(projection, "projection");
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(search, "search");
    if (page < 1 || limit < 1) {
      throw new IllegalArgumentException("page and limit must be at least 1");
    }
    if (after.isPresent() && page != 1) {
      throw new IllegalArgumentException("a keyset cursor cannot be combined with a page number");
    }
  }

  /**
   * A query without full-text search.
   *
   * @param filter the filter
   * @param sort the order
   * @param projection the fields to return
   * @param page the 1-based page number
   * @param limit the page size
   * @param after the keyset cursor, or empty
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException as the canonical constructor
   */
  public ParsedQuery(Filter filter, Sort sort, Projection projection, int page, int limit, Optional<String> after) {
    this(filter, sort, projection, page, limit, after, Optional.empty());
  }

  /**
   * Returns whether the query continues a keyset walk (it has an {@code after} cursor).
   *
   * @return true when {@code after} is present
   */
  public boolean isKeyset() {
    return after.isPresent();
  }

  /**
   * Builds the offset-page request.
   *
   * @return the request with this query's filter, sort, page, limit and projection
   * @throws IllegalStateException if the query has an {@code after} cursor
   */
  public PageRequest toPageRequest() {
    if (after.isPresent()) {
      throw new IllegalStateException("the query has an after cursor; use toKeysetRequest()");
    }
    return new PageRequest(filter, sort, page, limit, projection);
  }

  /**
   * Builds the keyset-page request (the first page when there is no {@code after}).
   *
   * @return the request with this query's filter, sort, cursor, limit and projection
   * @throws IllegalStateException if the query asked for a page other than 1
   */
  public KeysetRequest toKeysetRequest() {
    if (page != 1) {
      throw new IllegalStateException("the query asks for page " + page + "; use toPageRequest()");
    }
    return new KeysetRequest(filter, sort, after.orElse(null), limit, projection);
  }
}
