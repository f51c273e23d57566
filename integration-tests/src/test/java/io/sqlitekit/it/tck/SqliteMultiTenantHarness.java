package io.sqlitekit.it.tck;

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
 * The SQLite kit with the multi-tenant plugin (secure defaults: a tenant is required): the table gains an
 * {@code organizationId} column and the TCK uses the repository through tenant {@code t1}'s context. Each test
 * starts with one row of tenant {@code t2} in the table, which the scenarios must never see.
 */
public final class SqliteMultiTenantHarness extends SqliteHarnessBase {
  /** The id of the other tenant's row every test starts with; no TCK scenario uses it. */
  static final String FOREIGN_ID = "zz-other-tenant";

  @Override
  public String name() {
    return "sqlite-multi-tenant";
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
    return List.of(TenantPlugin.create(TenantOptions.defaults()));
  }

  /** This configuration's table: the TCK table plus the tenant column. */
  static TableDef configTable(TableDef tck) {
    return tck.withColumn(Column.text("organizationId"));
  }

  @Override
  StandardRepo<TckDoc, String> scope(StandardRepo<TckDoc, String> repo) {
    return configScope(repo);
  }

  /** Tenant {@code t1}'s context, the one every TCK repository of the tenant configurations runs in. */
  static StandardRepo<TckDoc, String> configScope(StandardRepo<TckDoc, String> repo) {
    return repo.withContext(CallContext.of(Tenants.TENANT_ID, "t1"));
  }

  /** Seeds the other tenant's row and returns tenant {@code t1}'s view. */
  static StandardRepo<TckDoc, String> configPrepare(StandardRepo<TckDoc, String> repo) {
    StandardRepo<TckDoc, String> other = repo.withContext(CallContext.of(Tenants.TENANT_ID, "t2"));
    other.create(new TckDoc(FOREIGN_ID, "foreign", "foreign@t2.invalid", "default", 0L, true, null, null, 1L));
    StandardRepo<TckDoc, String> t1 = configScope(repo);
    if (t1.getById(FOREIGN_ID).isPresent()) {
      throw new IllegalStateException("tenant t1 sees tenant t2's row");
    }
    return t1;
  }
}
