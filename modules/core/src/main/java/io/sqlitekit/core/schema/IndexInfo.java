package io.sqlitekit.core.schema;

import java.util.List;
import java.util.Objects;

/**
 * One index of a table as SQLite reports it.
 *
 * @param name the index name
 * @param table the table name
 * @param unique whether the index is unique
 * @param auto whether SQLite created it (primary key or UNIQUE constraint) rather than CREATE INDEX
 * @param columns the key columns in order
 * @param partialWhere the WHERE clause of a partial index, or null
 * @since 0.1.0
 */
public record IndexInfo(String name, String table, boolean unique, boolean auto, List<Column> columns,
    String partialWhere) {
  /**
   * Copies the columns.
   *
   * @param name the index name
   * @param table the table name
   * @param unique whether the index is unique
   * @param auto whether SQLite created it
   * @param columns the key columns in order
   * @param partialWhere the WHERE clause of a partial index, or null
   * @throws NullPointerException if a required component is null
   */
  public IndexInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(table, "table");
    columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
  }

  /**
   * One key column of an index.
   *
   * @param name the column name (SQL name)
   * @param desc whether it is sorted descending
   * @since 0.1.0
   */
  public record Column(String name, boolean desc) {
    /**
     * Validates the column.
     *
     * @param name the column name
     * @param desc whether it is sorted descending
     * @throws NullPointerException if {@code name} is null
     */
    public Column {
      Objects.requireNonNull(name, "name");
    }
  }
}
