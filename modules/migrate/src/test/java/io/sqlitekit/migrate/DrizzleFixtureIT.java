package io.sqlitekit.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.support.json.MiniJson;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.MigrationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applies the migrations written by the real drizzle-kit (see fixtures/drizzle/regenerate.sh) step by step and
 * checks that the database schema matches drizzle-kit's own snapshot after each step: tables, columns (type,
 * not-null, primary key, default), indexes (columns, uniqueness) and foreign keys.
 */
final class DrizzleFixtureIT {
  @TempDir
  Path tmp;

  @Test
  void eachStepMatchesDrizzleKitsSnapshot() throws Exception {
    Path fixture = MigrationSourceTest.drizzleFixture();
    try (SqliteDriver driver = TestDb.open(tmp.resolve("drizzle.db"))) {
      Migrator m = Migrator.create(driver, MigrationSource.drizzle(fixture));
      String[] tags = {"0000_init", "0001_comments_tags", "0002_alter_profile", "0003_rebuild_posts"};
      for (int step = 0; step < tags.length; step++) {
        assertEquals(List.of(tags[step]), m.up(step));
        List<String> expected = fromSnapshot(fixture.resolve(String.format(Locale.ROOT, "meta/%04d_snapshot.json",
            step)));
        assertEquals(String.join("\n", expected), String.join("\n", fromDatabase(driver)), "after " + tags[step]);
      }
      assertEquals(List.of(), m.up());
      assertEquals(List.of("comments", "posts", "tags", "users"), TestDb.tables(driver).subList(1, 5));
    }
  }

  private static void seed(SqliteDriver driver) {
    driver.write(s -> {
      s.executeScript("INSERT INTO users (id, email) VALUES (1, 'a@example.com'), (2, 'b@example.com')");
      s.executeScript("INSERT INTO posts (id, user_id, title, body) VALUES (10, 1, 't1', 'b1'), (11, 2, 't2', 'b2')");
      s.executeScript("INSERT INTO comments (post_id, author_id, text) VALUES (10, 2, 'c1'), (11, 1, 'c2')");
      s.executeScript("INSERT INTO tags (name, post_id) VALUES ('x', 10), ('y', 11)");
      return null;
    });
  }

  /** drizzle-kit's table rebuild of a referenced table with rows works on the migrator's own driver. */
  @Test
  void rebuildOfReferencedTableWithData_ownDriver() throws Exception {
    Path fixture = MigrationSourceTest.drizzleFixture();
    try (Migrator m = Migrator.create(TestDb.url(tmp.resolve("own.db")), MigrationSource.drizzle(fixture))) {
      m.up(2);
      seed(m.driver());
      assertEquals(List.of("0003_rebuild_posts"), m.up());
      assertEquals(List.of("10|b1", "11|b2"), TestDb.column(m.driver(), "SELECT id || '|' || body FROM posts ORDER BY id"));
      assertEquals(List.of(), TestDb.column(m.driver(), "SELECT \"table\" FROM pragma_foreign_key_check"));
      assertEquals(String.join("\n", fromSnapshot(fixture.resolve("meta/0003_snapshot.json"))),
          String.join("\n", fromDatabase(m.driver())));
    }
  }

  /** With foreign keys on (a caller's production driver) the same rebuild fails clearly and changes nothing. */
  @Test
  void rebuildOfReferencedTableWithData_foreignKeysOn() throws Exception {
    try (SqliteDriver driver = TestDb.open(tmp.resolve("fk.db"))) {
      Migrator m = Migrator.create(driver, MigrationSource.drizzle(MigrationSourceTest.drizzleFixture()));
      m.up(2);
      seed(driver);
      MigrationException e = assertThrows(MigrationException.class, m::up);
      assertTrue(e.getMessage().startsWith("migration 0003_rebuild_posts (version 3) up failed: "), e.getMessage());
      assertTrue(e.getMessage().contains("foreign_keys=OFF"), e.getMessage());
      assertEquals(MigrationState.PENDING, m.status().get(3).state());
      assertEquals(List.of("2"), TestDb.column(driver, "SELECT count(*) FROM posts"));
      assertEquals(List.of("comments", "posts", "tags", "users"), TestDb.tables(driver).subList(1, 5));
      assertEquals(List.of("1"), TestDb.column(driver, "SELECT count(*) FROM _sqlitekit_migrations WHERE version = 2"),
          "the driver is still usable after the failed commit");
    }
  }

  /** With foreign keys off, a migration that leaves dangling references is rolled back. */
  @Test
  void newForeignKeyViolations_areRefusedWhenForeignKeysAreOff() throws Exception {
    Path fixture = MigrationSourceTest.drizzleFixture();
    try (Migrator m = Migrator.create(TestDb.url(tmp.resolve("dangling.db")), MigrationSource.drizzle(fixture),
        MigrationSource.of(SqlMigration.of(4, "0004_dangling", "INSERT INTO comments (post_id, text) VALUES (999, 'x');")))) {
      m.up(3);
      MigrationException e = assertThrows(MigrationException.class, m::up);
      assertEquals("migration 0004_dangling (version 4) up leaves foreign key violations: comments -> posts (1 row(s))",
          e.getMessage());
      assertEquals(List.of("0"), TestDb.column(m.driver(), "SELECT count(*) FROM comments"));
    }
  }

