package io.sqlitekit.plugin.softdelete.internal;

import io.sqlitekit.plugin.softdelete.SoftDeleteOptions;
import io.sqlitekit.plugin.softdelete.SoftDeletePlugin;
import io.sqlitekit.plugin.softdelete.SoftDeletes;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.filter.MatchAll;
import io.sqlitekit.spi.plugin.BeforeHook;
import io.sqlitekit.spi.plugin.HookContext;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.table.Timestamps;
import io.sqlitekit.spi.update.Update;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Internal, not API, may change. The soft-delete plugin's hooks.
 *
 * <p>Why the scope also guards writes: update, increment and findOneAndUpdate must not change a deleted
 * row, and delete must not re-stamp one, so that a second delete reports a miss and the first deletion
 * time survives. {@code INCLUDE_DELETED} lifts the scope for all of them (restore uses it).
 */
public final class SoftDeleteHooks implements RepositoryPlugin {
  private static final Set<Operation> SCOPED;

  static {
    EnumSet<Operation> s = EnumSet.noneOf(Operation.class);
    for (Operation op : Operation.values()) {
      if (op.isScoped() && op != Operation.UPSERT) {
        s.add(op);
      }
    }
    SCOPED = s;
  }

  private final SoftDeleteOptions options;

  /**
   * Creates the plugin.
   *
   * @param options the options
   */
  public SoftDeleteHooks(SoftDeleteOptions options) {
    this.options = options;
  }

  @Override
  public String name() {
    return SoftDeletePlugin.NAME;
  }

  @Override
  public Set<String> runsAfter() {
    return Set.of("multi-tenant");
  }

  @Override
  public void install(HookRegistry registry) {
    TableDef table = registry.table();
    Column column = Timestamps.requireTimeColumn(table, options.field(), "soft-delete plugin (option field)");
    if (column.isNotNull()) {
      throw new ConfigurationException(String.format(Locale.ROOT,
          "soft-delete plugin: field \"%s\" of table \"%s\" must be nullable (NULL marks a live row)",
          column.name(), table.name()));
    }
    String field = column.name();
    Clock clock = registry.clock();
    Filter live = Filters.isNull(field);
    BeforeHook scoped = ctx -> {
      if (!includeDeleted(ctx)) {
        ctx.setFilter(Filters.and(ctx.filter(), live));
      }
      if (ctx.operation().kind() == Operation.Kind.DELETE && !ctx.callContext().isSet(SoftDeletes.HARD_DELETE)) {
        ctx.convertDeleteToUpdate(Update.set(field, Timestamps.valueFor(column, now(clock))));
      }
    };
    BeforeHook upsert = ctx -> {
      for (Map<String, Object> row : ctx.rows()) {
        row.putIfAbsent(field, null);
      }
      ctx.request(UpsertOptions.class).ifPresent(o -> {
        if (!o.conflictFields().isEmpty() && o.conflictWhere() instanceof MatchAll) {
          ctx.setRequest(o.where(live));
        }
      });
    };
    registry.before(SCOPED, HookPriority.POLICY, scoped);
    registry.before(EnumSet.of(Operation.UPSERT), HookPriority.POLICY, upsert);
    // A batch statement gets the policy of the call it stands for: a delete marks, an upsert writes a live row,
    // updates and deletes see live rows only.
    registry.before(EnumSet.of(Operation.BATCH), HookPriority.POLICY, ctx -> ctx.applyToBatch(call -> {
      if (SCOPED.contains(call.operation())) {
        scoped.before(call);
      } else if (call.operation() == Operation.UPSERT) {
        upsert.before(call);
      }
    }));
  }

  private static boolean includeDeleted(HookContext ctx) {
    return ctx.callContext().isSet(SoftDeletes.INCLUDE_DELETED);
  }

  private static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SoftDeleteHooks && ((SoftDeleteHooks) o).options.equals(options);
  }

  @Override
  public int hashCode() {
    return options.hashCode();
  }

  @Override
  public String toString() {
    return "SoftDeletePlugin[" + options + "]";
  }
}
