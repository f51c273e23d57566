package io.sqlitekit.plugin.timestamp.internal;

import io.sqlitekit.plugin.timestamp.TimestampOptions;
import io.sqlitekit.plugin.timestamp.TimestampPlugin;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
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
import java.util.Map;
import java.util.Set;

/**
 * Internal, not API, may change. The timestamp plugin's hooks.
 *
 * <p>Priority: the hooks run at {@code POLICY + 1}, after every other policy hook, so that a delete the
 * soft-delete plugin converted into an update (and a batch delete statement it rewrote) is already an
 * update when it is stamped, whatever order the plugins were enabled in.
 *
 * <p>Upsert conflict update: when the call leaves the conflict update empty, the repository derives it
 * from the row. The row now carries a stamped {@code createdAt}, which must not overwrite the existing
 * row's creation time, so the hook derives the update itself (every row field but the key and a
 * {@code createdAt} it stamped) and adds {@code updatedAt}.
 */
public final class TimestampHooks implements RepositoryPlugin {
  /** Runs after the other policy hooks (soft-delete's delete conversion) and before validation. */
  static final int PRIORITY = HookPriority.POLICY + 1;

  private static final Set<Operation> INSERTS = EnumSet.of(Operation.CREATE, Operation.CREATE_MANY,
      Operation.UPSERT, Operation.GET_OR_CREATE, Operation.FIND_ONE_AND_UPDATE);
  private static final Set<Operation> UPDATES = EnumSet.of(Operation.UPDATE, Operation.UPDATE_MANY,
      Operation.FIND_ONE_AND_UPDATE, Operation.INCREMENT);
  private static final Set<Operation> DELETES = EnumSet.of(Operation.DELETE, Operation.DELETE_MANY);

  private final TimestampOptions options;

  /**
   * Creates the plugin.
   *
   * @param options the options
   */
  public TimestampHooks(TimestampOptions options) {
    this.options = options;
  }

  @Override
  public String name() {
    return TimestampPlugin.NAME;
  }

  @Override
  public void install(HookRegistry registry) {
    TableDef table = registry.table();
    Column created = options.stampCreated() ? Timestamps.requireTimeColumn(table, options.createdField(), "timestamp plugin (option createdField)")
        : null;
    Column updated = options.stampUpdated() ? Timestamps.requireTimeColumn(table, options.updatedField(), "timestamp plugin (option updatedField)")
        : null;
    Stamper stamper = new Stamper(table, created, updated, registry.clock());
    BeforeHook inserts = ctx -> {
      Instant now = stamper.now();
      boolean stampedCreated = false;
      for (Map<String, Object> row : ctx.rows()) {
        stampedCreated |= stamper.stampInsert(row, now);
      }
      if (ctx.operation() == Operation.UPSERT && ctx.rows().size() == 1 && (updated != null || stampedCreated)) {
        ctx.setUpdate(stamper.conflictUpdate(ctx.update(), ctx.rows().get(0), stampedCreated, now));
      }
      if (ctx.operation() == Operation.FIND_ONE_AND_UPDATE && created != null && upserting(ctx)
          && !ctx.update().fields().contains(created.name())) {
        // Whether the repository builds the insert row before or after the hooks, the new row gets createdAt.
        ctx.setUpdate(ctx.update().and(Update.setOnInsert(Map.of(created.name(),
            Timestamps.valueFor(created, now)))));
      }
    };
    BeforeHook updates = ctx -> ctx.setUpdate(stamper.stampUpdate(ctx.update(), stamper.now()));
    BeforeHook deletes = ctx -> {
      if (ctx.deleteConvertedToUpdate()) {
        ctx.setUpdate(stamper.stampUpdate(ctx.update(), stamper.now()));
      }
    };
    registry.before(INSERTS, PRIORITY, inserts);
    if (updated != null) {
      registry.before(UPDATES, PRIORITY, updates);
      registry.before(DELETES, PRIORITY, deletes);
    }
    // A batch statement is stamped exactly as the call it stands for (an insert, upsert, update or delete).
    registry.before(EnumSet.of(Operation.BATCH), PRIORITY, ctx -> ctx.applyToBatch(call -> {
      if (INSERTS.contains(call.operation())) {
        inserts.before(call);
      }
      if (updated != null && UPDATES.contains(call.operation())) {
        updates.before(call);
      }
      if (updated != null && DELETES.contains(call.operation())) {
        deletes.before(call);
      }
    }));
  }

  private static boolean upserting(HookContext ctx) {
    return !ctx.rows().isEmpty() || ctx.request(FindOneAndUpdateOptions.class)
        .map(FindOneAndUpdateOptions::upsert).orElse(false);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimestampHooks && ((TimestampHooks) o).options.equals(options);
  }

  @Override
  public int hashCode() {
    return options.hashCode();
  }

  @Override
  public String toString() {
    return "TimestampPlugin[" + options + "]";
  }

  /** Stamps rows, updates and statements for one table. */
  static final class Stamper {
    private final TableDef table;
    private final Column created;
    private final Column updated;
    private final Clock clock;

    Stamper(TableDef table, Column created, Column updated, Clock clock) {
      this.table = table;
      this.created = created;
      this.updated = updated;
      this.clock = clock;
    }

    Instant now() {
      return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Fills absent or null time fields of a row to insert.
     *
     * @return whether createdAt was filled by the plugin
     */
    boolean stampInsert(Map<String, Object> row, Instant now) {
      boolean stampedCreated = false;
      if (created != null && row.get(created.name()) == null) {
        row.put(created.name(), Timestamps.valueFor(created, now));
        stampedCreated = true;
      }
      if (updated != null && row.get(updated.name()) == null) {
        Object given = created == null || stampedCreated ? null : row.get(created.name());
        // A caller-supplied createdAt is copied only between columns of the same shape; otherwise its
        // representation might not fit the update column, and "now" is the honest value.
        boolean sameShape = given != null && created.mode() == updated.mode()
            && created.storage() == updated.storage();
        row.put(updated.name(), sameShape ? given : Timestamps.valueFor(updated, now));
      }
      return stampedCreated;
    }

    Update stampUpdate(Update update, Instant now) {
      // An update that changes nothing stays empty, so the repository still rejects it (or, for an upsert's
      // setOnInsert-only update, leaves a matched row alone).
      if (updated == null || !update.changesExistingRows()) {
        return update;
      }
      return update.withSet(updated.name(), Timestamps.valueFor(updated, now));
    }

    Update conflictUpdate(Update update, Map<String, Object> row, boolean createdStamped, Instant now) {
      Update u = update;
      if (!u.changesExistingRows()) {
        Map<String, Object> set = new LinkedHashMap<>(row);
        set.remove(table.primaryKey().name());
        Update derived = Update.set(set);
        u = derived.and(Update.setOnInsert(u.setOnInsert()));
      }
      if (createdStamped && created != null) {
        u = u.without(created.name());
      }
      return stampUpdate(u, now);
    }
  }
}
