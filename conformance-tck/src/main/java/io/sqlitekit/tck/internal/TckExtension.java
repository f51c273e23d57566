package io.sqlitekit.tck.internal;

import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.RepoHarness;
import io.sqlitekit.tck.TckConstants;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Internal, not API, may change. Turns every {@link ContractTest} method into one invocation per selected
 * harness. Harnesses are loaded once per engine run and cached in the root store.
 *
 * @since 0.1.0
 */
public final class TckExtension implements TestTemplateInvocationContextProvider {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TckExtension.class);

  /** Creates the extension; the suite registers one instance per class. */
  public TckExtension() {
  }

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> m.isAnnotationPresent(ContractTest.class)).orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
    @SuppressWarnings("unchecked")
    List<RepoHarness> all = context.getRoot().getStore(NS)
        .computeIfAbsent("harnesses", k -> Harnesses.loadAll(), List.class);
    String selection = context.getConfigurationParameter(TckConstants.HARNESS).orElse(null);
    return Harnesses.select(all, selection).stream().map(HarnessInvocation::new);
  }
}
