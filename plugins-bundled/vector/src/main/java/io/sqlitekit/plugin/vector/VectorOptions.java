package io.sqlitekit.plugin.vector;

import java.util.Objects;

/**
 * Where embeddings live and how they are compared.
 *
 * @param table the table; null means every repository the plugin is installed on
 * @param field the BLOB field holding each row's embedding (NULL means the row has none and is never a
 *     neighbour)
 * @param dimensions the number of components, in [1, 65536]
 * @param metric the default distance
 * @param batchSize rows read per keyset batch of a search, in [16, 100000]: the scan never holds more than
 *     this many stored vectors, whatever the table's size or the driver
 * @since 0.2.0
 */
public record VectorOptions(String table, String field, int dimensions, Metric metric, int batchSize) {
  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a size is out of range or the field is blank
   */
  public VectorOptions {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(metric, "metric");
    if (field.isBlank()) {
      throw new IllegalArgumentException("vector: field must not be blank");
    }
    if (dimensions < 1 || dimensions > 65_536) {
      throw new IllegalArgumentException("vector: dimensions must be in [1, 65536], got " + dimensions);
    }
    if (batchSize < 16 || batchSize > 100_000) {
      throw new IllegalArgumentException("vector: batchSize must be in [16, 100000], got " + batchSize);
    }
  }

  /**
   * Options for {@code dimensions}-component embeddings in field {@code embedding}, cosine distance, batches
   * of 1024 rows.
   *
   * @param dimensions the number of components
   * @return the options
   */
  public static VectorOptions of(int dimensions) {
    return new VectorOptions(null, "embedding", dimensions, Metric.COSINE, 1024);
  }

  /**
   * Returns a copy bound to one table.
   *
   * @param name the table
   * @return the new options
   */
  public VectorOptions withTable(String name) {
    return new VectorOptions(name, field, dimensions, metric, batchSize);
  }

  /**
   * Returns a copy with another embedding field.
   *
   * @param name the BLOB field
   * @return the new options
   */
  public VectorOptions withField(String name) {
    return new VectorOptions(table, name, dimensions, metric, batchSize);
  }

  /**
   * Returns a copy with another default metric.
   *
   * @param m the metric
   * @return the new options
   */
  public VectorOptions withMetric(Metric m) {
    return new VectorOptions(table, field, dimensions, m, batchSize);
  }

  /**
   * Returns a copy with another scan batch size.
   *
   * @param rows rows per batch
   * @return the new options
   */
  public VectorOptions withBatchSize(int rows) {
    return new VectorOptions(table, field, dimensions, metric, rows);
  }
}
