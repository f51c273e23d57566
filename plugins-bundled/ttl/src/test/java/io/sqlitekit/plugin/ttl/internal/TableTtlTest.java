package io.sqlitekit.plugin.ttl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import org.junit.jupiter.api.Test;

class TableTtlTest {
  @Test
  void triggerSql_usesSqliteClockAtMillisecondPrecision_inTheColumnsEncoding() {
    TableDef iso = TableDef.of("s", Column.text("id").primaryKey(), Column.timestamp("expiresAt"));
    assertEquals("CREATE TRIGGER IF NOT EXISTS \"ttl_prune_s_expiresAt\" AFTER INSERT ON \"s\" BEGIN DELETE FROM \"s\""
        + " WHERE \"expiresAt\" IS NOT NULL AND \"expiresAt\" <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now'); END;",
        TableTtl.triggerSql(iso, iso.require("expiresAt")));
    TableDef millis = TableDef.of("m", Column.text("id").primaryKey(), Column.timestampMillis("exp"));
    assertEquals("CREATE TRIGGER IF NOT EXISTS \"ttl_prune_m_exp\" AFTER INSERT ON \"m\" BEGIN DELETE FROM \"m\""
        + " WHERE \"exp\" IS NOT NULL AND \"exp\" <= CAST(unixepoch('subsec') * 1000 AS INTEGER); END;",
        TableTtl.triggerSql(millis, millis.require("exp")));
  }
}
