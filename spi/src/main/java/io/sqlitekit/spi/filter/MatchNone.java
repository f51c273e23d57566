package io.sqlitekit.spi.filter;

/**
 * Matches no row (the IR's {@code false}).
 *
 * @since 0.1.0
 */
public record MatchNone() implements Filter {
  /** The shared instance. */
  public static final MatchNone INSTANCE = new MatchNone();

  @Override
  public <R> R accept(FilterVisitor<R> visitor) {
    return visitor.visitMatchNone(this);
  }
}
