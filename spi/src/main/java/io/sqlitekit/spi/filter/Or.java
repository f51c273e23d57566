package io.sqlitekit.spi.filter;

import java.util.List;
import java.util.Objects;

/**
 * Matches rows that at least one child matches. An empty disjunction matches nothing.
 *
 * @param children the disjuncts, in order
 * @since 0.1.0
 */
public record Or(List<Filter> children) implements Filter {
  /**
   * Copies the children.
   *
   * @throws NullPointerException if the list or any child is null
   */
  public Or {
    children = List.copyOf(Objects.requireNonNull(children, "children"));
  }

  @Override
  public <R> R accept(FilterVisitor<R> visitor) {
    return visitor.visitOr(this);
  }
}
