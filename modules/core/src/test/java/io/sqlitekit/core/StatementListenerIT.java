package io.sqlitekit.core;

import static io.sqlitekit.spi.filter.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.Fixtures.User;
import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.DuplicateKeyException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit builder's statement listener sees each repository call's statements, with SQL text, never values. */
class StatementListenerIT {
  @TempDir
  Path dir;

  private static List<String> describe(List<StatementEvent> events) {
    List<String> out = new ArrayList<>();
    for (StatementEvent e : events) {
      out.add(e.kind() + " " + e.sql() + " p" + e.paramCount() + " r" + e.rows() + (e.succeeded() ? "" : " failed"));
    }
    return out;
  }

  @Test
  void repositoryCalls_reportedWithSqlAndTiming_noValues() {
    List<StatementEvent> events = new CopyOnWriteArrayList<>();
    try (SqliteKit kit = Fixtures.builder(dir).statementListener(events::add).build()) {
      kit.createTable(Fixtures.USERS);
      SqliteRepository<User, String> users = kit.repository(Fixtures.USERS, User.class);
      users.create(User.of("u1", "secret@example.com"));
      events.clear();
      assertTrue(users.getById("u1").isPresent());
      assertEquals(1, users.findAll(eq("email", "secret@example.com")).size());
      assertThrows(DuplicateKeyException.class, () -> users.create(User.of("u1", "other-secret@example.com")));
      List<String> seen = describe(events);
      assertEquals("QUERY SELECT \"id\", \"email\", \"name\", \"age\", \"active\", \"createdAt\", \"score\" FROM "
          + "\"users\" WHERE \"id\" = ? p1 r1", seen.get(0));
      assertEquals("QUERY SELECT \"id\", \"email\", \"name\", \"age\", \"active\", \"createdAt\", \"score\" FROM "
          + "\"users\" WHERE \"email\" = ? ORDER BY \"id\" ASC p1 r1", seen.get(1));
      assertEquals("TRANSACTION BEGIN IMMEDIATE p0 r0", seen.get(2));
      assertTrue(seen.get(3).startsWith("QUERY INSERT INTO \"users\" (\"id\", \"email\") VALUES (?, ?) RETURNING ")
          && seen.get(3).endsWith(" p2 r0 failed"), seen.get(3));
      assertEquals("TRANSACTION ROLLBACK p0 r0", seen.get(4));
      assertEquals(5, seen.size(), seen.toString());
      for (StatementEvent e : events) {
        assertTrue(e.nanos() > 0, e.toString());
        assertFalse(e.toString().contains("secret"), e.toString());
      }
    }
  }

  @Test
  void builderListener_replacesTheOptionsOne_setOnce() {
    List<StatementEvent> fromOptions = new CopyOnWriteArrayList<>();
    List<StatementEvent> fromBuilder = new CopyOnWriteArrayList<>();
    try (SqliteKit kit = Fixtures.builder(dir).driverOptions(DriverOptions.defaults()
        .withStatementListener(fromOptions::add)).statementListener(fromBuilder::add).build()) {
      kit.execute("CREATE TABLE t(x)");
      assertEquals(0, fromOptions.size());
      assertEquals(List.of("TRANSACTION BEGIN IMMEDIATE p0 r0", "SCRIPT CREATE TABLE t(x) p0 r0",
          "TRANSACTION COMMIT p0 r0"), describe(fromBuilder));
    }
    SqliteKit.Builder b = SqliteKit.builder().statementListener(e -> { });
    assertThrows(IllegalStateException.class, () -> b.statementListener(e -> { }));
    assertThrows(ConfigurationException.class, b::build, "url is still required");
  }

  @Test
  void slf4jStatementLogger_linesCarryDurationKindRowsAndSql_neverValues() {
    List<StatementEvent> events = new CopyOnWriteArrayList<>();
    Slf4jStatementLogger logger = new Slf4jStatementLogger();
    try (SqliteKit kit = Fixtures.builder(dir).statementListener(e -> {
      logger.onStatement(e);
      events.add(e);
    }).build()) {
      kit.createTable(Fixtures.USERS);
      SqliteRepository<User, String> users = kit.repository(Fixtures.USERS, User.class);
      users.create(User.of("u1", "secret@example.com"));
      events.clear();
      users.getById("u1");
      assertThrows(DuplicateKeyException.class, () -> users.create(User.of("u1", "other-secret@example.com")));
    }
    List<String> lines = new ArrayList<>();
    events.forEach(e -> lines.add(Slf4jStatementLogger.describe(e)));
    assertTrue(lines.get(0).matches("\\d+\\.\\d{3} ms QUERY 1 row: SELECT .* WHERE \"id\" = \\?"), lines.get(0));
    assertTrue(lines.get(1).matches("\\d+\\.\\d{3} ms TRANSACTION: BEGIN IMMEDIATE"), lines.get(1));
    assertTrue(lines.get(2).contains(" failed: ") && lines.get(2).contains("INSERT INTO \"users\""), lines.get(2));
    for (String line : lines) {
      assertFalse(line.contains("secret@"), line);
    }
  }
}
