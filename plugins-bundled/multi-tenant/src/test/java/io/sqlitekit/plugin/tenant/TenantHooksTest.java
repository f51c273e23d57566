package io.sqlitekit.plugin.tenant;

import static io.sqlitekit.spi.filter.Filters.and;
import static io.sqlitekit.spi.filter.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.ContextKey;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.TenantRequiredException;
import io.sqlitekit.spi.error.ValidationException;
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
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How the multi-tenant plugin rewrites and guards each kind of call: hand-made call states run through the shared
 * hook engine with the plugin installed as a kit installs it (the ITs run the same on real SQLite).
 */
final class TenantHooksTest {
  private static final TableDef DOCS = TableDef.of("docs", Column.text("id").primaryKey(), Column.text("name"),
      Column.text("organizationId"), Column.integer("n"));
  private static final CallContext A = CallContext.of(Tenants.TENANT_ID, "A");
  private static final Filter SCOPE_A = eq("organizationId", "A");

  /** The plugins installed on the shared engine for one table; a call runs every hook phase, with no execution. */
  private static final class Hooks {
    private final TableDef table;
    private final HookEngine engine;

    Hooks(TableDef table, RepositoryPlugin... plugins) {
      this.table = table;
      this.engine = Plugins.install(List.of(plugins),
          new Plugins.Environment(table, Clock.systemUTC(), null, () -> null, resource -> { }));
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

  private static Hooks hooks(TenantOptions o) {
    return new Hooks(DOCS, TenantPlugin.create(o));
  }

  private final Hooks hooks = hooks(TenantOptions.defaults());

  @Test
  void everyScopedOperation_narrowedToTenant() {
    Filter caller = eq("name", "x");
    for (Operation op : Operation.values()) {
      if (!op.isScoped()) {
        continue;
      }
      CallState c = hooks.run(hooks.ctx(op, A).withFilter(caller));
      assertEquals(and(caller, SCOPE_A), c.filter(), op.toString());
    }
  }

  @Test
  void callerFilterForOtherTenant_isAndedNotReplaced() {
    CallState c = hooks.run(hooks.ctx(Operation.FIND_ALL, A).withFilter(eq("organizationId", "B")));
    assertEquals(and(eq("organizationId", "B"), SCOPE_A), c.filter());
  }

  @Test
  void insertPaths_stampContextTenantOverPayload() {
    for (Operation op : List.of(Operation.CREATE, Operation.CREATE_MANY, Operation.UPSERT, Operation.GET_OR_CREATE,
        Operation.FIND_ONE_AND_UPDATE)) {
      CallState c = hooks.run(hooks.ctx(op, A).withRows(List.of(Map.of("id", "1", "organizationId", "B"))));
      assertEquals("A", c.rows().get(0).get("organizationId"), op.toString());
    }
  }

  @Test
  void missingTenant_everyOperationRefused() {
    for (Operation op : Operation.values()) {
      CallState ctx = hooks.ctx(op, CallContext.empty());
      if (op.mayInsert() && op != Operation.BATCH) {
        ctx.withRows(List.of(Map.of("id", "1")));
      }
      if (op == Operation.BATCH) {
        ctx.withBatch(List.of(BatchStatement.delete(DOCS, "1")));
      }
      TenantRequiredException e = assertThrows(TenantRequiredException.class, () -> hooks.run(ctx), op.toString());
      assertTrue(e.getMessage().contains("\"docs\""), e.getMessage());
    }
  }

  @Test
  void bypass_leavesCallAlone() {
    CallContext admin = CallContext.of(Tenants.BYPASS, true);
    CallState c = hooks.run(hooks.ctx(Operation.UPDATE_MANY, admin).withUpdate(Update.set("organizationId", "Z")));
    assertSame(Filters.all(), c.filter());
    assertEquals(Update.set("organizationId", "Z"), c.update());
    CallState ins = hooks.run(hooks.ctx(Operation.CREATE, admin)
        .withRows(List.of(Map.of("id", "1", "organizationId", "B"))));
    assertEquals("B", ins.rows().get(0).get("organizationId"));
  }

  @Test
  void updates_cannotMoveRows() {
    for (Operation op : List.of(Operation.UPDATE, Operation.UPDATE_MANY, Operation.FIND_ONE_AND_UPDATE,
        Operation.INCREMENT, Operation.UPSERT)) {
      for (Update u : List.of(Update.set("organizationId", "B"), Update.unset("organizationId"),
          Update.inc("organizationId", 1), Update.set("organizationId", null),
          Update.setOnInsert(Map.of("organizationId", "B")))) {
        ValidationException e = assertThrows(ValidationException.class,
            () -> hooks.run(hooks.ctx(op, A).withUpdate(u)), op + " " + u);
        assertEquals("organizationId", e.field());
      }
      CallState same = hooks.run(hooks.ctx(op, A).withUpdate(Update.set("organizationId", "A").and(
          Update.set("name", "x"))));
      assertEquals("A", same.update().set().get("organizationId"), "setting the own tenant is a no-op, allowed");
    }
  }

  @Test
  void findOneAndUpdateUpsert_insertCarriesTenant() {
    CallState c = hooks.run(hooks.ctx(Operation.FIND_ONE_AND_UPDATE, A)
        .withRequest(FindOneAndUpdateOptions.defaults().withUpsert(true)).withUpdate(Update.set("name", "x")));
    assertEquals(Map.of("organizationId", "A"), c.update().setOnInsert());
    CallState plain = hooks.run(hooks.ctx(Operation.FIND_ONE_AND_UPDATE, A)
        .withRequest(FindOneAndUpdateOptions.defaults()).withUpdate(Update.set("name", "x")));
    assertTrue(plain.update().setOnInsert().isEmpty());
  }

  @Test
  void batch_stampsInsertsAndScopesTheRest() {
    CallState c = hooks.run(hooks.ctx(Operation.BATCH, A).withBatch(List.of(
        BatchStatement.insert(DOCS, Map.of("id", "1", "organizationId", "B")),
        BatchStatement.upsert(DOCS, Map.of("id", "2", "organizationId", "B")),
        BatchStatement.update(DOCS, "3", Update.set("name", "x")),
        BatchStatement.delete(DOCS, "4"))));
    assertEquals("A", c.batchStatements().get(0).data().get("organizationId"));
    assertEquals("A", c.batchStatements().get(1).data().get("organizationId"));
    assertEquals(SCOPE_A, c.batchStatements().get(1).scope(), "the upsert's conflict update is scoped");
    assertEquals(SCOPE_A, c.batchStatements().get(2).scope());
    assertEquals(SCOPE_A, c.batchStatements().get(3).scope());
    assertThrows(ValidationException.class, () -> hooks.run(hooks.ctx(Operation.BATCH, A)
        .withBatch(List.of(BatchStatement.update(DOCS, "3", Update.set("organizationId", "B"))))));
  }

  @Test
  void dataInjection_honouredOnlyWithoutContextTenant() {
    Hooks inj = hooks(TenantOptions.defaults().withAllowDataInjection(true));
    CallState c = inj.run(inj.ctx(Operation.CREATE_MANY, CallContext.empty())
        .withRows(List.of(Map.of("id", "1", "organizationId", "B"), Map.of("id", "2", "organizationId", "C"))));
    assertEquals("B", c.rows().get(0).get("organizationId"));
    assertEquals("C", c.rows().get(1).get("organizationId"));
    CallState ctxWins = inj.run(inj.ctx(Operation.CREATE, A)
        .withRows(List.of(Map.of("id", "1", "organizationId", "B"))));
    assertEquals("A", ctxWins.rows().get(0).get("organizationId"));
    CallState upsert = inj.run(inj.ctx(Operation.UPSERT, CallContext.empty())
        .withRows(List.of(Map.of("id", "1", "organizationId", "B"))));
    assertEquals(eq("organizationId", "B"), upsert.filter(), "the payload tenant scopes the conflict update");
    assertThrows(TenantRequiredException.class,
        () -> inj.run(inj.ctx(Operation.CREATE, CallContext.empty()).withRows(List.of(Map.of("id", "1")))));
    assertThrows(TenantRequiredException.class, () -> inj.run(inj.ctx(Operation.FIND_ALL, CallContext.empty())));
    assertThrows(TenantRequiredException.class, () -> hooks.run(hooks.ctx(Operation.CREATE, CallContext.empty())
        .withRows(List.of(Map.of("id", "1", "organizationId", "B")))), "no injection by default");
  }

  @Test
  void notRequired_unscopedButStillNoMoves() {
    Hooks open = hooks(TenantOptions.defaults().withRequireTenant(false));
    CallState read = open.run(open.ctx(Operation.FIND_ALL, CallContext.empty()));
    assertSame(Filters.all(), read.filter());
    Map<String, Object> row = new HashMap<>(Map.of("id", "1", "organizationId", "B"));
    CallState ins = open.run(open.ctx(Operation.CREATE, CallContext.empty()).withRows(List.of(row)));
    assertEquals(null, ins.rows().get(0).get("organizationId"), "payload tenant not trusted without injection");
    assertThrows(ValidationException.class, () -> open.run(open.ctx(Operation.UPDATE_MANY, CallContext.empty())
        .withUpdate(Update.set("organizationId", "B"))));
    CallState up = open.run(open.ctx(Operation.UPSERT, CallContext.empty()).withRows(List.of(Map.of("id", "1"))));
    assertEquals(eq("organizationId", null), up.filter(), "conflict update only on rows without a tenant");
  }

  @Test
  void customResolverAndSkipRule() {
    ContextKey<String> org = ContextKey.of("org", String.class);
    Hooks custom = hooks(TenantOptions.defaults().withResolver(c -> c.get(org))
        .withSkipWhen(c -> c.operation() == Operation.COUNT));
    CallState c = custom.run(custom.ctx(Operation.FIND_ALL, CallContext.of(org, "Q")));
    assertEquals(eq("organizationId", "Q"), c.filter());
    assertSame(Filters.all(), custom.run(custom.ctx(Operation.COUNT, CallContext.empty())).filter());
    assertThrows(TenantRequiredException.class, () -> custom.run(custom.ctx(Operation.FIND_ALL, A)),
        "the default key is not read by a custom resolver");
    Hooks nullResolver = hooks(TenantOptions.defaults().withResolver(cc -> Optional.empty()));
    assertThrows(TenantRequiredException.class, () -> nullResolver.run(nullResolver.ctx(Operation.COUNT, A)));
  }

  @Test
  void integerTenantColumn_comparesThroughCodec() {
    TableDef t = TableDef.of("t", Column.text("id").primaryKey(), Column.integer("organizationId"));
    Hooks h = new Hooks(t, TenantPlugin.create(TenantOptions.defaults()));
    CallContext seven = CallContext.of(Tenants.TENANT_ID, 7);
    CallState ok = h.run(h.ctx(Operation.UPDATE, seven).withUpdate(Update.set("organizationId", 7L)));
    assertEquals(7L, ok.update().set().get("organizationId"));
    assertThrows(ValidationException.class,
        () -> h.run(h.ctx(Operation.UPDATE, seven).withUpdate(Update.set("organizationId", 8))));
  }

  @Test
  void install_badField_namesTable() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> new Hooks(
        TableDef.of("plain", Column.text("id").primaryKey()), TenantPlugin.create(TenantOptions.defaults())));
    assertTrue(e.getMessage().contains("\"plain\""), e.getMessage());
    assertThrows(ConfigurationException.class, () -> new Hooks(DOCS,
        TenantPlugin.create(TenantOptions.defaults().withField("id"))));
  }

