package io.sqlitekit.plugin.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.plugin.tenant.TenantOptions;
import io.sqlitekit.plugin.tenant.TenantPlugin;
import io.sqlitekit.plugin.tenant.Tenants;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache declares it runs after the policy plugins, so enablement order does not matter. */
class CacheTenantOrderIT {
  /** A tenant-owned row. */
  public record Note(String id, String tenant, String text) {
  }

  static final TableDef NOTES = TableDef.of("notes", Column.text("id").primaryKey(),
      Column.text("tenant").notNull(), Column.text("text"));

  @TempDir
  Path dir;

  @Test
  void declaresThePolicyPluginsItRunsAfter() {
    assertEquals(Set.of("multi-tenant", "soft-delete", "ttl"),
        CachePlugin.create(CacheOptions.defaults()).runsAfter());
  }

  @Test
  void cacheEnabledBeforeMultiTenant_stillKeysOnTheTenantScope() {
    InMemoryCacheAdapter adapter = new InMemoryCacheAdapter();
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("order.db"))
        .preset(PragmaPreset.PRODUCTION)
        .plugin(CachePlugin.create(CacheOptions.defaults().withTtl(Duration.ZERO), adapter))
        .plugin(TenantPlugin.create(TenantOptions.defaults().withField("tenant")))
        .build()) {
      assertEquals(List.of("multi-tenant", "cache"), kit.pluginNames(), "absent soft-delete and ttl are ignored");
      kit.createTableIfNotExists(NOTES);
      SqliteRepository<Note, String> notes = kit.repository(NOTES, RowMapper.forRecord(Note.class));
      StandardRepo<Note, String> acme = Tenants.forTenant(notes, "acme");
      StandardRepo<Note, String> globex = Tenants.forTenant(notes, "globex");
      acme.create(new Note("a1", "acme", "x"));
      acme.create(new Note("a2", "acme", "y"));
      globex.create(new Note("g1", "globex", "z"));
      for (int i = 0; i < 3; i++) {
        assertEquals(2L, acme.count(Filters.all()));
        assertEquals(1L, globex.count(Filters.all()));
        assertEquals(List.of("g1"), globex.findAll(Filters.all()).stream().map(Note::id).toList());
        assertEquals(Optional.empty(), globex.getById("a1"), "another tenant's cached row is never served");
        assertTrue(acme.getById("a1").isPresent());
      }
      assertTrue(adapter.hitCount() > 0, "the reads were cached");
    }
  }
}
