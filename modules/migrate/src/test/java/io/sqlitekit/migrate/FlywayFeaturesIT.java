package io.sqlitekit.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.migrate.cli.MigrateCli;
import io.sqlitekit.spi.error.MigrationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What Flyway users expect: dotted versions, repeatable migrations, baseline, info and progress in the CLI. */
final class FlywayFeaturesIT extends FlywayFolderFixture {
  private Migrator flyway() {
    return flyway(MigratorOptions.defaults());
  }

  private static List<String> states(Migrator m) {
    return m.status().stream().map(s -> (s.repeatable() ? "R" : s.versionText()) + ":" + s.name() + ":" + s.state())
        .collect(Collectors.toList());
  }

  @Test
  void dottedVersions_applyInNumericPartOrder_andRollBackByVersion() throws IOException {
    file("V1__log.sql", "CREATE TABLE log (v TEXT);");
    for (String v : List.of("1.10", "1.2", "2", "1.1", "1_3")) {
      file("V" + v + "__step.sql", "INSERT INTO log VALUES ('" + v + "');");
      file("U" + v + "__step.sql", "DELETE FROM log WHERE v = '" + v + "';");
    }
    Migrator m = flyway();
    assertEquals(List.of("V1__log", "V1.1__step", "V1.2__step", "V1_3__step", "V1.10__step", "V2__step"), m.up());
    assertEquals(List.of("1.1", "1.2", "1_3", "1.10", "2"), TestDb.column(driver, "SELECT v FROM log ORDER BY rowid"));
    assertEquals(List.of("1", "1.1", "1.2", "1.3", "1.10", "2"),
        m.status().stream().map(MigrationStatus::versionText).collect(Collectors.toList()));
    assertEquals(List.of(), m.up(), "all applied: nothing to do, keys are stable across runs");
    assertEquals(List.of("V2__step", "V1.10__step"), m.down(MigrationVersion.parse("1.3")));
    assertEquals(List.of("1.1", "1.2", "1_3"), TestDb.column(driver, "SELECT v FROM log ORDER BY rowid"));
    assertEquals(List.of("V1.10__step", "V2__step"), m.up());
    assertEquals(List.of("V2__step"), m.down(), "down() rolls back the highest version");
  }

  @Test
  void dottedVersions_equalVersionsAreDuplicates_andBadTextIsTyped() throws IOException {
    file("V2__a.sql", "SELECT 1;");
    file("V2.0__b.sql", "SELECT 1;");
    MigrationException e = assertThrows(MigrationException.class, () -> flyway().migrations());
    assertTrue(e.getMessage().contains("twice"), e.getMessage());
    assertThrows(MigrationException.class, () -> MigrationVersion.parse("1..2"));
    assertThrows(MigrationException.class, () -> MigrationVersion.parse("1.x"));
    assertTrue(MigrationVersion.parse("1.2").compareTo(MigrationVersion.parse("1.10")) < 0);
    assertEquals(MigrationVersion.parse("3"), MigrationVersion.of(3));
    assertEquals(3L, MigrationVersion.parse("3").key(), "undotted versions keep their 0.1 key");
    assertTrue(MigrationVersion.parse("3.1").key() < 0);
  }

  @Test
  void repeatable_runsAfterVersioned_andAgainOnlyWhenChanged() throws IOException {
    file("V1__t.sql", "CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3);");
    file("R__view.sql", "DROP VIEW IF EXISTS big; CREATE VIEW big AS SELECT n FROM t WHERE n > 1;");
    file("V2__more.sql", "INSERT INTO t VALUES (4);");
    file("U2__more.sql", "DELETE FROM t WHERE n = 4;");
    Migrator m = flyway();
    assertEquals(List.of("V1__t", "V2__more", "R__view"), m.up());
    assertEquals(List.of("2", "3", "4"), TestDb.column(driver, "SELECT n FROM big ORDER BY n"));
    assertEquals(List.of(), m.up(), "unchanged repeatable: not run again");
    file("R__view.sql", "DROP VIEW IF EXISTS big; CREATE VIEW big AS SELECT n FROM t WHERE n > 2;");
    assertEquals(List.of("1:V1__t:APPLIED", "2:V2__more:APPLIED", "R:R__view:OUTDATED"), states(m));
    m.validate();
    assertEquals(List.of("R__view"), m.up());
    assertEquals(List.of("3", "4"), TestDb.column(driver, "SELECT n FROM big ORDER BY n"));
    assertEquals(List.of("1"), TestDb.column(driver,
        "SELECT count(*) FROM _sqlitekit_migrations WHERE name = 'R__view'"), "one row, replaced");
    assertEquals(List.of("V2__more"), m.down(), "repeatables are never rolled back; down takes the versioned one");
  }

