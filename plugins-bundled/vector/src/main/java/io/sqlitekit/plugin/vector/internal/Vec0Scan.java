package io.sqlitekit.plugin.vector.internal;

import io.sqlitekit.plugin.vector.KnnRequest;
import io.sqlitekit.plugin.vector.Metric;
import io.sqlitekit.plugin.vector.Neighbor;
import io.sqlitekit.plugin.vector.VectorOptions;
import io.sqlitekit.plugin.vector.VectorSearch;
import io.sqlitekit.plugin.vector.Vectors;
import io.sqlitekit.spi.QueryScope;
import io.sqlitekit.spi.ScopedReads;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Internal, not API, may change. kNN through sqlite-vec's {@code vec0} mirror on the writer connection, with
 * growing over-fetch until {@code k} candidates fall inside the scope, and the exact Java scan as the
 * fallback.
 *
 * @param <T> the entity type
 */
public final class Vec0Scan<T> implements VectorSearch<T> {
  /** sqlite-vec's default upper bound on {@code k}. */
  private static final int VEC0_MAX_K = 4096;

  private final ScopedReads<T> reads;
  private final VectorOptions options;
  private final SqliteDriver driver;
  private final VectorScan<T> fallback;

  /**
   * Creates the search.
   *
   * @param reads the repository view's scoped reads
   * @param column the embedding column
   * @param options the plugin's options
   * @param driver the driver whose writer connection has the extension loaded
   */
  public Vec0Scan(ScopedReads<T> reads, Column column, VectorOptions options, SqliteDriver driver) {
    this.reads = reads;
    this.options = options;
    this.driver = driver;
    this.fallback = new VectorScan<>(reads, column, options);
  }

  @Override
  public List<Neighbor<T>> nearest(KnnRequest request) {
    Objects.requireNonNull(request, "request");
    return reads.read(request.filter(), request, scope -> run(scope, (KnnRequest) scope.request()));
  }

  private List<Neighbor<T>> run(QueryScope<T> scope, KnnRequest r) {
    Metric metric = r.metric() != null ? r.metric() : options.metric();
    if (metric != options.metric()) {
      throw new ValidationException("metric", "vector: the vec0 mirror measures " + options.metric()
          + "; ask the Java search (VectorPlugin.search) for " + metric);
    }
    if (r.query().length != options.dimensions()) {
      return fallback.run(scope, r);
    }
    String vec = Identifiers.quote(reads.table().name() + "_vec");
    String knn = "SELECT rowid, distance FROM " + vec + " WHERE embedding MATCH ? AND k = ? ORDER BY distance";
    byte[] query = Vectors.toBlob(r.query());
    List<Neighbor<T>> found = driver.write(s -> {
      int fetch = Math.min(VEC0_MAX_K, Math.max(r.k() * 4, r.k() + 16));
      while (true) {
        int asked = fetch;
        List<double[]> candidates = s.query(knn, List.of(query, asked), rs -> {
          List<double[]> out = new ArrayList<>();
          while (rs.next()) {
            out.add(new double[] {rs.getLong(0), rs.getDouble(1)});
          }
          return out;
        });
        if (candidates.isEmpty()) {
          return List.<Neighbor<T>>of();
        }
        List<Long> ids = new ArrayList<>(candidates.size());
        for (double[] c : candidates) {
          ids.add((long) c[0]);
        }
        Map<Long, T> inScope = VectorScan.rowsInScope(s, scope, reads.table(), ids);
        List<Neighbor<T>> out = new ArrayList<>(r.k());
        for (double[] c : candidates) {
          T e = inScope.get((long) c[0]);
          if (e != null && out.size() < r.k()) {
            out.add(new Neighbor<>(e, c[1]));
          }
        }
        if (out.size() == r.k() || candidates.size() < asked) {
          return out;
        }
        if (asked == VEC0_MAX_K) {
          // The scope is too selective for vec0's largest k: the exact scan answers instead.
          return null;
        }
        fetch = Math.min(VEC0_MAX_K, asked * 4);
      }
    });
    return found != null ? found : fallback.run(scope, r);
  }
}
