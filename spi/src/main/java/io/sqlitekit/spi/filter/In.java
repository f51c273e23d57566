package io.sqlitekit.spi.filter;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Matches rows whose field equals one of the values. An empty list matches nothing; a null inside the list
 * never matches a NULL field (use {@link Exists} for that).
 *
 * @param field the field (property key)
 * @param values the candidate values; may contain null
 * @since 0.1.0
 */
public record In(String field, List<Object> values) implements Filter {
  /**
   * Validates and copies the values.
   *
   * @throws NullPointerException if {@code field} or {@code values} is null
   */
  public In {
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
  public static In of(String field, Collection<?> values) {
    return new In(field, Collections.unmodifiableList(new java.util.ArrayList<>(values)));
  }

  @Override
  public <R> R accept(FilterVisitor<R> visitor) {
    return visitor.visitIn(this);
  }
}
