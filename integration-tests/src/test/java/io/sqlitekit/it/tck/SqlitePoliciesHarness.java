package io.sqlitekit.it.tck;

import io.sqlitekit.plugin.softdelete.SoftDeleteOptions;
import io.sqlitekit.plugin.softdelete.SoftDeletePlugin;
import io.sqlitekit.plugin.tenant.TenantOptions;
import io.sqlitekit.plugin.tenant.TenantPlugin;
import io.sqlitekit.plugin.tenant.Tenants;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.tck.TckDoc;
import java.util.List;

/**
 * The SQLite kit with both policy plugins (multi-tenant first, then soft-delete, as they declare): the TCK runs
 * as tenant {@code t1}; every test starts with a row of tenant {@code t2} and a soft-deleted row of {@code t1},
 * both of which must stay invisible.
 */
public final class SqlitePoliciesHarness extends SqliteHarnessBase {
  @Override
  public String name() {
    return "sqlite-tenant-soft-delete";
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
    return List.of(TenantPlugin.create(TenantOptions.defaults()), SoftDeletePlugin.create(SoftDeleteOptions.defaults()));
  }

  /** This configuration's table: the TCK table plus the tenant column and the soft-delete mark. */
  static TableDef configTable(TableDef tck) {
    return tck.withColumn(Column.text("organizationId")).withColumn(Column.timestamp("deletedAt"));
  }

  @Override
  StandardRepo<TckDoc, String> scope(StandardRepo<TckDoc, String> repo) {
    return SqliteMultiTenantHarness.configScope(repo);
  }

  /** Seeds the other tenant's row and a soft-deleted row of {@code t1}, and returns {@code t1}'s view. */
  static StandardRepo<TckDoc, String> configPrepare(StandardRepo<TckDoc, String> repo) {
    repo.withContext(CallContext.of(Tenants.TENANT_ID, "t2")).create(new TckDoc(SqliteMultiTenantHarness.FOREIGN_ID,
        "foreign", "foreign@t2.invalid", "default", 0L, true, null, null, 1L));
    StandardRepo<TckDoc, String> t1 = repo.withContext(CallContext.of(Tenants.TENANT_ID, "t1"));
    t1.create(new TckDoc(SqliteSoftDeleteHarness.HIDDEN_ID, "hidden", "hidden@soft-deleted.invalid", "default", 0L,
        true, null, null, 1L));
    if (!t1.delete(SqliteSoftDeleteHarness.HIDDEN_ID) || t1.count(io.sqlitekit.spi.filter.Filters.all()) != 0) {
      throw new IllegalStateException("tenant t1 sees a hidden seed row");
    }
    return t1;
  }
}
