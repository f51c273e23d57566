package io.sqlitekit.it.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.it.MemoryKits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs after the TCK executions (Failsafe, integration-test phase) and checks their summaries: every expected
 * harness ran, with at least {@link #MIN_PASSED} scenarios passed and none failed. Catches a harness that
 * silently stopped running (a broken selection, a missing service entry).
 */
class TckSummaryIT {
  /** Fewer passes than this means scenarios went missing (104 pass today; 13 are absent-feature sides). */
  private static final int MIN_PASSED = 100;
  private static final Pattern LINE = Pattern.compile(
      "TCK harness ([a-z0-9-]+): (\\d+) passed / (\\d+) failed / (\\d+) skipped\\s*");

  @Test
  void everyHarnessRanAndPassed() throws IOException {
    List<String> expected = new ArrayList<>(List.of("sqlite-wal", "sqlite-soft-delete", "sqlite-multi-tenant",
        "sqlite-tenant-soft-delete", "memory"));
    for (String h : expected) {
      Path file = Path.of("target", "tck-summary-" + h + ".txt");
      assertTrue(Files.isRegularFile(file), "no TCK summary for harness " + h + " (" + file + ")");
      String line = Files.readString(file, StandardCharsets.UTF_8);
      Matcher m = LINE.matcher(line);
      assertTrue(m.matches(), "unexpected summary: " + line);
      assertEquals(h, m.group(1));
      assertEquals(0, Integer.parseInt(m.group(3)), line);
      assertTrue(Integer.parseInt(m.group(2)) >= MIN_PASSED, line);
      System.err.println("checked: " + line.trim());
    }
  }
}
