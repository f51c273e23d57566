package io.sqlitekit.migrate;

import io.sqlitekit.spi.driver.SqliteDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Entry point of the child JVMs in {@link ConcurrentUpIT}: opens the database, says "ready", waits for the
 * start file so that both children begin together, runs {@code up()} and prints what it applied.
 */
public final class RaceMain {
  private RaceMain() {}

  /**
   * Runs one racer.
   *
   * @param args database file, migration folder, start file
   * @throws Exception on failure (the exit code is then non-zero)
   */
  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    Path dir = Path.of(args[1]);
    Path start = Path.of(args[2]);
    try (SqliteDriver driver = TestDb.open(db)) {
      Migrator m = Migrator.create(driver, MigrationSource.flyway(dir));
      System.out.println("ready");
      System.out.flush();
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!Files.exists(start)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("start file never appeared");
        }
        Thread.sleep(2);
      }
      List<String> applied = m.up();
      System.out.println("applied:" + String.join(",", applied));
    }
  }
}
