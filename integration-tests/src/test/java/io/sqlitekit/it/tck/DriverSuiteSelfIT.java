package io.sqlitekit.it.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.sqlitekit.tck.TckConstants;
import io.sqlitekit.tck.driver.DriverContracts;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The driver conformance suite catches broken drivers: the whole suite runs (through JUnit's engine test kit) on
 * {@link BrokenDriverHarness}'s drivers and the exact set of failing scenarios is checked, so a scenario that
 * stopped asserting would show here.
 */
class DriverSuiteSelfIT {
  private static Events run(String harness) {
    List<DiscoverySelector> selectors = DriverContracts.classes().stream().map(c -> selectClass(c))
        .collect(Collectors.toList());
    return EngineTestKit.engine("junit-jupiter").configurationParameter(TckConstants.DRIVER_HARNESS, harness)
        .selectors(selectors.toArray(new DiscoverySelector[0])).execute().testEvents();
  }

  private static Set<String> failed(Events events) {
    return events.failed().stream().map(e -> e.getTestDescriptor().getSource().orElseThrow())
        .map(s -> (MethodSource) s).map(m -> m.getJavaClass().getSimpleName() + "#" + m.getMethodName())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void afterCommitRunAtOnce_failsExactlyTheAfterCommitScenarios() {
    Events events = run("broken-after-commit");
    assertEquals(Set.of(
        "AfterCommitDriverContract#afterCommit_runsOnceAfterTheCommit_seeingTheCommittedRow",
        "AfterCommitDriverContract#afterCommit_discardedWhenTheWorkFailsBeforeWriting_afterCompletionStillRuns",
        "AfterCommitDriverContract#afterCommit_neverRunsAfterARollback_ofWrittenWork",
        "AfterCommitDriverContract#nested_rolledBackSavepoint_discardsItsActions_keepsTheOuterOnes",
        // Run at once, a failing action fails the work itself.
        "AfterCommitDriverContract#failingAction_doesNotChangeTheOutcome_laterActionsStillRun"),
        failed(events));
    assertTrue(events.succeeded().count() > 30, "the rest of the suite still passes");
  }

  @Test
  void harnessDeclaringLessThanItsDriverReports_failsEveryScenario() {
    Events events = run("lying-features");
    assertEquals(0, events.succeeded().count(), "no scenario may pass on a lying harness");
    assertTrue(events.failed().count() >= 40, "failed: " + events.failed().count());
    events.failed().stream().map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow().getMessage()).limit(1).forEach(m -> assertTrue(
            m.contains("declares [INTERACTIVE_TRANSACTIONS], but its driver reports [INTERACTIVE_TRANSACTIONS, REGEXP]"),
            m));
  }
}
