package io.sqlitekit.tck.internal;

import io.sqlitekit.tck.DriverContractTest;
import io.sqlitekit.tck.DriverHarness;
import io.sqlitekit.tck.TckConstants;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Internal, not API, may change. Turns every {@link DriverContractTest} method into one invocation per selected
 * driver harness ({@link TckConstants#DRIVER_HARNESS}), named {@code [harness-name]}. Harnesses are loaded once
 * per engine run.
 *
 * @since 0.2.0
 */
public final class DriverTckExtension implements TestTemplateInvocationContextProvider {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(DriverTckExtension.class);

  /** Creates the extension; the driver suite registers one instance per class. */
  public DriverTckExtension() {
  }

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> m.isAnnotationPresent(DriverContractTest.class)).orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
    @SuppressWarnings("unchecked")
    List<DriverHarness> all = context.getRoot().getStore(NS)
        .getOrComputeIfAbsent("drivers", k -> Harnesses.loadDrivers(), List.class);
    String selection = context.getConfigurationParameter(TckConstants.DRIVER_HARNESS).orElse(null);
    return Harnesses.selectDrivers(all, selection).stream().map(h -> new TestTemplateInvocationContext() {
      @Override
      public String getDisplayName(int invocationIndex) {
        return "[" + h.name() + "]";
      }

      @Override
      public List<Extension> getAdditionalExtensions() {
        return List.of(new DriverBinding(h));
      }
    });
  }
}
