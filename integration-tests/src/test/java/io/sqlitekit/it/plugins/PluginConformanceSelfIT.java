package io.sqlitekit.it.plugins;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.tck.plugin.PluginConformance;
import io.sqlitekit.tck.plugin.PluginHarness;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin conformance checks catch what they promise to: each deliberately broken plugin fails exactly the
 * check for its defect, with a message naming it.
 */
class PluginConformanceSelfIT {
  @TempDir
  Path dir;

  /** Runs one check of a conformance instance for a plugin and returns its failure. */
  private AssertionError failure(Supplier<RepositoryPlugin> plugin, java.util.function.Function<PluginConformance,
      Executable> check) {
    SqlitePluginHarness harness = new SqlitePluginHarness(dir, plugin, Column.text("tag"));
    PluginConformance conformance = new PluginConformance() {
      @Override
      protected PluginHarness harness() {
        return harness;
      }
    };
    try {
      return assertThrows(AssertionError.class, check.apply(conformance));
    } finally {
      harness.cleanup();
    }
  }

  /** A plugin with one before-hook at policy priority for the given operations. */
  private static RepositoryPlugin plugin(String name, Set<Operation> ops,
      java.util.function.Consumer<io.sqlitekit.spi.plugin.HookContext> hook) {
    return new RepositoryPlugin() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void install(HookRegistry registry) {
        registry.before(ops, HookPriority.POLICY, hook::accept);
      }
    };
  }

  @Test
  void aPolicyOnCreateOnly_failsCoverage() {
    AssertionError e = failure(() -> plugin("tagger", EnumSet.of(Operation.CREATE),
        ctx -> ctx.rows().forEach(r -> r.put("tag", "x"))), c -> c::policyHooks_coverWholeOperationGroups);
    assertTrue(e.getMessage().contains("plugin \"tagger\": its policy before-hooks cover inserts [CREATE] but not"
        + " [CREATE_MANY, UPSERT, GET_OR_CREATE, BATCH]"), e.getMessage());
  }

  @Test
  void aPluginThatBreaksAnOperation_failsTheFiringCheck() {
    AssertionError e = failure(() -> plugin("no-increments", EnumSet.allOf(Operation.class), ctx -> {
      if (ctx.operation() == Operation.INCREMENT) {
        throw new ValidationException("n", "no increments");
      }
    }), c -> c::hooksFire_insideTransactions);
    assertTrue(e.getMessage().contains("INCREMENT inside withTransaction failed with the plugin enabled: no increments"),
        e.getMessage());
  }

  @Test
  void aPluginThatReplacesTheScope_failsTheTenantCheck() {
    EnumSet<Operation> scoped = EnumSet.noneOf(Operation.class);
    for (Operation op : Operation.values()) {
      if (op.isScoped() || op.kind() == Operation.Kind.INSERT || op == Operation.BATCH) {
        scoped.add(op);
      }
    }
    AssertionError e = failure(() -> plugin("scope-replacer", scoped, ctx -> {
      if (ctx.operation().isScoped()) {
        ctx.setFilter(Filters.all());   // drops what multi-tenant added: the defect under test
      }
    }), c -> c::withMultiTenant_noRowCrossesTenants);
    assertTrue(e.getMessage().contains("crossed tenants"), e.getMessage());
  }
}
