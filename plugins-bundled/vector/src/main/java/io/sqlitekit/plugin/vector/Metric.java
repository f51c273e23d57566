package io.sqlitekit.plugin.vector;

/**
 * How the distance between two vectors is measured; smaller is nearer for every metric.
 *
 * <p>All three are computed in double precision from the stored float32 components, summing in component
 * order, so the same two vectors always give the same distance.
 *
 * @since 0.2.0
 */
public enum Metric {
  /**
   * {@code 1 - a·b / (|a| |b|)}, in [0, 2]. A stored zero vector has no direction: its distance is 1
   * (orthogonal to everything); a zero query vector is refused.
   */
  COSINE,
  /** Euclidean distance {@code sqrt(Σ (a_i - b_i)²)}. */
  L2,
  /** Negated dot product {@code -a·b}: the largest inner product is the nearest. */
  INNER_PRODUCT
}
