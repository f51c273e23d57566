package io.sqlitekit.core;

import static io.sqlitekit.core.Fixtures.DOCS;
import static io.sqlitekit.core.Fixtures.USERS;
import static io.sqlitekit.spi.filter.Filters.all;
import static io.sqlitekit.spi.filter.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.Fixtures.User;
import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.BatchStatement.Kind;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchIT {
  @TempDir
  Path dir;

  private static Map<String, Object> doc(long id, String title) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("title", title);
    return m;
  }

  @Test
  void crossRepositoryBatchRunsInOrderAndReportsEachStatement() {
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      SqliteRepository<Map<String, Object>, Object> d = kit.documents(DOCS);
      u.create(User.of("gone", "gone@x"));
      List<BatchResult<?>> r = Batch.run(kit, b -> List.of(
          b.on(u).insert(User.of("a", "a@x")),
          b.on(d).insert(doc(1, "one")),
          b.on(d).insert(doc(2, "two")),
          b.on(d).update(1L, Update.set("n", 5L)),
          b.on(u).upsert(new User("a", "a@x", "Ann", null, null, null, null)),
          b.on(u).delete("gone"),
          b.on(u).delete("missing"),
          b.on(d).update(99L, Update.set("n", 1L))));
      assertEquals(8, r.size());
      assertEquals(List.of(Kind.INSERT, Kind.INSERT, Kind.INSERT, Kind.UPDATE, Kind.UPSERT, Kind.DELETE, Kind.DELETE,
          Kind.UPDATE), r.stream().map(BatchResult::kind).toList());
      assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 1L, 0L, 0L), r.stream().map(BatchResult::changes).toList());
      assertEquals("a", ((User) r.get(0).rows().get(0)).id());
      @SuppressWarnings("unchecked")
      Map<String, Object> updated = (Map<String, Object>) r.get(3).rows().get(0);
      assertEquals(5L, updated.get("n"));
      assertEquals(2L, updated.get("version"), "a batch update bumps the version");
      assertEquals("Ann", ((User) r.get(4).rows().get(0)).name());
      assertTrue(r.get(5).rows().isEmpty() && r.get(6).rows().isEmpty() && r.get(7).rows().isEmpty());
      assertEquals(List.of("a"), RepositoryIT.ids(u.findAll(all())));
      assertEquals("Ann", u.getById("a").orElseThrow().name());
      assertEquals(2, d.count(all()));
    }
  }

  @Test
  void aConstraintViolationMidBatchLeavesNothingApplied() {
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      SqliteRepository<Map<String, Object>, Object> d = kit.documents(DOCS);
      u.create(User.of("a", "a@x"));
      d.create(doc(1, "one"));
      DuplicateKeyException e = assertThrows(DuplicateKeyException.class, () -> Batch.run(kit, b -> List.of(
          b.on(d).update(1L, Update.set("title", "changed")),
          b.on(u).insert(User.of("b", "b@x")),
          b.on(u).delete("a"),
          b.on(d).insert(doc(2, "two")),
          b.on(u).insert(User.of("c", "b@x")),
          b.on(d).insert(doc(3, "three")))));
      assertTrue(u.isDuplicateKeyError(e));
      assertFalse(kit.driver().inTransaction());
      assertEquals(List.of("a"), RepositoryIT.ids(u.findAll(all())));
      assertEquals(1, d.count(all()));
      assertEquals("one", d.getById(1L).orElseThrow().get("title"));
      // Same for a single-repository batch: the duplicate primary key comes after two applied statements.
      assertThrows(RuntimeException.class, () -> d.batch(b -> List.of(
          b.update(1L, Update.set("title", "changed")),
          b.insert(doc(2, "two")),
          b.insert(doc(1, "duplicate key")))));
      assertEquals(1, d.count(all()));
      assertEquals(1L, d.getById(1L).orElseThrow().get("version"));
      // The connection is usable afterwards.
      assertEquals(2, Batch.run(kit, b -> List.of(b.on(u).insert(User.of("b", "b@x")),
          b.on(d).insert(doc(2, "two")))).size());
      assertEquals(2, u.count(all()));
      assertEquals(2, d.count(all()));
    }
  }

  @Test
  void singleRepositoryBatchIsAtomicAndReportsResults() {
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      u.create(User.of("a", "a@x"));
      List<BatchResult<User>> r = u.batch(b -> List.of(
          b.insert(User.of("b", "b@x")),
          b.update("a", Update.set("name", "A")),
          b.delete("b"),
          b.upsert(User.of("c", "c@x"))));
      assertEquals(List.of(1L, 1L, 1L, 1L), r.stream().map(BatchResult::changes).toList());
      assertEquals("A", r.get(1).rows().get(0).name());
      assertEquals(List.of("a", "c"), RepositoryIT.ids(u.findAll(all())));
      assertThrows(DuplicateKeyException.class, () -> u.batch(b -> List.of(
          b.delete("c"), b.insert(User.of("d", "d@x")), b.insert(User.of("e", "a@x")))));
      assertEquals(List.of("a", "c"), RepositoryIT.ids(u.findAll(all())));
    }
  }

  @Test
  void sameShapeRunsAreJdbcBatchedAndStillReportRowsAndChanges() {
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      SqliteRepository<Map<String, Object>, Object> d = kit.documents(DOCS);
      int n = 300;
      List<BatchResult<?>> r = Batch.run(kit, b -> {
        List<BatchStatement> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          out.add(b.on(u).insert(User.of(String.format("u%03d", i), "u" + i + "@x")));
        }
        out.add(b.on(u).insert(new User("named", "named@x", "N", 7L, false, null, null)));
        for (int i = 0; i < n; i += 2) {
          out.add(b.on(u).delete(String.format("u%03d", i)));
        }
        out.add(b.on(u).delete("missing"));
        out.add(b.on(d).insert(Map.of("title", "no key: RETURNING path")));
        out.add(b.on(d).insert(Map.of("title", "no key either")));
        return out;
      });
      assertEquals(n + 1 + n / 2 + 1 + 2, r.size());
      for (int i = 0; i < n; i++) {
        User row = (User) r.get(i).rows().get(0);
        assertEquals(String.format("u%03d", i), row.id(), "rows come back in statement order");
        assertEquals(Boolean.TRUE, row.active(), "defaults are visible in the returned row");
      }
      assertEquals(7L, ((User) r.get(n).rows().get(0)).age());
      for (int i = n + 1; i < n + 1 + n / 2; i++) {
        assertEquals(1L, r.get(i).changes());
      }
      assertEquals(0L, r.get(n + 1 + n / 2).changes());
      assertEquals(n / 2 + 1, u.count(all()));
      assertEquals(2, d.count(all()));
      assertEquals(1L, ((Map<?, ?>) r.get(r.size() - 2).rows().get(0)).get("id"));
      // A duplicate inside a batched run fails the whole batch, typed, with nothing applied.
      DuplicateKeyException dup = assertThrows(DuplicateKeyException.class, () -> u.batch(b -> List.of(
          b.delete("named"), b.insert(User.of("v1", "v1@x")), b.insert(User.of("v2", "v2@x")),
          b.insert(User.of("v1", "other@x")))));
      assertTrue(u.isDuplicateKeyError(dup));
      assertEquals(n / 2 + 1, u.count(all()));
      assertTrue(u.getById("named").isPresent());
    }
  }

  @Test
  void emptyForeignAndUnbuiltStatementsAreRejected() throws Exception {
    try (SqliteKit kit = Fixtures.open(dir);
        SqliteKit other = Fixtures.open(Files.createDirectories(dir.resolve("other")))) {
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      assertThrows(ValidationException.class, () -> Batch.run(kit, b -> List.of()));
      assertThrows(ValidationException.class, () -> u.batch(b -> List.of()));
      ValidationException unbuilt = assertThrows(ValidationException.class, () -> Batch.run(kit, b -> List.of(
          b.on(u).insert(User.of("a", "a@x")),
          BatchStatement.insert(USERS, Map.of("id", "b", "email", "b@x")))));
      assertTrue(unbuilt.getMessage().contains("statement 1"), unbuilt.getMessage());
      assertFalse(unbuilt.getMessage().contains("b@x"), "no bound values in messages");
      SqliteRepository<User, String> foreign = other.repository(USERS, User.class);
      assertThrows(IllegalArgumentException.class, () -> Batch.run(kit, b -> List.of(
          b.on(foreign).insert(User.of("a", "a@x")))));
      assertEquals(0, u.count(all()));
      assertEquals(0, foreign.count(all()));
    }
  }

  /** Stamps inserts with a name and scopes updates and deletes to active rows, like a policy plugin. */
  private static RepositoryPlugin policy(AtomicInteger calls) {
    return HooksIT.plugin("policy", r -> r.before(Set.of(Operation.BATCH), HookPriority.POLICY, c -> {
      calls.incrementAndGet();
      List<BatchStatement> out = new ArrayList<>();
      for (BatchStatement st : c.batchStatements()) {
        if (st.kind() == Kind.INSERT) {
          Map<String, Object> data = new LinkedHashMap<>(st.data());
          data.put("name", "stamped");
          out.add(st.withData(data));
        } else {
          out.add(st.withScope(eq("active", true)));
        }
      }
      c.setBatchStatements(out);
    }));
  }

  @Test
  void eachRepositorysBatchHooksScopeAndStampItsStatements() {
    AtomicInteger calls = new AtomicInteger();
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<User, String> plain = kit.repository(USERS, User.class);
      SqliteRepository<User, String> u = kit.repository(USERS, User.class, List.of(policy(calls)));
      SqliteRepository<Map<String, Object>, Object> d = kit.documents(DOCS);
      plain.create(new User("inactive", "i@x", null, null, false, null, null));
      plain.create(User.of("active", "a@x"));
      List<BatchResult<?>> r = Batch.run(kit, b -> List.of(
          b.on(u).insert(User.of("n", "n@x")),
          b.on(d).insert(doc(1, "one")),
          b.on(u).delete("inactive"),
          b.on(u).update("active", Update.set("age", 3L)),
          b.on(plain).insert(User.of("p", "p@x"))));
      assertEquals(2, calls.get(), "the policy ran once per run of its repository's statements");
      assertEquals(List.of(1L, 1L, 0L, 1L, 1L), r.stream().map(BatchResult::changes).toList());
      assertEquals("stamped", plain.getById("n").orElseThrow().name());
      assertEquals(null, plain.getById("p").orElseThrow().name(), "other repositories are not stamped");
      assertTrue(plain.getById("inactive").isPresent(), "the scoped delete missed the out-of-scope row");
      assertEquals(3L, plain.getById("active").orElseThrow().age());
      // repo.batch applies the same hook.
      u.batch(b -> List.of(b.insert(User.of("m", "m@x")), b.delete("inactive")));
      assertEquals("stamped", plain.getById("m").orElseThrow().name());
      assertTrue(plain.getById("inactive").isPresent());
    }
  }

  @Test
  void aFailingBatchAfterHookOrALaterFailureInTheSurroundingTransactionUndoesTheBatch() {
    AtomicBoolean fail = new AtomicBoolean();
    IllegalStateException hookError = new IllegalStateException("after-hook failed");
    RepositoryPlugin flaky = HooksIT.plugin("flaky", r -> r.after(Set.of(Operation.BATCH), HookPriority.DEFAULT,
        (c, res) -> {
          if (fail.get()) {
            throw hookError;
          }
        }));
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      SqliteRepository<Map<String, Object>, Object> d = kit.documents(DOCS, List.of(flaky));
      fail.set(true);
      RuntimeException e = assertThrows(RuntimeException.class, () -> Batch.run(kit, b -> List.of(
          b.on(u).insert(User.of("a", "a@x")),
          b.on(d).insert(doc(1, "one")),
          b.on(u).insert(User.of("b", "b@x")))));
      assertSame(hookError, e);
      assertEquals(0, u.count(all()));
      assertEquals(0, d.count(all()));
      fail.set(false);
      IllegalStateException later = new IllegalStateException("later");
      assertSame(later, assertThrows(IllegalStateException.class, () -> kit.inTransaction(scope -> {
        Batch.run(kit, b -> List.of(b.on(u).insert(User.of("a", "a@x")), b.on(d).insert(doc(1, "one"))));
        assertEquals(1, u.count(all()), "inside the transaction the batch is visible");
        throw later;
      })));
      assertEquals(0, u.count(all()));
      assertEquals(0, d.count(all()));
      Batch.run(kit, b -> List.of(b.on(u).insert(User.of("a", "a@x")), b.on(d).insert(doc(1, "one"))));
      assertEquals(1, u.count(all()));
      assertEquals(1, d.count(all()));
    }
  }
}
