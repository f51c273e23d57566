package io.sqlitekit.plugin.tenant;

import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.ContextKey;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.TenantRequiredException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The plugin's context keys ({@link #TENANT_ID}, {@link #BYPASS}) and helpers that bind a tenant to calls: to a
 * repository view, or to the current thread for the duration of some work. Both set {@link #TENANT_ID}, the key
 * the plugin reads by default; a view's tenant wins over the thread's. A blank text tenant (empty or only whitespace, see {@link TenantOptions#isBlank}) is refused
 * here with a {@link TenantRequiredException}, whatever the plugin's options say, so an empty header fails
 * where it enters; a deployment that really uses a blank tenant enables
 * {@link TenantOptions#withAllowBlankTenant} and binds it with {@code CallContext.of(TENANT_ID, "")}.
 *
 * <pre>{@code
 * Tenants.run("acme", () -> invoices.create(invoice));        // thread-scoped
 * StandardRepo<Invoice, String> acme = Tenants.forTenant(invoices, "acme");   // view
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Tenants {
  /**
   * The tenant a call acts for, the key the plugin's default resolver reads. Its name, {@code "tenantId"},
   * is part of its contract: the audit plugin records the value of the context key of that name without
   * depending on this plugin. It {@linkplain ContextKey#scopesReads() scopes reads}, so a read cache keeps
   * tenants apart.
   *
   * @since 0.2.0
   */
  public static final ContextKey<Object> TENANT_ID = ContextKey.scopingReads("tenantId", Object.class);

  /**
   * When set to true, tenant scope steps aside for the call (super-admin), through the default skip rule
   * ({@link TenantOptions#bypassFlag()}); {@link #bypass} sets it on a view. It scopes reads: a bypassing
   * read sees every tenant's rows.
   *
   * @since 0.2.0
   */
  public static final ContextKey<Boolean> BYPASS = ContextKey.scopingReads("bypassTenant", Boolean.class);

  private Tenants() {
  }

  /**
   * Returns a view of the repository whose calls act for a tenant.
   *
   * @param repo the repository
   * @param tenant the tenant id (a value of the tenant column's type)
   * @param <T> the entity type
   * @param <ID> the key type
   * @return the view
   * @throws NullPointerException if an argument is null
   * @throws TenantRequiredException if the tenant is blank text
   */
  public static <T, ID> StandardRepo<T, ID> forTenant(StandardRepo<T, ID> repo, Object tenant) {
    Objects.requireNonNull(repo, "repo");
    return repo.withContext(CallContext.of(TENANT_ID, requireTenant(tenant)));
  }

  /**
   * Returns a view of the repository that bypasses tenant scope (super-admin); honoured by the default
   * skip rule. Use it for support and maintenance code only.
   *
   * @param repo the repository
   * @param <T> the entity type
   * @param <ID> the key type
   * @return the view
   * @throws NullPointerException if {@code repo} is null
   */
  public static <T, ID> StandardRepo<T, ID> bypass(StandardRepo<T, ID> repo) {
    return Objects.requireNonNull(repo, "repo").withContext(CallContext.of(BYPASS, true));
  }

  /**
   * Runs work with a tenant bound to the current thread, restoring the previous binding afterwards (also
   * on failure). The binding is not inherited by other threads.
   *
   * @param tenant the tenant id
   * @param work the work
   * @param <R> the result type
   * @return the work's result
   * @throws NullPointerException if an argument is null
   * @throws TenantRequiredException if the tenant is blank text
   */
  public static <R> R call(Object tenant, Supplier<R> work) {
    return CallContext.call(CallContext.of(TENANT_ID, requireTenant(tenant)), work);
  }

  /**
   * Runs work with a tenant bound to the current thread; see {@link #call(Object, Supplier)}.
   *
   * @param tenant the tenant id
   * @param work the work
   * @throws NullPointerException if an argument is null
   * @throws TenantRequiredException if the tenant is blank text
   */
  public static void run(Object tenant, Runnable work) {
    CallContext.run(CallContext.of(TENANT_ID, requireTenant(tenant)), work);
  }

  private static Object requireTenant(Object tenant) {
    Objects.requireNonNull(tenant, "tenant");
    if (TenantOptions.isBlank(tenant)) {
      throw new TenantRequiredException("multi-tenant plugin: a blank tenant id is refused like a missing one;"
          + " nothing was bound");
    }
    return tenant;
  }
}
