package io.sqlitekit.plugin.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.plugin.audit.AuditIT.User;
import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One transaction owner per audited write: the statements the driver reports (transaction control included)
 * for an audited update, delete, createMany and batch are the write's own BEGIN IMMEDIATE, its statement, the
 * audit insert and COMMIT, with no savepoint and no second transaction.
 */
class AuditStatementTraceIT {
  @TempDir
  Path dir;

  private final List<StatementEvent> events = new CopyOnWriteArrayList<>();
  private SqliteKit kit;
  private SqliteRepository<User, String> users;

  @BeforeEach
  void open() {
    kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("trace.db")).statementListener(events::add)
        .plugin(AuditPlugin.create(AuditOptions.defaults().withExporterNames("table"))).build();
    kit.createTable(AuditIT.USERS);
    users = kit.repository(AuditIT.USERS, User.class);
    users.createMany(List.of(new User("u1", "a@x", "p", 0L), new User("u2", "b@x", "p", 0L)));
  }

  @AfterEach
  void close() {
    kit.close();
  }

  /** The statements of the next action, each as its first word(s) and target: "INSERT users", "COMMIT"... */
  private List<String> trace(Runnable action) {
    events.clear();
    action.run();
    List<String> out = new ArrayList<>();
    for (StatementEvent e : events) {
      assertTrue(e.succeeded(), e.toString());
      out.add(shape(e.sql()));
    }
    return out;
  }

  private static String shape(String sql) {
    String s = sql.trim().toUpperCase(Locale.ROOT).replace("\"", "");
    for (String verb : List.of("INSERT INTO ", "UPDATE ", "DELETE FROM ")) {
      if (s.startsWith(verb)) {
        String rest = s.substring(verb.length());
        return verb.trim().split(" ")[0] + " " + rest.split("[ (]")[0].toLowerCase(Locale.ROOT);
      }
    }
    return s;
  }

  @Test
  void auditedUpdate_isBeginUpdateAuditInsertCommit() {
    assertEquals(List.of("BEGIN IMMEDIATE", "UPDATE users", "INSERT _audit", "COMMIT"),
        trace(() -> users.update("u1", Update.set("email", "c@x"))));
  }

  @Test
  void auditedDelete_isBeginDeleteAuditInsertCommit() {
    assertEquals(List.of("BEGIN IMMEDIATE", "DELETE users", "INSERT _audit", "COMMIT"),
        trace(() -> users.delete("u2")));
  }

  @Test
  void auditedCreateMany_isBeginInsertAuditInsertCommit() {
    List<String> t = trace(() -> users.createMany(List.of(new User("u3", "d@x", "p", 0L),
        new User("u4", "e@x", "p", 0L), new User("u5", "f@x", "p", 0L))));
    assertEquals("BEGIN IMMEDIATE", t.get(0), t.toString());
    assertEquals("COMMIT", t.get(t.size() - 1), t.toString());
    List<String> body = t.subList(1, t.size() - 1);
    assertTrue(body.stream().allMatch(s -> s.equals("INSERT users") || s.equals("INSERT _audit")), t.toString());
    assertEquals("INSERT _audit", body.get(body.size() - 1), "the audit rows come after the change: " + t);
    assertEquals(1, body.stream().filter("INSERT _audit"::equals).count(), "one audit statement: " + t);
    assertEquals(3L, events.stream().filter(e -> e.sql().contains("_audit")).mapToLong(StatementEvent::executions)
        .sum(), "one audit row per created row");
  }

  @Test
  void auditedBatch_isBeginStatementsAuditInsertCommit() {
    assertEquals(List.of("BEGIN IMMEDIATE", "UPDATE users", "DELETE users", "INSERT _audit", "COMMIT"),
        trace(() -> users.batch(b -> List.of(b.update("u1", Update.set("email", "z@x")), b.delete("u2")))));
  }

  @Test
  void aFailingWriteRollsBackWithoutSavepoints() {
    events.clear();
    try {
      users.update("u1", Update.set("email", "b@x")); // unique violation
    } catch (RuntimeException expected) {
      // the trace is what matters
    }
    List<String> t = new ArrayList<>();
    events.forEach(e -> t.add(shape(e.sql())));
    assertEquals(List.of("BEGIN IMMEDIATE", "UPDATE users", "ROLLBACK"), t);
  }
}
