package io.sqlitekit.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link StandardRepo#applyTransition}. A row in the wrong state is a value, not an exception:
 * {@code applied} is false and {@code row} is the row as it is.
 *
 * @param applied whether the guard held and the row was changed
 * @param row the row after the change when applied; the current row when its state did not match; empty when
 *     no row (in scope) has the key
 * @param <T> the entity type
 * @since 0.3.0
 */
public record TransitionResult<T>(boolean applied, Optional<T> row) {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code row} is null
   * @throws IllegalArgumentException if {@code applied} is true without a row
   */
  public TransitionResult {
    Objects.requireNonNull(row, "row");
    if (applied && row.isEmpty()) {
      throw new IllegalArgumentException("an applied transition has a row");
    }
  }

  /**
   * Returns whether the key matched no row (in scope).
   *
   * @return true for a miss
   */
  public boolean missing() {
    return row.isEmpty();
  }
}