  @Test
  void baseline_adoptsAnExistingDatabase() throws IOException {
    driver.write(s -> {
      s.executeScript("CREATE TABLE users (id TEXT PRIMARY KEY); CREATE TABLE orders (id TEXT PRIMARY KEY);");
      return null;
    });
    file("V1__users.sql", "CREATE TABLE users (id TEXT PRIMARY KEY);");
    file("V1.1__orders.sql", "CREATE TABLE orders (id TEXT PRIMARY KEY);");
    file("V2__items.sql", "CREATE TABLE items (id TEXT PRIMARY KEY);");
    Migrator m = flyway();
    m.baseline(MigrationVersion.parse("1.1"));
    assertEquals(List.of("1:V1__users:BELOW_BASELINE", "1.1:<< baseline >>:BASELINE",
        "1.1:V1.1__orders:BELOW_BASELINE", "2:V2__items:PENDING"), states(m));
    assertEquals(List.of("V2__items"), m.up(), "only what comes after the baseline runs");
    assertEquals(List.of(), m.up());
    m.validate();
    MigrationException again = assertThrows(MigrationException.class, () -> m.baseline(MigrationVersion.of(5)));
    assertTrue(again.getMessage().contains("already records"), again.getMessage());
  }

  @Test
  void trackingTableFrom01_getsTheVersionTextColumn() throws IOException {
    driver.write(s -> {
      s.executeScript("CREATE TABLE _sqlitekit_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
          + " checksum TEXT NOT NULL, applied_at TEXT NOT NULL, execution_ms INTEGER NOT NULL,"
          + " success INTEGER NOT NULL DEFAULT 1); CREATE TABLE a (x);");
      return null;
    });
    file("V1__a.sql", "CREATE TABLE a (x);");
    file("V1.5__b.sql", "CREATE TABLE b (x);");
    String sum = flyway().migrations().get(0).checksum();
    driver.write(s -> s.update("INSERT INTO _sqlitekit_migrations VALUES (1, 'V1__a', ?, '2026-01-01T00:00:00Z', 3, 1)",
        List.of(sum)));
    Migrator m = flyway();
    assertEquals(List.of("1:V1__a:APPLIED", "1.5:V1.5__b:PENDING"), states(m), "read before the upgrade");
    assertEquals(List.of("V1.5__b"), m.up());
    assertEquals(List.of("1:V1__a:APPLIED", "1.5:V1.5__b:APPLIED"), states(m));
  }

  @Test
  void cli_info_baseline_andProgressOfALongMigration() throws IOException {
    String url = TestDb.url(tmp.resolve("cli.db"));
    file("V1__base.sql", "CREATE TABLE base (x);");
    file("V1.1__big.sql", "CREATE TABLE big AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c"
        + " WHERE x < 400000) SELECT x FROM c;\nCREATE INDEX big_x ON big (x);");
    file("R__v.sql", "DROP VIEW IF EXISTS v; CREATE VIEW v AS SELECT count(*) AS n FROM big;");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    String d = dir.toString();
    assertEquals(MigrateCli.OK, MigrateCli.run(new String[] {"up", "--url", url, "--dir", d, "--format", "flyway",
        "--progress-ms", "20"}, o, e), err.toString(StandardCharsets.UTF_8));
    String up = out.toString(StandardCharsets.UTF_8);
    assertTrue(up.contains("[1/3] applying V1__base (version 1) ..."), up);
    assertTrue(up.contains("[2/3] applying V1.1__big (version 1.1) ..."), up);
    assertTrue(up.contains("[3/3] applying R__v (repeatable) ..."), up);
    assertTrue(up.matches("(?s).*  \\.\\.\\. V1\\.1__big running for \\d+\\.\\d s, \\d statement\\(s\\) done.*"),
        "a progress line while the long migration runs: " + up);
    out.reset();
    assertEquals(MigrateCli.OK, MigrateCli.run(new String[] {"info", "--url", url, "--dir", d}, o, e));
    String info = out.toString(StandardCharsets.UTF_8);
    String[] lines = info.split("\\R");
    assertTrue(lines[0].matches("VERSION +NAME +TYPE +STATE +APPLIED AT +TIME"), info);
    assertTrue(lines[2].matches(" *1\\.1 +V1\\.1__big +versioned +APPLIED +\\S+Z +\\d+ ms"), info);
    assertTrue(lines[3].matches(" *- +R__v +repeatable +APPLIED .*"), info);
    assertEquals("3 applied", lines[4]);

    String fresh = TestDb.url(tmp.resolve("existing.db"));
    out.reset();
    assertEquals(MigrateCli.USAGE, MigrateCli.run(new String[] {"baseline", "--url", fresh, "--dir", d}, o, e));
    assertEquals(MigrateCli.OK, MigrateCli.run(new String[] {"baseline", "--url", fresh, "--dir", d,
        "--baseline-version", "1.1"}, o, e));
    out.reset();
    assertEquals(MigrateCli.OK, MigrateCli.run(new String[] {"info", "--url", fresh, "--dir", d}, o, e));
    String after = out.toString(StandardCharsets.UTF_8);
    assertTrue(after.contains("1 pending, 2 below baseline, baseline at 1.1"), after);
  }
}
