package io.sqlitekit.it.tck;

import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.tck.TckDoc;
import java.util.List;

/** The kit with the soft-delete plugin on a 3-node dqlite cluster: the setup of {@link SqliteSoftDeleteHarness}. */
public final class DqliteSoftDeleteHarness extends DqliteHarnessBase {
  @Override
  public String name() {
    return "dqlite-soft-delete";
  }

  @Override
  List<RepositoryPlugin> plugins() {
    return SqliteSoftDeleteHarness.configPlugins();
  }

  @Override
  TableDef tableFor(TableDef tck) {
    return SqliteSoftDeleteHarness.configTable(tck);
  }

  @Override
  StandardRepo<TckDoc, String> prepare(StandardRepo<TckDoc, String> repo) {
    return SqliteSoftDeleteHarness.configPrepare(repo);
  }
}
