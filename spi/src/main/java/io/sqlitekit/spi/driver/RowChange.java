package io.sqlitekit.spi.driver;

import java.util.Objects;

/**
 * One row a committed transaction inserted, updated or deleted, as SQLite's update hook reports it.
 *
 * @param kind what happened to the row
 * @param table the table's name as SQLite reports it (unquoted)
 * @param rowid the row's rowid
 * @since 0.2.0
 */
public record RowChange(Kind kind, String table, long rowid) {
  /** What happened to a row. */
  public enum Kind {
    /** The row was inserted. */
    INSERT,
    /** The row was updated. */
    UPDATE,
    /** The row was deleted. */
    DELETE
  }

  /**
   * Checks the components.
   *
   * @throws NullPointerException if {@code kind} or {@code table} is null
   */
  public RowChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(table, "table");
  }
}
