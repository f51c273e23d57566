package io.sqlitekit.tck.internal;

import io.sqlitekit.tck.RepoHarness;
import java.util.List;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

/**
 * Internal, not API, may change. One invocation of a contract test against one harness, named
 * {@code [harness-name]}.
 */
final class HarnessInvocation implements TestTemplateInvocationContext {
  private final RepoHarness harness;

  HarnessInvocation(RepoHarness harness) {
    this.harness = harness;
  }

  @Override
  public String getDisplayName(int invocationIndex) {
    return "[" + harness.name() + "]";
  }

  @Override
  public List<Extension> getAdditionalExtensions() {
    return List.of(new HarnessBinding(harness));
  }
}
