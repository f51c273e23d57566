package io.sqlitekit.plugin.tenant.internal;

import io.sqlitekit.plugin.tenant.TenantOptions;
import io.sqlitekit.plugin.tenant.TenantPlugin;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.error.TenantRequiredException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.HookContext;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal, not API, may change. The multi-tenant plugin's hooks.
 *
 * <p>Isolation argument: a call has an effective tenant (context tenant; else, with data injection, the
 * one tenant its insert rows carry). Every scoped operation is AND-ed with {@code field = tenant}, every
 * inserted row gets {@code field = tenant}, and every update is checked not to change {@code field} to
 * another value. With those three, a call can neither see, change, delete nor create a row of another
 * tenant, whatever filter, update or payload it brings. An upsert on another tenant's key is scoped too:
 * its conflict update only applies to rows of the effective tenant.
 *
 * <p>Without a tenant (only when not required) calls are unscoped, but updates still may not touch the
 * tenant field, and an upsert's conflict update is limited to rows whose tenant equals the payload's, so
 * that no path re-assigns a row.
 */
public final class TenantHooks implements RepositoryPlugin {
  private static final Logger LOG = LoggerFactory.getLogger(TenantHooks.class);

  private static final Set<Operation> SINGLE;

  static {
    EnumSet<Operation> s = EnumSet.allOf(Operation.class);
    s.remove(Operation.BATCH);
    SINGLE = s;
  }

  private final TenantOptions options;

  /**
   * Creates the plugin.
   *
   * @param options the options
   */
  public TenantHooks(TenantOptions options) {
    this.options = options;
  }

  @Override
  public String name() {
    return TenantPlugin.NAME;
  }

  @Override
  public void install(HookRegistry registry) {
    TableDef table = registry.table();
    Column column = table.column(options.field()).orElseThrow(() -> new ConfigurationException(String.format(
        Locale.ROOT, "multi-tenant plugin: table %s has no tenant field %s; add the column or change"
            + " the option field", Messages.quote(table.name()), Messages.quote(options.field()))));
    if (column.isPrimaryKey()) {
      throw new ConfigurationException(String.format(Locale.ROOT,
          "multi-tenant plugin: tenant field \"%s\" of table \"%s\" must not be the primary key",
          column.name(), table.name()));
    }
    Scope scope = new Scope(table, column);
    registry.before(SINGLE, HookPriority.POLICY, scope::single);
    registry.before(EnumSet.of(Operation.BATCH), HookPriority.POLICY, scope::batch);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TenantHooks && ((TenantHooks) o).options.equals(options);
  }

  @Override
  public int hashCode() {
    return options.hashCode();
  }

  @Override
  public String toString() {
    return "TenantPlugin[field=" + options.field() + ", requireTenant=" + options.requireTenant()
        + ", allowDataInjection=" + options.allowDataInjection() + ", allowBlankTenant="
        + options.allowBlankTenant() + "]";
  }

  /** The hooks of one table. */
  private final class Scope {
    private final TableDef table;
    private final Column column;
    private final String field;

    Scope(TableDef table, Column column) {
      this.table = table;
      this.column = column;
      this.field = column.name();
    }

    private boolean skipped(HookContext ctx) {
      if (options.skipWhen().test(ctx)) {
        if (LOG.isDebugEnabled()) {
          LOG.debug("multi-tenant scope bypassed for {} on table {}", ctx.operation(), table.name());
        }
        return true;
      }
      return false;
    }

    private Object resolve(HookContext ctx) {
      Optional<?> t = options.resolver().apply(ctx.callContext());
      return requireNotBlank(t == null ? null : t.orElse(null), ctx.operation());
    }

    /**
     * Refuses a blank text tenant unless the options accept it. It is never mapped to "no tenant": with
     * {@code requireTenant=false} that would turn an empty header into an unscoped call.
     */
    private Object requireNotBlank(Object tenant, Operation op) {
      if (!options.allowBlankTenant() && TenantOptions.isBlank(tenant)) {
        throw new TenantRequiredException(String.format(Locale.ROOT,
            "multi-tenant plugin: %s on table %s has a blank tenant id, which is refused like a missing one"
                + " (TenantOptions.withAllowBlankTenant(true) accepts it); nothing was read or written", op,
            Messages.quote(table.name())));
      }
      return tenant;
    }

