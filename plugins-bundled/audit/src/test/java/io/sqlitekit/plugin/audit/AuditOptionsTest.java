package io.sqlitekit.plugin.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.plugin.audit.internal.AuditPluginProvider;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.plugin.Operation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditOptionsTest {
  @Test
  void defaults_auditEveryWriteAndNothingElse() {
    AuditOptions d = AuditOptions.defaults();
    for (Operation op : Operation.values()) {
      assertEquals(op.isWrite(), d.operations().contains(op), op.name());
    }
    assertTrue(d.exporters().isEmpty());
    assertTrue(d.redactedFields().isEmpty());
  }

  @Test
  void readOperations_areRejected() {
    assertThrows(IllegalArgumentException.class, () -> AuditOptions.defaults().withOperations(Set.of(Operation.GET_BY_ID)));
  }

  @Test
  void create_withoutExporter_isAConfigurationError() {
    assertThrows(ConfigurationException.class, () -> AuditPlugin.create(AuditOptions.defaults()));
  }

  @Test
  void create_resolvesBundledExportersByName_andRejectsUnknownNames() {
    assertEquals("audit", AuditPlugin.create(AuditOptions.defaults().withExporterNames("table", "slf4j")).name());
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> AuditPlugin.create(AuditOptions.defaults().withExporterNames("kafka")));
    assertTrue(e.getMessage().contains("kafka"), e.getMessage());
  }

  @Test
  void provider_parsesTextOptions() {
    AuditPluginProvider p = new AuditPluginProvider();
    assertEquals("audit", p.name());
    assertEquals("audit", p.create(Map.of()).name());
    assertEquals("audit", p.create(Map.of("exporters", "slf4j,table", "redact", "password",
        "operations", "create,update")).name());
    assertThrows(ConfigurationException.class, () -> p.create(Map.of("operations", "getById")));
    assertThrows(ConfigurationException.class, () -> p.create(Map.of("operations", "frobnicate")));
    assertThrows(ConfigurationException.class, () -> p.create(Map.of("store", "x")));
  }

  @Test
  void tableExporter_rendersIdempotentDdl_andRefusesBadNames() {
    TableAuditExporter t = new TableAuditExporter();
    assertEquals("_audit", t.tableName());
    assertTrue(t.createTableSql().startsWith("CREATE TABLE IF NOT EXISTS \"_audit\""));
    assertThrows(IllegalArgumentException.class, () -> new TableAuditExporter("a\";drop"));
    assertThrows(IllegalStateException.class, () -> t.export(new io.sqlitekit.spi.audit.AuditEntry(Operation.CREATE,
        "users", "1", null, null, Map.of(), Map.of(), List.of(), 1, java.time.Instant.EPOCH)));
  }
}
