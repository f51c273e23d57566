package io.sqlitekit.it.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Counts TCK scenario invocations per harness (their display name is {@code [harness]}) and prints one line
 * per harness when the test plan finishes, for example {@code TCK harness sqlite-wal: 190 passed / 0 failed /
 * 12 skipped}, on standard error (visible in the build log, also with {@code -q}) and into
 * {@code target/tck-summary-<harness>.txt}, which {@link TckSummaryIT} checks. The driver conformance suite
 * ({@code *DriverContract} classes) gets its own line, {@code TCK driver harness NAME: …}, and file
 * {@code target/tck-driver-summary-<harness>.txt}. Registered through {@code META-INF/services}; silent when no TCK ran.
 */
public final class TckSummaryListener implements TestExecutionListener {
  private static final Pattern HARNESS = Pattern.compile("\\[([a-z0-9][a-z0-9-]*)\\]");

  private final Map<String, int[]> counts = new TreeMap<>();
  private final Map<String, int[]> driverCounts = new TreeMap<>();

  private static String harness(TestIdentifier id) {
    if (!id.isTest()) {
      return null;
    }
    Matcher m = HARNESS.matcher(id.getDisplayName());
    return m.matches() ? m.group(1) : null;
  }

  private synchronized void count(TestIdentifier id, int slot) {
    String h = harness(id);
    if (h == null) {
      return;
    }
    if (id.getUniqueId().contains("DriverContract")) {
      driverCounts.computeIfAbsent(h, k -> new int[3])[slot]++;
    } else if (id.getUniqueId().contains("ContractTest")) {
      counts.computeIfAbsent(h, k -> new int[3])[slot]++;
    }
  }

  @Override
  public void executionSkipped(TestIdentifier testIdentifier, String reason) {
    count(testIdentifier, 2);
  }

  @Override
  public void executionFinished(TestIdentifier testIdentifier, TestExecutionResult result) {
    count(testIdentifier, result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? 0 : 1);
  }

  @Override
  public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
    report(counts, "TCK harness", "tck-summary-");
    report(driverCounts, "TCK driver harness", "tck-driver-summary-");
  }

  private static void report(Map<String, int[]> counts, String label, String filePrefix) {
    Path target = Path.of("target");
    counts.forEach((h, c) -> {
      String line = String.format(Locale.ROOT, "%s %s: %d passed / %d failed / %d skipped", label, h, c[0], c[1],
          c[2]);
      System.err.println(line);
      try {
        if (Files.isDirectory(target)) {
          Files.writeString(target.resolve(filePrefix + h + ".txt"), line + System.lineSeparator(),
              StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    counts.clear();
  }
}
