package io.sqlitekit.plugin.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.plugin.tenant.TenantOptions;
import io.sqlitekit.plugin.tenant.TenantPlugin;
import io.sqlitekit.plugin.tenant.Tenants;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the sqlite-vec extension present, the {@code vec0} path returns the same neighbours as the Java scan
 * (10,000 × 384, two tenants), and its triggers follow writes. The library comes from
 * {@code -Dsqlitekit.sqliteVec=/path/vec0.so}, or from sqlite-vec's npm package fetched once into
 * {@code ~/.cache/sqlitekit}; without it the test is skipped with the reason.
 */
final class SqliteVecIT {
  static final String VERSION = "0.1.9";
  static final TableDef ITEMS = TableDef.of("items", Column.integer("id").primaryKey(),
      Column.text("organizationId"), Column.blob("embedding"));
  static final int ROWS = 10_000;
  static final int DIMS = 384;

  /** An item. */
  public record Item(Long id, String organizationId, byte[] embedding) {
  }

  @TempDir
  Path dir;

  /** The library, or the reason it is unavailable. */
  static String library() {
    String configured = System.getProperty("sqlitekit.sqliteVec");
    if (configured != null) {
      return configured;
    }
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    assumeTrue(os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64")),
        "sqlite-vec test skipped: only the linux-x64 build is fetched automatically (set -Dsqlitekit.sqliteVec)");
    Path cache = Path.of(System.getProperty("user.home"), ".cache", "sqlitekit", "sqlite-vec-" + VERSION);
    Path lib = cache.resolve("package").resolve("vec0.so");
    if (!Files.isRegularFile(lib)) {
      try {
        Files.createDirectories(cache);
        run(cache, "npm", "pack", "sqlite-vec-linux-x64@" + VERSION);
        run(cache, "tar", "xzf", "sqlite-vec-linux-x64-" + VERSION + ".tgz");
      } catch (IOException | InterruptedException e) {
        abort("sqlite-vec test skipped: cannot fetch sqlite-vec-linux-x64@" + VERSION + " with npm: " + e);
      }
    }
    assumeTrue(Files.isRegularFile(lib), "sqlite-vec test skipped: " + lib + " is missing after npm pack");
    String path = lib.toString();
    return path.substring(0, path.length() - ".so".length());
  }

  private static void run(Path dir, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " failed");
    }
  }

  @Test
  void vec0_agreesWithTheJavaScan_inScope_andFollowsWrites() {
    String lib = library();
    Random rnd = new Random(99);
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      float[] v = new float[DIMS];
      for (int j = 0; j < DIMS; j++) {
        v[j] = (float) rnd.nextGaussian();
      }
      vectors.add(v);
    }
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("vec0.db") + "?enable_load_extension=true")
        .plugin(TenantPlugin.create(TenantOptions.defaults())).build()) {
      kit.createTable(ITEMS);
      VectorOptions options = VectorOptions.of(DIMS);
      SqliteRepository<Item, Long> repo = kit.repository(ITEMS, Item.class, List.of(VectorPlugin.create(options)));
      for (String tenant : List.of("A", "B")) {
        List<Item> mine = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
          if ((i % 10 == 0) == tenant.equals("A")) {
            // Tenant A owns a tenth of the rows: vec0 must over-fetch to find its k.
            mine.add(new Item(i + 1L, null, Vectors.toBlob(vectors.get(i))));
          }
        }
        Tenants.forTenant(repo, tenant).createMany(mine);
      }
      SqliteVec.load(kit.driver(), lib);
      SqliteVec.create(kit.driver(), ITEMS, options);
      for (int q = 0; q < 4; q++) {
        float[] query = vectors.get(rnd.nextInt(ROWS)).clone();
        query[0] += 0.5f;
        for (String tenant : List.of("A", "B")) {
          StandardRepo<Item, Long> view = Tenants.forTenant(repo, tenant);
          int k = q == 0 ? 50 : 10;
          assertAgree(VectorPlugin.search(view).nearest(query, k), SqliteVec.search(view, kit.driver()).nearest(query, k));
        }
      }
      // A scope too selective for vec0's largest k (4096 of 10,002 rows) falls back to the exact scan.
      StandardRepo<Item, Long> c = Tenants.forTenant(repo, "C");
      c.createMany(List.of(new Item(20_001L, null, Vectors.toBlob(vectors.get(5))),
          new Item(20_002L, null, Vectors.toBlob(vectors.get(6)))));
      List<Neighbor<Item>> few = SqliteVec.search(c, kit.driver()).nearest(vectors.get(5), 3);
      assertEquals(List.of(20_001L, 20_002L), few.stream().map(n -> n.entity().id()).collect(
          java.util.stream.Collectors.toList()));
      assertAgree(VectorPlugin.search(c).nearest(vectors.get(5), 3), few);
      // The triggers follow writes: the nearest row, deleted, disappears from both paths.
      StandardRepo<Item, Long> b = Tenants.forTenant(repo, "B");
      float[] query = vectors.get(1);
      long nearest = SqliteVec.search(b, kit.driver()).nearest(query, 1).get(0).entity().id();
      assertEquals(2L, nearest);
      b.delete(nearest);
      assertAgree(VectorPlugin.search(b).nearest(query, 5), SqliteVec.search(b, kit.driver()).nearest(query, 5));
      assertThrows(ValidationException.class, () -> SqliteVec.search(b, kit.driver())
          .nearest(KnnRequest.of(query, 1).metric(Metric.L2)));
      assertThrows(ConfigurationException.class, () -> SqliteVec.createSql(ITEMS, options.withMetric(Metric.INNER_PRODUCT)));
    }
  }

  /** Same neighbours rank by rank; a different id is allowed only where two distances (nearly) tie. */
  private static void assertAgree(List<Neighbor<Item>> java, List<Neighbor<Item>> vec0) {
    assertEquals(java.size(), vec0.size());
    for (int i = 0; i < java.size(); i++) {
      double dj = java.get(i).distance();
      assertEquals(dj, vec0.get(i).distance(), 1e-5, "distance at rank " + i);
      if (!java.get(i).entity().id().equals(vec0.get(i).entity().id())) {
        boolean tie = (i > 0 && Math.abs(dj - java.get(i - 1).distance()) < 2e-5)
            || (i + 1 < java.size() && Math.abs(dj - java.get(i + 1).distance()) < 2e-5);
        assertTrue(tie, "rank " + i + " differs without a near tie: " + java.get(i).entity().id() + " vs "
            + vec0.get(i).entity().id());
      }
    }
  }
}
