package io.sqlitekit.plugin.ttl.internal;

import io.sqlitekit.plugin.ttl.TtlOptions;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.ColumnMode;
import io.sqlitekit.spi.table.Identifiers;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.table.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Internal, not API, may change. TTL state of one table in one kit: renders and runs the batched sweep.
 *
 * <p>Batching: each batch is {@code DELETE … WHERE pk IN (SELECT pk … WHERE expiry <= ? LIMIT n)} in its own
 * write transaction, so the writer lock is released between batches and waiting writers (the lock is fair)
 * get their turn. The cutoff is fixed once per sweep, so a sweep always terminates.
 */
final class TableTtl {
  private final TableDef table;
  private final SqliteDriver driver;
  private final Clock clock;
  private final TtlOptions options;
  private final Column column;
  private final String deleteBatch;

  TableTtl(TableDef table, SqliteDriver driver, Clock clock, TtlOptions options, Column column) {
    this.table = table;
    this.driver = driver;
    this.clock = clock;
    this.options = options;
    this.column = column;
    String t = Identifiers.quote(table.name());
    String pk = Identifiers.quote(table.primaryKey().sqlName());
    String c = Identifiers.quote(column.sqlName());
    this.deleteBatch = "DELETE FROM " + t + " WHERE " + pk + " IN (SELECT " + pk + " FROM " + t + " WHERE " + c
        + " IS NOT NULL AND " + c + " <= ? LIMIT ?)";
  }

  TableDef table() {
    return table;
  }

  /** Returns the trigger DDL for TRIGGER mode: SQLite's clock, millisecond precision, same encoding as the column. */
  static String triggerSql(TableDef table, Column column) {
    String t = Identifiers.quote(table.name());
    String c = Identifiers.quote(column.sqlName());
    String now = column.mode() == ColumnMode.TIMESTAMP_ISO
        ? "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
        : "CAST(unixepoch('subsec') * 1000 AS INTEGER)";
    return "CREATE TRIGGER IF NOT EXISTS " + Identifiers.quote("ttl_prune_" + table.name() + "_" + column.sqlName())
        + " AFTER INSERT ON " + t + " BEGIN DELETE FROM " + t + " WHERE " + c + " IS NOT NULL AND " + c + " <= "
        + now + "; END;";
  }

  long sweep() {
    Instant cutoff = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Object bound = column.mode() == ColumnMode.TIMESTAMP_ISO ? Timestamps.format(cutoff) : cutoff.toEpochMilli();
    int batch = options.batchSize();
    long total = 0;
    while (true) {
      long removed = driver.write(session -> session.update(deleteBatch, List.of(bound, batch)));
      total += removed;
      if (removed < batch) {
        return total;
      }
    }
  }
}
