package io.sqlitekit.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.DriverProvider;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.testsupport.DqliteCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The migrator applies the migrations the real drizzle-kit wrote (the fixtures of {@link DrizzleFixtureIT}) on a
 * real 3-node dqlite cluster, step by step, and after each step the schema on the cluster matches drizzle-kit's
 * snapshot exactly as on a SQLite file; the rebuild of a referenced table keeps its rows. go-dqlite is installed
 * when missing (as root); without it the class is skipped with the reason printed.
 */
final class DqliteDrizzleIT {
  private static DqliteCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    String missing = DqliteCluster.installIfMissing();
    if (missing != null) {
      System.err.println("[dqlite IT] SKIPPED: " + missing);
    }
    assumeTrue(missing == null, missing);
    cluster = DqliteCluster.start(3, Files.createTempDirectory("sqlitekit-migrate-dqlite-"));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static SqliteDriver open(String database) {
    String url = cluster.url(database);
    for (DriverProvider p : ServiceLoader.load(DriverProvider.class)) {
      if (p.name().equals("dqlite")) {
        return p.open(url, DriverOptions.defaults());
      }
    }
    throw new IllegalStateException("no dqlite driver on the test class path");
  }

  @Test
  void eachStepMatchesDrizzleKitsSnapshot_onTheCluster() throws Exception {
    Path fixture = MigrationSourceTest.drizzleFixture();
    try (SqliteDriver driver = open("drizzle_steps")) {
      Migrator m = Migrator.create(driver, MigrationSource.drizzle(fixture));
      String[] tags = {"0000_init", "0001_comments_tags", "0002_alter_profile", "0003_rebuild_posts"};
      for (int step = 0; step < tags.length; step++) {
        assertEquals(List.of(tags[step]), m.up(step));
        List<String> expected = DrizzleFixtureIT.fromSnapshot(fixture.resolve(String.format(Locale.ROOT,
            "meta/%04d_snapshot.json", step)));
        assertEquals(String.join("\n", expected), String.join("\n", DrizzleFixtureIT.fromDatabase(driver)),
            "after " + tags[step]);
      }
      assertEquals(List.of(), m.up(), "nothing left to apply");
      assertEquals(4, m.status().stream().filter(s -> s.state() == MigrationState.APPLIED).count());
    }
  }

  @Test
  void rebuildOfAReferencedTable_keepsItsRows_onTheCluster() throws Exception {
    Path fixture = MigrationSourceTest.drizzleFixture();
    try (Migrator m = Migrator.create(cluster.url("drizzle_rebuild"), MigrationSource.drizzle(fixture))) {
      m.up(2);
      m.driver().write(s -> {
        s.executeScript("INSERT INTO users (id, email) VALUES (1, 'a@example.com'), (2, 'b@example.com')");
        s.executeScript("INSERT INTO posts (id, user_id, title, body) VALUES (10, 1, 't1', 'b1'), (11, 2, 't2', 'b2')");
        return null;
      });
      assertEquals(List.of("0003_rebuild_posts"), m.up());
      assertEquals(List.of("10|b1", "11|b2"), TestDb.column(m.driver(),
          "SELECT id || '|' || body FROM posts ORDER BY id"));
      assertEquals(List.of(), TestDb.column(m.driver(), "SELECT \"table\" FROM pragma_foreign_key_check"));
      assertEquals(String.join("\n", DrizzleFixtureIT.fromSnapshot(fixture.resolve("meta/0003_snapshot.json"))),
          String.join("\n", DrizzleFixtureIT.fromDatabase(m.driver())));
    }
  }
}
