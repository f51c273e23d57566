package io.sqlitekit.plugin.ttl;

import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.Identifiers;
import io.sqlitekit.spi.table.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * DDL helpers for TTL tables. SQLite forbids the current time in a partial index's WHERE clause, so "live"
 * indexes can only exclude rows without an expiry or, the other way round, cover only rows that have one.
 *
 * @since 0.1.0
 */
public final class TtlIndexes {
  private TtlIndexes() {
  }

  /**
   * Renders the index that makes sweeps and the expiry predicate cheap: {@code CREATE INDEX IF NOT EXISTS
   * "idx_<table>_<field>_ttl" ON "<table>" ("<field>") WHERE "<field>" IS NOT NULL;}.
   *
   * @param table the table
   * @param options the TTL options (for the field)
   * @return the statement
   * @throws io.sqlitekit.spi.error.ValidationException if the field is not a column of the table
   */
  public static String expiryIndexSql(TableDef table, TtlOptions options) {
    Column c = table.require(options.field());
    String q = Identifiers.quote(c.sqlName());
    return "CREATE INDEX IF NOT EXISTS " + Identifiers.quote("idx_" + table.name() + "_" + c.sqlName() + "_ttl")
        + " ON " + Identifiers.quote(table.name()) + " (" + q + ") WHERE " + q + " IS NOT NULL;";
  }

  /**
   * Renders a partial index over rows that carry an expiry, for queries on live, expiring rows:
   * {@code CREATE INDEX IF NOT EXISTS "idx_<table>_live" ON "<table>" ("c1", "c2") WHERE "<field>" IS NOT NULL;}.
   *
   * @param table the table
   * @param options the TTL options (for the field)
   * @param fields the indexed fields (property keys), at least one
   * @return the statement
   * @throws IllegalArgumentException if no field is given
   * @throws io.sqlitekit.spi.error.ValidationException if a field is not a column of the table
   */
  public static String livePartialIndexSql(TableDef table, TtlOptions options, String... fields) {
    Objects.requireNonNull(fields, "fields");
    if (fields.length == 0) {
      throw new IllegalArgumentException("a live-row index needs at least one field");
    }
    List<String> cols = new ArrayList<>();
    for (String f : fields) {
      cols.add(Identifiers.quote(table.require(Objects.requireNonNull(f, "field")).sqlName()));
    }
    return "CREATE INDEX IF NOT EXISTS " + Identifiers.quote("idx_" + table.name() + "_live") + " ON "
        + Identifiers.quote(table.name()) + " (" + String.join(", ", cols) + ") WHERE "
        + Identifiers.quote(table.require(options.field()).sqlName()) + " IS NOT NULL;";
  }

  /**
   * Renders {@code DROP INDEX IF EXISTS "idx_<table>_live";}.
   *
   * @param table the table
   * @return the statement
   */
  public static String dropLivePartialIndexSql(TableDef table) {
    return "DROP INDEX IF EXISTS " + Identifiers.quote("idx_" + table.name() + "_live") + ";";
  }
}
