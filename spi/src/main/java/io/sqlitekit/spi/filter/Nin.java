package io.sqlitekit.spi.filter;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Matches rows whose field equals none of the values. An empty list matches every row, NULL fields
 * included; a non-empty list never matches a NULL field (three-valued logic: {@code NULL NOT IN (…)} is
 * unknown).
 *
 * @param field the field (property key)
 * @param values the excluded values; may contain null
 * @since 0.1.0
 */
public record Nin(String field, List<Object> values) implements Filter {
  /**
   * Validates and copies the values.
   *
   * @throws NullPointerException if {@code field} or {@code values} is null
   */
  public Nin {
    Objects.requireNonNull(field, "field");
    values = Filter.copyAllowingNulls(Objects.requireNonNull(values, "values"));
  }

  /**
   * Creates the node from any collection.
   *
   * @param field the field
   * @param values the values
   * @return the node
   */
  public static Nin of(String field, Collection<?> values) {
    return new Nin(field, Collections.unmodifiableList(new java.util.ArrayList<>(values)));
  }

  @Override
  public <R> R accept(FilterVisitor<R> visitor) {
    return visitor.visitNin(this);
  }
}
