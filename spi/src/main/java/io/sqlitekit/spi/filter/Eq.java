package io.sqlitekit.spi.filter;

import java.util.Objects;

/**
 * Matches rows whose field equals the value. A null value means {@code IS NULL}; otherwise rows whose field is NULL never match (three-valued logic).
 *
 * <p>The value is converted by the column's codec before comparison, so {@code Boolean},
 * {@code Instant}, {@code UUID} and enum values compare as stored.
 *
 * @param field the field (property key) to compare
 * @param value the value to compare with, possibly null
 * @since 0.1.0
 */
public record Eq(String field, Object value) implements Filter {
  /**
   * Validates the field name.
   *
   * @throws NullPointerException if {@code field} is null
   */
  public Eq {
    Objects.requireNonNull(field, "field");
  }

  @Override
  public <R> R accept(FilterVisitor<R> visitor) {
    return visitor.visitEq(this);
  }
}
