package io.sqlitekit.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.MigrationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class MigratorIT extends FlywayFolderFixture {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  private Migrator flyway() {
    return flyway(MigratorOptions.defaults().withClock(CLOCK));
  }

  private List<String> states(Migrator m) {
    return m.status().stream().map(s -> s.version() + ":" + s.state()).collect(Collectors.toList());
  }

  @Test
  void up_numericOrder_2_10_100() throws IOException {
    file("V1__log.sql", "CREATE TABLE log (v INTEGER);\nINSERT INTO log VALUES (1);");
    for (int v : new int[] {100, 10, 2}) {
      file("V" + v + "__step.sql", "INSERT INTO log VALUES (" + v + ");");
    }
    List<String> applied = flyway().up();
    assertEquals(List.of("V1__log", "V2__step", "V10__step", "V100__step"), applied);
    assertEquals(List.of("1", "2", "10", "100"), TestDb.column(driver, "SELECT v FROM log ORDER BY rowid"));
    assertEquals(List.of("1", "2", "10", "100"),
        TestDb.column(driver, "SELECT version FROM _sqlitekit_migrations ORDER BY rowid"));
  }

  @Test
  void up_trackingRowAndRerunIsNoop() throws IOException {
    file("V1__users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);");
    Migrator m = flyway();
    assertEquals(List.of("V1__users"), m.up());
    assertEquals(List.of(), m.up());
    assertEquals(List.of(), m.up(5));
    MigrationStatus st = m.status().get(0);
    assertEquals(MigrationState.APPLIED, st.state());
    assertEquals(Instant.parse("2026-01-02T03:04:05Z"), st.appliedAt().orElseThrow());
    assertEquals(st.checksum(), st.appliedChecksum().orElseThrow());
    assertEquals(List.of("V1__users|1"), TestDb.column(driver,
        "SELECT name || '|' || success FROM _sqlitekit_migrations"));
    assertEquals(List.of(io.sqlitekit.migrate.internal.Checksums.ofSql(
        "CREATE TABLE users (id INTEGER PRIMARY KEY);")), TestDb.column(driver,
        "SELECT checksum FROM _sqlitekit_migrations"));
    m.validate();
  }

  @Test
  void up_toTarget() throws IOException {
    for (int v = 1; v <= 4; v++) {
      file("V" + v + "__t" + v + ".sql", "CREATE TABLE t" + v + " (id INTEGER);");
    }
    Migrator m = flyway();
    assertEquals(List.of("V1__t1", "V2__t2"), m.up(2));
    assertEquals(List.of("1:APPLIED", "2:APPLIED", "3:PENDING", "4:PENDING"), states(m));
    assertEquals(List.of("V3__t3", "V4__t4"), m.up());
  }

  @Test
  void checksumDrift_refusedByValidateAndUp() throws IOException {
    file("V1__a.sql", "CREATE TABLE a (id INTEGER);");
    file("V2__b.sql", "CREATE TABLE b (id INTEGER);");
    Migrator m = flyway();
    m.up();
    file("V2__b.sql", "CREATE TABLE b (id INTEGER, extra TEXT);");
    file("V3__c.sql", "CREATE TABLE c (id INTEGER);");
    assertEquals(List.of("1:APPLIED", "2:CHANGED", "3:PENDING"), states(m));
    MigrationException e = assertThrows(MigrationException.class, m::validate);
    assertTrue(e.getMessage().contains("V2__b (version 2) changed after it was applied"), e.getMessage());
    assertThrows(MigrationException.class, m::up);
    assertFalse(TestDb.tables(driver).contains("c"), "up refused before applying anything");
    // Line-ending and trailing-space edits are not drift.
    file("V2__b.sql", "CREATE TABLE b (id INTEGER);   \r\n\r\n");
    assertEquals(List.of("V3__c"), m.up());
  }

  @Test
  void checksumDrift_skipValidation() throws IOException {
    file("V1__a.sql", "CREATE TABLE a (id INTEGER);");
    flyway().up();
    file("V1__a.sql", "CREATE TABLE a (id INTEGER, x TEXT);");
    file("V2__b.sql", "CREATE TABLE b (id INTEGER);");
    Migrator lax = Migrator.create(driver, MigratorOptions.defaults().withValidate(false), MigrationSource.flyway(dir));
    assertEquals(List.of("V2__b"), lax.up());
    assertThrows(MigrationException.class, lax::validate);
  }

  @Test
  void missingFile_reportedAndRefused() throws IOException {
    file("V1__a.sql", "CREATE TABLE a (id INTEGER);");
    file("V2__b.sql", "CREATE TABLE b (id INTEGER);");
    Migrator m = flyway();
    m.up();
    Files.delete(dir.resolve("V2__b.sql"));
    assertEquals(List.of("1:APPLIED", "2:MISSING"), states(m));
    MigrationStatus missing = m.status().get(1);
    assertEquals("V2__b", missing.name());
    MigrationException e = assertThrows(MigrationException.class, m::up);
    assertTrue(e.getMessage().contains("V2__b (version 2) is applied but missing from the sources"), e.getMessage());
  }

  @Test
  void failingStatementMidFile_rollsBackThatMigrationOnly() throws IOException {
    file("V1__ok.sql", "CREATE TABLE ok (id INTEGER);\nINSERT INTO ok VALUES (1);");
    file("V2__broken.sql", "CREATE TABLE half (id INTEGER);\nINSERT INTO half VALUES (1);\n\n"
        + "INSERT INTO no_such_table\n  VALUES (1);\nCREATE TABLE after_failure (id INTEGER);");
    file("V3__later.sql", "CREATE TABLE later (id INTEGER);");
    Migrator m = flyway();
    MigrationException e = assertThrows(MigrationException.class, m::up);
    assertTrue(e.getMessage().contains("migration V2__broken (version 2) up failed at statement 3 of 4 (line 4 of "),
        e.getMessage());
    assertTrue(e.getMessage().contains("INSERT INTO no_such_table"), e.getMessage());
    assertTrue(e.getMessage().contains("no such table"), e.getMessage());
    assertTrue(e.getCause() instanceof SQLException || e.getCause().getCause() instanceof SQLException,
        "SQLite's error stays the cause");
    assertEquals(List.of("_sqlitekit_migrations", "ok"), TestDb.tables(driver));
    assertEquals(List.of("1"), TestDb.column(driver, "SELECT version FROM _sqlitekit_migrations"));
    assertEquals(List.of("1:APPLIED", "2:PENDING", "3:PENDING"), states(m));
    // Fixing the file lets up() continue where it stopped.
    file("V2__broken.sql", "CREATE TABLE half (id INTEGER);");
    assertEquals(List.of("V2__broken", "V3__later"), m.up());
  }

  @Test
  void down_toTargetWithUndoFiles() throws IOException {
    file("V1__a.sql", "CREATE TABLE a (id INTEGER);");
    file("U1__a.sql", "DROP TABLE a;");
    file("V2__b.sql", "CREATE TABLE b (id INTEGER);");
    file("U2__b.sql", "DROP TABLE b;");
    file("V10__c.sql", "CREATE TABLE c (id INTEGER);\nCREATE INDEX c_id ON c (id);");
    file("U10__c.sql", "DROP INDEX c_id;\nDROP TABLE c;");
    Migrator m = flyway();
    m.up();
    assertEquals(List.of("V10__c", "V2__b"), m.down(1));
    assertEquals(List.of("_sqlitekit_migrations", "a"), TestDb.tables(driver));
    assertEquals(List.of("1:APPLIED", "2:PENDING", "10:PENDING"), states(m));
    assertEquals(List.of(), m.down(1), "already at the target");
    m.up();
    assertEquals(List.of("V10__c"), m.down(), "down() rolls back the latest one");
    assertEquals(List.of("V2__b", "V1__a"), m.downAll());
    assertEquals(List.of("_sqlitekit_migrations"), TestDb.tables(driver));
  }

  @Test
  void down_missingDownScriptFailsBeforeAnyChange() throws IOException {
    file("V1__a.sql", "CREATE TABLE a (id INTEGER);");
    file("V2__b.sql", "CREATE TABLE b (id INTEGER);");
    file("V3__c.sql", "CREATE TABLE c (id INTEGER);");
    file("U3__c.sql", "DROP TABLE c;");
    Migrator m = flyway();
    m.up();
    MigrationException e = assertThrows(MigrationException.class, () -> m.down(0));
    assertEquals("cannot roll back V2__b (version 2): it has no down migration", e.getMessage());
    assertEquals(List.of("_sqlitekit_migrations", "a", "b", "c"), TestDb.tables(driver), "nothing rolled back");
    assertEquals(List.of("V3__c"), m.down(2));
  }

  @Test
  void mixedSources_oneTotalOrder_andJavaMigrations() throws Exception {
    Migration java = new Migration() {
      @Override
      public long version() {
        return 4;
      }

      @Override
      public String name() {
        return "0004_java_seed";
      }

      @Override
      public void up(SqlSession s) throws SQLException {
        s.executeScript("INSERT INTO users (email) VALUES ('a@example.com')");
      }

      @Override
      public boolean reversible() {
        return true;
      }

      @Override
      public void down(SqlSession s) throws SQLException {
        s.executeScript("DELETE FROM users");
      }
    };
    Migrator m = Migrator.create(driver, MigrationSource.of(java,
        SqlMigration.of(5, "0005_sql", "CREATE TABLE audit (id INTEGER);", "DROP TABLE audit;")),
        MigrationSource.drizzle(MigrationSourceTest.drizzleFixture()));
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), m.migrations().stream().map(Migration::version)
        .collect(Collectors.toList()));
    assertEquals(List.of("0000_init", "0001_comments_tags", "0002_alter_profile", "0003_rebuild_posts",
        "0004_java_seed", "0005_sql"), m.up());
    assertEquals(List.of("1"), TestDb.column(driver, "SELECT count(*) FROM users"));
    assertEquals(List.of("0005_sql", "0004_java_seed"), m.down(3));
    assertEquals(List.of("0"), TestDb.column(driver, "SELECT count(*) FROM users"));
    MigrationException e = assertThrows(MigrationException.class, () -> m.down(0));
    assertTrue(e.getMessage().contains("0003_rebuild_posts (version 3): it has no down migration"), e.getMessage());

    Migrator dup = Migrator.create(driver, MigrationSource.of(SqlMigration.of(1, "other", "SELECT 1;")),
        MigrationSource.drizzle(MigrationSourceTest.drizzleFixture()));
    MigrationException d = assertThrows(MigrationException.class, dup::migrations);
    assertTrue(d.getMessage().contains("two migrations have version 1"), d.getMessage());
  }

  @Test
  void javaMigrationFailure_namesTheMigration() {
    Migration bad = new Migration() {
      @Override
      public long version() {
        return 7;
      }

      @Override
      public String name() {
        return "java_bad";
      }

      @Override
      public void up(SqlSession s) throws SQLException {
        s.executeScript("CREATE TABLE partial (id INTEGER)");
        s.executeScript("SELECT * FROM nope");
      }
    };
    Migrator m = Migrator.create(driver, MigrationSource.of(bad));
    MigrationException e = assertThrows(MigrationException.class, m::up);
    assertTrue(e.getMessage().startsWith("migration java_bad (version 7) up failed: "), e.getMessage());
    assertEquals(List.of("_sqlitekit_migrations"), TestDb.tables(driver));
  }

  @Test
  void progressListener() throws IOException {
    file("V1__a.sql", "CREATE TABLE a (id INTEGER);");
    file("U1__a.sql", "DROP TABLE a;");
    List<String> events = new ArrayList<>();
    MigrationListener l = new MigrationListener() {
      @Override
      public void starting(Direction d, Migration mig) {
        events.add("start " + d + " " + mig.name());
      }

      @Override
      public void finished(Direction d, Migration mig, Duration took) {
        events.add("end " + d + " " + mig.name() + (took.isNegative() ? " negative" : ""));
      }
    };
    Migrator m = Migrator.create(driver, MigratorOptions.defaults().withListener(l), MigrationSource.flyway(dir));
    m.up();
    m.downAll();
    assertEquals(List.of("start UP V1__a", "end UP V1__a", "start DOWN V1__a", "end DOWN V1__a"), events);
  }

  @Test
  void foreignTrackingTableLayout_isRefused() {
    driver.write(s -> {
      s.executeScript("CREATE TABLE _sqlitekit_migrations (name TEXT PRIMARY KEY, appliedAt TEXT NOT NULL)");
      return null;
    });
    Migrator m = Migrator.create(driver, MigrationSource.of(SqlMigration.of(1, "a", "SELECT 1;")));
    MigrationException e = assertThrows(MigrationException.class, m::status);
    assertTrue(e.getMessage().contains("exists with another layout"), e.getMessage());
    Migrator other = Migrator.create(driver, MigratorOptions.defaults().withTable("schema_history"),
        MigrationSource.of(SqlMigration.of(1, "a", "CREATE TABLE x (id INTEGER);")));
    assertEquals(List.of("a"), other.up());
    assertEquals(List.of("1"), TestDb.column(driver, "SELECT version FROM schema_history"));
  }

  @Test
  void createFromUrl_ownsAndClosesItsDriver() throws IOException {
    file("V1__a.sql", "CREATE TABLE a (id INTEGER);");
    Path db = tmp.resolve("own.db");
    try (Migrator m = Migrator.create(TestDb.url(db), MigrationSource.flyway(dir))) {
      assertEquals(List.of("V1__a"), m.up());
    }
    try (SqliteDriver d = TestDb.open(db)) {
      assertEquals(List.of("V1__a"), TestDb.column(d, "SELECT name FROM _sqlitekit_migrations"));
    }
  }

  @Test
  void triggerBodiesAndQuotedSemicolonsRunAsWritten() throws IOException {
    file("V1__trigger.sql", "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT DEFAULT 'a;b');\n"
        + "CREATE TABLE item_log (msg TEXT);\n"
        + "CREATE TRIGGER item_ins AFTER INSERT ON item BEGIN\n"
        + "  INSERT INTO item_log VALUES ('inserted; ' || new.name);\n"
        + "  INSERT INTO item_log VALUES ('second statement');\n"
        + "END;\n"
        + "INSERT INTO item (name) VALUES ('x;y');");
    assertEquals(List.of("V1__trigger"), flyway().up());
    assertEquals(List.of("inserted; x;y", "second statement"),
        TestDb.column(driver, "SELECT msg FROM item_log ORDER BY rowid"));
  }

  @Test
  void classpathSource_appliesAndRollsBack() {
    Migrator m = Migrator.create(driver, MigrationSource.classpath("flyway-cp", getClass().getClassLoader()));
    assertEquals(List.of("V1__one", "V2__two", "V10__ten"), m.up());
    assertEquals(List.of("_sqlitekit_migrations", "cp_one", "cp_two"), TestDb.tables(driver));
    MigrationException e = assertThrows(MigrationException.class, () -> m.down(1));
    assertTrue(e.getMessage().contains("V10__ten (version 10): it has no down migration"), e.getMessage());
  }
}
