package io.sqlitekit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.Fixtures.User;
import io.sqlitekit.core.testlog.CapturedLog;
import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.driver.StatementListener;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * Bound values reach a statement listener only when it asks for them (the SLF4J logger's explicit
 * {@code withValues()}), redacted; and a kit whose listeners are all inactive neither times nor reports statements.
 */
class StatementValuesIT {
  private static final String LOGGER = "test.sql.values";

  @TempDir
  Path dir;

  private static void insertUserAndBlob(SqliteKit kit) {
    kit.createTable(Fixtures.USERS);
    kit.execute("CREATE TABLE files (name TEXT, body BLOB, note TEXT)");
    kit.repository(Fixtures.USERS, User.class).create(User.of("u1", "secret@example.com"));
    byte[] body = new byte[2048];
    Arrays.fill(body, (byte) 'S'); // a run of 'S' would show as text if the bytes were logged
    String note = "n".repeat(100);
    kit.driver().write(s -> s.update("INSERT INTO files VALUES (?, ?, ?)", Arrays.asList("f1", body, note)));
    kit.driver().write(s -> s.batch("INSERT INTO files (name) VALUES (?)", List.of(List.of("b1"), List.of("b2"))));
  }

  @Test
  void slf4jLogger_default_logsStatementsWithoutValues() {
    try (CapturedLog.Capture log = CapturedLog.capture(LOGGER, Level.DEBUG);
        SqliteKit kit = Fixtures.builder(dir).statementListener(new Slf4jStatementLogger(LOGGER)).build()) {
      insertUserAndBlob(kit);
      List<String> lines = log.messages();
      assertTrue(lines.stream().anyMatch(l -> l.contains("INSERT INTO \"users\"")), lines.toString());
      assertTrue(lines.stream().anyMatch(l -> l.contains("INSERT INTO files VALUES (?, ?, ?)")), lines.toString());
      for (String line : lines) {
        assertFalse(line.contains("secret@") || line.contains("values:") || line.contains("nnnn")
            || line.contains("blob"), line);
      }
    }
  }

  @Test
  void slf4jLogger_withValues_logsRedactedValues() {
    try (CapturedLog.Capture log = CapturedLog.capture(LOGGER, Level.DEBUG);
        SqliteKit kit = Fixtures.builder(dir).statementListener(new Slf4jStatementLogger(LOGGER).withValues(10))
            .build()) {
      insertUserAndBlob(kit);
      List<String> lines = log.messages();
      String user = only(lines, "INSERT INTO \"users\"");
      assertTrue(user.endsWith(" values: ['u1', 'secret@exa…(+8 chars)']"), user);
      String file = only(lines, "INSERT INTO files VALUES");
      assertTrue(file.endsWith(" values: ['f1', <blob 2048 bytes>, 'nnnnnnnnnn…(+90 chars)']"), file);
      assertFalse(file.contains("SSS"), file);
      String batch = only(lines, "INSERT INTO files (name)");
      assertTrue(batch.endsWith("in 2 executions: INSERT INTO files (name) VALUES (?) values: ['b1'], ['b2']"),
          batch);
      lines.stream().filter(l -> l.contains("BEGIN IMMEDIATE") || l.contains("CREATE TABLE"))
          .forEach(l -> assertFalse(l.contains("values:"), l));
    }
  }

  @Test
  void pluginListeners_neverReceiveValues_evenWithTheLoggerAskingForThem() {
    List<StatementEvent> seenByPlugin = new CopyOnWriteArrayList<>();
    List<StatementEvent> seenByUser = new CopyOnWriteArrayList<>();
    StatementListener greedy = new StatementListener() {
      @Override
      public void onStatement(StatementEvent event) {
        seenByPlugin.add(event);
      }

      @Override
      public boolean wantsValues() {
        return true; // a plugin cannot opt in: HookRegistry.onStatement promises no values
      }
    };
    StatementListener user = new StatementListener() {
      @Override
      public void onStatement(StatementEvent event) {
        seenByUser.add(event);
      }

      @Override
      public boolean wantsValues() {
        return true;
      }
    };
    RepositoryPlugin plugin = new RepositoryPlugin() {
      @Override
      public void install(HookRegistry registry) {
        registry.onStatement(greedy);
      }
    };
    try (SqliteKit kit = Fixtures.builder(dir).plugin(plugin).statementListener(user).build()) {
      kit.createTable(Fixtures.USERS);
      kit.repository(Fixtures.USERS, User.class).create(User.of("u1", "secret@example.com"));
    }
    StatementEvent userInsert = seenByUser.stream().filter(e -> e.sql().startsWith("INSERT")).findFirst()
        .orElseThrow();
    assertEquals(List.of(List.of("u1", "secret@example.com")), userInsert.values());
    StatementEvent pluginInsert = seenByPlugin.stream().filter(e -> e.sql().startsWith("INSERT")).findFirst()
        .orElseThrow();
    assertEquals(List.of(), pluginInsert.values());
    assertEquals(2, pluginInsert.paramCount());
    seenByPlugin.forEach(e -> assertFalse(e.toString().contains("secret"), e.toString()));
  }

