package io.sqlitekit.it.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.memory.MemoryKit;
import io.sqlitekit.memory.MemoryRepository;
import io.sqlitekit.plugin.tenant.Tenants;
import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.plugin.fts.FtsPlugin;
import io.sqlitekit.plugin.vector.Neighbor;
import io.sqlitekit.plugin.vector.VectorPlugin;
import io.sqlitekit.plugin.vector.Vectors;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import jakarta.validation.constraints.Size;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bundled plugin enabled by name with non-default options through the kit builder
 * ({@code plugin(name, options)}), each option visibly in effect; an unknown option is refused naming the key.
 */
class PluginsByNameIT {
  private static final TableDef DOCS = TableDef.of("docs", Column.text("id").primaryKey(), Column.text("name"),
      Column.text("secret"), Column.text("org"), Column.timestamp("made"), Column.timestamp("changed"),
      Column.timestamp("removedAt"), Column.timestamp("validUntil"));

  /** Every plugin name the kit reserves for a bundled plugin (Discovery's list). */
  private static final List<String> BUNDLED = List.of("timestamp", "soft-delete", "multi-tenant", "audit", "cache",
      "ttl", "telemetry", "fts", "vector", "validation", "maintenance");

  private static final TableDef ARTICLES = TableDef.of("articles", Column.integer("id").primaryKey(),
      Column.text("title"), Column.text("body"));
  private static final TableDef NOTES = TableDef.of("notes", Column.integer("id").primaryKey(), Column.text("body"));
  private static final TableDef POINTS = TableDef.of("points", Column.text("id").primaryKey(), Column.blob("vec"));

  /** An entity whose Bean Validation constraint the validation plugin applies when named by option. */
  public record Note(Long id, @Size(max = 5) String body) {
  }

  @TempDir
  Path dir;

