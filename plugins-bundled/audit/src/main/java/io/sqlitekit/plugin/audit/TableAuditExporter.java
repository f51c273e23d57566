package io.sqlitekit.plugin.audit;

import io.sqlitekit.plugin.audit.internal.AuditJson;
import io.sqlitekit.spi.audit.AuditEntry;
import io.sqlitekit.spi.audit.TransactionalAuditExporter;
import io.sqlitekit.spi.driver.SqlSession;
import java.sql.SQLException;
import java.util.ArrayList;
import io.sqlitekit.spi.table.Identifiers;
import io.sqlitekit.spi.table.Timestamps;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Writes each entry as a row of an audit table (default {@value #DEFAULT_TABLE}) in the audited database,
 * through the session of the audited write, which the audit plugin hands it from a before-commit hook: the rows
 * are part of the write's own transaction (no savepoint, no transaction of their own), commit or roll back
 * together with the change, and inside {@code withTransaction} with the caller's transaction. The entries of
 * one call are one statement (a batch when there are several).
 * The plugin creates the table when it is installed ({@link #createTableSql()}). Named {@code "table"}.
 *
 * <p>Columns: {@code id} (autoincrement), {@code ts} (ISO-8601 UTC, milliseconds), {@code operation},
 * {@code table_name}, {@code row_id}, {@code actor}, {@code tenant}, {@code changed_fields} (JSON array),
 * {@code before_json} and {@code after_json} (JSON objects, redacted), {@code affected_rows}.
 *
 * <p>Only usable through the audit plugin, which hands it the write's session.
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class TableAuditExporter implements TransactionalAuditExporter {
  /** The default table name. */
  public static final String DEFAULT_TABLE = "_audit";

  private final String table;
  private final String insert;

  /** Creates an exporter writing to {@value #DEFAULT_TABLE} (also the ServiceLoader constructor). */
  public TableAuditExporter() {
    this(DEFAULT_TABLE);
  }

  /**
   * Creates an exporter writing to the given table.
   *
   * @param table the table name
   * @throws IllegalArgumentException if the name is not a valid identifier
   */
  public TableAuditExporter(String table) {
    this.table = Identifiers.requireValid(Objects.requireNonNull(table, "table"), "audit table name");
    this.insert = "INSERT INTO " + Identifiers.quote(table) + " (ts, operation, table_name, row_id, actor, tenant,"
        + " changed_fields, before_json, after_json, affected_rows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  }

  @Override
  public String name() {
    return "table";
  }

  /**
   * Returns the audit table's name.
   *
   * @return the name
   */
  public String tableName() {
    return table;
  }

  /**
   * Returns the idempotent DDL of the audit table and its index on (table_name, row_id).
   *
   * @return the script
   */
  public String createTableSql() {
    return schemaScript();
  }

  /**
   * Returns the idempotent DDL of the audit table and its index, as {@link #createTableSql()}.
   *
   * @return the script
   */
  @Override
  public String schemaScript() {
    String q = Identifiers.quote(table);
    return "CREATE TABLE IF NOT EXISTS " + q + " (id INTEGER PRIMARY KEY AUTOINCREMENT, ts TEXT NOT NULL,"
        + " operation TEXT NOT NULL, table_name TEXT NOT NULL, row_id TEXT, actor TEXT, tenant TEXT,"
        + " changed_fields TEXT NOT NULL, before_json TEXT NOT NULL, after_json TEXT NOT NULL,"
        + " affected_rows INTEGER NOT NULL);\n"
        + "CREATE INDEX IF NOT EXISTS " + Identifiers.quote("idx_" + table + "_row") + " ON " + q
        + " (table_name, row_id);";
  }

  /**
   * Inserts the entries through the write's session: one {@code INSERT}, run once per entry.
   *
   * @param entries the entries
   * @param session the session of the audited write
   * @throws SQLException if the insert fails
   */
  @Override
  public void export(List<AuditEntry> entries, SqlSession session) throws SQLException {
    Objects.requireNonNull(session, "session");
    if (entries.size() == 1) {
      session.update(insert, params(entries.get(0)));
      return;
    }
    List<List<Object>> rows = new ArrayList<>(entries.size());
    for (AuditEntry e : entries) {
      rows.add(params(e));
    }
    session.batch(insert, rows);
  }

  private static List<Object> params(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    // Arrays.asList, not List.of: id, actor and tenant may be null, bound as SQL NULL.
    return Arrays.asList(Timestamps.format(entry.timestamp()), entry.operation().name(),
        entry.table(), entry.id(), entry.actor(), entry.tenant(), AuditJson.write(entry.changedFields()),
        AuditJson.write(entry.before()), AuditJson.write(entry.after()), entry.affectedRows());
  }
}
