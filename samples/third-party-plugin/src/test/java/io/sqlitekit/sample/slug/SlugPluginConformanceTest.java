package io.sqlitekit.sample.slug;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.plugin.tenant.TenantOptions;
import io.sqlitekit.plugin.tenant.TenantPlugin;
import io.sqlitekit.plugin.tenant.Tenants;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.tck.plugin.PluginConformance;
import io.sqlitekit.tck.plugin.PluginHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** Certifies the slug plugin with the TCK's plugin checks, on the SQLite kit over a temporary WAL file. */
class SlugPluginConformanceTest extends PluginConformance {
  @TempDir
  Path dir;

  @Override
  protected PluginHarness harness() {
    return new PluginHarness() {
      private final List<SqliteKit> kits = new ArrayList<>();

      @Override
      public RepositoryPlugin plugin() {
        return SlugPlugin.create();
      }

      @Override
      public List<Column> columns() {
        return List.of(Column.text("slug"));
      }

      @Override
      public StandardRepo<Map<String, Object>, Object> create(TableDef table, List<RepositoryPlugin> plugins) {
        SqliteKit.Builder builder = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("k" + kits.size() + ".db"));
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
      }
    };
  }
}
