package io.sqlitekit.plugin.fts;

import java.util.Map;
import java.util.Objects;

/**
 * One search hit.
 *
 * @param entity the row, decoded through the column codecs like any repository read
 * @param rank the bm25 score (lower is better; FTS5 scores matches with negative numbers)
 * @param highlights highlighted text per requested field, empty when none was asked for
 * @param snippet the requested excerpt, or null when none was asked for
 * @param <T> the entity type
 * @since 0.2.0
 */
public record SearchHit<T>(T entity, double rank, Map<String, String> highlights, String snippet) {
  /**
   * Copies the highlights.
   *
   * @throws NullPointerException if {@code entity} or {@code highlights} is null
   */
  public SearchHit {
    Objects.requireNonNull(entity, "entity");
    highlights = Map.copyOf(highlights);
  }
}
