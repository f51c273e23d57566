package io.sqlitekit.spi;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one batch statement, in statement order.
 *
 * @param kind the statement kind
 * @param changes rows changed by the statement (0 for an UPDATE or DELETE that missed)
 * @param rows the rows returned: the inserted, upserted or updated row; empty for DELETE and misses
 * @param <T> the entity type
 * @since 0.1.0
 */
public record BatchResult<T>(BatchStatement.Kind kind, long changes, List<T> rows) {
  /**
   * Copies the rows.
   *
   * @throws NullPointerException if {@code kind} or {@code rows} is null
   */
  public BatchResult {
    Objects.requireNonNull(kind, "kind");
    rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
  }
}
