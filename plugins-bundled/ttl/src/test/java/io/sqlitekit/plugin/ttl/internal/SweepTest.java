package io.sqlitekit.plugin.ttl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sqlitekit.plugin.ttl.TtlOptions;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.table.Timestamps;
import io.sqlitekit.testsupport.JdbcTestDriver;
import io.sqlitekit.testsupport.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batched sweep and the trigger DDL on real SQLite (sqlite-jdbc), without the kit. */
class SweepTest {
  static final Instant T0 = Instant.parse("2026-06-01T12:00:00.000Z");

  @TempDir
  Path dir;

  private static long count(JdbcTestDriver d, String table) {
    return d.read(s -> s.query("SELECT count(*) FROM \"" + table + "\"", List.of(),
        rows -> rows.next() ? rows.getLong(0) : -1));
  }

  @Test
  void sweep_deletesInBatches_atMillisecondPrecision_isoAndMillis() throws Exception {
    for (TableDef table : new TableDef[] {
        TableDef.of("iso", Column.text("id").primaryKey(), Column.timestamp("expiresAt")),
        TableDef.of("ms", Column.text("id").primaryKey(), Column.timestampMillis("expiresAt"))}) {
      try (JdbcTestDriver d = new JdbcTestDriver("jdbc:sqlite:" + dir.resolve(table.name() + ".db"))) {
        Column c = table.require("expiresAt");
        boolean iso = c.mode() == io.sqlitekit.spi.table.ColumnMode.TIMESTAMP_ISO;
        d.write(s -> {
          s.executeScript("CREATE TABLE \"" + table.name() + "\" (id TEXT PRIMARY KEY, \"expiresAt\" "
              + (iso ? "TEXT" : "INTEGER") + ")");
          List<List<Object>> rows = new ArrayList<>();
          for (int i = 0; i < 2_500; i++) {
            Instant at = T0.plusMillis(i < 2_345 ? 1 : 2);
            rows.add(List.of("r" + i, iso ? Timestamps.format(at) : (Object) at.toEpochMilli()));
          }
          rows.add(Arrays.asList("never", null));
          s.batch("INSERT INTO \"" + table.name() + "\" VALUES (?, ?)", rows);
          return null;
        });
        MutableClock clock = new MutableClock(T0);
        TableTtl ttl = new TableTtl(table, d, clock, TtlOptions.defaults().withBatchSize(100), c);
        assertEquals(0, ttl.sweep(), table.name());
        clock.advance(Duration.ofMillis(1));
        assertEquals(2_345, ttl.sweep(), table.name());
        assertEquals(156, count(d, table.name()));
        clock.advance(Duration.ofMillis(1));
        assertEquals(155, ttl.sweep(), table.name());
        assertEquals(1, count(d, table.name()), "NULL never expires");
      }
    }
  }

  @Test
  void triggerSql_runsOnSqlite() throws Exception {
    TableDef table = TableDef.of("t", Column.text("id").primaryKey(), Column.timestampMillis("expiresAt"));
    try (JdbcTestDriver d = new JdbcTestDriver("jdbc:sqlite:" + dir.resolve("trig.db"))) {
      d.write(s -> {
        s.executeScript("CREATE TABLE \"t\" (id TEXT PRIMARY KEY, \"expiresAt\" INTEGER)");
        s.executeScript(TableTtl.triggerSql(table, table.require("expiresAt")));
        s.executeScript("INSERT INTO \"t\" VALUES ('old', 1000), ('future', 99999999999999), ('none', NULL)");
        return null;
      });
      assertEquals(2, count(d, "t"));
    }
  }
}
