package io.sqlitekit.plugin.fts;

import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One full-text search: the FTS5 query, a normal filter AND-ed with it, ranking weights, paging and the
 * optional highlight and snippet fields.
 *
 * <p>The query is passed to FTS5 unchanged, so its whole grammar works: terms, {@code "phrases"},
 * {@code prefix*}, {@code AND}/{@code OR}/{@code NOT}, {@code NEAR(a b, 5)}, {@code column:term} and
 * {@code ^initial}. It is always a bound parameter, never SQL text; a query FTS5 cannot parse is refused with a
 * {@link io.sqlitekit.spi.error.ValidationException} carrying SQLite's message.
 *
 * <p>Hits are ordered by bm25 (best first), ties by the content rowid. Paging is by offset, or by keyset
 * with {@link #after}: the cursor of the previous page ({@link SearchPage#nextCursor()}), which stays correct
 * while rows are written between pages.
 *
 * @param query the FTS5 query, not blank
 * @param filter the filter AND-ed with the match (policy plugins add their scope on top)
 * @param limit the page size in [1, 1000]
 * @param offset rows to skip, 0 or more; must be 0 with a cursor
 * @param after the cursor of the previous page, or null for the first page
 * @param weights bm25 weight per indexed field (default 1.0 each); a larger weight makes matches in that field
 *     count more
 * @param highlight the fields to return with matches marked, or null for none
 * @param snippet the field to return an excerpt of, or null for none
 * @since 0.2.0
 */
public record SearchRequest(String query, Filter filter, int limit, long offset, String after,
    Map<String, Double> weights, Highlight highlight, Snippet snippet) {
  /** The largest page. */
  public static final int MAX_LIMIT = 1000;

  /**
   * Validates and copies the components.
   *
   * @throws IllegalArgumentException on a blank query, a limit outside [1, 1000], a negative offset, an offset
   *     together with a cursor, or a weight that is negative or not finite
   */
  public SearchRequest {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(filter, "filter");
    weights = Map.copyOf(Objects.requireNonNull(weights, "weights"));
    if (query.isBlank()) {
      throw new IllegalArgumentException("fts: the search query must not be blank");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("fts: limit must be in [1, " + MAX_LIMIT + "], got " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("fts: offset must not be negative, got " + offset);
    }
    if (after != null && offset != 0) {
      throw new IllegalArgumentException("fts: a cursor page cannot also have an offset");
    }
    for (Map.Entry<String, Double> w : weights.entrySet()) {
      if (!Double.isFinite(w.getValue()) || w.getValue() < 0) {
        throw new IllegalArgumentException("fts: weight of \"" + w.getKey() + "\" must be finite and >= 0");
      }
    }
  }

  /**
   * The first page of 20 best hits for a query, unfiltered.
   *
   * @param query the FTS5 query
   * @return the request
   */
  public static SearchRequest of(String query) {
    return new SearchRequest(query, Filters.all(), 20, 0, null, Map.of(), null, null);
  }

  /**
   * A request from the parts of a parsed URL query ({@code io.sqlitekit.query.ParsedQuery} with
   * {@code search=}): its search text, filter, 1-based page, limit and cursor.
   *
   * @param query the FTS5 query
   * @param filter the filter
   * @param page the 1-based page (offset {@code (page - 1) * limit}); must be 1 with a cursor
   * @param limit the page size in [1, 1000]
   * @param after the cursor, or null
   * @return the request
   * @throws IllegalArgumentException if a value is out of range, or a cursor comes with a page other than 1
   */
  public static SearchRequest of(String query, Filter filter, int page, int limit, String after) {
    if (page < 1) {
      throw new IllegalArgumentException("fts: page must be at least 1, got " + page);
    }
    return new SearchRequest(query, filter, limit, (page - 1L) * limit, after, Map.of(), null, null);
  }

  /**
   * Returns a copy with a filter.
   *
   * @param f the filter
   * @return the new request
   */
  public SearchRequest filter(Filter f) {
    return new SearchRequest(query, f, limit, offset, after, weights, highlight, snippet);
  }

  /**
   * Returns a copy with a page size.
   *
   * @param n the size in [1, 1000]
   * @return the new request
   */
  public SearchRequest limit(int n) {
    return new SearchRequest(query, filter, n, offset, after, weights, highlight, snippet);
  }

  /**
   * Returns a copy with an offset (and no cursor).
   *
   * @param n rows to skip
   * @return the new request
   */
  public SearchRequest offset(long n) {
    return new SearchRequest(query, filter, limit, n, null, weights, highlight, snippet);
  }

  /**
   * Returns a copy asking for the page after a cursor (and no offset); null keeps the offset and asks for no
   * cursor.
   *
   * @param cursor {@link SearchPage#nextCursor()} of the previous page, or null
   * @return the new request
   */
  public SearchRequest after(String cursor) {
    return new SearchRequest(query, filter, limit, cursor == null ? offset : 0, cursor, weights, highlight,
        snippet);
  }

  /**
   * Returns a copy with bm25 weights.
   *
   * @param w field to weight
   * @return the new request
   */
  public SearchRequest weights(Map<String, Double> w) {
    return new SearchRequest(query, filter, limit, offset, after, w, highlight, snippet);
  }

  /**
   * Returns a copy that returns highlighted fields.
   *
   * @param h the highlight, or null for none
   * @return the new request
   */
  public SearchRequest highlight(Highlight h) {
    return new SearchRequest(query, filter, limit, offset, after, weights, h, snippet);
  }

  /**
   * Returns a copy that returns a snippet.
   *
   * @param s the snippet, or null for none
   * @return the new request
   */
  public SearchRequest snippet(Snippet s) {
    return new SearchRequest(query, filter, limit, offset, after, weights, highlight, s);
  }

  /**
   * Indexed fields returned whole with every matched phrase between {@code open} and {@code close} (FTS5
   * {@code highlight()}). The text is the stored text: escape it before putting it into HTML.
   *
   * @param fields indexed fields, at least one
   * @param open the text before a match
   * @param close the text after a match
   * @since 0.2.0
   */
  public record Highlight(List<String> fields, String open, String close) {
    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if no field is given
     */
    public Highlight {
      fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
      Objects.requireNonNull(open, "open");
      Objects.requireNonNull(close, "close");
      if (fields.isEmpty()) {
        throw new IllegalArgumentException("fts: highlight needs at least one field");
      }
    }
  }

  /**
   * An excerpt of one indexed field around the best match (FTS5 {@code snippet()}).
   *
   * @param field the indexed field
   * @param open the text before a match
   * @param close the text after a match
   * @param ellipsis the text marking cut-off text
   * @param tokens the excerpt's length in tokens, in [1, 64]
   * @since 0.2.0
   */
  public record Snippet(String field, String open, String close, String ellipsis, int tokens) {
    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if {@code tokens} is outside [1, 64]
     */
    public Snippet {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(open, "open");
      Objects.requireNonNull(close, "close");
      Objects.requireNonNull(ellipsis, "ellipsis");
      if (tokens < 1 || tokens > 64) {
        throw new IllegalArgumentException("fts: snippet tokens must be in [1, 64], got " + tokens);
      }
    }
  }
}
