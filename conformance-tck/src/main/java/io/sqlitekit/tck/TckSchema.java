package io.sqlitekit.tck;

import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;

/**
 * The table every TCK scenario uses. Harnesses create it (or its in-memory equivalent) in
 * {@link RepoHarness#create(TableDef)}.
 *
 * @since 0.1.0
 */
public final class TckSchema {
  /**
   * {@code tck_docs}: {@code id} TEXT primary key, {@code name} TEXT NOT NULL, {@code email} TEXT NOT NULL
   * UNIQUE, {@code category} TEXT, {@code count} INTEGER, {@code active} boolean, {@code notes} TEXT,
   * {@code createdAt} ISO-8601 timestamp, {@code version} INTEGER NOT NULL DEFAULT 1 (the version field).
   */
  public static final TableDef TABLE = TableDef.of("tck_docs",
      Column.text("id").primaryKey(),
      Column.text("name").notNull(),
      Column.text("email").notNull().unique(),
      Column.text("category"),
      Column.integer("count"),
      Column.bool("active"),
      Column.text("notes"),
      Column.timestamp("createdAt"),
      Column.integer("version").notNull().defaultValue(1L))
      .withVersionField("version");

  private TckSchema() {
  }
}
