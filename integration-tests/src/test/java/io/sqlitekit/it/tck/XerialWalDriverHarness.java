package io.sqlitekit.it.tck;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.tck.DriverFeature;
import io.sqlitekit.tck.DriverHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The driver conformance suite on the xerial driver over a WAL database file (production preset), a new file in
 * its own temporary directory per opened driver, deleted after the test.
 */
public final class XerialWalDriverHarness implements DriverHarness {
  private final List<Path> dirs = new ArrayList<>();

  @Override
  public String name() {
    return "xerial-wal";
  }

  @Override
  public Set<DriverFeature> features() {
    return EnumSet.allOf(DriverFeature.class);
  }

  @Override
  public SqliteDriver open(DriverOptions options) {
    Path dir;
    try {
      dir = Files.createTempDirectory("sqlitekit-driver-tck-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    dirs.add(dir);
    SqliteDriver d = DriverHarnesses.open("xerial", "jdbc:sqlite:" + dir.resolve("x.db"),
        options.withPreset(PragmaPreset.PRODUCTION));
    String mode = d.read(s -> s.query("PRAGMA journal_mode", List.of(), rs -> rs.next() ? rs.getString(0) : ""));
    if (!"wal".equalsIgnoreCase(mode)) {
      d.close();
      throw new IllegalStateException("the xerial-wal harness promises WAL, got journal_mode " + mode);
    }
    return d;
  }

  @Override
  public void cleanup() {
    for (Path dir : dirs) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    dirs.clear();
  }
}
