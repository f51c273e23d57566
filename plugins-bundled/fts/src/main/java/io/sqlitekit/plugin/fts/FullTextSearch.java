package io.sqlitekit.plugin.fts;

/**
 * Full-text search over one repository view, from {@link FtsPlugin#search}. Each call is one repository call
 * (operation {@code SEARCH}): the same hooks run as for {@code findAll}, so tenant scope, soft delete and TTL
 * apply, and the view's call context (tenant, flags) is the one the view was created with. Thread-safe.
 *
 * @param <T> the entity type
 * @since 0.2.0
 */
public interface FullTextSearch<T> {
  /**
   * Runs one search.
   *
   * @param request the request
   * @return one page of hits, best first
   * @throws io.sqlitekit.spi.error.ValidationException if FTS5 cannot parse the query (SQLite's message is
   *     in it), the filter names an unknown field, or a weight, highlight or snippet names a field that is not
   *     indexed
   * @throws io.sqlitekit.spi.error.InvalidCursorException if the cursor is malformed or belongs to another
   *     query
   */
  SearchPage<T> search(SearchRequest request);

  /**
   * Runs {@link SearchRequest#of(String)}: the 20 best hits.
   *
   * @param query the FTS5 query
   * @return the page
   */
  default SearchPage<T> search(String query) {
    return search(SearchRequest.of(query));
  }
}
