package io.sqlitekit.plugin.vector;

import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import java.util.Arrays;
import java.util.Objects;

/**
 * One k-nearest-neighbour search.
 *
 * @param query the query vector (copied); its length must equal the plugin's dimensions
 * @param k how many neighbours, in [1, 10000]
 * @param filter the filter candidates must match (policy plugins add their scope on top)
 * @param metric the distance, or null for the plugin's default
 * @since 0.2.0
 */
public record KnnRequest(float[] query, int k, Filter filter, Metric metric) {
  /** The largest {@code k}. */
  public static final int MAX_K = 10_000;

  /**
   * Validates and copies the components.
   *
   * @throws IllegalArgumentException if {@code k} is out of range or a component is not finite
   */
  public KnnRequest {
    query = Objects.requireNonNull(query, "query").clone();
    Objects.requireNonNull(filter, "filter");
    if (k < 1 || k > MAX_K) {
      throw new IllegalArgumentException("vector: k must be in [1, " + MAX_K + "], got " + k);
    }
    for (float f : query) {
      if (!Float.isFinite(f)) {
        throw new IllegalArgumentException("vector: the query vector has a component that is not finite");
      }
    }
  }

  /**
   * The {@code k} nearest rows to a vector, unfiltered, by the default metric.
   *
   * @param query the query vector
   * @param k how many
   * @return the request
   */
  public static KnnRequest of(float[] query, int k) {
    return new KnnRequest(query, k, Filters.all(), null);
  }

  /**
   * Returns a copy with a filter.
   *
   * @param f the filter
   * @return the new request
   */
  public KnnRequest filter(Filter f) {
    return new KnnRequest(query, k, f, metric);
  }

  /**
   * Returns a copy with a metric.
   *
   * @param m the metric
   * @return the new request
   */
  public KnnRequest metric(Metric m) {
    return new KnnRequest(query, k, filter, m);
  }

  /**
   * Returns a copy of the query vector.
   *
   * @return the components
   */
  @Override
  public float[] query() {
    return query.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KnnRequest && Arrays.equals(query, ((KnnRequest) o).query) && k == ((KnnRequest) o).k
        && filter.equals(((KnnRequest) o).filter) && metric == ((KnnRequest) o).metric;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(query), k, filter, metric);
  }

  @Override
  public String toString() {
    return "KnnRequest[dimensions=" + query.length + ", k=" + k + ", filter=" + filter + ", metric=" + metric + "]";
  }
}
