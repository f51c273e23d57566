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
 * {@code target/tck-summary-<harness>.txt}, which {@link TckSummaryIT} checks. Registered through {@code META-INF/services}; silent when no TCK ran.
 */
public final class TckSummaryListener implements TestExecutionListener {
  private static final Pattern HARNESS = Pattern.compile("\\[([a-z0-9][a-z0-9-]*)\\]");

  private final Map<String, int[]> counts = new TreeMap<>();

  private static String harness(TestIdentifier id) {
    if (!id.isTest() || !id.getUniqueId().contains("ContractTest")) {
      return null;
    }
    Matcher m = HARNESS.matcher(id.getDisplayName());
    return m.matches() ? m.group(1) : null;
  }

  private synchronized void count(TestIdentifier id, int slot) {
    String h = harness(id);
    if (h != null) {
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
    Path target = Path.of("target");
    counts.forEach((h, c) -> {
      String line = String.format(Locale.ROOT, "TCK harness %s: %d passed / %d failed / %d skipped", h, c[0], c[1],
          c[2]);
      System.err.println(line);
      try {
        if (Files.isDirectory(target)) {
          Files.writeString(target.resolve("tck-summary-" + h + ".txt"), line + System.lineSeparator(),
              StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    counts.clear();
  }
}
