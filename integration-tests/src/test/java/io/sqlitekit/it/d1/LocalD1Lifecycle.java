package io.sqlitekit.it.d1;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/** Stops the local D1 when a test plan finishes (registered through {@code META-INF/services}). */
public final class LocalD1Lifecycle implements TestExecutionListener {
  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    LocalD1.stop();
  }
}
