package io.sqlitekit.it.tck;

import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.tck.TckDoc;
import java.util.List;

/** The in-memory kit with multi-tenant and soft-delete, set up as {@link SqlitePoliciesHarness}. */
public final class MemoryPoliciesHarness extends MemoryPluginHarnessBase {
  @Override
  public String name() {
    return "memory-tenant-soft-delete";
  }

  @Override
  List<RepositoryPlugin> plugins() {
    return SqlitePoliciesHarness.configPlugins();
  }

  @Override
  TableDef tableFor(TableDef tck) {
    return SqlitePoliciesHarness.configTable(tck);
  }

  @Override
  StandardRepo<TckDoc, String> scope(StandardRepo<TckDoc, String> repo) {
    return SqliteMultiTenantHarness.configScope(repo);
  }

  @Override
  StandardRepo<TckDoc, String> prepare(StandardRepo<TckDoc, String> repo) {
    return SqlitePoliciesHarness.configPrepare(repo);
  }
}
