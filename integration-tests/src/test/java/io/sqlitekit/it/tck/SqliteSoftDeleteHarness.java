package io.sqlitekit.it.tck;

import io.sqlitekit.plugin.softdelete.SoftDeleteOptions;
import io.sqlitekit.plugin.softdelete.SoftDeletePlugin;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.tck.TckDoc;
import java.util.List;

/**
 * The SQLite kit with the soft-delete plugin: the table gains a nullable {@code deletedAt}, deletes mark rows
 * instead of removing them, and every scope hides marked rows. Each test starts with one soft-deleted row
 * already in the table, so a scenario that sees it (a count, a read, a unique clash on the id) fails.
 */
public final class SqliteSoftDeleteHarness extends SqliteHarnessBase {
  /** The id of the soft-deleted row every test starts with; no TCK scenario uses it. */
  static final String HIDDEN_ID = "zz-soft-deleted";

  @Override
  public String name() {
    return "sqlite-soft-delete";
  }

  @Override
  List<RepositoryPlugin> plugins() {
    return configPlugins();
  }

  @Override
  TableDef tableFor(TableDef tck) {
    return configTable(tck);
  }

  @Override
  StandardRepo<TckDoc, String> prepare(StandardRepo<TckDoc, String> repo) {
    return configPrepare(repo);
  }

  /** This configuration's plugins (fresh instances), shared with the in-memory harness of the same setup. */
  static List<RepositoryPlugin> configPlugins() {
    return List.of(SoftDeletePlugin.create(SoftDeleteOptions.defaults()));
  }

  /** This configuration's table: the TCK table plus the soft-delete mark. */
  static TableDef configTable(TableDef tck) {
    return tck.withColumn(Column.timestamp("deletedAt"));
  }

  /** Seeds the soft-deleted row and returns the repository. */
  static StandardRepo<TckDoc, String> configPrepare(StandardRepo<TckDoc, String> repo) {
    repo.create(new TckDoc(HIDDEN_ID, "hidden", "hidden@soft-deleted.invalid", "default", 0L, true, null, null, 1L));
    if (!repo.delete(HIDDEN_ID) || repo.getById(HIDDEN_ID).isPresent()) {
      throw new IllegalStateException("soft delete of the seed row did not hide it");
    }
    return repo;
  }
}
