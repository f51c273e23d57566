package io.sqlitekit.tck.internal;

import io.sqlitekit.spi.Capabilities;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.tck.RepoHarness;
import io.sqlitekit.tck.TckDoc;
import io.sqlitekit.tck.TckSchema;
import java.lang.reflect.Method;
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
 * Internal, not API, may change. Binds one harness to one test invocation: checks suppressions and
 * {@code @Requires}, creates the fresh repository, checks that it reports every capability the harness declares,
 * injects it, and after the test checks the invariants (no transaction left open, {@code count()} agrees with
 * {@code findAll}) and calls the harness's cleanup.
 */
final class HarnessBinding implements ExecutionCondition, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(HarnessBinding.class);

  /** Store key set when the harness claims more than its repository reports. */
  private static final String UNREPORTED = "unreported";

  private final RepoHarness harness;

  HarnessBinding(RepoHarness harness) {
    this.harness = harness;
  }

  private Capabilities declared() {
    Capabilities declared = harness.capabilities();
    if (declared == null) {
      throw new IllegalStateException("harness \"" + harness.name() + "\" declares no capabilities (null)");
    }
    return declared;
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<Method> method = context.getTestMethod();
    if (method.isEmpty()) {
      return ConditionEvaluationResult.enabled("not a test method");
    }
    String id = TestIds.of(method.get());
    // Conflicting requirements throw here, which Jupiter reports as a failed test.
    Requirements req = Requirements.of(method.get());
    String reason = harness.suppressed().get(id);
    if (reason != null) {
      return ConditionEvaluationResult.disabled(String.format(Locale.ROOT, "suppressed by harness \"%s\": %s",
          harness.name(), reason));
    }
    if (method.get().getDeclaringClass().getSimpleName().equals("ViewContractTest") && !Harnesses.createsViews(harness)) {
      return ConditionEvaluationResult.disabled(String.format(Locale.ROOT,
          "harness \"%s\" does not create views (RepoHarness#createView is not implemented)", harness.name()));
    }
    return req.unmetBy(harness.name(), declared()).map(ConditionEvaluationResult::disabled)
        .orElseGet(() -> ConditionEvaluationResult.enabled("requirements met by harness " + harness.name()));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    StandardRepo<TckDoc, String> repo = repo(context);
    // Scenarios are gated on what the harness declares. A capability the repository disowns would run its
    // scenarios against a repository entitled to refuse them and skip the checks that it refuses cleanly, so
    // the certificate would mean nothing: every scenario fails instead.
    Capabilities reported = repo.capabilities();
    Set<Capability> unreported = reported == null ? declared().supported() : declared().missingFrom(reported);
    if (!unreported.isEmpty()) {
      context.getStore(NS).put(UNREPORTED, Boolean.TRUE);
      throw new AssertionError(String.format(Locale.ROOT,
          "harness \"%s\" declares %s, which its repository's capabilities() %s does not report; a harness "
              + "must not claim a capability its repository says it lacks", harness.name(), unreported,
          reported == null ? "(null)" : reported.supported()));
    }
  }

  private StandardRepo<TckDoc, String> repo(ExtensionContext context) {
    @SuppressWarnings("unchecked")
    StandardRepo<TckDoc, String> repo = context.getStore(NS).computeIfAbsent("repo", k -> {
      StandardRepo<TckDoc, String> created = harness.create(TckSchema.TABLE);
      if (created == null) {
        throw new IllegalStateException("harness \"" + harness.name() + "\" returned no repository");
      }
      return created;
    }, StandardRepo.class);
    return repo;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      @SuppressWarnings("unchecked")
      StandardRepo<TckDoc, String> repo = context.getStore(NS).get("repo", StandardRepo.class);
      // With a capability claimed but not reported, the invariants would only repeat the same failure.
      if (repo != null && context.getStore(NS).get(UNREPORTED) == null) {
        checkInvariants(repo);
      }
    } finally {
      harness.cleanup();
    }
  }

  private void checkInvariants(StandardRepo<TckDoc, String> repo) {
    int rows = repo.findAll(Filters.all()).size();
    Capabilities c = declared();
    if (c.supports(Capability.COUNT_AND_EXISTS)) {
      long count = repo.count(Filters.all());
      if (count != rows) {
        throw new AssertionError(String.format(Locale.ROOT,
            "after-each invariant: count() = %d but findAll() returned %d rows", count, rows));
      }
    }
    if (c.supports(Capability.TRANSACTIONS)) {
      // A transaction left open by the test would make a fresh top-level transaction fail or see other rows.
      int inTx = repo.withTransaction(tx -> tx.findAll(Filters.all()).size());
      if (inTx != rows) {
        throw new AssertionError(String.format(Locale.ROOT,
            "after-each invariant: a new transaction sees %d rows, outside %d (transaction left open?)", inTx,
            rows));
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == StandardRepo.class || type == RepoHarness.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == RepoHarness.class ? harness : repo(extensionContext);
  }
}
