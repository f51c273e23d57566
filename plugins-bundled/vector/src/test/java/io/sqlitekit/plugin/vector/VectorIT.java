package io.sqlitekit.plugin.vector;

import static io.sqlitekit.spi.filter.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.plugin.softdelete.SoftDeleteOptions;
import io.sqlitekit.plugin.softdelete.SoftDeletePlugin;
import io.sqlitekit.plugin.tenant.TenantOptions;
import io.sqlitekit.plugin.tenant.TenantPlugin;
import io.sqlitekit.plugin.tenant.Tenants;
import io.sqlitekit.plugin.vector.internal.VectorPluginProvider;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.TenantRequiredException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embeddings are checked and converted on every write path; kNN returns typed rows with distances for each
 * metric, combined with filters and policy scope, and refuses bad vectors with typed errors. Real SQLite file.
 */
final class VectorIT {
  /** A document with a 3-dimensional embedding. */
  public record Doc(Long id, String organizationId, String kind, byte[] embedding, Instant deletedAt) {
  }

  static final TableDef DOCS = TableDef.of("docs", Column.integer("id").primaryKey(), Column.text("organizationId"),
      Column.text("kind"), Column.blob("embedding"), Column.timestamp("deletedAt"));

  @TempDir
  Path dir;
  SqliteKit kit;
  SqliteRepository<Doc, Long> docs;
  StandardRepo<Doc, Long> a;

