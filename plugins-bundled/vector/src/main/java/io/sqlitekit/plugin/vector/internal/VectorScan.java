package io.sqlitekit.plugin.vector.internal;

import io.sqlitekit.plugin.vector.KnnRequest;
import io.sqlitekit.plugin.vector.Metric;
import io.sqlitekit.plugin.vector.Neighbor;
import io.sqlitekit.plugin.vector.VectorOptions;
import io.sqlitekit.plugin.vector.VectorSearch;
import io.sqlitekit.spi.QueryScope;
import io.sqlitekit.spi.ScopedReads;
import io.sqlitekit.spi.compile.SqlFragment;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.Identifiers;
import io.sqlitekit.spi.table.TableDef;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Internal, not API, may change. Exact kNN over one repository view: a keyset scan of the scoped rows'
 * embeddings by rowid, batch by batch on one snapshot, into a bounded max-heap of the best {@code k}; then
 * one read of the winners' rows.
 *
 * @param <T> the entity type
 */
public final class VectorScan<T> implements VectorSearch<T> {
  /** Worst first: the heap's head is the candidate to evict (larger distance, then larger rowid). */
  private static final Comparator<double[]> WORST_FIRST = Comparator.<double[]>comparingDouble(c -> c[0])
      .thenComparingDouble(c -> c[1]).reversed();

  private final ScopedReads<T> reads;
  private final Column column;
  private final VectorOptions options;

  /**
   * Creates the search.
   *
   * @param reads the repository view's scoped reads
   * @param column the embedding column
   * @param options the plugin's options
   */
  public VectorScan(ScopedReads<T> reads, Column column, VectorOptions options) {
    this.reads = reads;
    this.column = column;
    this.options = options;
  }

  @Override
  public List<Neighbor<T>> nearest(KnnRequest request) {
    Objects.requireNonNull(request, "request");
    return reads.read(request.filter(), request, scope -> run(scope, (KnnRequest) scope.request()));
  }

  /**
   * Runs one search inside a scoped read.
   *
   * @param scope the scope
   * @param r the request after hooks
   * @return the neighbours, nearest first
   */
  public List<Neighbor<T>> run(QueryScope<T> scope, KnnRequest r) {
    float[] q = r.query();
    if (q.length != options.dimensions()) {
      throw new ValidationException("query", String.format(Locale.ROOT,
          "vector: the query vector has %d components; \"%s\" holds %d", q.length, options.field(),
          options.dimensions()));
    }
    Metric metric = r.metric() != null ? r.metric() : options.metric();
    Distances distances = new Distances(metric, q);
    if (metric == Metric.COSINE && distances.queryNorm() == 0) {
      throw new ValidationException("query", "vector: a cosine query needs a non-zero vector");
    }
    String src = Identifiers.quote(reads.table().name());
    String col = Identifiers.quote(column.sqlName());
    SqlFragment where = scope.where();
    String scan = "SELECT " + src + ".rowid, " + col + " FROM " + src + " WHERE (" + where.sql() + ") AND " + col
        + " IS NOT NULL AND " + src + ".rowid > ? ORDER BY " + src + ".rowid LIMIT ?";
    int batch = options.batchSize();
    int bytes = options.dimensions() * Float.BYTES;
    return scope.readSnapshot(s -> {
      PriorityQueue<double[]> heap = new PriorityQueue<>(r.k() + 1, WORST_FIRST);
      long[] last = {Long.MIN_VALUE};
      int read;
      do {
        List<Object> params = new ArrayList<>(where.params());
        params.add(last[0]);
        params.add(batch);
        read = s.query(scan, params, rs -> {
          int n = 0;
          while (rs.next()) {
            n++;
            long rowid = rs.getLong(0);
            byte[] blob = rs.getBytes(1);
            if (blob.length != bytes) {
              throw new ValidationException(options.field(), String.format(Locale.ROOT,
                  "vector: row %d of \"%s\" stores %d bytes in \"%s\", not %d float32 components", rowid,
                  reads.table().name(), blob.length, options.field(), options.dimensions()));
            }
            double d = distances.of(blob);
            // Only a candidate that beats the current worst enters a full heap: memory stays k entries.
            if (heap.size() < r.k()) {
              heap.add(new double[] {d, rowid});
            } else if (d < heap.peek()[0]) {
              heap.poll();
              heap.add(new double[] {d, rowid});
            }
            last[0] = rowid;
          }
          return n;
        });
      } while (read == batch);
      List<double[]> best = new ArrayList<>(heap);
      best.sort(WORST_FIRST.reversed());
      if (best.isEmpty()) {
        return List.<Neighbor<T>>of();
      }
      List<Long> ids = new ArrayList<>(best.size());
      for (double[] c : best) {
        ids.add((long) c[1]);
      }
      Map<Long, T> rows = rowsInScope(s, scope, reads.table(), ids);
      List<Neighbor<T>> out = new ArrayList<>(best.size());
      for (double[] c : best) {
        // The same snapshot as the scan: every winner is still there.
        out.add(new Neighbor<>(rows.get((long) c[1]), c[0]));
      }
      return out;
    });
  }

  /**
   * Reads the rows with these rowids that are inside the scope, as entities by rowid.
   *
   * @param s the session
   * @param scope the scope
   * @param table the table
   * @param rowids the rowids, at least one
   * @param <T> the entity type
   * @return the entities found, by rowid
   * @throws SQLException on failure
   */
  static <T> Map<Long, T> rowsInScope(SqlSession s, QueryScope<T> scope, TableDef table, List<Long> rowids)
      throws SQLException {
    String src = Identifiers.quote(table.name());
    SqlFragment where = scope.where();
    StringBuilder sql = new StringBuilder("SELECT ").append(scope.selectList()).append(", ").append(src)
        .append(".rowid FROM ").append(src).append(" WHERE (").append(where.sql()).append(") AND ").append(src)
        .append(".rowid IN (");
    List<Object> params = new ArrayList<>(where.params());
    for (int i = 0; i < rowids.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
      params.add(rowids.get(i));
    }
    sql.append(')');
    int width = table.columns().size();
    return s.query(sql.toString(), params, rs -> {
      Map<Long, T> m = new HashMap<>();
      while (rs.next()) {
        m.put(rs.getLong(width), scope.entity(rs, 0));
      }
      return m;
    });
  }
}
