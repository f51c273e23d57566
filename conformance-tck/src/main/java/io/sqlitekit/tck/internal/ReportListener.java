package io.sqlitekit.tck.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Internal, not API, may change. Collects per-class pass/fail/skip counts and failure messages of one
 * launcher run. A skipped or failed container counts once per test it would have run only when it is a
 * test; a failed container (for example, no harness) is counted as one failure.
 *
 * @since 0.1.0
 */
public final class ReportListener implements TestExecutionListener {
  /** Counts and failures of one feature group (test class). */
  public static final class Group {
    private long passed;
    private long failed;
    private long skipped;
    private final List<String> failures = new ArrayList<>();

    /**
     * Returns the number of passed tests.
     *
     * @return the count
     */
    public long passed() {
      return passed;
    }

    /**
     * Returns the number of failed tests.
     *
     * @return the count
     */
    public long failed() {
      return failed;
    }

    /**
     * Returns the number of skipped tests.
     *
     * @return the count
     */
    public long skipped() {
      return skipped;
    }

    /**
     * Returns one line per failure: test ID, display name and message.
     *
     * @return the lines
     */
    public List<String> failures() {
      return Collections.unmodifiableList(failures);
    }
  }

  private final Map<String, Group> groups = new LinkedHashMap<>();
  private TestPlan plan;

  /**
   * Returns the groups in the order their first test finished.
   *
   * @return class simple name to group
   */
  public Map<String, Group> groups() {
    return Collections.unmodifiableMap(groups);
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    this.plan = testPlan;
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    if (id.isTest()) {
      group(id).skipped++;
    } else if (plan != null) {
      // A skipped container skips every test below it; count them so the totals stay honest.
      long tests = plan.getDescendants(id).stream().filter(TestIdentifier::isTest).count();
      group(id).skipped += tests;
    }
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    TestExecutionResult.Status status = result.getStatus();
    if (status == TestExecutionResult.Status.SUCCESSFUL) {
      if (id.isTest()) {
        group(id).passed++;
      }
      return;
    }
    if (!id.isTest() && status == TestExecutionResult.Status.ABORTED) {
      return;
    }
    Group g = group(id);
    if (status == TestExecutionResult.Status.ABORTED) {
      g.skipped++;
      return;
    }
    g.failed++;
    String message = result.getThrowable().map(t -> t.getClass().getSimpleName() + ": " + t.getMessage())
        .orElse("failed");
    g.failures.add(testId(id).orElse(id.getDisplayName()) + " " + id.getDisplayName() + " -> " + message);
  }

  private Group group(TestIdentifier id) {
    return groups.computeIfAbsent(className(id).orElse("(engine)"), k -> new Group());
  }

  private static Optional<String> className(TestIdentifier id) {
    Optional<TestSource> s = id.getSource();
    if (s.isPresent() && s.get() instanceof MethodSource) {
      String c = ((MethodSource) s.get()).getClassName();
      return Optional.of(c.substring(c.lastIndexOf('.') + 1));
    }
    if (s.isPresent() && s.get() instanceof ClassSource) {
      String c = ((ClassSource) s.get()).getClassName();
      return Optional.of(c.substring(c.lastIndexOf('.') + 1));
    }
    return Optional.empty();
  }

  private static Optional<String> testId(TestIdentifier id) {
    Optional<TestSource> s = id.getSource();
    if (s.isPresent() && s.get() instanceof MethodSource) {
      MethodSource m = (MethodSource) s.get();
      return Optional.of(TestIds.of(m.getClassName(), m.getMethodName()));
    }
    return Optional.empty();
  }
}
