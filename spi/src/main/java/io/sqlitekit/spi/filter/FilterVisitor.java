package io.sqlitekit.spi.filter;

/**
 * Visits every node type of the {@link Filter} IR. Adding a node type adds a method here, so every
 * implementation (renderers, evaluators, plugins) fails to compile until it handles it.
 *
 * @param <R> the result type
 * @since 0.1.0
 */
public interface FilterVisitor<R> {
  /**
   * Visits {@link Eq}.
   *
   * @param f the node
   * @return the result
   */
  R visitEq(Eq f);

  /**
   * Visits {@link Ne}.
   *
   * @param f the node
   * @return the result
   */
  R visitNe(Ne f);

  /**
   * Visits {@link Gt}.
   *
   * @param f the node
   * @return the result
   */
  R visitGt(Gt f);

  /**
   * Visits {@link Gte}.
   *
   * @param f the node
   * @return the result
   */
  R visitGte(Gte f);

  /**
   * Visits {@link Lt}.
   *
   * @param f the node
   * @return the result
   */
  R visitLt(Lt f);

  /**
   * Visits {@link Lte}.
   *
   * @param f the node
   * @return the result
   */
  R visitLte(Lte f);

  /**
   * Visits {@link In}.
   *
   * @param f the node
   * @return the result
   */
  R visitIn(In f);

  /**
   * Visits {@link Nin}.
   *
   * @param f the node
   * @return the result
   */
  R visitNin(Nin f);

  /**
   * Visits {@link Like}.
   *
   * @param f the node
   * @return the result
   */
  R visitLike(Like f);

  /**
   * Visits {@link Regex}.
   *
   * @param f the node
   * @return the result
   */
  R visitRegex(Regex f);

  /**
   * Visits {@link Exists}.
   *
   * @param f the node
   * @return the result
   */
  R visitExists(Exists f);

  /**
   * Visits {@link And}.
   *
   * @param f the node
   * @return the result
   */
  R visitAnd(And f);

  /**
   * Visits {@link Or}.
   *
   * @param f the node
   * @return the result
   */
  R visitOr(Or f);

  /**
   * Visits {@link Not}.
   *
   * @param f the node
   * @return the result
   */
  R visitNot(Not f);

  /**
   * Visits {@link MatchAll}.
   *
   * @param f the node
   * @return the result
   */
  R visitMatchAll(MatchAll f);

  /**
   * Visits {@link MatchNone}.
   *
   * @param f the node
   * @return the result
   */
  R visitMatchNone(MatchNone f);

  /**
   * Visits {@link Raw}.
   *
   * @param f the node
   * @return the result
   */
  R visitRaw(Raw f);
}
