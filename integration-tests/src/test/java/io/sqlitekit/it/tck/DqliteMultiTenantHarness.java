package io.sqlitekit.it.tck;

import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.tck.TckDoc;
import java.util.List;

/** The kit with the multi-tenant plugin on a 3-node dqlite cluster: the setup of {@link SqliteMultiTenantHarness}. */
public final class DqliteMultiTenantHarness extends DqliteHarnessBase {
  @Override
  public String name() {
    return "dqlite-multi-tenant";
  }

  @Override
  List<RepositoryPlugin> plugins() {
    return SqliteMultiTenantHarness.configPlugins();
  }

  @Override
  TableDef tableFor(TableDef tck) {
    return SqliteMultiTenantHarness.configTable(tck);
  }

  @Override
  StandardRepo<TckDoc, String> scope(StandardRepo<TckDoc, String> repo) {
    return SqliteMultiTenantHarness.configScope(repo);
  }

  @Override
  StandardRepo<TckDoc, String> prepare(StandardRepo<TckDoc, String> repo) {
    return SqliteMultiTenantHarness.configPrepare(repo);
  }
}
