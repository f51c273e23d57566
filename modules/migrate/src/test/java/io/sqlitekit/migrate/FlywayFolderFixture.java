package io.sqlitekit.migrate;

import io.sqlitekit.spi.driver.SqliteDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of the migrator tests that write Flyway-style files: a fresh migrations folder and a real SQLite
 * file opened through the discovered driver, per test.
 */
abstract class FlywayFolderFixture {
  @TempDir
  Path tmp;
  /** The migrations folder {@link #file} writes into. */
  Path dir;
  /** The database the migrator under test runs on; closed after each test. */
  SqliteDriver driver;

  @BeforeEach
  void openFolderAndDatabase() throws IOException {
    dir = Files.createDirectories(tmp.resolve("migrations"));
    driver = TestDb.open(tmp.resolve("app.db"));
  }

  @AfterEach
  void closeDatabase() {
    driver.close();
  }

  /** Writes one migration file into the folder. */
  void file(String name, String sql) throws IOException {
    Files.writeString(dir.resolve(name), sql);
  }

  /** A migrator over the folder read as Flyway files, on the test database. */
  Migrator flyway(MigratorOptions options) {
    return Migrator.create(driver, options, MigrationSource.flyway(dir));
  }
}
