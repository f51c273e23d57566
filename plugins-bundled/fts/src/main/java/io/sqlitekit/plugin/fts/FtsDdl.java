package io.sqlitekit.plugin.fts;

import io.sqlitekit.plugin.fts.internal.FtsIndex;
import io.sqlitekit.spi.table.TableDef;
import java.util.stream.Collectors;

/**
 * The DDL of a full-text index: the external-content FTS5 table, the three triggers that keep it in sync with
 * the source table, and the statements that drop and rebuild it. Every identifier is checked against
 * {@code [A-Za-z_][A-Za-z0-9_]*} before it is quoted into SQL; values never appear in it.
 *
 * <p>The triggers: {@code <fts>_ai} after insert adds the new row; {@code <fts>_au} after update removes the
 * old image and adds the new one; {@code <fts>_ad} after delete removes the old image. An external-content
 * index must be told the exact old values to remove them, which the triggers pass from {@code old}. Writes
 * that bypass triggers (a {@code REPLACE} conflict resolution without {@code recursive_triggers}, a change of
 * implicit rowids by {@code VACUUM} on a table without INTEGER PRIMARY KEY) leave the index stale: run
 * {@link #rebuildSql} after them.
 *
 * @since 0.2.0
 */
public final class FtsDdl {
  private FtsDdl() {
  }

  /**
   * Returns the script creating the FTS5 table and its triggers, all {@code IF NOT EXISTS}.
   *
   * @param table the source table
   * @param options the options (their {@code table}, when set, must name {@code table})
   * @return the script
   * @throws IllegalArgumentException if a field is unknown or a name is not a plain identifier
   */
  public static String createSql(TableDef table, FtsOptions options) {
    FtsIndex n = names(table, options);
    StringBuilder sb = new StringBuilder();
    sb.append("CREATE VIRTUAL TABLE IF NOT EXISTS ").append(q(n.fts())).append(" USING fts5(")
        .append(n.columns().stream().map(FtsDdl::q).collect(Collectors.joining(", ")))
        .append(", content=").append(q(n.source()));
    if (!"rowid".equals(n.key())) {
      sb.append(", content_rowid=").append(n.key());
    }
    sb.append(", tokenize='").append(options.tokenize()).append('\'');
    if (!options.prefix().isEmpty()) {
      sb.append(", prefix='").append(options.prefix().stream().map(String::valueOf)
          .collect(Collectors.joining(" "))).append('\'');
    }
    sb.append(");\n");
    String cols = n.columns().stream().map(FtsDdl::q).collect(Collectors.joining(", "));
    String news = n.columns().stream().map(c -> "new." + q(c)).collect(Collectors.joining(", "));
    String olds = n.columns().stream().map(c -> "old." + q(c)).collect(Collectors.joining(", "));
    String key = n.key();
    String add = "  INSERT INTO " + q(n.fts()) + "(rowid, " + cols + ") VALUES (new." + key + ", " + news + ");\n";
    String remove = "  INSERT INTO " + q(n.fts()) + "(" + q(n.fts()) + ", rowid, " + cols + ") VALUES ('delete', old."
        + key + ", " + olds + ");\n";
    sb.append("CREATE TRIGGER IF NOT EXISTS ").append(q(n.fts() + "_ai")).append(" AFTER INSERT ON ")
        .append(q(n.source())).append(" BEGIN\n").append(add).append("END;\n");
    sb.append("CREATE TRIGGER IF NOT EXISTS ").append(q(n.fts() + "_ad")).append(" AFTER DELETE ON ")
        .append(q(n.source())).append(" BEGIN\n").append(remove).append("END;\n");
    sb.append("CREATE TRIGGER IF NOT EXISTS ").append(q(n.fts() + "_au")).append(" AFTER UPDATE ON ")
        .append(q(n.source())).append(" BEGIN\n").append(remove).append(add).append("END;\n");
    return sb.toString();
  }

  /**
   * Returns the script dropping the triggers and the FTS5 table (the source table is untouched).
   *
   * @param table the source table
   * @param options the options
   * @return the script
   * @throws IllegalArgumentException if a name is not a plain identifier
   */
  public static String dropSql(TableDef table, FtsOptions options) {
    FtsIndex n = names(table, options);
    return "DROP TRIGGER IF EXISTS " + q(n.fts() + "_ad") + ";\nDROP TRIGGER IF EXISTS " + q(n.fts() + "_au")
        + ";\nDROP TRIGGER IF EXISTS " + q(n.fts() + "_ai") + ";\nDROP TABLE IF EXISTS " + q(n.fts()) + ";\n";
  }

  /**
   * Returns the statement that rebuilds the index from the source table's current rows.
   *
   * @param table the source table
   * @param options the options
   * @return the statement
   * @throws IllegalArgumentException if a name is not a plain identifier
   */
  public static String rebuildSql(TableDef table, FtsOptions options) {
    FtsIndex n = names(table, options);
    return "INSERT INTO " + q(n.fts()) + "(" + q(n.fts()) + ") VALUES('rebuild');";
  }

  static FtsIndex names(TableDef table, FtsOptions options) {
    return FtsIndex.of(table, options);
  }

  private static String q(String identifier) {
    return '"' + identifier + '"';
  }
}
