package io.sqlitekit.tck.plugin;

import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.util.List;
import java.util.Map;

/**
 * What a plugin author provides to certify a plugin with {@link PluginConformance}: the plugin, the columns it
 * needs, a kit to run it on, and how to combine it with the multi-tenant plugin.
 *
 * <p>The conformance checks build their table from {@link PluginConformance#table(List)}: {@code id} TEXT primary
 * key, {@code name} TEXT NOT NULL, {@code tenantId} TEXT, {@code n} INTEGER, then {@link #columns()}. Rows they
 * write carry {@code id}, {@code name} and {@code n} only; the plugin fills its own columns.
 *
 * @since 0.2.0
 */
public interface PluginHarness {
  /**
   * Returns a fresh instance of the plugin under test. Called once per repository the checks create.
   *
   * @return the plugin
   */
  RepositoryPlugin plugin();

  /**
   * Returns the columns the plugin needs in the table, for example an owner or a slug column.
   *
   * @return the columns; they must not be named {@code id}, {@code name}, {@code tenantId} or {@code n}
   */
  List<Column> columns();

  /**
   * Returns what every call of the checks carries, for example the acting owner of an owner policy.
   *
   * @return the context; empty by default
   */
  default CallContext context() {
    return CallContext.empty();
  }

  /**
   * Creates a fresh, empty document repository over {@code table} with exactly {@code plugins} enabled, on a
   * kit that supports transactions and batches (the SQLite kit on a temporary file, or the memory kit).
   *
   * @param table the table to create
   * @param plugins the plugins, in enablement order (the kit orders them by {@code runsAfter})
   * @return the repository
   */
  StandardRepo<Map<String, Object>, Object> create(TableDef table, List<RepositoryPlugin> plugins);

  /**
   * Returns the multi-tenant plugin with its tenant column set to {@code field}, for the isolation check; with
   * the bundled plugin: {@code TenantPlugin.create(TenantOptions.defaults().withField(field))}.
   *
   * @param field the tenant column ({@code tenantId})
   * @return the plugin
   */
  RepositoryPlugin multiTenant(String field);

  /**
   * Returns the context that makes a call act for a tenant; with the bundled plugin:
   * {@code CallContext.of(Tenants.TENANT_ID, tenant)}.
   *
   * @param tenant the tenant id
   * @return the context
   */
  CallContext tenant(String tenant);

  /**
   * Releases what {@link #create} acquired (kits, files). Called after each check, also when it failed.
   */
  default void cleanup() {
  }
}
