package io.sqlitekit.driver.dqlite.internal;

import io.sqlitekit.dqlite.client.DqliteConnection;
import io.sqlitekit.dqlite.client.DqliteRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Internal, not API, may change. Finds columns whose declared type dqlite encodes lossily or dangerously.
 *
 * <p>dqlite picks a result value's wire type from the column's <em>declared</em> type: a NULL in a
 * {@code DATETIME}/{@code DATE}/{@code TIMESTAMP} column comes back as {@code ''}, a NULL in a {@code BOOLEAN}
 * column as {@code false}, and a REAL in a date column (or a non-integer in a boolean one) trips an assertion
 * that aborts the node serving the read; clients retrying the read then walk through the cluster. The kit's
 * own DDL only declares INTEGER/REAL/TEXT/BLOB, so these columns can come only from hand-written DDL or
 * migrations. The driver runs this check inside the write transaction that changed the schema, before its
 * COMMIT, so such a column is never committed (and never replicated), and once when it opens a database.
 *
 * <p>The query reads the declared types through {@code pragma_table_info}, whose result columns carry no
 * declared type, so the check itself cannot trip the server's type mapping.
 *
 * @since 0.1.0
 */
final class TypeGuard {
  /** Declared types (compared as dqlite does: the whole type name, case-insensitive) and quoted forms. */
  static final String SQL = "SELECT m.name, p.name, p.type FROM sqlite_master AS m"
      + " JOIN pragma_table_info(m.name) AS p"
      + " WHERE m.type IN ('table', 'view')"
      + " AND upper(trim(p.type, ' \"''[]`')) IN ('DATETIME', 'DATE', 'TIMESTAMP', 'BOOLEAN')"
      + " ORDER BY 1, 2";

  private TypeGuard() {
  }

  /**
   * Lists the offending columns as {@code table.column TYPE}.
   *
   * @param conn a connection with no open rows
   * @return the columns, empty when the schema is safe
   */
  static List<String> offending(DqliteConnection conn) {
    List<String> out = new ArrayList<>();
    try (DqliteRows rows = conn.query(SQL)) {
      while (rows.next()) {
        out.add(rows.getString(0) + "." + rows.getString(1) + " " + rows.getString(2));
      }
    }
    return out;
  }

  /** The explanation shared by the write-time and open-time refusals. */
  static String explain(List<String> columns) {
    return String.format(Locale.ROOT, "column%s %s declared with a type dqlite encodes lossily: it returns NULL"
        + " in DATETIME/DATE/TIMESTAMP columns as '' and in BOOLEAN columns as false, and a REAL stored in a date"
        + " column aborts the node that reads it. Declare time as INTEGER (epoch) or TEXT (ISO-8601) and booleans"
        + " as INTEGER (the kit's Column.timestamp/bool already do)", columns.size() == 1 ? "" : "s",
        String.join(", ", columns) + (columns.size() == 1 ? " is" : " are"));
  }
}
