package io.sqlitekit.plugin.tenant;

import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.plugin.HookContext;
import io.sqlitekit.spi.table.Identifiers;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Settings of the multi-tenant plugin. Immutable; copy with the {@code withX} methods.
 *
 * <p>Defaults (secure): field {@code organizationId}; the tenant is {@link Tenants#TENANT_ID}; a call
 * without a tenant fails with {@link io.sqlitekit.spi.error.TenantRequiredException}; a tenant value in the
 * payload is never trusted; calls whose context sets {@link Tenants#BYPASS} are not scoped
 * (super-admin).
 *
 * <ul>
 *   <li>{@code requireTenant = false}: a call without a tenant runs unscoped (it sees every tenant's
 *       rows) and inserts rows without a tenant; it still cannot change the tenant field of any row.</li>
 *   <li>{@code allowDataInjection = true}: when the call has no tenant, a tenant value already in the
 *       rows to insert is honoured (and an upsert or getOrCreate is scoped to it). A tenant in the call
 *       context always wins over the payload.</li>
 *   <li>{@code allowBlankTenant = true}: a blank text tenant (empty, or only whitespace) is a tenant like
 *       any other. By default it is refused with a {@code TenantRequiredException}, whatever
 *       {@code requireTenant} says: a blank id is almost always an empty header or an unset variable, and
 *       treating it as "no tenant" would make the call unscoped instead.</li>
 * </ul>
 *
 * <p>The resolver and the skip rule are compared by identity in {@link #equals}; the defaults are shared
 * constants, so two default option sets are equal.
 *
 * @param field the property key of the tenant column
 * @param requireTenant whether a call without a tenant fails
 * @param allowDataInjection whether a payload tenant is honoured when the call has none
 * @param resolver finds the tenant of a call; an empty result means "no tenant"
 * @param skipWhen calls it accepts run without tenant scope, stamping or checks
 * @param allowBlankTenant whether a blank text tenant is accepted as a tenant instead of refused
 * @since 0.1.0
 */
public record TenantOptions(String field, boolean requireTenant, boolean allowDataInjection,
    Function<CallContext, Optional<?>> resolver, Predicate<HookContext> skipWhen, boolean allowBlankTenant) {

  private static final Function<CallContext, Optional<?>> CONTEXT_TENANT = c -> c.get(Tenants.TENANT_ID);
  private static final Predicate<HookContext> BYPASS_FLAG = c -> c.callContext().isSet(Tenants.BYPASS);

  /**
   * Validates the options.
   *
   * @param field the property key of the tenant column
   * @param requireTenant whether a call without a tenant fails
   * @param allowDataInjection whether a payload tenant is honoured when the call has none
   * @param resolver finds the tenant of a call
   * @param skipWhen calls it accepts run without tenant scope
   * @param allowBlankTenant whether a blank text tenant is accepted as a tenant
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code field} is not a valid identifier
   */
  public TenantOptions {
    Identifiers.requireValid(Objects.requireNonNull(field, "field"), "tenant field");
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(skipWhen, "skipWhen");
  }

  /**
   * Creates options that refuse blank tenants; the constructor from before {@code allowBlankTenant} existed.
   *
   * @param field the property key of the tenant column
   * @param requireTenant whether a call without a tenant fails
   * @param allowDataInjection whether a payload tenant is honoured when the call has none
   * @param resolver finds the tenant of a call
   * @param skipWhen calls it accepts run without tenant scope
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code field} is not a valid identifier
   */
  public TenantOptions(String field, boolean requireTenant, boolean allowDataInjection,
      Function<CallContext, Optional<?>> resolver, Predicate<HookContext> skipWhen) {
    this(field, requireTenant, allowDataInjection, resolver, skipWhen, false);
  }

  /**
   * Returns whether a tenant id counts as blank: a {@code CharSequence} that is empty or holds only whitespace
   * (including no-break and other Unicode spaces). Other types (numbers, UUIDs) are never blank.
   *
   * @param tenant the tenant id, possibly null
   * @return true if it is blank text
   */
  public static boolean isBlank(Object tenant) {
    if (!(tenant instanceof CharSequence)) {
      return false;
    }
    CharSequence s = (CharSequence) tenant;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '\u200b' && c != '\ufeff') {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the defaults: {@code organizationId}, tenant required, no data injection, tenant from
   * {@link Tenants#TENANT_ID}, bypass by {@link Tenants#BYPASS}, blank tenants refused.
   *
   * @return the defaults
   */
  public static TenantOptions defaults() {
    return new TenantOptions("organizationId", true, false, CONTEXT_TENANT, BYPASS_FLAG, false);
  }

  /**
   * Returns the default resolver: the call context's {@link Tenants#TENANT_ID}.
   *
   * @return the resolver
   */
  public static Function<CallContext, Optional<?>> contextTenant() {
    return CONTEXT_TENANT;
  }

  /**
   * Returns the default skip rule: the call context sets {@link Tenants#BYPASS}.
   *
   * @return the rule
   */
  public static Predicate<HookContext> bypassFlag() {
    return BYPASS_FLAG;
  }

  /**
   * Returns a copy with another tenant field.
   *
   * @param name the property key
   * @return the new options
   */
  public TenantOptions withField(String name) {
    return new TenantOptions(name, requireTenant, allowDataInjection, resolver, skipWhen, allowBlankTenant);
  }

  /**
   * Returns a copy that does or does not require a tenant on every call.
   *
   * @param required whether a call without a tenant fails
   * @return the new options
   */
  public TenantOptions withRequireTenant(boolean required) {
    return new TenantOptions(field, required, allowDataInjection, resolver, skipWhen, allowBlankTenant);
  }

  /**
   * Returns a copy that does or does not honour a payload tenant when the call has none.
   *
   * @param allowed whether payload tenants are honoured
   * @return the new options
   */
  public TenantOptions withAllowDataInjection(boolean allowed) {
    return new TenantOptions(field, requireTenant, allowed, resolver, skipWhen, allowBlankTenant);
  }

  /**
   * Returns a copy with another tenant resolver, for example one reading your own context key. Declare such
   * a key with {@link io.sqlitekit.spi.ContextKey#scopingReads}, so that read caches keep its values apart
   * as they do for {@link Tenants#TENANT_ID}.
   *
   * @param newResolver finds the tenant of a call; empty means none
   * @return the new options
   */
  public TenantOptions withResolver(Function<CallContext, Optional<?>> newResolver) {
    return new TenantOptions(field, requireTenant, allowDataInjection, newResolver, skipWhen, allowBlankTenant);
  }

  /**
   * Returns a copy with another skip rule (super-admin bypass). Replaces the default rule, so combine it
   * with {@link #bypassFlag()} to keep honouring {@link Tenants#BYPASS}.
   *
   * @param rule calls it accepts are not scoped
   * @return the new options
   */
  public TenantOptions withSkipWhen(Predicate<HookContext> rule) {
    return new TenantOptions(field, requireTenant, allowDataInjection, resolver, rule, allowBlankTenant);
  }

  /**
   * Returns a copy that does or does not accept a blank text tenant (empty or only whitespace) as a tenant.
   * Leave it off unless blank really is one of your tenants: by default a blank tenant fails like a missing
   * one, with a {@link io.sqlitekit.spi.error.TenantRequiredException}, even when {@code requireTenant} is
   * false.
   *
   * @param allowed whether blank tenants are accepted
   * @return the new options
   */
  public TenantOptions withAllowBlankTenant(boolean allowed) {
    return new TenantOptions(field, requireTenant, allowDataInjection, resolver, skipWhen, allowed);
  }
}
