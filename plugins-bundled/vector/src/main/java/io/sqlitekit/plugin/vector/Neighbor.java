package io.sqlitekit.plugin.vector;

import java.util.Objects;

/**
 * One neighbour.
 *
 * @param entity the row, decoded through the column codecs
 * @param distance its distance to the query by the request's metric
 * @param <T> the entity type
 * @since 0.2.0
 */
public record Neighbor<T>(T entity, double distance) {
  /**
   * Checks the entity.
   *
   * @throws NullPointerException if {@code entity} is null
   */
  public Neighbor {
    Objects.requireNonNull(entity, "entity");
  }
}
