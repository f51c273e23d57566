/**
 * The multi-tenant plugin ({@code "multi-tenant"}): every row belongs to one tenant, every operation is
 * scoped to the calling tenant, and no row can move to another tenant.
 *
 * @provides io.sqlitekit.spi.plugin.PluginProvider the {@code "multi-tenant"} plugin
 * @since 0.1.0
 */
module io.sqlitekit.plugin.tenant {
  // TenantPlugin, TenantOptions and Tenants expose spi types (RepositoryPlugin, CallContext, HookContext,
  // StandardRepo).
  requires transitive io.sqlitekit.spi;
  // Bypassed calls (skipWhen) are logged at DEBUG with operation and table only, never tenant ids or rows.
  requires org.slf4j;

  exports io.sqlitekit.plugin.tenant;

  provides io.sqlitekit.spi.plugin.PluginProvider with io.sqlitekit.plugin.tenant.internal.TenantPluginProvider;
}
