package io.sqlitekit.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.support.json.MiniJson;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DdlTest {
  @Test
  void createTableRendersConstraintsAndSafeDefaults() {
    TableDef t = TableDef.of("users", Column.integer("id").autoIncrement(), Column.text("email").notNull().unique(),
        Column.text("motto").defaultValue("it's"), Column.bool("active").notNull().defaultValue(true),
        Column.integer("n").defaultValue(-1), Column.real("r").defaultValue(1.5),
        Column.timestamp("at").defaultSql("strftime('%Y-%m-%dT%H:%M:%fZ','now')"),
        Column.json("meta", Object.class).defaultValue(Map.of("a", 1)));
    assertEquals("CREATE TABLE IF NOT EXISTS \"users\" (\"id\" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
        + "\"email\" TEXT NOT NULL UNIQUE, \"motto\" TEXT DEFAULT 'it''s', \"active\" INTEGER NOT NULL DEFAULT 1, "
        + "\"n\" INTEGER DEFAULT (-1), \"r\" REAL DEFAULT (1.5), "
        + "\"at\" TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), \"meta\" TEXT DEFAULT '{\"a\":1}')",
        Ddl.createTable(t, true, MiniJson.INSTANCE));
    assertEquals("CREATE TABLE \"x\" (\"id\" TEXT PRIMARY KEY NOT NULL)",
        Ddl.createTable(TableDef.of("x", Column.text("id").primaryKey()), false, null));
    assertEquals("CREATE TABLE \"x\" (\"id\" TEXT PRIMARY KEY NOT NULL) STRICT",
        Ddl.createTable(TableDef.of("x", Column.text("id").primaryKey()), false, null, true));
  }

  @Test
  void indexOutputsArePinned() {
    assertEquals("CREATE INDEX IF NOT EXISTS \"idx_orders_userId_createdAt\" ON \"orders\" (\"userId\", \"createdAt\");",
        Indexes.create("orders", List.of("userId", "createdAt"), false, null, null, true));
    assertEquals("CREATE UNIQUE INDEX IF NOT EXISTS \"uniq_active_user_email\" ON \"users\" (\"email\") "
        + "WHERE \"deletedAt\" IS NULL;",
        Indexes.create("users", List.of("email"), true, "\"deletedAt\" IS NULL", "uniq_active_user_email", true));
    assertEquals("CREATE INDEX \"idx_orders_id\" ON \"orders\" (\"id\");",
        Indexes.create("orders", List.of("id"), false, null, null, false));
    assertEquals("DROP INDEX IF EXISTS \"i\";", Indexes.drop("i", true));
    assertEquals("DROP INDEX \"i\";", Indexes.drop("i", false));
    assertEquals("REINDEX;", Indexes.reindex(null));
    assertEquals("REINDEX \"users\";", Indexes.reindex("users"));
    assertThrows(IllegalArgumentException.class, () -> Indexes.create("t", List.of(), false, null, null, true));
    assertThrows(IllegalArgumentException.class, () -> Indexes.create("t;drop", List.of("a"), false, null, null, true));
  }

  @Test
  void partialIndexFromFilterInlinesLiterals() {
    TableDef t = TableDef.of("users", Column.text("id").primaryKey(), Column.text("email"),
        Column.timestamp("deletedAt"), Column.text("tenant"));
    assertEquals("CREATE UNIQUE INDEX IF NOT EXISTS \"u\" ON \"users\" (\"email\") WHERE (\"deletedAt\" IS NULL AND "
        + "\"tenant\" = 'o''k');",
        Indexes.create(t, List.of("email"), true, Filters.and(Filters.isNull("deletedAt"), Filters.eq("tenant", "o'k")),
            "u", true, null));
    assertEquals("x = 1", Indexes.partialWhere("CREATE INDEX i ON t (a) where x = 1 ;"));
  }
}
