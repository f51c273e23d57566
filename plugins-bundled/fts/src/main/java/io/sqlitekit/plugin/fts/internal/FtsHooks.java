package io.sqlitekit.plugin.fts.internal;

import io.sqlitekit.plugin.fts.FtsDdl;
import io.sqlitekit.plugin.fts.FtsOptions;
import io.sqlitekit.plugin.fts.FtsPlugin;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.TableDef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Internal, not API, may change. The fts plugin: creates the index on install and remembers, per table, the
 * index its searches use. It registers no hook of its own: searches are {@code SEARCH} calls, which the
 * policy plugins scope.
 */
public final class FtsHooks implements RepositoryPlugin {
  private final FtsOptions options;
  private final Map<String, FtsIndex> indexes = new ConcurrentHashMap<>();

  /**
   * Creates the plugin.
   *
   * @param options the options
   */
  public FtsHooks(FtsOptions options) {
    this.options = options;
  }

  @Override
  public String name() {
    return FtsPlugin.NAME;
  }

  /**
   * Returns the options.
   *
   * @return the options
   */
  public FtsOptions options() {
    return options;
  }

  @Override
  public void install(HookRegistry registry) {
    TableDef table = registry.table();
    if (options.table() != null && !options.table().equals(table.name())) {
      return;
    }
    FtsIndex index;
    try {
      index = FtsIndex.of(table, options);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage() + " (table \"" + table.name() + "\")", e);
    }
    Optional<SqliteDriver> driver = registry.driver();
    if (options.autoCreate() && driver.isPresent()) {
      create(driver.get(), table, index);
    }
    indexes.put(table.name(), index);
  }

  private void create(SqliteDriver driver, TableDef table, FtsIndex index) {
    String script = FtsDdl.createSql(table, options);
    String rebuild = FtsDdl.rebuildSql(table, options);
    try {
      driver.write(s -> {
        boolean existed = s.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
            List.of(index.fts()), rows -> rows.next());
        s.executeScript(script);
        if (!existed) {
          // A new index over a table that already has rows starts empty: fill it once, in the same transaction.
          s.update(rebuild, List.of());
        }
        return null;
      });
    } catch (RepositoryException e) {
      throw new ConfigurationException("fts: cannot create the full-text index \"" + index.fts() + "\" on table \""
          + table.name() + "\" (does the table exist, and does this SQLite have FTS5?): " + e.getMessage(), e);
    }
  }

  /**
   * Returns the index of a table the plugin was installed on.
   *
   * @param table the table
   * @return the index
   * @throws ConfigurationException if the plugin does not index that table
   */
  public FtsIndex index(TableDef table) {
    FtsIndex index = indexes.get(table.name());
    if (index == null) {
      throw new ConfigurationException("fts: the \"fts\" plugin installed on table \"" + table.name()
          + "\" indexes table \"" + options.table() + "\" only");
    }
    return index;
  }
}
