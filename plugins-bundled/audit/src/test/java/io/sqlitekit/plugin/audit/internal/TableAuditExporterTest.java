package io.sqlitekit.plugin.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.plugin.audit.TableAuditExporter;
import io.sqlitekit.spi.audit.AuditEntry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.testsupport.JdbcTestDriver;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table exporter's DDL and insert on real SQLite, and its transactional behaviour with the writer. */
class TableAuditExporterTest {
  @TempDir
  Path dir;

  private static long rows(JdbcTestDriver d) {
    return d.read(s -> s.query("SELECT count(*) FROM \"_audit\"", List.of(),
        rows -> rows.next() ? rows.getLong(0) : -1));
  }

  @Test
  void export_writesARow_andRollsBackWithTheSurroundingWrite() throws Exception {
    TableAuditExporter exporter = new TableAuditExporter();
    AuditEntry entry = new AuditEntry(Operation.UPDATE, "users", "u1", "admin", null, Map.of(),
        Map.of("email", "a@x", "password", "[REDACTED]"), List.of("email"), 1,
        Instant.parse("2026-01-01T00:00:00.007Z"));
    try (JdbcTestDriver d = new JdbcTestDriver("jdbc:sqlite:" + dir.resolve("a.db"))) {
      d.write(s -> {
        s.executeScript(exporter.createTableSql());
        s.executeScript(exporter.createTableSql()); // idempotent
        return null;
      });
      d.write(s -> {
        exporter.export(List.of(entry), s);
        return null;
      });
      assertEquals(1, rows(d));
      assertThrows(IllegalStateException.class, () -> d.write(s -> {
        exporter.export(List.of(entry, entry), s);
        throw new IllegalStateException("the audited write failed");
      }));
      assertEquals(1, rows(d), "the export joined the failed transaction and rolled back");
      d.read(s -> s.query("SELECT ts, operation, table_name, row_id, actor, tenant, changed_fields,"
          + " before_json, after_json, affected_rows FROM \"_audit\"", List.of(), rs -> {
            assertTrue(rs.next());
            assertEquals("2026-01-01T00:00:00.007Z", rs.getString(0));
            assertEquals("UPDATE", rs.getString(1));
            assertEquals("users", rs.getString(2));
            assertEquals("u1", rs.getString(3));
            assertEquals("admin", rs.getString(4));
            assertEquals(null, rs.getString(5));
            assertEquals("[\"email\"]", rs.getString(6));
            assertEquals("{}", rs.getString(7));
            assertTrue(rs.getString(8).contains("\"password\":\"[REDACTED]\""));
            assertEquals(1, rs.getLong(9));
            assertFalse(rs.next());
            return null;
          }));
    }
  }

  @Test
  void export_withoutASession_isRefused() {
    AuditEntry entry = new AuditEntry(Operation.CREATE, "users", "u1", null, null, Map.of(), Map.of(), List.of(), 1,
        Instant.EPOCH);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new TableAuditExporter().export(entry));
    assertTrue(e.getMessage().contains("\"table\""), e.getMessage());
  }
}