  @BeforeEach
  void open() {
    kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("vec.db"))
        .plugin(TenantPlugin.create(TenantOptions.defaults()))
        .plugin(SoftDeletePlugin.create(SoftDeleteOptions.defaults())).build();
    kit.createTable(DOCS);
    docs = kit.repository(DOCS, Doc.class, List.of(VectorPlugin.create(VectorOptions.of(3).withBatchSize(16))));
    a = Tenants.forTenant(docs, "A");
  }

  @AfterEach
  void close() {
    kit.close();
  }

  static Doc doc(long id, String kind, float... v) {
    return new Doc(id, null, kind, Vectors.toBlob(v), null);
  }

  private static List<Long> ids(List<Neighbor<Doc>> n) {
    return n.stream().map(x -> x.entity().id()).collect(Collectors.toList());
  }

  @Test
  void everyWritePath_checksDimensions_andStoresFloat32Blobs() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", 1L);
    row.put("kind", "x");
    row.put("embedding", new float[] {1, 2, 3});
    Map<String, Object> stored = Tenants.forTenant(kit.documents(DOCS, List.of(VectorPlugin.create(VectorOptions.of(3)))),
        "A").create(row);
    assertArrayEquals(new float[] {1, 2, 3}, Vectors.fromBlob((byte[]) stored.get("embedding")));

    ValidationException e = assertThrows(ValidationException.class, () -> a.create(new Doc(2L, null, "x",
        Vectors.toBlob(new float[] {1, 2}), null)));
    assertEquals("vector: field \"embedding\" expects 3 components, got 2", e.getMessage());
    assertThrows(ValidationException.class, () -> a.create(new Doc(2L, null, "x", new byte[] {1, 2, 3, 4, 5}, null)));
    assertThrows(ValidationException.class, () -> a.create(doc(2, "x", 1, Float.NaN, 3)));
    assertThrows(ValidationException.class, () -> a.createMany(List.of(doc(2, "x", 1, 1, 1), doc(3, "x", 1))));
    assertThrows(ValidationException.class, () -> a.update(1L, Update.set("embedding", new float[] {1})));
    assertThrows(ValidationException.class, () -> a.updateMany(eq("kind", "x"), Update.set("embedding", "text")));
    assertThrows(ValidationException.class, () -> a.batch(b -> List.of(b.insert(doc(4, "x", 1, 2, 3, 4)))));
    assertEquals(1, a.count(io.sqlitekit.spi.filter.Filters.all()), "nothing of the refused writes was stored");

    a.update(1L, Update.set("embedding", new float[] {3, 2, 1}));
    a.batch(b -> List.of(b.insert(doc(5, "x", 0, 0, 1)), b.update(1L, Update.set("embedding", new float[] {1, 0, 0}))));
    a.upsert(doc(5, "y", 0, 1, 0));
    a.update(1L, Update.set("embedding", null));
    assertEquals(List.of(5L), ids(VectorPlugin.search(a).nearest(new float[] {0, 1, 0}, 5)), "NULL is no neighbour");
    assertArrayEquals(new float[] {0, 1, 0}, Vectors.fromBlob(a.getById(5L).orElseThrow().embedding()));
  }

  @Test
  void nearest_perMetric_withFilter_tiesByRowid() {
    a.createMany(List.of(doc(1, "x", 1, 0, 0), doc(2, "y", 0, 1, 0), doc(3, "x", 2, 0, 0), doc(4, "x", 0.9f, 0.1f, 0),
        doc(5, "y", -1, 0, 0), doc(6, "x", 0, 0, 0)));
    VectorSearch<Doc> s = VectorPlugin.search(a);
    List<Neighbor<Doc>> cos = s.nearest(new float[] {1, 0, 0}, 6);
    // 1 and 3 point the same way (distance 0, tie by rowid); the zero vector 6 counts as orthogonal (1).
    assertEquals(List.of(1L, 3L, 4L, 2L, 6L, 5L), ids(cos));
    assertEquals(0.0, cos.get(0).distance(), 1e-12);
    assertEquals(2.0, cos.get(5).distance(), 1e-12);
    List<Neighbor<Doc>> l2 = s.nearest(KnnRequest.of(new float[] {1, 0, 0}, 3).metric(Metric.L2));
    assertEquals(List.of(1L, 4L, 3L), ids(l2));
    assertEquals(Math.sqrt(0.01 + 0.01), l2.get(1).distance(), 1e-6);
    List<Neighbor<Doc>> ip = s.nearest(KnnRequest.of(new float[] {1, 0, 0}, 2).metric(Metric.INNER_PRODUCT));
    assertEquals(List.of(3L, 1L), ids(ip));
    assertEquals(-2.0, ip.get(0).distance(), 1e-12);
    assertEquals(List.of(2L, 5L), ids(s.nearest(KnnRequest.of(new float[] {0, 1, 0}, 10).filter(eq("kind", "y")))));
    assertEquals(6, s.nearest(new float[] {1, 1, 1}, 1000).size(), "k beyond the rows returns every row");
  }

  @Test
  void policyScope_tenantsAndSoftDelete() {
    a.create(doc(1, "x", 1, 0, 0));
    a.create(doc(2, "x", 0, 1, 0));
    StandardRepo<Doc, Long> b = Tenants.forTenant(docs, "B");
    b.create(doc(3, "x", 1, 0, 0));
    assertEquals(List.of(1L, 2L), ids(VectorPlugin.search(a).nearest(new float[] {1, 0, 0}, 10)));
    assertEquals(List.of(3L), ids(VectorPlugin.search(b).nearest(new float[] {1, 0, 0}, 10)));
    assertThrows(TenantRequiredException.class, () -> VectorPlugin.search(docs).nearest(new float[] {1, 0, 0}, 1));
    a.delete(1L);
    assertEquals(List.of(2L), ids(VectorPlugin.search(a).nearest(new float[] {1, 0, 0}, 10)));
  }

  @Test
  void badQueries_andBadStoredRows_areTypedErrors() {
    a.create(doc(1, "x", 1, 0, 0));
    VectorSearch<Doc> s = VectorPlugin.search(a);
    ValidationException e = assertThrows(ValidationException.class, () -> s.nearest(new float[] {1, 0}, 1));
    assertTrue(e.getMessage().contains("has 2 components"), e.getMessage());
    assertThrows(ValidationException.class, () -> s.nearest(new float[] {0, 0, 0}, 1));
    assertThrows(IllegalArgumentException.class, () -> KnnRequest.of(new float[] {Float.NaN, 0, 0}, 1));
    assertThrows(IllegalArgumentException.class, () -> KnnRequest.of(new float[] {1, 0, 0}, 0));
    kit.execute("INSERT INTO docs(id, organizationId, kind, embedding) VALUES (9, 'A', 'x', x'00000000')");
    e = assertThrows(ValidationException.class, () -> s.nearest(new float[] {1, 0, 0}, 1));
    assertTrue(e.getMessage().contains("row 9"), e.getMessage());
  }

  @Test
  void misconfiguration_isLoud() {
    TableDef noBlob = TableDef.of("t1", Column.integer("id").primaryKey(), Column.text("embedding"));
    kit.createTable(noBlob);
    assertThrows(ConfigurationException.class, () -> kit.documents(noBlob, List.of(VectorPlugin.create(VectorOptions.of(3)))));
    assertThrows(ConfigurationException.class, () -> kit.documents(DOCS,
        List.of(VectorPlugin.create(VectorOptions.of(3).withField("nope")))));
    assertThrows(ConfigurationException.class, () -> VectorPlugin.search(kit.repository(DOCS, Doc.class)));
    VectorPluginProvider p = new VectorPluginProvider();
    assertEquals("vector", p.create(Map.of("dimensions", "384", "metric", "l2", "batchSize", "64")).name());
    assertThrows(ConfigurationException.class, () -> p.create(Map.of()));
    assertThrows(ConfigurationException.class, () -> p.create(Map.of("dimensions", "0")));
    assertThrows(ConfigurationException.class, () -> p.create(Map.of("dimensions", "3", "metric", "hamming")));
    assertThrows(ConfigurationException.class, () -> p.create(Map.of("dimensions", "3", "k", "1")));
  }
}
