package io.sqlitekit.it.tck;

import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.tck.TckDoc;
import java.util.List;

/** The in-memory kit with the soft-delete plugin, set up as {@link SqliteSoftDeleteHarness}. */
public final class MemorySoftDeleteHarness extends MemoryPluginHarnessBase {
  @Override
  public String name() {
    return "memory-soft-delete";
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