  /** A builder listener that can be switched off, counting what the driver asks and reports. */
  private static final class Switchable implements StatementListener {
    volatile boolean on;
    final AtomicInteger asked = new AtomicInteger();
    final List<StatementEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public boolean active() {
      asked.incrementAndGet();
      return on;
    }

    @Override
    public void onStatement(StatementEvent event) {
      events.add(event);
    }
  }

  @Test
  void inactiveListeners_noStatementTimedOrReported_thenEveryStatementOnceActive() {
    Switchable listener = new Switchable();
    try (SqliteKit kit = Fixtures.builder(dir).statementListener(listener).build()) {
      kit.createTable(Fixtures.USERS);
      SqliteRepository<User, String> users = kit.repository(Fixtures.USERS, User.class);
      users.create(User.of("u1", "a@example.com"));
      users.getById("u1");
      assertTrue(listener.asked.get() >= 5, "the driver asks before each statement: " + listener.asked);
      assertEquals(List.of(), listener.events, "an inactive kit reports (and times) nothing");
      listener.on = true;
      users.create(User.of("u2", "b@example.com"));
      users.getById("u2");
      List<String> kinds = new ArrayList<>();
      for (StatementEvent e : listener.events) {
        kinds.add(e.kind().name());
        assertTrue(e.nanos() > 0, e.toString());
      }
      assertEquals(List.of("TRANSACTION", "QUERY", "TRANSACTION", "QUERY"), kinds);
    }
  }

  @Test
  void debugOff_slf4jLoggerIsInactive_andAPluginListenerAddedLaterSeesEveryStatement() {
    List<StatementEvent> seen = new CopyOnWriteArrayList<>();
    RepositoryPlugin tracing = new RepositoryPlugin() {
      @Override
      public void install(HookRegistry registry) {
        registry.onStatement(seen::add);
      }
    };
    Slf4jStatementLogger quiet = new Slf4jStatementLogger(LOGGER).withValues();
    assertFalse(quiet.active(), "DEBUG is off without a capture");
    assertFalse(quiet.wantsValues());
    try (SqliteKit kit = Fixtures.builder(dir).statementListener(quiet).build()) {
      kit.createTable(Fixtures.USERS);
      assertEquals(List.of(), seen);
      // The plugin's repository is created after the driver opened: its listener still gets every statement.
      SqliteRepository<User, String> users = kit.repository(Fixtures.USERS, User.class, List.of(tracing));
      users.create(User.of("u1", "a@example.com"));
      List<String> sql = new ArrayList<>();
      // Creating the repository asked once whether the table is STRICT (typed reads) and which columns the
      // database fills itself (one-statement inserts), outside any call.
      assertTrue(seen.get(0).sql().contains("pragma_table_list"), seen.get(0).sql());
      assertTrue(seen.get(1).sql().contains("pragma_table_xinfo"), seen.get(1).sql());
      seen.subList(2, seen.size()).forEach(e -> sql.add(e.sql().split(" ")[0]));
      // The fixture's table fills omitted columns from SQL defaults: the insert reads its row back (RETURNING).
      assertEquals(List.of("BEGIN", "INSERT", "COMMIT"), sql);
    }
    assertThrows(IllegalArgumentException.class, () -> quiet.withValues(-1));
  }

  private static String only(List<String> lines, String part) {
    List<String> hits = new ArrayList<>();
    lines.forEach(l -> {
      if (l.contains(part)) {
        hits.add(l);
      }
    });
    assertEquals(1, hits.size(), part + " in " + lines);
    return hits.get(0);
  }
}
