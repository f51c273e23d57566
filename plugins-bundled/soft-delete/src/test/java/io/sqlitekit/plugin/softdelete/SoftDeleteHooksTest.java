package io.sqlitekit.plugin.softdelete;

import static io.sqlitekit.spi.filter.Filters.and;
import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.isNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.support.hook.CallState;
import io.sqlitekit.support.hook.HookEngine;
import io.sqlitekit.support.hook.Plugins;
import io.sqlitekit.testsupport.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How the soft-delete plugin rewrites each kind of call: hand-made call states run through the shared hook engine
 * with the plugin installed as a kit installs it (the ITs run the same on real SQLite).
 */
final class SoftDeleteHooksTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");
  private static final Instant T0_MS = Instant.parse("2026-03-01T10:00:00.123Z");
  private static final TableDef USERS = TableDef.of("users", Column.text("id").primaryKey(), Column.text("email"),
      Column.timestamp("deletedAt"));
  private static final CallContext INCLUDE = CallContext.of(SoftDeletes.INCLUDE_DELETED, true);
  private static final CallContext HARD = CallContext.of(SoftDeletes.HARD_DELETE, true);

  /** The plugins installed on the shared engine for one table; a call runs every hook phase, with no execution. */
  private static final class Hooks {
    private final TableDef table;
    private final HookEngine engine;

    Hooks(TableDef table, RepositoryPlugin... plugins) {
      this.table = table;
      this.engine = Plugins.install(List.of(plugins),
          new Plugins.Environment(table, new MutableClock(T0), null, () -> null, resource -> { }));
    }

    CallState ctx(Operation op, CallContext call) {
      return new CallState(op, table, call, (SqliteDriver) null);
    }

    /** Runs the call; the execution does nothing, as the state the hooks left is what is checked. */
    CallState run(CallState state) {
      engine.run(state, () -> null);
      return state;
    }
  }

  private final Hooks hooks = new Hooks(USERS, SoftDeletePlugin.create(SoftDeleteOptions.defaults()));

  @Test
  void everyScopedOperationButUpsert_getsIsNullScope() {
    Filter caller = eq("email", "a@x");
    for (Operation op : Operation.values()) {
      if (!op.isScoped() || op == Operation.UPSERT) {
        continue;
      }
      CallState c = hooks.run(hooks.ctx(op, CallContext.empty()).withFilter(caller));
      assertEquals(and(caller, isNull("deletedAt")), c.filter(), op.toString());
      CallState inc = hooks.run(hooks.ctx(op, INCLUDE).withFilter(caller));
      assertSame(caller, inc.filter(), op + " with INCLUDE_DELETED");
    }
  }

  @Test
  void createPathsUntouched() {
    CallState c = hooks.run(hooks.ctx(Operation.CREATE, CallContext.empty())
        .withRows(List.of(Map.of("id", "a"))));
    assertEquals(Map.of("id", "a"), c.rows().get(0));
    assertSame(Filters.all(), c.filter());
  }

  @Test
  void delete_convertedToMark_unlessHard() {
    for (Operation op : new Operation[] {Operation.DELETE, Operation.DELETE_MANY}) {
      CallState soft = hooks.run(hooks.ctx(op, CallContext.empty()));
      assertTrue(soft.deleteConvertedToUpdate());
      assertEquals(Update.set("deletedAt", T0_MS), soft.update());
      assertEquals(isNull("deletedAt"), soft.filter(), "a deleted row is a miss");
      CallState hard = hooks.run(hooks.ctx(op, HARD));
      assertFalse(hard.deleteConvertedToUpdate());
      assertEquals(isNull("deletedAt"), hard.filter());
      CallState purge = hooks.run(hooks.ctx(op, HARD.with(SoftDeletes.INCLUDE_DELETED, true)));
      assertFalse(purge.deleteConvertedToUpdate());
      assertSame(Filters.all(), purge.filter());
    }
  }

  @Test
  void upsert_writesLiveRow_andRepeatsPartialIndexCondition() {
    CallState pk = hooks.run(hooks.ctx(Operation.UPSERT, CallContext.empty()).withRows(List.of(Map.of("id", "a")))
        .withRequest(UpsertOptions.onPrimaryKey()));
    assertTrue(pk.rows().get(0).containsKey("deletedAt") && pk.rows().get(0).get("deletedAt") == null);
    assertEquals(UpsertOptions.onPrimaryKey(), pk.request().orElse(null), "primary-key conflicts need no condition");
    assertSame(Filters.all(), pk.filter(), "upsert is not narrowed: the key decides");
    CallState uq = hooks.run(hooks.ctx(Operation.UPSERT, CallContext.empty()).withRows(List.of(Map.of("id", "a")))
        .withRequest(UpsertOptions.onConflict("email")));
    assertEquals(UpsertOptions.onConflict("email").where(isNull("deletedAt")), uq.request().orElse(null));
    UpsertOptions own = UpsertOptions.onConflict("email").where(eq("email", "x"));
    CallState mine = hooks.run(hooks.ctx(Operation.UPSERT, CallContext.empty()).withRows(List.of(Map.of("id", "a")))
        .withRequest(own));
    assertEquals(own, mine.request().orElse(null), "a caller's own condition is kept");
  }

  @Test
  void batch_deletesBecomeMarks_updatesAndDeletesScoped() {
    CallState c = hooks.run(hooks.ctx(Operation.BATCH, CallContext.empty()).withBatch(List.of(
        BatchStatement.insert(USERS, Map.of("id", "a")),
        BatchStatement.upsert(USERS, Map.of("id", "b")),
        BatchStatement.update(USERS, "c", Update.set("email", "e")),
        BatchStatement.delete(USERS, "d"))));
    assertEquals(Map.of("id", "a"), c.batchStatements().get(0).data());
    assertTrue(c.batchStatements().get(1).data().containsKey("deletedAt"));
    assertEquals(isNull("deletedAt"), c.batchStatements().get(2).scope());
    BatchStatement d = c.batchStatements().get(3);
    assertEquals(BatchStatement.Kind.UPDATE, d.kind());
    assertEquals("d", d.id());
    assertEquals(Update.set("deletedAt", T0_MS), d.update());
    assertEquals(isNull("deletedAt"), d.scope());
    CallState hard = hooks.run(hooks.ctx(Operation.BATCH, HARD)
        .withBatch(List.of(BatchStatement.delete(USERS, "d"))));
    assertEquals(BatchStatement.Kind.DELETE, hard.batchStatements().get(0).kind());
  }

  @Test
  void plainColumns_isoTextOrEpochMillis() {
    TableDef text = TableDef.of("t", Column.text("id").primaryKey(), Column.text("removed"));
    Hooks h = new Hooks(text, SoftDeletePlugin.create(SoftDeleteOptions.defaults().withField("removed")));
    assertEquals(Update.set("removed", "2026-03-01T10:00:00.123Z"),
        h.run(h.ctx(Operation.DELETE, CallContext.empty())).update());
    TableDef millis = TableDef.of("m", Column.text("id").primaryKey(), Column.integer("deletedAt"));
    Hooks m = new Hooks(millis, SoftDeletePlugin.create(SoftDeleteOptions.defaults()));
    assertEquals(Update.set("deletedAt", T0_MS.toEpochMilli()),
        m.run(m.ctx(Operation.DELETE, CallContext.empty())).update());
  }

  @Test
  void install_badField_namesTable() {
    TableDef none = TableDef.of("nofield", Column.text("id").primaryKey());
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> new Hooks(none, SoftDeletePlugin.create(SoftDeleteOptions.defaults())));
    assertTrue(e.getMessage().contains("\"nofield\""), e.getMessage());
    TableDef notNull = TableDef.of("nn", Column.text("id").primaryKey(), Column.timestamp("deletedAt").notNull());
    assertThrows(ConfigurationException.class,
        () -> new Hooks(notNull, SoftDeletePlugin.create(SoftDeleteOptions.defaults())));
    TableDef bool = TableDef.of("b", Column.text("id").primaryKey(), Column.bool("deletedAt"));
    assertThrows(ConfigurationException.class,
        () -> new Hooks(bool, SoftDeletePlugin.create(SoftDeleteOptions.defaults())));
  }

  @Test
  void declaresThatTenantScopeRunsFirst() {
    assertEquals(Set.of("multi-tenant"), SoftDeletePlugin.create(SoftDeleteOptions.defaults()).runsAfter());
  }
}
