package io.sqlitekit.spi.filter;

/**
 * Matches every row (the IR's {@code true}); renders as no WHERE clause.
 *
 * @since 0.1.0
 */
public record MatchAll() implements Filter {
  /** The shared instance. */
  public static final MatchAll INSTANCE = new MatchAll();

  @Override
  public <R> R accept(FilterVisitor<R> visitor) {
    return visitor.visitMatchAll(this);
  }
}
