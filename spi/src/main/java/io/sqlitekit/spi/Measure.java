package io.sqlitekit.spi;

import java.util.Objects;

/**
 * One aggregate measure of an {@link AggregateRequest}.
 *
 * @param op the aggregate function
 * @param field the field aggregated, or null for {@code count(*)}
 * @since 0.1.0
 */
public record Measure(Op op, String field) {
  /**
   * The supported aggregate functions.
   *
   * @since 0.1.0
   */
  public enum Op {
    /** Number of rows ({@code field == null}) or of non-NULL values of a field. */
    COUNT,
    /** Number of distinct non-NULL values of a field. */
    COUNT_DISTINCT,
    /** Sum of non-NULL values; NULL over no values. */
    SUM,
    /** Average of non-NULL values; NULL over no values. */
    AVG,
    /** Smallest non-NULL value. */
    MIN,
    /** Largest non-NULL value. */
    MAX
  }

  /**
   * Validates the measure.
   *
   * @throws NullPointerException if {@code op} is null
   * @throws IllegalArgumentException if an op other than COUNT has no field
   */
  public Measure {
    Objects.requireNonNull(op, "op");
    if (field == null && op != Op.COUNT) {
      throw new IllegalArgumentException(op + " needs a field");
    }
  }

  /**
   * {@code count(*)}.
   *
   * @return the measure
   */
  public static Measure count() {
    return new Measure(Op.COUNT, null);
  }

  /**
   * Count of non-NULL values of a field.
   *
   * @param field the field
   * @return the measure
   */
  public static Measure count(String field) {
    return new Measure(Op.COUNT, field);
  }

  /**
   * Distinct non-NULL values of a field.
   *
   * @param field the field
   * @return the measure
   */
  public static Measure countDistinct(String field) {
    return new Measure(Op.COUNT_DISTINCT, field);
  }

  /**
   * Sum of a field.
   *
   * @param field the field
   * @return the measure
   */
  public static Measure sum(String field) {
    return new Measure(Op.SUM, field);
  }

  /**
   * Average of a field.
   *
   * @param field the field
   * @return the measure
   */
  public static Measure avg(String field) {
    return new Measure(Op.AVG, field);
  }

  /**
   * Minimum of a field.
   *
   * @param field the field
   * @return the measure
   */
  public static Measure min(String field) {
    return new Measure(Op.MIN, field);
  }

  /**
   * Maximum of a field.
   *
   * @param field the field
   * @return the measure
   */
  public static Measure max(String field) {
    return new Measure(Op.MAX, field);
  }
}
