package io.sqlitekit.spi;

import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.filter.MatchAll;
import java.util.Locale;
import java.util.Objects;

/**
 * One aggregate measure of an {@link AggregateRequest}.
 *
 * <p>A measure's {@code where} filter (SQL {@code FILTER}) restricts the rows that feed it, after the request's
 * own filter: a count over no matching rows is 0, the other measures are NULL, and an average is taken over the
 * matching rows only (no zero bias).
 *
 * @param op the aggregate function
 * @param field the field aggregated, or null for {@code count(*)}
 * @param where the rows that feed this measure, {@link Filters#all()} for every row of the group
 * @param p the fraction of a {@link Op#PERCENTILE}, in {@code [0, 1]}; null for every other op
 * @since 0.1.0
 */
public record Measure(Op op, String field, Filter where, Double p) {
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
    MAX,
    /**
     * Continuous percentile of the non-NULL values of a numeric field (linear interpolation between the two
     * closest ranks, as {@code percentile_cont}); NULL over no values.
     *
     * @since 0.3.0
     */
    PERCENTILE,
    /**
     * Sample standard deviation of the non-NULL values of a numeric field; NULL over fewer than two values.
     *
     * @since 0.3.0
     */
    STDDEV,
    /**
     * Population standard deviation of the non-NULL values of a numeric field; NULL over no values.
     *
     * @since 0.3.0
     */
    STDDEV_POP;

    /**
     * Returns whether the op needs a numeric (INTEGER or REAL) field.
     *
     * @return true for {@link #PERCENTILE}, {@link #STDDEV} and {@link #STDDEV_POP}
     */
    public boolean numericOnly() {
      return this == PERCENTILE || this == STDDEV || this == STDDEV_POP;
    }
  }

  /**
   * Validates the measure.
   *
   * @throws NullPointerException if {@code op} or {@code where} is null
   * @throws IllegalArgumentException if an op other than COUNT has no field
   * @throws ValidationException if a percentile has no fraction or one outside {@code [0, 1]}, or another op
   *     has a fraction
   */
  public Measure {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(where, "where");
    if (field == null && op != Op.COUNT) {
      throw new IllegalArgumentException(op + " needs a field");
    }
    if (op == Op.PERCENTILE) {
      if (p == null || !(p >= 0.0 && p <= 1.0)) {
        throw new ValidationException(field, String.format(Locale.ROOT,
            "percentile of field \"%s\" needs p in [0, 1], was %s", field, p));
      }
    } else if (p != null) {
      throw new ValidationException(field, String.format(Locale.ROOT,
          "only a percentile takes p; %s of field \"%s\" was given p = %s", op, field, p));
    }
  }

  /**
   * A measure over every row of its group.
   *
   * @param op the aggregate function
   * @param field the field, or null for {@code count(*)}
   */
  public Measure(Op op, String field) {
    this(op, field, Filters.all(), null);
  }

  /**
   * Returns a copy fed only by the rows matching a filter (SQL {@code FILTER (WHERE …)}).
   *
   * @param filter the rows that feed the measure
   * @return the new measure
   */
  public Measure where(Filter filter) {
    return new Measure(op, field, filter, p);
  }

  /**
   * Returns whether the measure has its own row filter.
   *
   * @return true unless {@code where} matches every row
   */
  public boolean filtered() {
    return !(where instanceof MatchAll);
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

  /**
   * Continuous percentile of a numeric field: {@code p = 0.5} is the median.
   *
   * @param field the field
   * @param p the fraction, in {@code [0, 1]}
   * @return the measure
   * @throws ValidationException if {@code p} is outside {@code [0, 1]} or NaN
   * @since 0.3.0
   */
  public static Measure percentile(String field, double p) {
    return new Measure(Op.PERCENTILE, field, Filters.all(), p);
  }

  /**
   * Sample standard deviation of a numeric field.
   *
   * @param field the field
   * @return the measure
   * @since 0.3.0
   */
  public static Measure stddev(String field) {
    return new Measure(Op.STDDEV, field);
  }

  /**
   * Population standard deviation of a numeric field.
   *
   * @param field the field
   * @return the measure
   * @since 0.3.0
   */
  public static Measure stddevPop(String field) {
    return new Measure(Op.STDDEV_POP, field);
  }
}
