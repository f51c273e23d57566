package io.sqlitekit.it.tck;

import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.tck.TckDoc;
import java.util.List;

/** The multi-tenant configuration of {@link SqliteMultiTenantHarness} on the local D1. */
public final class D1MultiTenantHarness extends D1Harness {
  @Override
  public String name() {
    return "d1-multi-tenant";
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
