package io.sqlitekit.spi.filter;

import java.util.List;
import java.util.Objects;

/**
 * Matches rows that every child matches. An empty conjunction matches every row.
 *
 * @param children the conjuncts, in order
 * @since 0.1.0
 */
public record And(List<Filter> children) implements Filter {
  /**
   * Copies the children.
   *
   * @throws NullPointerException if the list or any child is null
   */
  public And {
    children = List.copyOf(Objects.requireNonNull(children, "children"));
  }

  @Override
  public <R> R accept(FilterVisitor<R> visitor) {
    return visitor.visitAnd(this);
  }
}
