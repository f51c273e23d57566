package io.sqlitekit.plugin.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.plugin.audit.AuditOptions;
import io.sqlitekit.plugin.audit.AuditPlugin;
import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.ContextKey;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.GetOrCreateResult;
import io.sqlitekit.spi.ReturnDocument;
import io.sqlitekit.spi.UpdateResult;
import io.sqlitekit.spi.audit.AuditEntry;
import io.sqlitekit.spi.audit.AuditExporter;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.plugin.CallResult;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.support.hook.CallState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Entry content per operation, built from call states as the shared hook engine hands them to hooks. */
class EntryBuildingTest {
  static final TableDef USERS = TableDef.of("users", Column.text("id").primaryKey(), Column.text("email"),
      Column.text("password"));
  static final Instant NOW = Instant.parse("2026-01-02T03:04:05.006Z");

  /** A user. */
  public record User(String id, String email, String password) {
  }

  private final AuditHooks hooks = new AuditHooks(AuditOptions.defaults().withRedactedFields("password"),
      List.of(new AuditExporter() {
        @Override
        public String name() {
          return "none";
        }

        @Override
        public void export(AuditEntry entry) {
        }
      }));

  /** An application's key with the name the plugin records as tenant (the multi-tenant plugin's has it too). */
  private static final ContextKey<Object> TENANT = ContextKey.of(AuditPlugin.TENANT_KEY_NAME, Object.class);

  /**
   * A call's state as the kits build it (the shared hook engine's {@code HookContext}); the entries are built by
   * calling the plugin's entry builder directly with a result, as its hooks do.
   */
  private static CallState ctx(Operation op) {
    return new CallState(op, USERS, CallContext.of(CallContext.ACTOR_ID, 42L).with(TENANT, "acme"),
        (SqliteDriver) null);
  }

  private static Map<String, Object> row(String id, String email) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("email", email);
    m.put("password", "pw");
    return m;
  }

  @Test
  void create_oneEntryWithRedactedAfterImage() {
    CallState c = ctx(Operation.CREATE).withRows(List.of(row("u1", "a@x")));
    List<AuditEntry> e = hooks.entries(c, CallResult.of(c.operation(), new User("u1", "a@x", "pw")), NOW);
    assertEquals(1, e.size());
    AuditEntry a = e.get(0);
    assertEquals("u1", a.id());
    assertEquals("42", a.actor());
    assertEquals("acme", a.tenant());
    assertEquals(NOW, a.timestamp());
    assertEquals("[REDACTED]", a.after().get("password"));
    assertEquals(List.of("id", "email", "password"), a.changedFields());
    assertTrue(a.before().isEmpty());
  }

  @Test
  void createMany_oneEntryPerRow() {
    CallState c = ctx(Operation.CREATE_MANY).withRows(List.of(row("u1", "a@x"), row("u2", "b@x")));
    List<AuditEntry> e = hooks.entries(c, CallResult.of(c.operation(), List.of(new User("u1", "a@x", null), new User("u2", "b@x", null))), NOW);
    assertEquals(List.of("u1", "u2"), e.stream().map(AuditEntry::id).toList());
  }

  @Test
  void update_missIsNotAudited_hitCarriesChangedFields() {
    CallState c = ctx(Operation.UPDATE).withId("u1").withUpdate(Update.set("email", "z@x"));
    assertTrue(hooks.entries(c, CallResult.of(c.operation(), Optional.empty()), NOW).isEmpty());
    AuditEntry a = hooks.entries(c, CallResult.of(c.operation(), Optional.of(new User("u1", "z@x", "pw"))), NOW).get(0);
    assertEquals(List.of("email"), a.changedFields());
    assertEquals("z@x", a.after().get("email"));
  }

  @Test
  void findOneAndUpdate_returningBefore_fillsTheBeforeImage() {
    CallState c = ctx(Operation.FIND_ONE_AND_UPDATE).withUpdate(Update.set("email", "z@x"))
        .withRequest(FindOneAndUpdateOptions.defaults().returning(ReturnDocument.BEFORE));
    AuditEntry a = hooks.entries(c, CallResult.of(c.operation(), Optional.of(new User("u1", "a@x", "pw"))), NOW).get(0);
    assertEquals("a@x", a.before().get("email"));
    assertTrue(a.after().isEmpty());
    assertEquals("u1", a.id());
  }

  @Test
  void bulkAndDeletes() {
    CallState um = ctx(Operation.UPDATE_MANY).withUpdate(Update.set("email", "z"));
    AuditEntry a = hooks.entries(um, CallResult.of(um.operation(), new UpdateResult(3, 2)), NOW).get(0);
    assertNull(a.id());
    assertEquals(2, a.affectedRows());
    assertTrue(hooks.entries(um, CallResult.of(um.operation(), new UpdateResult(0, 0)), NOW).isEmpty());

    CallState d = ctx(Operation.DELETE).withId("u1");
    assertEquals("u1", hooks.entries(d, CallResult.of(d.operation(), true), NOW).get(0).id());
    assertTrue(hooks.entries(d, CallResult.of(d.operation(), false), NOW).isEmpty());
    d.convertDeleteToUpdate(Update.set("deletedAt", NOW));
    assertEquals(List.of("deletedAt"), hooks.entries(d, CallResult.of(d.operation(), true), NOW).get(0).changedFields());

    CallState dm = ctx(Operation.DELETE_MANY);
    assertEquals(4, hooks.entries(dm, CallResult.of(dm.operation(), 4L), NOW).get(0).affectedRows());
    assertTrue(hooks.entries(dm, CallResult.of(dm.operation(), 0L), NOW).isEmpty());
  }

  @Test
  void getOrCreate_onlyWhenCreated() {
    CallState c = ctx(Operation.GET_OR_CREATE).withRows(List.of(row("u1", "a@x")));
    assertTrue(hooks.entries(c, CallResult.of(c.operation(), new GetOrCreateResult<>(new User("u1", "a@x", null), false)), NOW).isEmpty());
    assertEquals(1, hooks.entries(c, CallResult.of(c.operation(), new GetOrCreateResult<>(new User("u1", "a@x", null), true)), NOW).size());
  }

  @Test
  void batch_oneEntryPerStatementThatChangedARow() {
    CallState c = ctx(Operation.BATCH).withBatch(List.of(BatchStatement.insert(USERS, row("u9", "n@x")),
        BatchStatement.update(USERS, "u1", Update.set("email", "q@x")),
        BatchStatement.delete(USERS, "missing")));
    List<BatchResult<Object>> results = List.of(
        new BatchResult<>(BatchStatement.Kind.INSERT, 1, List.of(new User("u9", "n@x", "pw"))),
        new BatchResult<>(BatchStatement.Kind.UPDATE, 1, List.of(new User("u1", "q@x", "pw"))),
        new BatchResult<>(BatchStatement.Kind.DELETE, 0, List.of()));
    List<AuditEntry> e = hooks.entries(c, CallResult.of(c.operation(), results), NOW);
    assertEquals(List.of("u9", "u1"), e.stream().map(AuditEntry::id).toList());
    assertEquals(List.of("email"), e.get(1).changedFields());
    assertEquals("[REDACTED]", e.get(0).after().get("password"));
  }
}
