package io.sqlitekit.it.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sqlitekit.memory.MemoryKit;
import io.sqlitekit.memory.MemoryRepository;
import io.sqlitekit.plugin.audit.AuditOptions;
import io.sqlitekit.plugin.audit.AuditPlugin;
import io.sqlitekit.plugin.tenant.Tenants;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.audit.AuditEntry;
import io.sqlitekit.spi.audit.AuditExporter;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A plugin reads another plugin's context key by name, with no dependency between them: the audit plugin
 * records the tenant that the multi-tenant plugin's own key carries. Both plugins are here, so this is where
 * their shared name is checked.
 */
class PluginKeysIT {
  private static final TableDef DOCS = TableDef.of("docs", Column.text("id").primaryKey(), Column.text("name"),
      Column.text("organizationId"));

  @Test
  void auditRecordsTheMultiTenantPluginsTenant() {
    assertEquals(AuditPlugin.TENANT_KEY_NAME, Tenants.TENANT_ID.name());
    List<AuditEntry> entries = new CopyOnWriteArrayList<>();
    AuditExporter collect = new AuditExporter() {
      @Override
      public String name() {
        return "collect";
      }

      @Override
      public void export(AuditEntry entry) {
        entries.add(entry);
      }
    };
    try (MemoryKit kit = MemoryKit.builder().plugins("multi-tenant")
        .plugin(AuditPlugin.create(AuditOptions.defaults().withExporters(collect))).build()) {
      MemoryRepository<Map<String, Object>, Object> docs = kit.documents(DOCS);
      Tenants.forTenant(docs, "acme").create(Map.of("id", "a", "name", "x"));
      CallContext.run(CallContext.of(Tenants.TENANT_ID, "globex").with(CallContext.ACTOR_ID, "u7"),
          () -> docs.create(Map.of("id", "b", "name", "y")));
      Tenants.forTenant(docs, "acme").update("a", Update.set("name", "z"));
    }
    assertEquals(List.of("acme", "globex", "acme"), entries.stream().map(AuditEntry::tenant).toList());
    assertEquals("u7", entries.get(1).actor());
  }
}
