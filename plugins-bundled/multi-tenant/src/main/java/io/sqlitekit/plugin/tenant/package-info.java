/**
 * The multi-tenant plugin: {@link io.sqlitekit.plugin.tenant.TenantPlugin} builds it from
 * {@link io.sqlitekit.plugin.tenant.TenantOptions}; {@link io.sqlitekit.plugin.tenant.Tenants} binds a
 * tenant to a repository view or to the current thread.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.plugin.tenant;
