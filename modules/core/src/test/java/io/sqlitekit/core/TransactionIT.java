package io.sqlitekit.core;

import static io.sqlitekit.core.Fixtures.DOCS;
import static io.sqlitekit.core.Fixtures.USERS;
import static io.sqlitekit.spi.filter.Filters.all;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.Fixtures.User;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.Operation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionIT {
  @TempDir
  Path dir;

  @Test
  void commitRollbackAndSavepoints() {
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      assertEquals(2, (int) u.withTransaction(tx -> {
        tx.create(User.of("a", "a@x"));
        tx.create(User.of("b", "b@x"));
        return (int) tx.count(all());
      }));
      RuntimeException boom = new IllegalStateException("boom");
      RuntimeException thrown = assertThrows(RuntimeException.class, () -> u.withTransaction(tx -> {
        tx.create(User.of("c", "c@x"));
        throw boom;
      }));
      assertSame(boom, thrown, "the exception propagates unchanged");
      assertEquals(2, u.count(all()));
      u.withTransaction(outer -> {
        outer.create(User.of("d", "d@x"));
        assertThrows(IllegalStateException.class, () -> outer.withTransaction(inner -> {
          inner.create(User.of("e", "e@x"));
          throw boom;
        }));
        assertEquals(3, outer.count(all()), "the savepoint rolled back alone");
        return null;
      });
      assertEquals(List.of("a", "b", "d"), RepositoryIT.ids(u.findAll(all())));
    }
  }

  @Test
  void kitTransactionSpansRepositories() throws java.io.IOException {
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      SqliteRepository<Map<String, Object>, Object> d = kit.documents(DOCS);
      kit.inTransaction(tx -> {
        tx.repo(u).create(User.of("a", "a@x"));
        tx.repo(d).create(Map.of("title", "t"));
        return null;
      });
      assertThrows(IllegalArgumentException.class, () -> kit.inTransaction(tx -> {
        tx.repo(d).create(Map.of("title", "t2"));
        tx.repo(u).create(User.of("b", "b@x"));
        throw new IllegalArgumentException("undo both");
      }));
      assertEquals(1, u.count(all()));
      assertEquals(1, d.count(all()));
      try (SqliteKit other = Fixtures.builder(java.nio.file.Files.createDirectories(dir.resolve("other"))).build()) {
        SqliteRepository<User, String> foreign = other.repository(USERS, User.class);
        assertThrows(IllegalArgumentException.class, () -> kit.inTransaction(tx -> tx.repo(foreign)));
      }
    }
  }

  @Test
  void kitTransactionWithoutScope_andRecordsThroughALookup() {
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<User, String> u = kit.repository(USERS, User.class, java.lang.invoke.MethodHandles.lookup());
      assertEquals(1L, (long) kit.inTransaction(() -> {
        u.create(User.of("a", "a@x"));
        return u.count(all());
      }), "calls on the same thread join the transaction");
      assertThrows(IllegalStateException.class, () -> kit.inTransaction(() -> {
        u.create(User.of("b", "b@x"));
        throw new IllegalStateException("undo");
      }));
      assertEquals(List.of("a"), RepositoryIT.ids(u.findAll(all())));
    }
  }

  @Test
  void afterCommitActionsRunOnlyForCommittedTransactions() {
    List<String> log = new ArrayList<>();
    try (SqliteKit kit = Fixtures.builder(dir).plugin(HooksIT.plugin("ac", r -> r.after(Set.of(Operation.CREATE),
        HookPriority.DEFAULT, (c, res) -> {
          String id = ((User) res).id();
          c.afterCommit(() -> log.add("commit:" + id));
          c.afterCompletion(() -> log.add("done:" + id));
        }))).build()) {
      kit.createTable(USERS);
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      u.create(User.of("a", "a@x"));
      assertEquals(List.of("commit:a", "done:a"), log);
      log.clear();
      assertThrows(IllegalStateException.class, () -> u.withTransaction(tx -> {
        tx.create(User.of("b", "b@x"));
        assertEquals(List.of(), log, "deferred until the transaction ends");
        throw new IllegalStateException("rollback");
      }));
      assertEquals(List.of("done:b"), log);
    }
  }

  @Test
  void failedSingleCallsChangeNothing() {
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      u.create(User.of("a", "a@x"));
      assertThrows(RuntimeException.class, () -> u.createMany(List.of(User.of("b", "b@x"), User.of("c", "a@x"))));
      assertThrows(RuntimeException.class, () -> u.getOrCreate(io.sqlitekit.spi.filter.Filters.eq("id", "z"),
          User.of("z", "a@x")));
      assertEquals(1, u.count(all()));
    }
  }
}
