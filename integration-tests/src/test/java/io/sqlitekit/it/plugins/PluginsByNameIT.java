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
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
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

  private static final List<String> BUNDLED = List.of("timestamp", "soft-delete", "multi-tenant", "audit", "cache",
      "ttl", "telemetry");

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
