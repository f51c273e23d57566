package io.sqlitekit.spi.filter;

import java.util.Objects;

/**
 * Matches rows for which the child is <em>false</em>. Under three-valued logic a row for which the child is
 * unknown (for example {@code not(eq(f, 1))} on a NULL field) does not match either, exactly as SQL's
 * {@code NOT} behaves.
 *
 * @param child the negated filter
 * @since 0.1.0
 */
public record Not(Filter child) implements Filter {
  /**
   * Validates the child.
   *
   * @throws NullPointerException if {@code child} is null
   */
  public Not {
    Objects.requireNonNull(child, "child");
  }

  @Override
  public <R> R accept(FilterVisitor<R> visitor) {
    return visitor.visitNot(this);
  }
}