    void single(HookContext ctx) {
      if (skipped(ctx)) {
        return;
      }
      Object tenant = resolve(ctx);
      Operation op = ctx.operation();
      if (!op.isScoped()) {
        for (Map<String, Object> row : ctx.rows()) {
          stampInsert(row, tenant, op);
        }
        return;
      }
      if (tenant == null && options.allowDataInjection()) {
        tenant = requireNotBlank(payloadTenant(ctx.rows()), op);
      }
      if (tenant == null) {
        if (options.requireTenant()) {
          throw missing(op);
        }
        checkUpdate(ctx.update(), null, op);
        if (op == Operation.UPSERT && ctx.rows().size() == 1) {
          // eq(field, null) is IS NULL: the conflict update may only touch a row of the payload's own tenant.
          ctx.setFilter(Filters.and(ctx.filter(), Filters.eq(field, ctx.rows().get(0).get(field))));
        }
        return;
      }
      checkUpdate(ctx.update(), tenant, op);
      ctx.setFilter(Filters.and(ctx.filter(), Filters.eq(field, tenant)));
      for (Map<String, Object> row : ctx.rows()) {
        row.put(field, tenant);
      }
      if (op == Operation.FIND_ONE_AND_UPDATE && upserting(ctx) && !ctx.update().fields().contains(field)) {
        // Whether the repository builds the insert row before or after the hooks, it carries the tenant.
        ctx.setUpdate(ctx.update().and(Update.setOnInsert(Map.of(field, tenant))));
      }
    }

    void batch(HookContext ctx) {
      if (skipped(ctx)) {
        return;
      }
      Object tenant = resolve(ctx);
      ctx.rewriteBatch(st -> statement(st, tenant));
    }

    private BatchStatement statement(BatchStatement st, Object tenant) {
      switch (st.kind()) {
        case INSERT: {
          Map<String, Object> data = new LinkedHashMap<>(st.data());
          stampInsert(data, tenant, Operation.BATCH);
          return st.withData(data);
        }
        case UPSERT: {
          Object t = tenant;
          if (t == null && options.allowDataInjection()) {
            t = requireNotBlank(st.data().get(field), Operation.BATCH);
          }
          if (t == null && options.requireTenant()) {
            throw missing(Operation.BATCH);
          }
          checkUpdate(st.update(), t, Operation.BATCH);
          Map<String, Object> data = new LinkedHashMap<>(st.data());
          if (t != null) {
            data.put(field, t);
          }
          // The scope guards the conflict update: a clash with another tenant's key changes nothing.
          return st.withData(data).withScope(Filters.eq(field, data.get(field)));
        }
        case UPDATE:
        case DELETE:
        default:
          if (tenant == null) {
            if (options.requireTenant()) {
              throw missing(Operation.BATCH);
            }
            checkUpdate(st.update(), null, Operation.BATCH);
            return st;
          }
          checkUpdate(st.update(), tenant, Operation.BATCH);
          return st.withScope(Filters.eq(field, tenant));
      }
    }

    private void stampInsert(Map<String, Object> row, Object tenant, Operation op) {
      if (tenant != null) {
        row.put(field, tenant);
      } else if (options.allowDataInjection() && row.get(field) != null) {
        requireNotBlank(row.get(field), op);
        return;
      } else if (options.requireTenant()) {
        throw missing(op);
      } else if (row.get(field) != null) {
        // The payload never decides the tenant unless data injection is allowed.
        row.put(field, null);
      }
    }

    private Object payloadTenant(List<Map<String, Object>> rows) {
      Object found = null;
      for (Map<String, Object> row : rows) {
        Object t = row.get(field);
        if (t == null || (found != null && !same(found, t))) {
          return null;
        }
        found = t;
      }
      return found;
    }

    private void checkUpdate(Update u, Object tenant, Operation op) {
      String problem = null;
      if (u.unset().contains(field) || u.inc().containsKey(field)) {
        problem = "would clear or increment";
      } else if (u.set().containsKey(field) && (tenant == null || !same(u.set().get(field), tenant))) {
        problem = "would change";
      } else if (tenant != null && u.setOnInsert().containsKey(field) && !same(u.setOnInsert().get(field), tenant)) {
        problem = "would insert another value into";
      }
      if (problem != null) {
        throw new ValidationException(field, String.format(Locale.ROOT,
            "multi-tenant plugin: %s on table \"%s\" %s the tenant field \"%s\"; rows cannot move between"
                + " tenants", op, table.name(), problem, field));
      }
    }

    private boolean same(Object a, Object b) {
      if (Objects.equals(a, b)) {
        return true;
      }
      try {
        return Objects.equals(column.toSql(a, null), column.toSql(b, null));
      } catch (RepositoryException e) {
        return false;
      }
    }

    private TenantRequiredException missing(Operation op) {
      return new TenantRequiredException(String.format(Locale.ROOT,
          "multi-tenant plugin: %s on table \"%s\" needs a tenant in the call context; nothing was read or"
              + " written", op, table.name()));
    }
  }

  private static boolean upserting(HookContext ctx) {
    return !ctx.rows().isEmpty() || ctx.request(FindOneAndUpdateOptions.class)
        .map(FindOneAndUpdateOptions::upsert).orElse(false);
  }
}
