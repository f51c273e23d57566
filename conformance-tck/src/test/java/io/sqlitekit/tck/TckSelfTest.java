package io.sqlitekit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.sqlitekit.tck.suite.ContractSuites;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Tests the TCK itself: runs the whole suite through {@link EngineTestKit} against the correct fakes and
 * each deliberately broken variant, and asserts the exact failing tests and the skip reasons.
 */
final class TckSelfTest {

  static EngineExecutionResults run(String harnessSelection) {
    DiscoverySelector[] selectors = ContractSuites.classes().stream().map(c -> selectClass(c))
        .toArray(DiscoverySelector[]::new);
    return EngineTestKit.engine("junit-jupiter").selectors(selectors)
        .configurationParameter(TckConstants.HARNESS, harnessSelection).execute();
  }

  static String id(Event e) {
    TestDescriptor d = e.getTestDescriptor();
    MethodSource m = (MethodSource) d.getSource().orElseThrow();
    return m.getJavaClass().getSimpleName() + "#" + m.getMethodName();
  }

  static Set<String> failed(EngineExecutionResults r) {
    return r.testEvents().failed().stream().map(TckSelfTest::id).collect(Collectors.toCollection(TreeSet::new));
  }

  /** Skipped test ID to reason. */
  static Map<String, String> skipped(EngineExecutionResults r) {
    return r.testEvents().skipped().stream().collect(Collectors.toMap(TckSelfTest::id,
        e -> e.getPayload(String.class).orElse(""), (a, b) -> a, TreeMap::new));
  }

  /** The reason a view scenario gives for a harness that does not implement {@code createView}. */
  static final String NO_VIEWS = "harness \"%s\" does not create views (RepoHarness#createView is not implemented)";

  @Test
  void correctFake_passesEverything_skipsOnlyUnmetFeatures() {
    EngineExecutionResults r = run("fake");
    assertEquals(Set.of(), failed(r));
    assertEquals(0, r.containerEvents().failed().count(), "no container fails");
    Map<String, String> skipped = skipped(r);
    assertEquals("requires [RAW_FILTER], which harness \"fake\" does not support",
        skipped.get("FilterContractTest#raw_bindsParameters"));
    assertEquals("requires [UPSERT] absent, but harness \"fake\" supports it",
        skipped.get("FindOneAndUpdateContractTest#upsert_absent_refusedUnchanged"));
    // Every skip is an absent-side test, except the present-side tests of the features the fake lacks (the raw
    // filter, aggregate v2, lookups (in reads and in aggregates), the newer contract's optional operations and views).
    skipped.forEach((id, reason) -> assertTrue(id.contains("absent") || id.equals("FilterContractTest#raw_bindsParameters")
        || id.startsWith("AggregateExtendedContractTest#") && reason.contains("AGGREGATE_EXTENDED")
        || id.startsWith("LookupContractTest#") && reason.contains("LOOKUPS")
        || id.startsWith("AggregateLookupContractTest#") && reason.contains("LOOKUPS")
        || optionalOperation(id) && reason.startsWith("requires [") && reason.contains("does not support")
        || id.startsWith("ViewContractTest#") && reason.equals(NO_VIEWS.formatted("fake")),
        id + " skipped: " + reason));
    assertEquals(13, skipped.keySet().stream().filter(id -> !id.startsWith("AggregateExtendedContractTest#")
        && !id.startsWith("LookupContractTest#") && !id.startsWith("AggregateLookupContractTest#")
        && !optionalOperation(id) && !id.startsWith("ViewContractTest#"))
        .count(), skipped.toString());
    assertEquals(6, skipped.keySet().stream().filter(id -> id.startsWith("ViewContractTest#")).count(),
        "every view scenario is skipped, with the reason, for a harness without views");
    assertTrue(r.testEvents().succeeded().count() >= 90, "the suite is not trivially small");
  }

  /** A present-side scenario of the newer contract's optional operations, which the fake does not implement. */
  private static boolean optionalOperation(String id) {
    return id.startsWith("OptionalOperationsContractTest#") && !id.contains("absent");
  }

