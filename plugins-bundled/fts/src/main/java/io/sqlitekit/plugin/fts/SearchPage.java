package io.sqlitekit.plugin.fts;

import java.util.List;
import java.util.Optional;

/**
 * One page of hits, best first.
 *
 * @param hits the hits
 * @param nextCursor the cursor of the next page, or null when this page is the last
 * @param <T> the entity type
 * @since 0.2.0
 */
public record SearchPage<T>(List<SearchHit<T>> hits, String nextCursor) {
  /**
   * Copies the hits.
   *
   * @throws NullPointerException if {@code hits} is null
   */
  public SearchPage {
    hits = List.copyOf(hits);
  }

  /**
   * Returns the next page's cursor.
   *
   * @return the cursor, or empty after the last page
   */
  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }

  /**
   * Returns the entities of the hits, in order.
   *
   * @return the entities
   */
  public List<T> entities() {
    return hits.stream().map(SearchHit::entity).toList();
  }
}
