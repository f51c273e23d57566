package io.sqlitekit.it.tck;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Stops the dqlite cluster a dqlite harness started (by pid) when the test plan of its JVM finishes, so no
 * node outlives its test execution. Registered through {@code META-INF/services}; a no-op otherwise.
 */
public final class DqliteClusterListener implements TestExecutionListener {
  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    DqliteHarnessBase.stopCluster();
  }
}
