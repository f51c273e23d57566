package io.sqlitekit.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.sqlitekit.tck.suite.ContractSuites;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

class Probe {
  public static void main(String[] args) {
    EngineExecutionResults r = EngineTestKit.engine("junit-jupiter")
        .selectors(ContractSuites.classes().stream().map(c -> selectClass(c))
            .toArray(org.junit.platform.engine.DiscoverySelector[]::new))
        .configurationParameter(TckConstants.HARNESS, args[0]).execute();
    r.allEvents().failed().stream().forEach(e -> System.out.println("FAIL " + e.getTestDescriptor().getUniqueId()
        + " " + e.getPayload().orElse(null)));
    r.allEvents().skipped().stream().forEach(e -> System.out.println("SKIP " + e.getTestDescriptor().getDisplayName()
        + " " + e.getTestDescriptor().getLegacyReportingName() + " " + e.getPayload().orElse(null)));
    System.out.println("succeeded=" + r.testEvents().succeeded().count() + " failed=" + r.testEvents().failed().count() + " skipped=" + r.testEvents().skipped().count());
  }
}
