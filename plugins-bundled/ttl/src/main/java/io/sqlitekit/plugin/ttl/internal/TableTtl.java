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
  private final String nextExpiry;

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
    this.nextExpiry = "SELECT MIN(" + c + ") FROM " + t + " WHERE " + c + " > ?";
  }

  /**
   * Returns the first instant after {@code at} at which the read filter {@code expiry IS NULL OR expiry > now}
   * may select other rows if nothing is written: the earliest stored expiry after {@code at}, or
   * {@link Instant#MAX} when no row expires later. Returns {@code at} itself (the answer may change at once)
   * when that expiry is stored in a form the instant does not round-trip to, since the filter compares the
   * stored values and not instants. One indexed MIN query when the expiry index exists.
   */
  Instant nextExpiryAfter(Instant at) {
    return driver.read(s -> s.query(nextExpiry, List.of(bound(at)), rs -> {
      if (!rs.next() || rs.isNull(0)) {
        return Instant.MAX;
      }
      Object stored = rs.getObject(0);
      if (column.mode() == ColumnMode.TIMESTAMP_ISO) {
        if (!(stored instanceof String)) {
          return at;
        }
        try {
          Instant next = Timestamps.parse((String) stored);
          return Timestamps.format(next).equals(stored) && next.isAfter(at) ? next : at;
        } catch (java.time.DateTimeException e) {
          return at;
        }
      }
      return stored instanceof Number && !(stored instanceof Double) && ((Number) stored).longValue() > at
          .toEpochMilli() ? Instant.ofEpochMilli(((Number) stored).longValue()) : at;
    }));
  }

  /** An instant as the expiry column stores it (millisecond precision). */
  private Object bound(Instant instant) {
    return column.mode() == ColumnMode.TIMESTAMP_ISO ? Timestamps.format(instant) : instant.toEpochMilli();
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
    Object bound = bound(clock.instant().truncatedTo(ChronoUnit.MILLIS));
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
