package io.sqlitekit.spi.filter;

import java.util.Objects;

/**
 * Matches rows whose field is non-NULL ({@code present = true}) or NULL ({@code present = false}).
 *
 * @param field the field (property key)
 * @param present whether the field must be non-NULL
 * @since 0.1.0
 */
public record Exists(String field, boolean present) implements Filter {
  /**
   * Validates the field name.
   *
   * @throws NullPointerException if {@code field} is null
   */
  public Exists {
    Objects.requireNonNull(field, "field");
  }

  @Override
  public <R> R accept(FilterVisitor<R> visitor) {
    return visitor.visitExists(this);
  }
}
