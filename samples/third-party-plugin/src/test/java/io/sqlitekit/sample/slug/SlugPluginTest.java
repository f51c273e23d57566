package io.sqlitekit.sample.slug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin's own behaviour on real SQLite, enabled by name as a user would. */
class SlugPluginTest {
  static final TableDef ARTICLES = TableDef.of("articles",
      Column.text("id").primaryKey(), Column.text("name").notNull(), Column.text("slug"));

  @TempDir
  Path dir;

  private SqliteKit kit;

  private StandardRepo<Map<String, Object>, Object> articles() {
    kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("a.db")).plugins("slug").build();
    kit.createTable(ARTICLES);
    return kit.documents(ARTICLES);
  }

  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
  }

  private static Map<String, Object> article(String id, String name) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", id);
    row.put("name", name);
    return row;
  }

  @Test
  void slugify_foldsAccentsAndPunctuation() {
    assertEquals("hello-world", SlugPlugin.slugify("  Hello, Wörld!  "));
    assertEquals("creme-brulee-2", SlugPlugin.slugify("Crème brûlée #2"));
    assertEquals("", SlugPlugin.slugify("!!!"));
  }

  @Test
  void insertPathsFillTheSlug_updatesKeepIt() {
    StandardRepo<Map<String, Object>, Object> repo = articles();
    assertEquals("first-post", repo.create(article("a1", "First post")).get("slug"));
    Map<String, Object> given = article("a2", "Second");
    given.put("slug", "custom");
    assertEquals("custom", repo.create(given).get("slug"));
    repo.batch(b -> List.of(b.insert(article("a3", "Third one"))));
    assertEquals("third-one", repo.getById("a3").orElseThrow().get("slug"));
    repo.update("a1", Update.set("name", "Renamed"));
    assertEquals("first-post", repo.getById("a1").orElseThrow().get("slug"), "links stay stable");
  }

  @Test
  void noLettersOrDigits_isAValidationErrorAndNothingIsWritten() {
    StandardRepo<Map<String, Object>, Object> repo = articles();
    ValidationException e = assertThrows(ValidationException.class,
        () -> repo.createMany(List.of(article("b1", "Fine"), article("b2", "???"))));
    assertEquals("slug", e.field());
    assertTrue(e.getMessage().contains("cannot make a slug from name \"???\""), e.getMessage());
    assertEquals(0, repo.count(Filters.all()));
  }

  @Test
  void aTableWithoutTheColumn_isRefusedAtInstall() {
    kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("b.db")).plugins("slug").build();
    TableDef noSlug = TableDef.of("tags", Column.text("id").primaryKey(), Column.text("name"));
    kit.createTable(noSlug);
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> kit.documents(noSlug));
    assertTrue(e.getMessage().contains("table \"tags\" has no column \"slug\""), e.getMessage());
  }
}
