package io.sqlitekit.plugin.tenant;

import io.sqlitekit.plugin.tenant.internal.TenantHooks;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Objects;

/**
 * Creates the multi-tenant plugin ({@code "multi-tenant"}).
 *
 * <p><b>Scope:</b> at {@link io.sqlitekit.spi.plugin.HookPriority#POLICY}, every operation with a scope
 * (getById, getByIds, getOne, findAll, getAll offset and keyset, stream, count, exists, distinct, aggregate,
 * update, updateMany, findOneAndUpdate, increment, delete, deleteMany, getOrCreate's lookup, upsert's
 * conflict update) is narrowed to {@code tenantField = tenant}. Batch update, delete and upsert statements
 * get the same condition (for an upsert it guards the conflict update). Another tenant's rows therefore look missing: reads are empty, counts exclude
 * them, updates and deletes report a miss, and an upsert on another tenant's key changes nothing (the
 * repository reports the clash).
 *
 * <p><b>Stamping:</b> every row inserted by create, createMany, upsert, getOrCreate, an upserting
 * findOneAndUpdate and batch inserts and upserts gets the call's tenant, replacing any payload value.
 *
 * <p><b>No moves:</b> an update (any path, batch included) that sets, unsets or increments the tenant
 * field to anything but the current tenant fails with a {@link io.sqlitekit.spi.error.ValidationException}
 * before anything is written.
 *
 * <p><b>No tenant:</b> see {@link TenantOptions}; by default a {@link io.sqlitekit.spi.error.TenantRequiredException}
 * before anything is read or written. Calls accepted by {@link TenantOptions#skipWhen()} (by default those
 * with {@link Tenants#BYPASS}) are left alone entirely.
 *
 * <p>Enable it before {@code "soft-delete"} and {@code "cache"}, which declare that they run after it.
 * Installing fails with a {@link io.sqlitekit.spi.error.ConfigurationException} naming the table when the
 * tenant field is missing or is the primary key. Thread-safe.
 *
 * <pre>{@code
 * SqliteKit kit = SqliteKit.builder().url(url).plugins("multi-tenant", "soft-delete").build();
 * StandardRepo<Invoice, String> acme = Tenants.forTenant(invoices, "acme");
 * acme.create(invoice);   // organizationId = "acme"
 * }</pre>
 *
 * @since 0.1.0
 */
public final class TenantPlugin {
  /** The name the plugin is enabled by. */
  public static final String NAME = "multi-tenant";

  private TenantPlugin() {
  }

  /**
   * Creates the plugin.
   *
   * @param options the options
   * @return the plugin
   * @throws NullPointerException if {@code options} is null
   */
  public static RepositoryPlugin create(TenantOptions options) {
    return new TenantHooks(Objects.requireNonNull(options, "options"));
  }
}
