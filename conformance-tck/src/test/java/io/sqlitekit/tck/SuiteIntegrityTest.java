package io.sqlitekit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.sqlitekit.tck.fake.FakeHarnesses;
import io.sqlitekit.tck.internal.Requirements;
import io.sqlitekit.tck.suite.ContractSuites;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The suite itself is well formed: every contract class is listed, IDs are unique, no requirement conflicts. */
final class SuiteIntegrityTest {

  @Test
  void everyContractClassIsListed() throws IOException {
    Set<String> onDisk;
    try (Stream<Path> files = Files.list(Path.of("target/classes/io/sqlitekit/tck/suite"))) {
      onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("ContractTest.class"))
          .map(n -> n.substring(0, n.length() - ".class".length())).collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> listed = ContractSuites.classes().stream().map(Class::getSimpleName)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(onDisk, listed);
  }

  @Test
  void testIdsAreUnique_andNoRequirementsConflict() {
    List<String> ids = new ArrayList<>();
    for (Class<?> c : ContractSuites.classes()) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.isAnnotationPresent(ContractTest.class)) {
          ids.add(c.getSimpleName() + "#" + m.getName());
          Requirements.of(m);
        }
      }
    }
    assertEquals(ids.size(), new HashSet<>(ids).size(), "duplicate test IDs: " + ids);
    assertTrue(ids.size() >= 90, "suite size " + ids.size());
  }

  @Test
  void everyExecutedTest_getsAFreshRepository_andCleanup() {
    String name = "fake-minimal";
    int created0 = FakeHarnesses.CREATED.computeIfAbsent(name, k -> new AtomicInteger()).get();
    int cleaned0 = FakeHarnesses.CLEANED.computeIfAbsent(name, k -> new AtomicInteger()).get();
    EngineExecutionResults r = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(ContractSuites.classes().get(1)), selectClass(ContractSuites.classes().get(10)))
        .configurationParameter(TckConstants.HARNESS, name).execute();
    long executed = r.testEvents().finished().count();
    assertTrue(executed > 10, "executed " + executed);
    assertEquals(executed, FakeHarnesses.CREATED.get(name).get() - created0, "one repository per executed test");
    assertEquals(executed, FakeHarnesses.CLEANED.get(name).get() - cleaned0, "one cleanup per executed test");
    assertTrue(r.testEvents().skipped().count() > 0, "skipped tests create nothing");
  }

  @Test
  void conflictingRequirements_failTheTest() {
    EngineExecutionResults r = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass("io.sqlitekit.tck.suite.ConflictingRequirementsFixture"))
        .configurationParameter(TckConstants.HARNESS, "fake").execute();
    assertEquals(1, r.testEvents().succeeded().count());
    assertEquals(1, r.testEvents().failed().count());
    String message = r.testEvents().failed().stream().findFirst().orElseThrow()
        .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage();
    assertTrue(message.contains("conflicting requirements on ConflictingRequirementsFixture#conflicting")
        && message.contains("[TRANSACTIONS] both required and absent"), message);
  }

  @Test
  void afterEachInvariants_catchCountDrift() {
    EngineExecutionResults r = EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass("io.sqlitekit.tck.suite.CountDriftFixture"))
        .configurationParameter(TckConstants.HARNESS, "broken-count-drift, fake").execute();
    assertEquals(1, r.testEvents().succeeded().count(), "the correct fake passes");
    String message = r.testEvents().failed().stream().findFirst().orElseThrow()
        .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage();
    assertTrue(message.startsWith("after-each invariant: count() = 2 but findAll() returned 1 rows"), message);
  }
}
