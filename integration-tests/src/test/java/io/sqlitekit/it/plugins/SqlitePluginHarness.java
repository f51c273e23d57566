package io.sqlitekit.it.plugins;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.plugin.tenant.TenantOptions;
import io.sqlitekit.plugin.tenant.TenantPlugin;
import io.sqlitekit.plugin.tenant.Tenants;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.tck.plugin.PluginHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A {@link PluginHarness} on the SQLite kit over temporary WAL files, for any plugin instance. */
final class SqlitePluginHarness implements PluginHarness {
  private static final AtomicInteger FILES = new AtomicInteger();

  private final Path dir;
  private final Supplier<RepositoryPlugin> plugin;
  private final List<Column> columns;
  private final List<SqliteKit> kits = new ArrayList<>();

  SqlitePluginHarness(Path dir, Supplier<RepositoryPlugin> plugin, Column... columns) {
    this.dir = dir;
    this.plugin = plugin;
    this.columns = List.of(columns);
  }

  @Override
  public RepositoryPlugin plugin() {
    return plugin.get();
  }

  @Override
  public List<Column> columns() {
    return columns;
  }

  @Override
  public StandardRepo<Map<String, Object>, Object> create(TableDef table, List<RepositoryPlugin> plugins) {
    SqliteKit.Builder builder = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("plugin-" + FILES.incrementAndGet() + ".db"));
    plugins.forEach(builder::plugin);
    SqliteKit kit = builder.build();
    kits.add(kit);
    kit.createTable(table);
    return kit.documents(table);
  }

  @Override
  public RepositoryPlugin multiTenant(String field) {
    return TenantPlugin.create(TenantOptions.defaults().withField(field));
  }

  @Override
  public CallContext tenant(String tenant) {
    return CallContext.of(Tenants.TENANT_ID, tenant);
  }

  @Override
  public void cleanup() {
    kits.forEach(SqliteKit::close);
    kits.clear();
  }
}
