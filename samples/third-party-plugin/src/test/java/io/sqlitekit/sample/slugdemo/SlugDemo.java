package io.sqlitekit.sample.slugdemo;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.sample.slug.SlugPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.util.HashMap;
import java.util.Map;

/**
 * What a user of the plugin writes: enable it by name, nothing else. {@code SlugPluginIT} runs it in a fresh JVM
 * with the plugin jar on the module path and on the class path. (It lives in a package of its own: on the
 * module path, the plugin module owns {@code io.sqlitekit.sample.slug}.)
 */
public final class SlugDemo {
  private static final TableDef ARTICLES = TableDef.of("articles",
      Column.text("id").primaryKey(), Column.text("name").notNull(), Column.text("slug"));

  private SlugDemo() {
  }

  /**
   * Creates an article and prints its slug.
   *
   * @param args the database file
   */
  public static void main(String[] args) {
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + args[0]).plugins("slug").build()) {
      kit.createTable(ARTICLES);
      Map<String, Object> row = new HashMap<>();
      row.put("id", "a1");
      row.put("name", "Hello, Wörld!");
      System.out.println("slug: " + kit.documents(ARTICLES).create(row).get("slug"));
      System.out.println("provider module: " + SlugPlugin.class.getModule().getName());
    }
  }
}
