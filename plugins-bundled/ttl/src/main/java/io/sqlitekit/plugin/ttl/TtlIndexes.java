package io.sqlitekit.plugin.ttl;

import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.Identifiers;
import io.sqlitekit.spi.table.TableDef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * DDL helpers for TTL tables: which index serves which query.
 *
 * <p>Why there are three: the plugin narrows reads to {@code expiresAt IS NULL OR expiresAt > now}. SQLite
 * forbids the current time in a partial index's WHERE clause, and it uses a partial index only when the query's
 * WHERE clause implies the index's, so no partial index can serve that live filter: rows without an expiry pass
 * it but are missing from any {@code WHERE expiresAt IS NOT NULL} index. Hence:
 *
 * <ul>
 *   <li>{@link #liveIndexSql} (plain index on chosen fields plus the expiry field) for the plugin's live-row
 *       reads;</li>
 *   <li>{@link #expiryIndexSql} (partial, on the expiry field) for sweeps, the TRIGGER-mode prune and queries
 *       that compare the expiry field;</li>
 *   <li>{@link #expiringIndexSql} (partial, on chosen fields) for queries about rows that carry an expiry, which
 *       say so by comparing the expiry field.</li>
 * </ul>
 *
 * <p>Index names are built from the table and the columns' SQL names, so indexes over different fields get
 * different names (unless their underscore-joined column names coincide): every statement uses
 * {@code IF NOT EXISTS}, which would otherwise skip the second one silently.
 * The statements are for {@code SqliteKit.execute} or a migration; they are plain text and touch nothing.
 *
 * @since 0.1.0
 */
public final class TtlIndexes {
  private TtlIndexes() {
  }

  /**
   * Renders the partial index on the expiry field: {@code CREATE INDEX IF NOT EXISTS "idx_<table>_<expiry>_ttl"
   * ON "<table>" ("<expiry>") WHERE "<expiry>" IS NOT NULL;}. TRIGGER mode creates it on install.
   *
   * <p>It serves the batched sweep ({@link TtlSweeper}, SCHEDULED mode), the TRIGGER-mode prune, and reads whose
   * filter compares the expiry field ({@code lt}, {@code lte}, {@code gt}, {@code gte}, {@code eq},
   * {@code between}, {@code isNotNull}), with or without the plugin's live filter. It does not serve the live
   * filter alone (see the class documentation).
   *
   * @param table the table
   * @param options the TTL options (for the field)
   * @return the statement
   * @throws NullPointerException if an argument is null
   * @throws io.sqlitekit.spi.error.ValidationException if the field is not a column of the table
   */
  public static String expiryIndexSql(TableDef table, TtlOptions options) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(options, "options");
    Column c = table.require(options.field());
    String q = Identifiers.quote(c.sqlName());
    return "CREATE INDEX IF NOT EXISTS " + Identifiers.quote("idx_" + table.name() + "_" + c.sqlName() + "_ttl")
        + " ON " + Identifiers.quote(table.name()) + " (" + q + ") WHERE " + q + " IS NOT NULL;";
  }

  /**
   * Renders an index for the plugin's live-row reads: the given fields followed by the expiry field,
   * {@code CREATE INDEX IF NOT EXISTS "idx_<table>_<c1>_<c2>_live" ON "<table>" ("c1", "c2", "<expiry>");}.
   *
   * <p>It serves reads narrowed by the plugin ({@code expiresAt IS NULL OR expiresAt > now} AND the caller's
   * filter) whose filter constrains the leading fields, e.g. {@code findAll(eq("userId", u))} or
   * {@code count(eq("userId", u))}: SQLite searches the index by the fields and tests the live filter on the
   * index entry, so expired rows cost no table read, and {@code count}/{@code exists} read no table row at all.
   * It is a plain index (not partial), the only kind the live filter can use.
   *
   * @param table the table
   * @param options the TTL options (for the expiry field)
   * @param fields the leading fields (property keys), at least one, not the expiry field
   * @return the statement
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if no field is given, a field repeats or a field is the expiry field
   * @throws io.sqlitekit.spi.error.ValidationException if a field is not a column of the table
   * @see #dropLiveIndexSql(TableDef, String...)
   */
  public static String liveIndexSql(TableDef table, TtlOptions options, String... fields) {
    Objects.requireNonNull(options, "options");
    List<Column> cols = columns(table, fields, "a live-row index");
    Column expiry = table.require(options.field());
    if (cols.contains(expiry)) {
      throw new IllegalArgumentException("a live-row index appends the expiry field \"" + options.field()
          + "\" itself; list only the fields before it");
    }
    List<Column> all = new ArrayList<>(cols);
    all.add(expiry);
    return "CREATE INDEX IF NOT EXISTS " + Identifiers.quote(name(table, cols, "live")) + " ON "
        + Identifiers.quote(table.name()) + " (" + quoted(all) + ");";
  }

  /**
   * Renders {@code DROP INDEX IF EXISTS "idx_<table>_<c1>_<c2>_live";}, the index
   * {@link #liveIndexSql(TableDef, TtlOptions, String...)} creates for the same fields.
   *
   * @param table the table
   * @param fields the leading fields given when it was created
   * @return the statement
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if no field is given or a field repeats
   * @throws io.sqlitekit.spi.error.ValidationException if a field is not a column of the table
   */
  public static String dropLiveIndexSql(TableDef table, String... fields) {
    return drop(name(table, columns(table, fields, "a live-row index"), "live"));
  }

  /**
   * Renders a partial index on chosen fields over the rows that carry an expiry:
   * {@code CREATE INDEX IF NOT EXISTS "idx_<table>_<c1>_<c2>_expiring" ON "<table>" ("c1", "c2") WHERE
   * "<expiry>" IS NOT NULL;}.
   *
   * <p>SQLite uses it only for queries whose filter compares the expiry field (or tests it with
   * {@code isNotNull}), which proves the expiry is not NULL, e.g.
   * {@code findAll(and(eq("userId", u), lt("expiresAt", soon)))} ("this user's sessions that expire within the
   * hour"), through the plugin's live filter or with {@code INCLUDE_EXPIRED}. The plugin's live filter alone
   * does not: for those reads use {@link #liveIndexSql}.
   *
   * @param table the table
   * @param options the TTL options (for the expiry field)
   * @param fields the indexed fields (property keys), at least one
   * @return the statement
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if no field is given or a field repeats
   * @throws io.sqlitekit.spi.error.ValidationException if a field is not a column of the table
   * @see #dropExpiringIndexSql(TableDef, String...)
   */
  public static String expiringIndexSql(TableDef table, TtlOptions options, String... fields) {
    Objects.requireNonNull(options, "options");
    List<Column> cols = columns(table, fields, "an expiring-row index");
    return "CREATE INDEX IF NOT EXISTS " + Identifiers.quote(name(table, cols, "expiring")) + " ON "
        + Identifiers.quote(table.name()) + " (" + quoted(cols) + ") WHERE "
        + Identifiers.quote(table.require(options.field()).sqlName()) + " IS NOT NULL;";
  }

  /**
   * Renders {@code DROP INDEX IF EXISTS "idx_<table>_<c1>_<c2>_expiring";}, the index
   * {@link #expiringIndexSql(TableDef, TtlOptions, String...)} creates for the same fields.
   *
   * @param table the table
   * @param fields the indexed fields given when it was created
   * @return the statement
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if no field is given or a field repeats
   * @throws io.sqlitekit.spi.error.ValidationException if a field is not a column of the table
   */
  public static String dropExpiringIndexSql(TableDef table, String... fields) {
    return drop(name(table, columns(table, fields, "an expiring-row index"), "expiring"));
  }

  /**
   * Renders the partial index of {@link #expiringIndexSql(TableDef, TtlOptions, String...)}.
   *
   * @param table the table
   * @param options the TTL options (for the field)
   * @param fields the indexed fields (property keys), at least one
   * @return the statement
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if no field is given or a field repeats
   * @throws io.sqlitekit.spi.error.ValidationException if a field is not a column of the table
   * @deprecated the name promised an index for live rows, which the plugin's live filter cannot use, and the
   *     index it rendered was called {@code idx_<table>_live} whatever the fields, so a second one was skipped
   *     silently. It now renders {@link #expiringIndexSql(TableDef, TtlOptions, String...)} (named after the
   *     fields); for live-row reads use {@link #liveIndexSql(TableDef, TtlOptions, String...)}.
   */
  @Deprecated
  public static String livePartialIndexSql(TableDef table, TtlOptions options, String... fields) {
    return expiringIndexSql(table, options, fields);
  }

  /**
   * Renders {@code DROP INDEX IF EXISTS "idx_<table>_live";}: drops the index that
   * {@code livePartialIndexSql} created under that name before it was deprecated.
   *
   * @param table the table
   * @return the statement
   * @throws NullPointerException if {@code table} is null
   * @deprecated only for databases that still hold an {@code idx_<table>_live} index; indexes rendered now are
   *     dropped with {@link #dropExpiringIndexSql(TableDef, String...)} or
   *     {@link #dropLiveIndexSql(TableDef, String...)}.
   */
  @Deprecated
  public static String dropLivePartialIndexSql(TableDef table) {
    Objects.requireNonNull(table, "table");
    return drop("idx_" + table.name() + "_live");
  }

  private static List<Column> columns(TableDef table, String[] fields, String what) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(fields, "fields");
    if (fields.length == 0) {
      throw new IllegalArgumentException(what + " on table \"" + table.name() + "\" needs at least one field");
    }
    Set<Column> cols = new LinkedHashSet<>();
    for (String f : fields) {
      if (!cols.add(table.require(Objects.requireNonNull(f, "field")))) {
        throw new IllegalArgumentException(what + " on table \"" + table.name() + "\" lists field \"" + f
            + "\" twice");
      }
    }
    return List.copyOf(cols);
  }

  private static String name(TableDef table, List<Column> cols, String suffix) {
    StringBuilder name = new StringBuilder("idx_").append(table.name());
    for (Column c : cols) {
      name.append('_').append(c.sqlName());
    }
    return name.append('_').append(suffix).toString();
  }

  private static String quoted(List<Column> cols) {
    List<String> q = new ArrayList<>(cols.size());
    for (Column c : cols) {
      q.add(Identifiers.quote(c.sqlName()));
    }
    return String.join(", ", q);
  }

  private static String drop(String name) {
    return "DROP INDEX IF EXISTS " + Identifiers.quote(name) + ";";
  }
}
