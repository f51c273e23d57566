package io.sqlitekit.spi;

import java.util.Objects;

/**
 * The outcome of {@code getOrCreate}: the row and whether this call inserted it.
 *
 * @param doc the found or inserted row
 * @param created true if the row was inserted by this call
 * @param <T> the entity type
 * @since 0.1.0
 */
public record GetOrCreateResult<T>(T doc, boolean created) {
  /**
   * Validates the row.
   *
   * @throws NullPointerException if {@code doc} is null
   */
  public GetOrCreateResult {
    Objects.requireNonNull(doc, "doc");
  }
}
