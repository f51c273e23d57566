package io.sqlitekit.migrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.migrate.MigrationState;
import io.sqlitekit.migrate.MigrationStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MigrateCliTest {
  @TempDir
  Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return MigrateCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void usageErrors_exit2() {
    String dir = tmp.toString();
    assertEquals(MigrateCli.USAGE, run());
    assertTrue(err().contains("error: missing command"), err());
    assertTrue(err().contains("usage: sqlitekit-migrate"), err());
    assertEquals(MigrateCli.USAGE, run("sideways", "--url", "jdbc:sqlite:x.db", "--dir", dir));
    assertTrue(err().contains("unknown command sideways"), err());
    assertEquals(MigrateCli.USAGE, run("up", "--dir", dir));
    assertTrue(err().contains("missing --url"), err());
    assertEquals(MigrateCli.USAGE, run("up", "--url", "jdbc:sqlite:x.db", "--dir", dir, "--target", "ten"));
    assertTrue(err().contains("--target must be a version such as 7 or 1.2.3, was ten"), err());
    assertEquals(MigrateCli.USAGE, run("up", "--url", "jdbc:sqlite:x.db", "--dir", dir.concat("/nope")));
    assertTrue(err().contains("--dir is not a directory"), err());
    assertEquals(MigrateCli.USAGE, run("up", "--url", "jdbc:sqlite:x.db", "--dir", dir, "--format", "liquibase"));
    assertEquals(MigrateCli.USAGE, run("up", "--url", "jdbc:sqlite:x.db", "--dir", dir, "--all"));
    assertEquals(MigrateCli.USAGE, run("up", "--url", "jdbc:sqlite:x.db", "--dir", dir, "--bogus"));
    assertEquals(MigrateCli.USAGE, run("up", "--url"));
    assertTrue(err().contains("--url needs a value"), err());
  }

  @Test
  void maintenanceUsageErrors_exit2() {
    String url = "jdbc:sqlite:" + tmp.resolve("m.db");
    assertEquals(MigrateCli.USAGE, run("backup", "--url", url));
    assertTrue(err().contains("backup needs --to <new-file>"), err());
    assertEquals(MigrateCli.USAGE, run("vacuum", "--url", url, "--to", "x.db"));
    assertTrue(err().contains("--to only applies to backup"), err());
    assertEquals(MigrateCli.USAGE, run("vacuum", "--url", url, "--incremental", "-3"));
    assertTrue(err().contains("--incremental must be >= 0"), err());
    assertEquals(MigrateCli.USAGE, run("vacuum", "--url", url, "--incremental", "all"));
    assertTrue(err().contains("--incremental must be a page count, was all"), err());
    assertEquals(MigrateCli.USAGE, run("check", "--url", url, "--dir", tmp.toString()));
    assertTrue(err().contains("check takes only --url and --quick"), err());
    assertEquals(MigrateCli.USAGE, run("up", "--url", url, "--dir", tmp.toString(), "--quick"));
    assertTrue(err().contains("--quick only applies to check"), err());
  }

  @Test
  void help_exit0() {
    assertEquals(MigrateCli.OK, run("--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("exit codes: 0 ok, 1 failure, 2 usage"));
  }

  @Test
  void printTable_alignsColumns() {
    MigrateCli.printTable(new PrintStream(out, true, StandardCharsets.UTF_8), List.of(
        new MigrationStatus(2, "V2__users", "users", MigrationState.APPLIED, "c", Optional.of("c"),
            Optional.of(Instant.parse("2026-01-02T03:04:05Z")), Optional.of(Duration.ofMillis(12))),
        new MigrationStatus(10, "V10__x", "x", MigrationState.PENDING, "d", Optional.empty(), Optional.empty(),
            Optional.empty())));
    assertEquals(String.join(System.lineSeparator(),
        "VERSION  NAME       TYPE       STATE    APPLIED AT            TIME",
        "      2  V2__users  versioned  APPLIED  2026-01-02T03:04:05Z  12 ms",
        "     10  V10__x     versioned  PENDING  -                     -", ""), out.toString(StandardCharsets.UTF_8));
  }
}
