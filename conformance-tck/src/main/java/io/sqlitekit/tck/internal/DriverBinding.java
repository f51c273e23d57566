package io.sqlitekit.tck.internal;

import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.tck.DriverFeature;
import io.sqlitekit.tck.DriverHarness;
import io.sqlitekit.tck.RequiresDriver;
import io.sqlitekit.tck.driver.DriverFixture;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Internal, not API, may change. Binds one driver harness to one test invocation: suppressions and
 * {@link RequiresDriver} (skips that name the feature), the fixture, the check that the driver reports the
 * features its harness declares, and after the test the invariant that no transaction was left open on the
 * test's thread, then closing every driver and the harness's cleanup.
 */
final class DriverBinding implements ExecutionCondition, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(DriverBinding.class);

  private final DriverHarness harness;

  DriverBinding(DriverHarness harness) {
    this.harness = harness;
  }

  private Set<DriverFeature> declared() {
    Set<DriverFeature> f = harness.features();
    if (f == null) {
      throw new IllegalStateException("driver harness \"" + harness.name() + "\" declares no features (null)");
    }
    return f.isEmpty() ? EnumSet.noneOf(DriverFeature.class) : EnumSet.copyOf(f);
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<Method> method = context.getTestMethod();
    if (method.isEmpty()) {
      return ConditionEvaluationResult.enabled("not a test method");
    }
    Method m = method.get();
    EnumSet<DriverFeature> required = EnumSet.noneOf(DriverFeature.class);
    EnumSet<DriverFeature> absent = EnumSet.noneOf(DriverFeature.class);
    for (RequiresDriver r : new RequiresDriver[] {m.getDeclaringClass().getAnnotation(RequiresDriver.class),
        m.getAnnotation(RequiresDriver.class)}) {
      if (r != null) {
        required.addAll(Arrays.asList(r.value()));
        absent.addAll(Arrays.asList(r.absent()));
      }
    }
    EnumSet<DriverFeature> both = EnumSet.copyOf(required);
    both.retainAll(absent);
    if (!both.isEmpty()) {
      // Thrown here, Jupiter reports it as a failed test: a TCK defect must never look like a skip.
      throw new IllegalStateException(String.format(Locale.ROOT,
          "conflicting requirements on %s: %s both required and absent", TestIds.of(m), both));
    }
    String reason = harness.suppressed().get(TestIds.of(m));
    if (reason != null) {
      return ConditionEvaluationResult.disabled(String.format(Locale.ROOT,
          "suppressed by driver harness \"%s\": %s", harness.name(), reason));
    }
    Set<DriverFeature> has = declared();
    EnumSet<DriverFeature> missing = EnumSet.copyOf(required);
    missing.removeAll(has);
    if (!missing.isEmpty()) {
      return ConditionEvaluationResult.disabled(String.format(Locale.ROOT,
          "requires %s, which driver harness \"%s\" does not support", missing, harness.name()));
    }
    EnumSet<DriverFeature> present = EnumSet.copyOf(absent);
    present.retainAll(has);
    if (!present.isEmpty()) {
      return ConditionEvaluationResult.disabled(String.format(Locale.ROOT,
          "requires %s absent, but driver harness \"%s\" supports it", present, harness.name()));
    }
    return ConditionEvaluationResult.enabled("requirements met by driver harness " + harness.name());
  }

  private DriverFixtureImpl fixture(ExtensionContext context) {
    return context.getStore(NS).getOrComputeIfAbsent("fixture", k -> new DriverFixtureImpl(harness),
        DriverFixtureImpl.class);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    SqliteDriver d = fixture(context).driver();
    EnumSet<DriverFeature> reported = EnumSet.noneOf(DriverFeature.class);
    if (d.interactiveTransactions()) {
      reported.add(DriverFeature.INTERACTIVE_TRANSACTIONS);
    }
    if (d.supportsRegexp()) {
      reported.add(DriverFeature.REGEXP);
    }
    // Scenarios are gated on the declaration; a driver that reports otherwise would be certified for what it
    // does not do (or excused from what it does), so every scenario fails instead.
    if (!reported.equals(declared())) {
      throw new AssertionError(String.format(Locale.ROOT,
          "driver harness \"%s\" declares %s, but its driver reports %s", harness.name(), declared(), reported));
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    DriverFixtureImpl fixture = context.getStore(NS).get("fixture", DriverFixtureImpl.class);
    try {
      if (fixture != null) {
        boolean open = false;
        try {
          open = fixture.driver().inTransaction();
        } catch (IllegalStateException closedByTest) {
          // The test closed the driver itself; nothing can be open on it.
        }
        if (open) {
          throw new AssertionError("after-each invariant: the test's thread is still inside a write transaction");
        }
        fixture.closeAll();
      }
    } finally {
      harness.cleanup();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == DriverFixture.class || type == SqliteDriver.class || type == DriverHarness.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    if (type == DriverHarness.class) {
      return harness;
    }
    DriverFixtureImpl f = fixture(extensionContext);
    return type == SqliteDriver.class ? f.driver() : f;
  }
}
