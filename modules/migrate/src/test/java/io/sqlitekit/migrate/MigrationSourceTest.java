package io.sqlitekit.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.migrate.internal.ScriptMigration;
import io.sqlitekit.spi.error.MigrationException;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MigrationSourceTest {
  @TempDir
  Path tmp;

  static Path drizzleFixture() throws Exception {
    return Path.of(MigrationSourceTest.class.getResource("/drizzle/meta/_journal.json").toURI()).getParent()
        .getParent();
  }

  private static List<Long> versions(List<Migration> ms) {
    return ms.stream().map(Migration::version).collect(Collectors.toList());
  }

  private static List<String> names(List<Migration> ms) {
    return ms.stream().map(Migration::name).collect(Collectors.toList());
  }

  private void write(String name, String text) throws IOException {
    Files.createDirectories(tmp.resolve(name).getParent());
    Files.writeString(tmp.resolve(name), text);
  }

  @Test
  void flyway_numericOrderNotLexical() throws IOException {
    for (int v : new int[] {100, 2, 10, 1, 20}) {
      write("V" + v + "__step_" + v + ".sql", "CREATE TABLE t" + v + " (id INTEGER);");
    }
    write("U10__step_10.sql", "DROP TABLE t10;");
    write("notes.md", "ignored");
    List<Migration> ms = MigrationSource.flyway(tmp).load();
    assertEquals(List.of(1L, 2L, 10L, 20L, 100L), versions(ms));
    Migration ten = ms.get(2);
    assertEquals("V10__step_10", ten.name());
    assertEquals("step 10", ten.description());
    assertTrue(ten.reversible());
    assertFalse(ms.get(0).reversible());
  }

  @Test
  void flyway_leadingZerosAreTheSameVersion() throws IOException {
    write("V1__a.sql", "SELECT 1;");
    write("V001__b.sql", "SELECT 2;");
    MigrationException e = assertThrows(MigrationException.class, () -> MigrationSource.flyway(tmp).load());
    assertTrue(e.getMessage().contains("version 1 appears twice"), e.getMessage());
  }

  @Test
  void flyway_badNamesAndOrphanUndo() throws IOException {
    write("V1_missing_double_underscore.sql", "SELECT 1;");
    MigrationException bad = assertThrows(MigrationException.class, () -> MigrationSource.flyway(tmp).load());
    assertTrue(bad.getMessage().contains("unrecognised migration file V1_missing_double_underscore.sql"),
        bad.getMessage());
    Files.delete(tmp.resolve("V1_missing_double_underscore.sql"));
    write("V1__ok.sql", "SELECT 1;");
    write("U2__nothing.sql", "SELECT 1;");
    MigrationException orphan = assertThrows(MigrationException.class, () -> MigrationSource.flyway(tmp).load());
    assertTrue(orphan.getMessage().contains("undo file U2__nothing.sql"), orphan.getMessage());
  }

  @Test
  void drizzle_realFixture() throws Exception {
    List<Migration> ms = MigrationSource.drizzle(drizzleFixture()).load();
    assertEquals(List.of("0000_init", "0001_comments_tags", "0002_alter_profile", "0003_rebuild_posts"), names(ms));
    assertEquals(List.of(0L, 1L, 2L, 3L), versions(ms));
    assertEquals("alter_profile", ms.get(2).description());
    assertFalse(ms.get(0).reversible());
    assertEquals(List.of(0L, 1L, 2L, 3L), versions(MigrationSource.folder(drizzleFixture()).load()),
        "folder() detects the drizzle layout");
  }

  @Test
  void drizzle_journalOrderNotFileOrder() throws IOException {
    write("meta/_journal.json", "{\"version\":\"7\",\"dialect\":\"sqlite\",\"entries\":["
        + "{\"idx\":10,\"tag\":\"b_late\"},{\"idx\":2,\"tag\":\"z_early\"},{\"idx\":100,\"tag\":\"a_last\"}]}");
    write("b_late.sql", "SELECT 1;");
    write("z_early.sql", "SELECT 1;");
    write("a_last.sql", "SELECT 1;");
    assertEquals(List.of("z_early", "b_late", "a_last"), names(MigrationSource.drizzle(tmp).load()));
  }

  @Test
  void drizzle_downFolder() throws Exception {
    write("down/0001_comments_tags.sql", "DROP TABLE tags;\nDROP TABLE comments;");
    List<Migration> ms = MigrationSource.drizzle(drizzleFixture(), tmp.resolve("down")).load();
    assertFalse(ms.get(0).reversible());
    assertTrue(ms.get(1).reversible());
  }

  @Test
  void drizzle_wrongDialectMissingFileMissingJournal() throws IOException {
    MigrationException noJournal = assertThrows(MigrationException.class, () -> MigrationSource.drizzle(tmp).load());
    assertTrue(noJournal.getMessage().contains("meta/_journal.json is missing"), noJournal.getMessage());
    write("meta/_journal.json", "{\"dialect\":\"postgresql\",\"entries\":[]}");
    MigrationException dialect = assertThrows(MigrationException.class, () -> MigrationSource.drizzle(tmp).load());
    assertTrue(dialect.getMessage().contains("declares dialect \"postgresql\"; expected \"sqlite\""),
        dialect.getMessage());
    write("meta/_journal.json", "{\"dialect\":\"sqlite\",\"entries\":[{\"idx\":0,\"tag\":\"0000_gone\"}]}");
    MigrationException missing = assertThrows(MigrationException.class, () -> MigrationSource.drizzle(tmp).load());
    assertTrue(missing.getMessage().contains("lists 0000_gone (idx 0) but 0000_gone.sql is missing"),
        missing.getMessage());
  }

  @Test
  void classpath_directoryOnTheClassPath() {
    List<Migration> ms = MigrationSource.classpath("classpath:/flyway-cp/", getClass().getClassLoader()).load();
    assertEquals(List.of("V1__one", "V2__two", "V10__ten"), names(ms));
    assertTrue(ms.get(1).reversible());
    List<Migration> dz = MigrationSource.classpath("drizzle").load();
    assertEquals(4, dz.size(), "context class loader, drizzle layout detected");
  }

  private Path jar(String name, boolean dirEntries, Map<String, String> files) throws IOException {
    Path jar = tmp.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      if (dirEntries) {
        out.putNextEntry(new JarEntry("db/"));
        out.closeEntry();
        out.putNextEntry(new JarEntry("db/migration/"));
        out.closeEntry();
      }
      for (Map.Entry<String, String> f : files.entrySet()) {
        out.putNextEntry(new JarEntry(f.getKey()));
        out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }

  @Test
  void classpath_insideAJar() throws Exception {
    Path jar = jar("with-dirs.jar", true, Map.of("db/migration/V2__b.sql", "SELECT 2;",
        "db/migration/V1__a.sql", "SELECT 1;", "db/migration/sub/V3__nested_is_ignored.sql", "SELECT 3;"));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      assertEquals(List.of("V1__a", "V2__b"), names(MigrationSource.classpath("db/migration", loader).load()));
    }
  }

  @Test
  void classpath_jarWithoutDirectoryEntriesNeedsTheIndex() throws Exception {
    Path bare = jar("bare.jar", false, Map.of("db/migration/V1__a.sql", "SELECT 1;"));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {bare.toUri().toURL()}, null)) {
      MigrationException e = assertThrows(MigrationException.class,
          () -> MigrationSource.classpath("db/migration", loader).load());
      assertTrue(e.getMessage().contains("migrations.idx"), e.getMessage());
    }
    Path indexed = jar("indexed.jar", false, Map.of("db/migration/V1__a.sql", "SELECT 1;",
        "db/migration/V7__g.sql", "SELECT 7;", "db/migration/migrations.idx", "# listing\nV7__g.sql\n\nV1__a.sql\n"));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {indexed.toUri().toURL()}, null)) {
      assertEquals(List.of(1L, 7L), versions(MigrationSource.classpath("db/migration", loader).load()));
    }
  }

  @Test
  void classpath_namedModuleWithEncapsulatedResources() throws Exception {
    Path src = tmp.resolve("src/fixture.app");
    Files.createDirectories(src.resolve("app"));
    Files.writeString(src.resolve("module-info.java"), "module fixture.app { }");
    Files.writeString(src.resolve("app/Anchor.java"), "package app; public class Anchor { }");
    Path classes = tmp.resolve("classes");
    ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
    int rc = javac.run(System.out, System.err, "-d", classes.toString(), src.resolve("module-info.java").toString(),
        src.resolve("app/Anchor.java").toString());
    assertEquals(0, rc);
    Path jar = tmp.resolve("fixture-app.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String cls : List.of("module-info.class", "app/Anchor.class")) {
        out.putNextEntry(new JarEntry(cls));
        out.write(Files.readAllBytes(classes.resolve(cls)));
        out.closeEntry();
      }
      for (String[] f : new String[][] {{"db/migration/V1__a.sql", "SELECT 1;"}, {"db/migration/V20__t.sql",
          "SELECT 20;"}, {"db/migration/V3__c.sql", "SELECT 3;"}}) {
        out.putNextEntry(new JarEntry(f[0]));
        out.write(f[1].getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    ModuleFinder finder = ModuleFinder.of(jar);
    Configuration cf = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), Set.of("fixture.app"));
    ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getSystemClassLoader());
    Module module = layer.findModule("fixture.app").orElseThrow();
    assertTrue(module.getDescriptor().packages().contains("db.migration"), "resource folder is a module package");
    assertNull(module.getClassLoader().getResource("db/migration/V1__a.sql"),
        "the class loader cannot see an encapsulated resource");
    List<Migration> ms = MigrationSource.classpath("db/migration", module).load();
    assertEquals(List.of(1L, 3L, 20L), versions(ms));
    assertEquals("SELECT 20;", ((ScriptMigration) ms.get(2)).upSql());
  }

  @Test
  void programmatic() {
    SqlMigration a = SqlMigration.of(3, "three", "CREATE TABLE x (id INTEGER);", "DROP TABLE x;");
    SqlMigration b = SqlMigration.of(1, "one", "CREATE TABLE y (id INTEGER);");
    assertEquals(List.of(a, b), MigrationSource.of(a, b).load());
    assertTrue(a.reversible());
    assertFalse(b.reversible());
    assertEquals("DROP TABLE x;", a.downSql().orElseThrow());
    assertEquals(a.checksum(), SqlMigration.of(9, "other", "CREATE TABLE x (id INTEGER);\r\n").checksum());
    assertThrows(IllegalArgumentException.class, () -> SqlMigration.of(-1, "neg", "SELECT 1;"));
    assertThrows(IllegalArgumentException.class, () -> SqlMigration.of(1, " ", "SELECT 1;"));
    assertThrows(NullPointerException.class, () -> SqlMigration.of(1, "n", null));
    assertThrows(NullPointerException.class, () -> MigrationSource.of((Migration) null));
  }

  @Test
  void javaMigrationDefaults() {
    Migration m = new Migration() {
      @Override
      public long version() {
        return 4;
      }

      @Override
      public String name() {
        return "java_four";
      }

      @Override
      public void up(io.sqlitekit.spi.driver.SqlSession session) {}
    };
    assertFalse(m.reversible());
    assertEquals(64, m.checksum().length());
    MigrationException e = assertThrows(MigrationException.class, () -> m.down(null));
    assertEquals("migration java_four (version 4) has no down migration and cannot be rolled back", e.getMessage());
  }
}
