package io.sqlitekit.bench;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.plugin.fts.FtsOptions;
import io.sqlitekit.plugin.fts.FtsPlugin;
import io.sqlitekit.plugin.fts.FullTextSearch;
import io.sqlitekit.plugin.fts.SearchRequest;
import io.sqlitekit.plugin.vector.Neighbor;
import io.sqlitekit.plugin.vector.VectorOptions;
import io.sqlitekit.plugin.vector.VectorPlugin;
import io.sqlitekit.plugin.vector.VectorSearch;
import io.sqlitekit.plugin.vector.Vectors;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * W8: one full-text search page (20 best hits by bm25, mapped to records) over 20,000 documents; W9: exact
 * 10-nearest-neighbour search (cosine) over 10,000 vectors of 384 dimensions. The baseline is hand-written
 * JDBC doing the same work: the same MATCH join ordered by bm25, and the same scan with a top-k heap followed by
 * one read of the winners.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SearchBenchmarks {
  static final int DOCS = 20_000;
  static final int VECTORS = 10_000;
  static final int DIMS = 384;
  static final String[] WORDS = {"sqlite", "index", "query", "page", "write", "read", "cache", "tenant",
      "vector", "search", "record", "stream", "commit", "lock", "table", "column", "filter", "update", "delete",
      "insert", "journal", "checkpoint", "vacuum", "backup", "trigger", "view", "schema", "plugin", "driver", "kit"};

  /** A document. */
  public record Doc(Long id, String title, String body) {
  }

  /** A vector row. */
  public record Vec(Long id, String label, byte[] embedding) {
  }

  static final TableDef DOC_TABLE = TableDef.of("docs", Column.integer("id").primaryKey(), Column.text("title"),
      Column.text("body"));
  static final TableDef VEC_TABLE = TableDef.of("vecs", Column.integer("id").primaryKey(), Column.text("label"),
      Column.blob("embedding"));

  @Param({"jdbc", "sqlitekit"})
  public String system;

  private Path dir;
  private SqliteKit kit;
  private FullTextSearch<Doc> fts;
  private VectorSearch<Vec> knn;
  private Connection jdbc;
  private PreparedStatement ftsPage;
  private PreparedStatement scan;
  private Random random;
  private float[][] queries;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("sqlitekit-bench-search");
    Path file = dir.resolve("search.db");
    kit = SqliteKit.builder().url("jdbc:sqlite:" + file).build();
    kit.createTable(DOC_TABLE);
    kit.createTable(VEC_TABLE);
    SqliteRepository<Doc, Long> docs = kit.repository(DOC_TABLE, Doc.class,
        List.of(FtsPlugin.create(FtsOptions.of("title", "body"))));
    SqliteRepository<Vec, Long> vecs = kit.repository(VEC_TABLE, Vec.class,
        List.of(VectorPlugin.create(VectorOptions.of(DIMS))));
    Random r = new Random(16);
    List<Doc> d = new ArrayList<>(DOCS);
    for (long i = 1; i <= DOCS; i++) {
      d.add(new Doc(i, text(r, 5), text(r, 40)));
    }
    docs.createMany(d);
    List<Vec> v = new ArrayList<>(VECTORS);
    for (long i = 1; i <= VECTORS; i++) {
      v.add(new Vec(i, "v" + i, Vectors.toBlob(gaussian(r))));
    }
    vecs.createMany(v);
    queries = new float[16][];
    for (int i = 0; i < queries.length; i++) {
      queries[i] = gaussian(r);
    }
    fts = FtsPlugin.search(docs);
    knn = VectorPlugin.search(vecs);
    jdbc = BenchDatabase.open(file);
    ftsPage = jdbc.prepareStatement("SELECT d.id, d.title, d.body FROM docs d JOIN (SELECT rowid AS r,"
        + " bm25(docs_fts) AS rank FROM docs_fts WHERE docs_fts MATCH ?) h ON h.r = d.rowid"
        + " ORDER BY h.rank, h.r LIMIT 20");
    scan = jdbc.prepareStatement("SELECT rowid, embedding FROM vecs WHERE embedding IS NOT NULL");
    random = new Random(7);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    jdbc.close();
    kit.close();
    try (var s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static String text(Random r, int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      sb.append(i == 0 ? "" : " ").append(WORDS[(int) (WORDS.length * Math.pow(r.nextDouble(), 2))]).append(r.nextInt(50));
    }
    return sb.toString();
  }

  private static float[] gaussian(Random r) {
    float[] v = new float[DIMS];
    for (int j = 0; j < DIMS; j++) {
      v[j] = (float) r.nextGaussian();
    }
    return v;
  }

  /** W8: a search page; the term is one of 30 × 50 words, so hit counts vary from a few to a few hundred. */
  @Benchmark
  public List<Doc> w8FtsPage() throws SQLException {
    String q = WORDS[random.nextInt(10)] + random.nextInt(50);
    if (system.equals("jdbc")) {
      ftsPage.setString(1, q);
      List<Doc> out = new ArrayList<>(20);
      try (ResultSet rs = ftsPage.executeQuery()) {
        while (rs.next()) {
          out.add(new Doc(rs.getLong(1), rs.getString(2), rs.getString(3)));
        }
      }
      return out;
    }
    return fts.search(SearchRequest.of(q)).entities();
  }

  /** W9: exact 10 nearest by cosine distance among 10,000 × 384. */
  @Benchmark
  public List<Long> w9Knn10() throws SQLException {
    float[] q = queries[random.nextInt(queries.length)];
    if (system.equals("jdbc")) {
      return jdbcKnn(q, 10);
    }
    List<Neighbor<Vec>> n = knn.nearest(q, 10);
    List<Long> ids = new ArrayList<>(n.size());
    for (Neighbor<Vec> x : n) {
      ids.add(x.entity().id());
    }
    return ids;
  }

  private List<Long> jdbcKnn(float[] q, int k) throws SQLException {
    double qn = 0;
    for (float f : q) {
      qn += (double) f * f;
    }
    qn = Math.sqrt(qn);
    PriorityQueue<double[]> heap = new PriorityQueue<>(k + 1, (a, b) -> Double.compare(b[0], a[0]));
    try (ResultSet rs = scan.executeQuery()) {
      while (rs.next()) {
        long id = rs.getLong(1);
        ByteBuffer b = ByteBuffer.wrap(rs.getBytes(2)).order(ByteOrder.LITTLE_ENDIAN);
        double dot = 0;
        double n = 0;
        for (int i = 0; i < DIMS; i++) {
          double v = b.getFloat(i * 4);
          dot += q[i] * v;
          n += v * v;
        }
        double d = 1 - dot / (qn * Math.sqrt(n));
        if (heap.size() < k) {
          heap.add(new double[] {d, id});
        } else if (d < heap.peek()[0]) {
          heap.poll();
          heap.add(new double[] {d, id});
        }
      }
    }
    List<double[]> best = new ArrayList<>(heap);
    best.sort(Comparator.comparingDouble(a -> a[0]));
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < best.size(); i++) {
      in.append(i == 0 ? "?" : ",?");
    }
    List<Long> ids = new ArrayList<>(best.size());
    // The winners' rows are read like the repository reads them, so both sides map the same records.
    try (PreparedStatement rows = jdbc.prepareStatement("SELECT id, label, embedding FROM vecs WHERE id IN (" + in
        + ")")) {
      for (int i = 0; i < best.size(); i++) {
        rows.setLong(i + 1, (long) best.get(i)[1]);
      }
      List<Vec> found = new ArrayList<>();
      try (ResultSet rs = rows.executeQuery()) {
        while (rs.next()) {
          found.add(new Vec(rs.getLong(1), rs.getString(2), rs.getBytes(3)));
        }
      }
      for (double[] c : best) {
        ids.add((long) c[1]);
      }
      if (found.size() != best.size()) {
        throw new IllegalStateException("a winner vanished");
      }
    }
    return ids;
  }
}
