package io.sqlitekit.plugin.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.ContextKey;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.audit.AuditEntry;
import io.sqlitekit.spi.audit.AuditExporter;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.AfterHookException;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit plugin on a real SQLite file: one entry per write, table exporter transactional. */
class AuditIT {
  /**
   * An application's own key with the name the plugin records as tenant; the multi-tenant plugin's
   * {@code Tenants.TENANT_ID} has that name too, and this module does not depend on that plugin.
   */
  private static final ContextKey<Object> TENANT = ContextKey.of(AuditPlugin.TENANT_KEY_NAME, Object.class);

  /** A user. */
  public record User(String id, String email, String password, Long logins) {
  }

  static final TableDef USERS = TableDef.of("users", Column.text("id").primaryKey(), Column.text("email").unique(),
      Column.text("password"), Column.integer("logins"));
  static final Instant NOW = Instant.parse("2026-05-06T07:08:09.123Z");

  /** Collects entries. */
  static final class Collecting implements AuditExporter {
    final List<AuditEntry> entries = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
      return "collect";
    }

    @Override
    public void export(AuditEntry entry) {
      entries.add(entry);
    }
  }

  @TempDir
  Path dir;

  private Path file;
  private Collecting collected;
  private SqliteKit kit;
  private StandardRepo<User, String> users;

  @BeforeEach
  void open() {
    file = dir.resolve("audit.db");
    collected = new Collecting();
    kit = SqliteKit.builder().url("jdbc:sqlite:" + file).preset(PragmaPreset.PRODUCTION)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .plugin(AuditPlugin.create(AuditOptions.defaults().withExporters(collected).withExporterNames("table", "slf4j")
            .withRedactedFields("password")))
        .build();
    kit.createTableIfNotExists(USERS);
    SqliteRepository<User, String> repo = kit.repository(USERS, RowMapper.forRecord(User.class));
    users = repo.withContext(CallContext.of(CallContext.ACTOR_ID, "admin").with(TENANT, "acme"));
  }

  @AfterEach
  void close() {
    kit.close();
  }

  private List<AuditEntry> drain() {
    List<AuditEntry> out = List.copyOf(collected.entries);
    collected.entries.clear();
    return out;
  }

  private AuditEntry only(Operation op) {
    List<AuditEntry> entries = drain();
    assertEquals(1, entries.size(), () -> "entries for " + op + ": " + entries);
    AuditEntry e = entries.get(0);
    assertEquals(op, e.operation());
    assertEquals("users", e.table());
    assertEquals("admin", e.actor());
    assertEquals("acme", e.tenant());
    assertEquals(NOW, e.timestamp());
    return e;
  }

  private long auditRows() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM \"_audit\"")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void everyWritePath_producesExactlyOneEntryPerRowOrOperation() throws SQLException {
    users.create(new User("u1", "a@x", "pw1", 0L));
    AuditEntry e = only(Operation.CREATE);
    assertEquals("u1", e.id());
    assertEquals("[REDACTED]", e.after().get("password"));
    assertEquals("a@x", e.after().get("email"));
    assertTrue(e.changedFields().contains("email"));

    users.createMany(List.of(new User("u2", "b@x", null, 0L), new User("u3", "c@x", null, 0L)));
    List<AuditEntry> many = drain();
    assertEquals(2, many.size());
    assertEquals(List.of("u2", "u3"), many.stream().map(AuditEntry::id).toList());
    assertTrue(many.stream().allMatch(x -> x.operation() == Operation.CREATE_MANY));

    users.update("u1", Update.set("email", "a2@x"));
    e = only(Operation.UPDATE);
    assertEquals("u1", e.id());
    assertEquals(List.of("email"), e.changedFields());
    assertEquals("a2@x", e.after().get("email"));

    users.update("missing", Update.set("email", "zz"));
    assertEquals(0, drain().size(), "a miss changes nothing and is not audited");

    users.increment("u1", "logins", 1);
    e = only(Operation.INCREMENT);
    assertEquals(List.of("logins"), e.changedFields());
    assertEquals(1L, ((Number) e.after().get("logins")).longValue());

    users.updateMany(Filters.in("id", "u2", "u3"), Update.set("logins", 5L));
    e = only(Operation.UPDATE_MANY);
    assertNull(e.id());
    assertEquals(2, e.affectedRows());

    users.findOneAndUpdate(Filters.eq("id", "u2"), Update.set("email", "b2@x"), FindOneAndUpdateOptions.defaults());
    e = only(Operation.FIND_ONE_AND_UPDATE);
    assertEquals("u2", e.id());
    assertEquals("b2@x", e.after().get("email"));

    users.upsert(new User("u4", "d@x", "pw4", 0L));
    e = only(Operation.UPSERT);
    assertEquals("u4", e.id());
    assertEquals("[REDACTED]", e.after().get("password"));

    users.getOrCreate(Filters.eq("id", "u5"), new User("u5", "e@x", null, 0L));
    assertEquals("u5", only(Operation.GET_OR_CREATE).id());
    users.getOrCreate(Filters.eq("id", "u5"), new User("u5", "e@x", null, 0L));
    assertEquals(0, drain().size(), "getOrCreate that found is not audited");

    users.delete("u5");
    assertEquals("u5", only(Operation.DELETE).id());
    users.delete("u5");
    assertEquals(0, drain().size(), "a delete that missed is not audited");

    users.deleteMany(Filters.in("id", "u3", "u4"));
    assertEquals(2, only(Operation.DELETE_MANY).affectedRows());

    users.batch(b -> List.of(b.insert(new User("u6", "f@x", null, 0L)), b.update("u1", Update.set("logins", 9L)),
        b.delete("u2")));
    List<AuditEntry> batch = drain();
    assertEquals(3, batch.size(), () -> "batch entries: " + batch);
    assertEquals(List.of("u6", "u1", "u2"), batch.stream().map(AuditEntry::id).toList());
    assertTrue(batch.stream().allMatch(x -> x.operation() == Operation.BATCH && "admin".equals(x.actor())));

    // Reads are never audited.
    users.getById("u1");
    users.findAll(Filters.all());
    assertEquals(0, drain().size());

    // The table exporter wrote the same entries: 1+2+1+1+1+1+1+1+1+1+3 = 14.
    assertEquals(14, auditRows());
  }

  @Test
  void tableExporterRows_rollBackWithAFailedTransaction() throws SQLException {
    users.create(new User("u1", "a@x", null, 0L));
    long before = auditRows();
    assertEquals(1, before);
    assertThrows(RuntimeException.class, () -> users.withTransaction(tx -> {
      tx.create(new User("u2", "b@x", null, 0L));
      tx.update("u1", Update.set("email", "z@x"));
      return tx.create(new User("u3", "b@x", null, 0L)); // duplicate email: the transaction fails
    }));
    assertEquals(before, auditRows(), "audit rows of the failed transaction rolled back");
    assertEquals("a@x", users.getById("u1").orElseThrow().email());

    users.withTransaction(tx -> tx.create(new User("u4", "d@x", null, 0L)));
    assertEquals(before + 1, auditRows());
  }

  @Test
  void tableExportFailureOutsideATransaction_leavesNeitherTheRowNorAnyEntry() throws SQLException {
    // A real SQLite failure of the audit insert, for one row id only.
    kit.execute("CREATE TRIGGER refuse_audit BEFORE INSERT ON \"_audit\" WHEN NEW.row_id = 'bad'"
        + " BEGIN SELECT RAISE(ABORT, 'audit export refused'); END;");
    RuntimeException e = assertThrows(RuntimeException.class, () -> users.create(new User("bad", "b@x", null, 0L)));
    assertTrue(!(e instanceof AfterHookException), () -> "nothing was committed: " + e);
    assertTrue(users.getById("bad").isEmpty(), "the write rolled back with the audit row");
    assertEquals(0, auditRows());
    assertEquals(0, drain().size(), "after-commit exporters never saw the rolled-back change");

    users.create(new User("good", "g@x", null, 0L));
    assertTrue(users.getById("good").isPresent());
    assertEquals(1, auditRows());
    assertEquals("good", only(Operation.CREATE).id());

    // A batch is one write: its audit rows and its changes commit or roll back together.
    assertThrows(RuntimeException.class, () -> users.batch(b -> List.of(b.insert(new User("ok", "o@x", null, 0L)),
        b.insert(new User("bad", "b@x", null, 0L)))));
    assertTrue(users.getById("ok").isEmpty());
    assertEquals(1, auditRows());
    assertEquals(0, drain().size());
  }

  @Test
  void tableExporter_storesRedactedImagesAndTheKitClock() throws SQLException {
    users.create(new User("u1", "a@x", "secret-pw", 0L));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT ts, operation, table_name, row_id, actor, tenant, after_json,"
            + " changed_fields FROM \"_audit\"")) {
      assertTrue(rs.next());
      assertEquals("2026-05-06T07:08:09.123Z", rs.getString(1));
      assertEquals("CREATE", rs.getString(2));
      assertEquals("users", rs.getString(3));
      assertEquals("u1", rs.getString(4));
      assertEquals("admin", rs.getString(5));
      assertEquals("acme", rs.getString(6));
      assertTrue(rs.getString(7).contains("[REDACTED]"));
      assertTrue(!rs.getString(7).contains("secret-pw"));
      assertTrue(rs.getString(8).contains("email"));
    }
  }
}
