package io.sqlitekit.plugin.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.plugin.tenant.TenantOptions;
import io.sqlitekit.plugin.tenant.TenantPlugin;
import io.sqlitekit.plugin.tenant.Tenants;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: 10,000 vectors of 384 dimensions in two tenants; for sampled queries and every metric, each
 * tenant's exact kNN equals the brute-force ranking this test computes over that tenant's vectors.
 */
final class VectorAcceptanceIT {
  /** A chunk of text and its embedding. */
  public record Chunk(Long id, String organizationId, byte[] embedding) {
  }

  static final TableDef CHUNKS = TableDef.of("chunks", Column.integer("id").primaryKey(),
      Column.text("organizationId"), Column.blob("embedding"));
  static final int ROWS = 10_000;
  static final int DIMS = 384;

  @TempDir
  Path dir;

  /** The reference distance, written independently of the plugin: plain loops over float arrays. */
  static double distance(Metric m, float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    double sq = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * (double) b[i];
      na += (double) a[i] * (double) a[i];
      nb += (double) b[i] * (double) b[i];
      double d = (double) a[i] - (double) b[i];
      sq += d * d;
    }
    switch (m) {
      case L2:
        return Math.sqrt(sq);
      case INNER_PRODUCT:
        return -dot;
      default:
        return 1.0 - dot / (Math.sqrt(na) * Math.sqrt(nb));
    }
  }

  @Test
  void exactKnn_equalsBruteForce_perTenant_everyMetric() {
    Random rnd = new Random(384);
    List<float[]> vectors = new ArrayList<>(ROWS);
    for (int i = 0; i < ROWS; i++) {
      float[] v = new float[DIMS];
      for (int j = 0; j < DIMS; j++) {
        v[j] = (float) rnd.nextGaussian();
      }
      vectors.add(v);
    }
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("knn.db"))
        .plugin(TenantPlugin.create(TenantOptions.defaults())).build()) {
      kit.createTable(CHUNKS);
      SqliteRepository<Chunk, Long> repo = kit.repository(CHUNKS, Chunk.class,
          List.of(VectorPlugin.create(VectorOptions.of(DIMS).withBatchSize(700))));
      for (String tenant : List.of("A", "B")) {
        List<Chunk> mine = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
          if ((i % 2 == 0) == tenant.equals("A")) {
            mine.add(new Chunk((long) i + 1, null, Vectors.toBlob(vectors.get(i))));
          }
        }
        Tenants.forTenant(repo, tenant).createMany(mine);
      }
      for (int q = 0; q < 4; q++) {
        // Queries near a stored vector (its own row is then the nearest) and fully random ones.
        float[] query = new float[DIMS];
        float[] base = vectors.get(rnd.nextInt(ROWS));
        for (int j = 0; j < DIMS; j++) {
          query[j] = q % 2 == 0 ? base[j] + 0.1f * (float) rnd.nextGaussian() : (float) rnd.nextGaussian();
        }
        for (Metric m : Metric.values()) {
          for (String tenant : List.of("A", "B")) {
            int k = q == 0 ? 100 : 10;
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < ROWS; i++) {
              if ((i % 2 == 0) == tenant.equals("A")) {
                order.add(i);
              }
            }
            double[] d = new double[ROWS];
            for (int i : order) {
              d[i] = distance(m, query, vectors.get(i));
            }
            order.sort(Comparator.<Integer>comparingDouble(i -> d[i]).thenComparingInt(i -> i));
            List<Long> expectedIds = order.subList(0, k).stream().map(i -> (long) i + 1).collect(Collectors.toList());
            StandardRepo<Chunk, Long> view = Tenants.forTenant(repo, tenant);
            List<Neighbor<Chunk>> got = VectorPlugin.search(view).nearest(KnnRequest.of(query, k).metric(m));
            assertEquals(expectedIds, got.stream().map(n -> n.entity().id()).collect(Collectors.toList()),
                m + " tenant " + tenant + " query " + q);
            for (int r = 0; r < k; r++) {
              assertEquals(d[order.get(r)], got.get(r).distance(), 1e-9, "distance of rank " + r);
            }
          }
        }
      }
    }
  }
}
