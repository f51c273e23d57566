package io.sqlitekit.plugin.fts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.plugin.fts.internal.FtsPluginProvider;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DDL text and the checks on every identifier, tokenizer and prefix that reach it (no database). */
final class FtsDdlTest {
  static final TableDef NOTES = TableDef.of("notes", Column.integer("id").primaryKey(), Column.text("title"),
      Column.text("bodyText").sqlName("body"));

  @Test
  void createSql_externalContentTableAndThreeTriggers() {
    String sql = FtsDdl.createSql(NOTES, FtsOptions.of("title", "bodyText").withPrefix(2, 3));
    assertTrue(sql.startsWith("CREATE VIRTUAL TABLE IF NOT EXISTS \"notes_fts\" USING fts5(\"title\", \"body\","
        + " content=\"notes\", tokenize='unicode61 remove_diacritics 1', prefix='2 3');"), sql);
    assertTrue(sql.contains("CREATE TRIGGER IF NOT EXISTS \"notes_fts_ai\" AFTER INSERT ON \"notes\" BEGIN\n"
        + "  INSERT INTO \"notes_fts\"(rowid, \"title\", \"body\") VALUES (new.rowid, new.\"title\", new.\"body\");"),
        sql);
    assertTrue(sql.contains("AFTER DELETE ON \"notes\" BEGIN\n  INSERT INTO \"notes_fts\"(\"notes_fts\", rowid,"
        + " \"title\", \"body\") VALUES ('delete', old.rowid, old.\"title\", old.\"body\");"), sql);
    assertTrue(sql.contains("\"notes_fts_au\" AFTER UPDATE ON \"notes\""), sql);
  }

  @Test
  void createSql_contentRowidAndNames() {
    String sql = FtsDdl.createSql(NOTES, FtsOptions.of("title").withFtsTable("ix").withContentRowid("id")
        .withTokenize("porter unicode61"));
    assertTrue(sql.contains("USING fts5(\"title\", content=\"notes\", content_rowid=\"id\", tokenize='porter unicode61')"),
        sql);
    assertTrue(sql.contains("VALUES (new.\"id\", new.\"title\")"), sql);
  }

  @Test
  void dropAndRebuild() {
    FtsOptions o = FtsOptions.of("title");
    assertEquals("DROP TRIGGER IF EXISTS \"notes_fts_ad\";\nDROP TRIGGER IF EXISTS \"notes_fts_au\";\n"
        + "DROP TRIGGER IF EXISTS \"notes_fts_ai\";\nDROP TABLE IF EXISTS \"notes_fts\";\n", FtsDdl.dropSql(NOTES, o));
    assertEquals("INSERT INTO \"notes_fts\"(\"notes_fts\") VALUES('rebuild');", FtsDdl.rebuildSql(NOTES, o));
  }

  @Test
  void badNames_refusedBeforeAnySql() {
    assertThrows(IllegalArgumentException.class, () -> FtsOptions.of());
    assertThrows(IllegalArgumentException.class, () -> FtsOptions.of("ti\"tle"));
    assertThrows(IllegalArgumentException.class, () -> FtsOptions.of("title").withFtsTable("x; DROP TABLE y"));
    assertThrows(IllegalArgumentException.class, () -> FtsOptions.of("title").withContentRowid("1id"));
    assertThrows(IllegalArgumentException.class, () -> FtsOptions.of("title", "title"));
    assertThrows(IllegalArgumentException.class, () -> FtsOptions.of("title").withPrefix(0));
    assertThrows(IllegalArgumentException.class, () -> FtsOptions.of("title").withPrefix(100));
    assertThrows(IllegalArgumentException.class, () -> FtsOptions.of("title").withTokenize("porter'); DROP"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FtsDdl.createSql(NOTES, FtsOptions.of("nope")));
    assertEquals("fts: table \"notes\" has no field \"nope\"", e.getMessage());
    TableDef odd = TableDef.of("my notes", Column.integer("id").primaryKey(), Column.text("title"));
    assertThrows(IllegalArgumentException.class, () -> FtsDdl.createSql(odd, FtsOptions.of("title")));
    assertThrows(IllegalArgumentException.class, () -> FtsDdl.createSql(NOTES, FtsOptions.of("title").withTable("x")));
  }

  @Test
  void provider_textOptions() {
    FtsPluginProvider p = new FtsPluginProvider();
    assertEquals("fts", p.create(Map.of("columns", "title, bodyText", "prefix", "2,3", "autoCreate", "false")).name());
    assertThrows(ConfigurationException.class, () -> p.create(Map.of()));
    assertThrows(ConfigurationException.class, () -> p.create(Map.of("columns", "title", "colour", "x")));
    assertThrows(ConfigurationException.class, () -> p.create(Map.of("columns", "title", "prefix", "x")));
    assertThrows(ConfigurationException.class, () -> p.create(Map.of("columns", "title", "autoCreate", "yes")));
  }

  @Test
  void request_checks() {
    assertThrows(IllegalArgumentException.class, () -> SearchRequest.of(" "));
    assertThrows(IllegalArgumentException.class, () -> SearchRequest.of("a").limit(0));
    assertThrows(IllegalArgumentException.class, () -> SearchRequest.of("a").limit(1001));
    assertThrows(IllegalArgumentException.class, () -> SearchRequest.of("a").offset(-1));
    assertThrows(IllegalArgumentException.class, () -> new SearchRequest("a", io.sqlitekit.spi.filter.Filters.all(),
        20, 3, "cursor", Map.of(), null, null));
    assertThrows(IllegalArgumentException.class, () -> SearchRequest.of("a").weights(Map.of("t", -1.0)));
    assertThrows(IllegalArgumentException.class, () -> SearchRequest.of("a").weights(Map.of("t", Double.NaN)));
    assertThrows(IllegalArgumentException.class, () -> new SearchRequest.Highlight(List.of(), "<b>", "</b>"));
    assertThrows(IllegalArgumentException.class, () -> new SearchRequest.Snippet("t", "", "", "…", 65));
  }
}
