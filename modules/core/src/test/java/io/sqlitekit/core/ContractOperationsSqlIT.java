package io.sqlitekit.core;

import static io.sqlitekit.spi.filter.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.Fixtures.User;
import io.sqlitekit.spi.CountStrategy;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.Transition;
import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statements the optional operations send: a claim is one UPDATE whose subquery picks the row, a transition
 * one guarded UPDATE, a pipeline one UPDATE, and a count-free page one SELECT and no COUNT.
 */
class ContractOperationsSqlIT {
  @TempDir
  Path dir;

  private static List<String> statements(List<StatementEvent> events) {
    List<String> out = new ArrayList<>();
    for (StatementEvent e : events) {
      if (e.kind() != StatementEvent.Kind.TRANSACTION) {
        out.add(e.sql());
      }
    }
    return out;
  }

  @Test
  void eachOperation_isOneStatement() {
    List<StatementEvent> events = new CopyOnWriteArrayList<>();
    try (SqliteKit kit = Fixtures.builder(dir).statementListener(events::add).build()) {
      kit.createTable(Fixtures.USERS);
      SqliteRepository<User, String> users = kit.repository(Fixtures.USERS, User.class);
      for (int i = 0; i < 5; i++) {
        users.create(User.of("u" + i, "u" + i + "@example.com"));
      }

      events.clear();
      User got = users.claim(eq("active", true), Sort.by(SortField.desc("id")), Update.set("name", "taken"))
          .orElseThrow();
      assertEquals("u4", got.id());
      List<String> claim = statements(events);
      assertEquals(1, claim.size(), claim.toString());
      assertTrue(claim.get(0).startsWith("UPDATE \"users\" SET \"name\" = ? WHERE \"id\" = (SELECT \"id\" FROM "
          + "\"users\" WHERE \"active\" = ? ORDER BY \"id\" DESC LIMIT 1) RETURNING "), claim.get(0));

      events.clear();
      assertTrue(users.applyTransition("u1", Transition.of("name", null, "started")).applied());
      List<String> transition = statements(events);
      assertEquals(1, transition.size(), transition.toString());
      assertTrue(transition.get(0).startsWith("UPDATE \"users\" SET \"name\" = ? WHERE \"id\" = ? AND "),
          transition.get(0));

      events.clear();
      assertEquals("x", users.updatePipeline("u2", List.of(Update.set("name", "n"), Update.set("name", "x")))
          .orElseThrow().name());
      assertEquals(1, statements(events).size(), statements(events).toString());

      events.clear();
      assertEquals(2, users.getAll(PageRequest.of(1, 2), CountStrategy.NONE).items().size());
      List<String> page = statements(events);
      assertEquals(1, page.size(), page.toString());
      assertTrue(page.get(0).endsWith("LIMIT 3"), page.get(0));
    }
  }
}
