package io.sqlitekit.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MigrateCliIT {
  @TempDir
  Path tmp;
  Path dir;
  String url;
  private ByteArrayOutputStream out;
  private ByteArrayOutputStream err;

  @BeforeEach
  void setUp() throws IOException {
    dir = Files.createDirectories(tmp.resolve("migrations"));
    url = "jdbc:sqlite:" + tmp.resolve("cli.db");
    Files.writeString(dir.resolve("V1__users.sql"), "CREATE TABLE users (id INTEGER PRIMARY KEY);");
    Files.writeString(dir.resolve("U1__users.sql"), "DROP TABLE users;");
    Files.writeString(dir.resolve("V2__posts.sql"), "CREATE TABLE posts (id INTEGER PRIMARY KEY);");
    Files.writeString(dir.resolve("U2__posts.sql"), "DROP TABLE posts;");
    Files.writeString(dir.resolve("V10__tags.sql"), "CREATE TABLE tags (id INTEGER PRIMARY KEY);");
  }

  private int run(String... args) {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    return MigrateCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void statusUpDownValidate() throws IOException {
    assertEquals(0, run("status", "--url", url, "--dir", dir.toString()));
    assertTrue(out().contains("     10  V10__tags  versioned  PENDING"), out());

    assertEquals(0, run("up", "--url", url, "--dir", dir.toString(), "--target", "2"));
    assertTrue(out().contains("applying V1__users (version 1) ..."), out());
    assertTrue(out().contains("applying V2__posts (version 2) ..."), out());
    assertTrue(out().contains("2 migration(s) applied"), out());
    assertTrue(out().contains("      2  V2__posts  versioned  APPLIED"), out());

    assertEquals(0, run("up", "--url", url, "--dir", dir.toString(), "--format", "flyway"));
    assertTrue(out().contains("1 migration(s) applied"), out());

    assertEquals(0, run("validate", "--url", url, "--dir", dir.toString()));
    assertTrue(out().contains("valid: 3 applied, 0 pending"), out());

    assertEquals(1, run("down", "--url", url, "--dir", dir.toString(), "--target", "1"));
    assertTrue(err.toString(StandardCharsets.UTF_8)
        .contains("cannot roll back V10__tags (version 10): it has no down migration"), err.toString());

    Files.writeString(dir.resolve("U10__tags.sql"), "DROP TABLE tags;");
    assertEquals(0, run("down", "--url", url, "--dir", dir.toString(), "--target", "1"));
    assertTrue(out().contains("rolling back V10__tags (version 10) ..."), out());
    assertTrue(out().contains("2 migration(s) rolled back"), out());
    assertTrue(out().contains("      2  V2__posts  versioned  PENDING"), out());

    Files.writeString(dir.resolve("V1__users.sql"), "CREATE TABLE users (id INTEGER PRIMARY KEY, x TEXT);");
    assertEquals(1, run("validate", "--url", url, "--dir", dir.toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("V1__users (version 1) changed after it was applied"),
        err.toString());
    assertEquals(1, run("up", "--url", url, "--dir", dir.toString()));
    assertEquals(0, run("up", "--url", url, "--dir", dir.toString(), "--no-validate"));
    assertEquals(0, run("down", "--url", url, "--dir", dir.toString(), "--all", "--no-validate"));
    assertTrue(out().contains("3 migration(s) rolled back"), out());
  }

  @Test
  void drizzleFolderDetected() throws Exception {
    Path drizzle = Path.of(getClass().getResource("/drizzle/meta/_journal.json").toURI()).getParent().getParent();
    assertEquals(0, run("up", "--url", url, "--dir", drizzle.toString()));
    assertTrue(out().contains("4 migration(s) applied"), out());
    assertTrue(out().contains("      3  0003_rebuild_posts  versioned  APPLIED"), out());
  }

  @Test
  void backupVacuumCheck() throws IOException {
    assertEquals(0, run("up", "--url", url, "--dir", dir.toString()));
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
        java.sql.Statement st = c.createStatement()) {
      st.executeUpdate("CREATE TABLE blobs(id INTEGER PRIMARY KEY, pad BLOB)");
      st.executeUpdate("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
          + " INSERT INTO blobs SELECT i, randomblob(2000) FROM n");
      st.executeUpdate("DELETE FROM blobs WHERE id % 2 = 0");
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
    Path copy = tmp.resolve("copy.db");
    assertEquals(0, run("backup", "--url", url, "--to", copy.toString()));
    assertTrue(out().contains("backing up to " + copy + " ..."), out());
    assertTrue(out().matches("(?s).*  256/\\d+ pages \\(\\d+%\\).*"), out());
    assertTrue(out().contains("; integrity_check ok"), out());
    assertTrue(Files.size(copy) > 4_000_000, "the copy holds the data");
    assertEquals(1, run("backup", "--url", url, "--to", copy.toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("already exists"), err.toString());

    assertEquals(1, run("vacuum", "--url", url, "--incremental", "0"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("needs auto_vacuum=INCREMENTAL"), err.toString());
    assertEquals(0, run("vacuum", "--url", url));
    assertTrue(out().contains("vacuuming ..."), out());
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("pages (\\d+) -> (\\d+) \\((\\d+) reclaimed\\), free pages (\\d+) -> 0").matcher(out());
    assertTrue(m.find(), out());
    // Two 2 kB rows share a page, so deleting every second row half-empties pages: VACUUM repacks them.
    assertTrue(Long.parseLong(m.group(3)) > Long.parseLong(m.group(1)) / 3, "pages reclaimed: " + out());

    assertEquals(0, run("check", "--url", url));
    assertTrue(out().contains("running integrity_check ..."), out());
    assertTrue(out().contains("integrity_check: ok"), out());
    assertEquals(0, run("check", "--url", "jdbc:sqlite:" + copy, "--quick"));
    assertTrue(out().contains("quick_check: ok"), out());

    // A damaged database: an index redefined over another column no longer matches its table.
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
        java.sql.Statement st = c.createStatement()) {
      st.executeUpdate("CREATE INDEX blobs_pad ON blobs(pad)");
      st.execute("PRAGMA writable_schema = ON");
      st.executeUpdate("UPDATE sqlite_schema SET sql = 'CREATE INDEX blobs_pad ON blobs(id)' WHERE name = 'blobs_pad'");
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
    assertEquals(1, run("check", "--url", url));
    assertTrue(out().matches("(?s).*integrity_check: \\d+ problem\\(s\\).*"), out());
    assertTrue(out().contains("blobs_pad"), "SQLite's lines name the index: " + out());
  }

  /** Runs the CLI as a real named module: java --module-path ... -m io.sqlitekit.migrate/...MigrateCli. */
  @Test
  void onTheModulePath() throws Exception {
    List<String> modulePath = new ArrayList<>();
    for (String key : List.of("sqlitekit.test.migrate.jar", "sqlitekit.test.spi.jar", "sqlitekit.test.support.jar",
        "sqlitekit.test.maintenance.jar", "sqlitekit.test.driver.jar",
        "sqlitekit.test.sqlitejdbc.jar", "sqlitekit.test.slf4j.jar", "sqlitekit.test.slf4jnop.jar")) {
      String path = System.getProperty(key);
      assertTrue(path != null && path.endsWith(".jar") && Files.isRegularFile(Path.of(path)),
          key + " points at a built jar: " + path);
      modulePath.add(path);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "--enable-native-access=org.xerial.sqlitejdbc", "--module-path",
        String.join(File.pathSeparator, modulePath), "-m",
        "io.sqlitekit.migrate/io.sqlitekit.migrate.cli.MigrateCli", "up", "--url", url, "--dir", dir.toString())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.contains("3 migration(s) applied"), output);
    assertTrue(output.contains("     10  V10__tags  versioned  APPLIED"), output);
  }
}
