package io.sqlitekit.plugin.audit.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OTel exporter behind the audit plugin on a real SQLite file: one log record per audited write. Both are
 * enabled the way configuration does it, by name: the plugin {@code "audit"} with {@code exporters=otel},
 * which resolves this module's exporter by ServiceLoader over {@code GlobalOpenTelemetry}.
 */
class AuditOtelIT {
  /** A user. */
  public record User(String id, String password) {
  }

  static final TableDef USERS = TableDef.of("users", Column.text("id").primaryKey(), Column.text("password"));

  @TempDir
  Path dir;

  @Test
  void writes_becomeLogRecords_withoutValues() {
    InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
    GlobalOpenTelemetry.resetForTest();
    RepositoryPlugin audit = null;
    for (PluginProvider p : ServiceLoader.load(PluginProvider.class)) {
      if (p.name().equals("audit")) {
        audit = p.create(Map.of("exporters", "otel"));
      }
    }
    try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setLoggerProvider(SdkLoggerProvider.builder()
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs)).build()).buildAndRegisterGlobal();
        SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("a.db")).preset(PragmaPreset.PRODUCTION)
            .plugin(java.util.Objects.requireNonNull(audit, "audit provider on the class path")).build()) {
      kit.createTableIfNotExists(USERS);
      SqliteRepository<User, String> repo = kit.repository(USERS, RowMapper.forRecord(User.class));
      StandardRepo<User, String> users = repo.withContext(CallContext.of(CallContext.ACTOR_ID, "admin"));
      users.create(new User("u1", "hunter2-secret"));
      users.update("u1", Update.set("password", "new-secret"));
      users.getById("u1");
      users.deleteMany(Filters.eq("id", "u1"));
      List<LogRecordData> records = logs.getFinishedLogRecordItems();
      assertEquals(List.of("create", "update", "deleteMany"), records.stream()
          .map(r -> r.getAttributes().get(AttributeKey.stringKey("db.operation.name"))).toList());
      records.forEach(r -> {
        assertEquals("admin", r.getAttributes().get(AttributeKey.stringKey("sqlitekit.audit.actor")));
        assertFalse(r.getAttributes().toString().contains("secret"), r.getAttributes().toString());
      });
      assertEquals("u1", records.get(1).getAttributes().get(AttributeKey.stringKey("sqlitekit.audit.row_id")));
    } finally {
      GlobalOpenTelemetry.resetForTest();
    }
  }
}