  @Test
  void minimalFake_passesEveryAbsentSide_skipsEveryOptionalScenario() {
    EngineExecutionResults r = run("fake-minimal");
    assertEquals(Set.of(), failed(r));
    Map<String, String> skipped = skipped(r);
    for (Map.Entry<String, String> e : skipped.entrySet()) {
      assertTrue(e.getValue().startsWith("requires [") && e.getValue().contains("which harness \"fake-minimal\"")
          || e.getKey().startsWith("ViewContractTest#") && e.getValue().equals(NO_VIEWS.formatted("fake-minimal")),
          e.getKey() + ": " + e.getValue());
    }
    Set<String> absentSideRan = r.testEvents().succeeded().stream().map(TckSelfTest::id)
        .filter(id -> id.contains("absent")).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of("AggregateContractTest#aggregate_absent_refused",
        "AggregateExtendedContractTest#aggregateExtended_absent_refused",
        "BatchContractTest#batch_absent_refusedUnchanged",
        "FilterContractTest#raw_absent_refusedUnchanged",
        "FilterContractTest#regex_absent_refusedUnchanged",
        "FindOneAndUpdateContractTest#upsert_absent_refusedUnchanged",
        "GetOrCreateContractTest#getOrCreate_absent_refusedUnchanged",
        "OptimisticConcurrencyContractTest#optimisticConcurrency_absent_refusedUnchanged",
        "OptionalOperationsContractTest#applyTransition_absent_refusedUnchanged",
        "OptionalOperationsContractTest#archiveByFilter_absent_refusedUnchanged",
        "OptionalOperationsContractTest#bulkWrite_absent_refusedUnchanged",
        "OptionalOperationsContractTest#claim_absent_refusedUnchanged",
        "OptionalOperationsContractTest#getAll_countNone_absent_refused",
        "OptionalOperationsContractTest#purgeByFilter_absent_refusedUnchanged",
        "OptionalOperationsContractTest#updatePipeline_absent_refusedUnchanged",
        "PaginationContractTest#keyset_absent_refused",
        "QueryContractTest#countAndExists_absent_refused",
        "QueryContractTest#distinct_absent_refused",
        "StreamingContractTest#streaming_absent_refused",
        "TransactionContractTest#transactions_absent_refusedUnchanged"), absentSideRan);
    assertEquals("requires [TRANSACTIONS], which harness \"fake-minimal\" does not support",
        skipped.get("TransactionContractTest#scenario58_commitPersists"));
  }

  @Test
  void neMatchingNull_failsExactlyTheNeScenarios() {
    assertEquals(Set.of("FilterContractTest#ne_threeValued_overNullRows",
        "FilterContractTest#parity50_ne_excludesNull"), failed(run("broken-ne-null")));
  }

  @Test
  void inEmptyMatchingAll_failsExactlyTheEmptyInScenarios() {
    assertEquals(Set.of("FilterContractTest#in_emptyMatchesNothing_nullInListNeverMatchesNull",
        "FilterContractTest#parity47_inEmpty_matchesNothing"), failed(run("broken-in-empty")));
  }

  @Test
  void deleteMissThrowing_failsExactlyTheDeleteMissScenarios() {
    assertEquals(Set.of("CrudContractTest#delete_miss_isFalseNotAnException",
        "CrudContractTest#delete_thenDeleteAgain_reportsMiss"), failed(run("broken-delete-miss")));
  }

  @Test
  void updateMissThrowing_failsExactlyTheUpdateMissScenarios() {
    assertEquals(Set.of("BatchContractTest#batch_runsInOrder_withResults",
        "CrudContractTest#update_miss_isEmptyNotAnException",
        "OptimisticConcurrencyContractTest#scenario66_missingId_isMiss"), failed(run("broken-update-miss")));
  }

  @Test
  void suppressedDisagreements_areSkippedWithTheReason() {
    EngineExecutionResults r = run("broken-ne-null-suppressed");
    assertEquals(Set.of(), failed(r));
    assertEquals("suppressed by harness \"broken-ne-null-suppressed\": known: ne matches NULL",
        skipped(r).get("FilterContractTest#parity50_ne_excludesNull"));
    assertEquals("suppressed by harness \"broken-ne-null-suppressed\": known: ne matches NULL",
        skipped(r).get("FilterContractTest#ne_threeValued_overNullRows"));
  }

  @Test
  void harnessClaimingWhatItsRepositoryLacks_failsEveryScenario() {
    EngineExecutionResults r = run("lying-capabilities");
    assertEquals(0, r.testEvents().succeeded().count(), "nothing certifies under a false claim");
    Set<String> started = r.testEvents().started().stream().map(TckSelfTest::id)
        .collect(Collectors.toCollection(TreeSet::new));
    assertTrue(started.size() >= 90, "every gated-in scenario ran: " + started.size());
    assertEquals(started, failed(r));
    r.testEvents().failed().stream().forEach(e -> {
      String message = e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
          .getThrowable().orElseThrow().getMessage();
      assertTrue(message.startsWith("harness \"lying-capabilities\" declares [RAW_FILTER], which its "
          + "repository's capabilities() [TRANSACTIONS, "), id(e) + ": " + message);
    });
    // Skips still follow the declaration: the raw filter's absent side does not run.
    assertEquals("requires [RAW_FILTER] absent, but harness \"lying-capabilities\" supports it",
        skipped(r).get("FilterContractTest#raw_absent_refusedUnchanged"));
  }

  @Test
  void harnessDeclaringLessThanItsRepositoryReports_failsTheHarnessContract() {
    // Undeclared STREAMING runs the absent side against a repository that streams, and the harness contract
    // names the difference; everything else passes, because under-declaring only narrows what is certified.
    assertEquals(Set.of("HarnessContractTest#capabilities_matchDeclaredFeatures",
        "StreamingContractTest#streaming_absent_refused"), failed(run("modest-capabilities")));
  }

  @Test
  void severalHarnesses_runOncePerHarness_namedByHarness() {
    EngineExecutionResults r = run("fake, fake-minimal");
    Set<String> names = r.testEvents().finished().stream()
        .filter(e -> id(e).equals("CrudContractTest#delete_miss_isFalseNotAnException"))
        .map(e -> e.getTestDescriptor().getDisplayName()).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of("[fake]", "[fake-minimal]"), names);
    assertEquals(Set.of(), failed(r));
  }

  @Test
  void noSelection_runsEveryHarnessFound() {
    EngineExecutionResults r = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(ContractSuites.classes().get(0))).execute();
    long perTest = r.testEvents().finished().stream()
        .filter(e -> id(e).equals("HarnessContractTest#create_returnsEmptyRepositoryOverTheTckTable")).count();
    assertEquals(10, perTest, "one invocation per registered harness");
  }

  @Test
  void unknownHarness_failsWithTheAvailableNames() {
    EngineExecutionResults r = run("no-such-harness");
    assertEquals(0, r.testEvents().started().count());
    String message = r.containerEvents().failed().stream().findFirst().orElseThrow()
        .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable()
        .orElseThrow().getMessage();
    assertTrue(message.contains("unknown harness \"no-such-harness\"") && message.contains("fake-minimal"),
        message);
  }
}