  private static String dflt(Object v) {
    if (v == null) {
      return "none";
    }
    if (v instanceof Number) {
      return v instanceof Double ? MiniJson.formatDouble((Double) v) : v.toString();
    }
    // SQLite reports an expression default without the parentheses it was declared with.
    String text = v.toString();
    return text.startsWith("(") && text.endsWith(")") ? text.substring(1, text.length() - 1) : text;
  }

  @SuppressWarnings("unchecked")
  static List<String> fromSnapshot(Path file) throws IOException {
    Map<String, Object> snap = (Map<String, Object>) MiniJson.INSTANCE.read(Files.readString(file), Object.class);
    assertEquals("sqlite", snap.get("dialect"));
    List<String> out = new ArrayList<>();
    for (Object t : ((Map<String, Object>) snap.get("tables")).values()) {
      Map<String, Object> table = (Map<String, Object>) t;
      String name = (String) table.get("name");
      out.add("table " + name);
      List<Object> compositePk = new ArrayList<>();
      for (Object pk : ((Map<String, Object>) table.get("compositePrimaryKeys")).values()) {
        compositePk.addAll((List<Object>) ((Map<String, Object>) pk).get("columns"));
      }
      for (Object c : ((Map<String, Object>) table.get("columns")).values()) {
        Map<String, Object> col = (Map<String, Object>) c;
        boolean pk = Boolean.TRUE.equals(col.get("primaryKey")) || compositePk.contains(col.get("name"));
        out.add(String.format(Locale.ROOT, "column %s.%s %s notNull=%s pk=%s default=%s", name, col.get("name"),
            col.get("type"), col.get("notNull"), pk, dflt(col.get("default"))));
      }
      for (Object i : ((Map<String, Object>) table.get("indexes")).values()) {
        Map<String, Object> idx = (Map<String, Object>) i;
        out.add(String.format(Locale.ROOT, "index %s.%s %s unique=%s", name, idx.get("name"), idx.get("columns"),
            idx.get("isUnique")));
      }
      for (Object f : ((Map<String, Object>) table.get("foreignKeys")).values()) {
        Map<String, Object> fk = (Map<String, Object>) f;
        out.add(String.format(Locale.ROOT, "fk %s %s -> %s %s onDelete=%s onUpdate=%s", name, fk.get("columnsFrom"),
            fk.get("tableTo"), fk.get("columnsTo"), fk.get("onDelete"), fk.get("onUpdate")));
      }
    }
    Collections.sort(out);
    return out;
  }

  static List<String> fromDatabase(SqliteDriver driver) {
    return driver.read(s -> {
      List<String> out = new ArrayList<>();
      for (String table : TestDb.tables(driver)) {
        if (table.equals(MigratorOptions.DEFAULT_TABLE)) {
          continue;
        }
        out.add("table " + table);
        s.query("SELECT name, lower(type), \"notnull\", pk, dflt_value FROM pragma_table_info(?)", List.of(table),
            rs -> {
              while (rs.next()) {
                out.add(String.format(Locale.ROOT, "column %s.%s %s notNull=%s pk=%s default=%s", table,
                    rs.getString(0), rs.getString(1), rs.getLong(2) == 1, rs.getLong(3) > 0, dflt(rs.getString(4))));
              }
              return null;
            });
        List<String[]> indexes = s.query("SELECT name, \"unique\" FROM pragma_index_list(?) WHERE origin = 'c'",
            List.of(table), rs -> {
              List<String[]> found = new ArrayList<>();
              while (rs.next()) {
                found.add(new String[] {rs.getString(0), Boolean.toString(rs.getLong(1) == 1)});
              }
              return found;
            });
        for (String[] i : indexes) {
          List<String> columns = s.query("SELECT name FROM pragma_index_info(?) ORDER BY seqno", List.of(i[0]),
              rs -> {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                  names.add(rs.getString(0));
                }
                return names;
              });
          out.add(String.format(Locale.ROOT, "index %s.%s %s unique=%s", table, i[0], columns, i[1]));
        }
        s.query("SELECT id, \"from\", \"table\", \"to\", lower(on_delete), lower(on_update) "
            + "FROM pragma_foreign_key_list(?) ORDER BY id, seq", List.of(table), rs -> {
              while (rs.next()) {
                out.add(String.format(Locale.ROOT, "fk %s [%s] -> %s [%s] onDelete=%s onUpdate=%s", table,
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
              }
              return null;
            });
      }
      Collections.sort(out);
      return out;
    });
  }
}