  @Test
  void options_andProvider() {
    RepositoryPlugin byName = java.util.ServiceLoader.load(io.sqlitekit.spi.plugin.PluginProvider.class).stream()
        .map(java.util.ServiceLoader.Provider::get).filter(p -> p.name().equals("multi-tenant")).findFirst()
        .orElseThrow().create(Map.of("field", "org", "requireTenant", "false", "allowDataInjection", "true"));
    assertEquals(TenantPlugin.create(TenantOptions.defaults().withField("org").withRequireTenant(false)
        .withAllowDataInjection(true)), byName);
    assertEquals("multi-tenant", byName.name());
    assertEquals(TenantOptions.defaults(), TenantOptions.defaults());
    assertThrows(ConfigurationException.class, () -> new io.sqlitekit.plugin.tenant.internal.TenantPluginProvider()
        .create(Map.of("resolver", "x")));
    assertThrows(ConfigurationException.class, () -> new io.sqlitekit.plugin.tenant.internal.TenantPluginProvider()
        .create(Map.of("requireTenant", "maybe")));
    assertThrows(IllegalArgumentException.class, () -> TenantOptions.defaults().withField(""));
    assertThrows(NullPointerException.class, () -> TenantOptions.defaults().withResolver(null));
  }

  @Test
  void keys_scopeReads_underTheNamesOthersReadThemBy() {
    assertTrue(Tenants.TENANT_ID.scopesReads(), "a read cache must keep tenants apart");
    assertTrue(Tenants.BYPASS.scopesReads(), "a bypassing read sees every tenant's rows");
    assertEquals("tenantId", Tenants.TENANT_ID.name(), "the audit plugin records the key of this name");
    assertEquals(Optional.of("A"), Tenants.call("A", () -> CallContext.current().getByName("tenantId")));
  }

  @Test
  void tenants_helpersBindContext() {
    assertEquals(Optional.of("A"), Tenants.call("A", () -> CallContext.current().get(Tenants.TENANT_ID)));
    assertEquals(Optional.empty(), CallContext.current().get(Tenants.TENANT_ID));
    assertThrows(NullPointerException.class, () -> Tenants.run(null, () -> { }));
  }
}