  @Test
  void everyBundledPluginByNameWithOptions_onTheSqliteKit() {
    List<StatementEvent> events = new CopyOnWriteArrayList<>();
    SqliteKit.Builder b = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("named.db"))
        .statementListener(events::add)
        .plugin("timestamp", Map.of("createdField", "made", "updatedField", "changed"))
        .plugin("soft-delete", Map.of("field", "removedAt"))
        .plugin("multi-tenant", Map.of("field", "org", "requireTenant", "true"))
        .plugin("audit", Map.of("exporters", "table, otel", "redact", "secret", "operations", "writes"))
        .plugin("cache", Map.of("maximumSize", "10", "ttl", "PT1M"))
        .plugin("telemetry", Map.of("namespace", "named", "operations", "reads,create"));
    try (SqliteKit kit = b.build()) {
      assertEquals(Set.of("timestamp", "soft-delete", "multi-tenant", "audit", "cache", "telemetry"),
          Set.copyOf(kit.pluginNames()));
      kit.createTable(DOCS);
      SqliteRepository<Map<String, Object>, Object> docs = kit.documents(DOCS);
      var acme = Tenants.forTenant(docs, "acme");
      Map<String, Object> created = acme.create(doc("a", Instant.now().plusSeconds(3600)));
      acme.create(doc("old", Instant.parse("2000-01-01T00:00:00Z")));
      assertEquals("acme", created.get("org"), "multi-tenant field option");
      assertNotNull(created.get("made"), "timestamp createdField option");
      assertThrows(RuntimeException.class, () -> docs.getById("a"), "multi-tenant requireTenant option");

      events.clear();
      acme.getById("a");
      acme.getById("a");
      assertEquals(1, events.size(), "cache option: the second read was answered from the cache: " + events);

      assertTrue(acme.delete("a"));
      assertNotNull(scalar(kit, "SELECT \"removedAt\" FROM docs WHERE id = 'a'"), "soft-delete field option");
      assertEquals("0", scalar(kit, "SELECT count(*) FROM _audit WHERE after_json LIKE '%s3cret%'"),
          "audit redact option");
      assertEquals("2", scalar(kit, "SELECT count(*) FROM _audit WHERE operation = 'CREATE'"),
          "audit exporters option: the table exporter wrote the creates");
    }
  }

  @Test
  void ttlByNameWithOptions() {
    // A kit of its own: the TTL read filter compares with the current time, so a cached read never repeats.
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("ttl.db"))
        .plugin("ttl", Map.of("field", "validUntil", "mode", "lazy", "batchSize", "50")).build()) {
      kit.createTable(DOCS);
      SqliteRepository<Map<String, Object>, Object> docs = kit.documents(DOCS);
      docs.create(doc("live", Instant.now().plusSeconds(3600)));
      docs.create(doc("old", Instant.parse("2000-01-01T00:00:00Z")));
      assertTrue(docs.getById("old").isEmpty(), "ttl field option: the expired row is hidden");
      assertTrue(docs.getById("live").isPresent());
      assertEquals("2", scalar(kit, "SELECT count(*) FROM docs"), "lazy mode option: nothing swept");
    }
  }

  private static String scalar(SqliteKit kit, String sql) {
    return kit.driver().read(s -> s.query(sql, List.of(), rows -> rows.next() ? rows.getString(0) : null));
  }

  private static Map<String, Object> doc(String id, Instant validUntil) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("name", "n-" + id);
    m.put("secret", "s3cret");
    m.put("validUntil", validUntil);
    return m;
  }

  @Test
  void ftsByNameWithOptions_indexesOnlyTheNamedTable_withTheGivenPrefixes() {
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("fts.db"))
        .plugin("fts", Map.of("columns", "title, body", "table", "articles", "prefix", "2,3")).build()) {
      kit.createTable(ARTICLES);
      kit.createTable(NOTES);
      SqliteRepository<Map<String, Object>, Object> articles = kit.documents(ARTICLES);
      kit.documents(NOTES).create(Map.of("id", 1L, "body", "sqlite notes"));
      articles.create(Map.of("id", 1L, "title", "SQLite WAL", "body", "write-ahead logging"));
      articles.create(Map.of("id", 2L, "title", "Journals", "body", "rollback journal"));
      List<Object> hits = new java.util.ArrayList<>();
      FtsPlugin.search(articles).search("wri*").hits().forEach(h -> hits.add(h.entity().get("id")));
      assertEquals(List.of(1L), hits, "columns option: body is indexed");
      assertEquals("1", scalar(kit, "SELECT count(*) FROM sqlite_master WHERE name = 'articles_fts' AND sql LIKE "
          + "'%prefix=''2 3''%'"), "prefix option in the index DDL");
      assertEquals("0", scalar(kit, "SELECT count(*) FROM sqlite_master WHERE name = 'notes_fts'"),
          "table option: the plugin binds to articles only");
    }
  }

  @Test
  void vectorByNameWithOptions_searchesTheNamedFieldWithTheNamedMetric() {
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("vector.db"))
        .plugin("vector", Map.of("dimensions", "3", "field", "vec", "metric", "l2", "table", "points",
            "batchSize", "16")).build()) {
      kit.createTable(POINTS);
      SqliteRepository<Map<String, Object>, Object> points = kit.documents(POINTS);
      // Under cosine "far" (same direction) would be nearest; under L2 "near" is.
      points.create(Map.of("id", "far", "vec", Vectors.toBlob(new float[] {10, 0, 0})));
      points.create(Map.of("id", "near", "vec", Vectors.toBlob(new float[] {1, 0.5f, 0})));
      List<Neighbor<Map<String, Object>>> nearest = VectorPlugin.search(points).nearest(new float[] {1, 0, 0}, 2);
      assertEquals(List.of("near", "far"), nearest.stream().map(n -> n.entity().get("id")).toList(),
          "metric option: l2");
      assertEquals(0.5, nearest.get(0).distance(), 1e-6);
    }
  }

  @Test
  void validationByNameWithOptions_appliesTheNamedEntitysConstraints() {
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("validation.db"))
        .plugin("validation", Map.of("entity.notes", Note.class.getName(), "tableRules", "true")).build()) {
      kit.createTable(NOTES);
      SqliteRepository<Note, Long> notes = kit.repository(NOTES, Note.class);
      notes.create(new Note(1L, "short"));
      ValidationException e = assertThrows(ValidationException.class, () -> notes.create(new Note(2L, "too long")));
      assertEquals(List.of("body"), e.violations().stream().map(d -> d.path()).toList(),
          "entity.notes option: @Size(max = 5) applies");
      assertEquals("1", scalar(kit, "SELECT count(*) FROM notes"));
    }
    ConfigurationException missing = assertThrows(ConfigurationException.class, () -> SqliteKit.builder()
        .url("jdbc:sqlite:" + dir.resolve("v2.db")).plugin("validation", Map.of("entity.notes", "com.example.Nope"))
        .build());
    assertTrue(missing.getMessage().contains("\"entity.notes\"") && missing.getMessage().contains("com.example.Nope"),
        missing.getMessage());
  }

  @Test
  void maintenanceByNameWithOptions_truncatesTheWalOnItsSchedule() throws Exception {
    Path db = dir.resolve("maintenance.db");
    Path wal = dir.resolve("maintenance.db-wal");
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + db).plugin("maintenance",
        Map.of("checkpointEvery", "PT0.05S", "checkpointMode", "truncate", "optimizeOnClose", "false")).build()) {
      kit.createTable(NOTES);
      SqliteRepository<Map<String, Object>, Object> notes = kit.documents(NOTES); // starts the schedule
      for (long i = 0; i < 20; i++) {
        notes.create(Map.of("id", i, "body", "x".repeat(500)));
      }
      assertTrue(Files.size(wal) > 0, "the writes went to the WAL");
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (Files.size(wal) > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(0, Files.size(wal), "checkpointEvery + checkpointMode=truncate options: the WAL was truncated");
      assertEquals("20", scalar(kit, "SELECT count(*) FROM notes"));
    }
  }

  @Test
  void anUnknownOptionIsRefusedNamingTheKey_forEveryBundledPlugin() {
    for (String plugin : BUNDLED) {
      ConfigurationException e = assertThrows(ConfigurationException.class, () -> SqliteKit.builder()
          .url("jdbc:sqlite:" + dir.resolve("x.db")).plugin(plugin, Map.of("colour", "red")).build(), plugin);
      assertTrue(e.getMessage().contains(plugin + " plugin") && e.getMessage().contains("\"colour\""),
          e.getMessage());
    }
    ConfigurationException bad = assertThrows(ConfigurationException.class, () -> MemoryKit.builder()
        .plugin("ttl", Map.of("interval", "soon")).build());
    assertTrue(bad.getMessage().contains("\"interval\"") && bad.getMessage().contains("\"soon\""),
        bad.getMessage());
    ConfigurationException ops = assertThrows(ConfigurationException.class, () -> MemoryKit.builder()
        .plugin("audit", Map.of("operations", "writes,getById")).build());
    assertTrue(ops.getMessage().contains("\"operations\""), ops.getMessage());
  }

  @Test
  void optionsByName_onTheMemoryKit() {
    try (MemoryKit kit = MemoryKit.builder().plugin("soft-delete", Map.of("field", "removedAt"))
        .plugin("timestamp", Map.of("createdField", "made", "stampUpdated", "false")).build()) {
      MemoryRepository<Map<String, Object>, Object> docs = kit.documents(DOCS);
      Map<String, Object> created = docs.create(doc("a", Instant.now()));
      assertNotNull(created.get("made"));
      assertTrue(docs.delete("a"));
      assertTrue(docs.getById("a").isEmpty());
      assertEquals(1L, kit.documents(DOCS).withContext(io.sqlitekit.spi.CallContext.of(
          io.sqlitekit.plugin.softdelete.SoftDeletes.INCLUDE_DELETED, true)).count(Filters.all()));
    }
  }
}
