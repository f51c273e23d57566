package io.sqlitekit.spi;

import java.util.Objects;

/**
 * One key of a {@link Sort}: a field and a direction.
 *
 * @param field the field (property key)
 * @param descending whether the order is descending
 * @since 0.1.0
 */
public record SortField(String field, boolean descending) {
  /**
   * Validates the field.
   *
   * @throws NullPointerException if {@code field} is null
   * @throws IllegalArgumentException if {@code field} is empty
   */
  public SortField {
    Objects.requireNonNull(field, "field");
    if (field.isEmpty()) {
      throw new IllegalArgumentException("sort field must not be empty");
    }
  }

  /**
   * Ascending order on a field.
   *
   * @param field the field
   * @return the sort key
   */
  public static SortField asc(String field) {
    return new SortField(field, false);
  }

  /**
   * Descending order on a field.
   *
   * @param field the field
   * @return the sort key
   */
  public static SortField desc(String field) {
    return new SortField(field, true);
  }

  /**
   * Returns the same field in the opposite direction.
   *
   * @return the reversed key
   */
  public SortField reversed() {
    return new SortField(field, !descending);
  }

  @Override
  public String toString() {
    return (descending ? "-" : "") + field;
  }
}
