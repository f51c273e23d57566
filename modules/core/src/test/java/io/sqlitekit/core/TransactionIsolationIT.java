package io.sqlitekit.core;

import static io.sqlitekit.core.Fixtures.DOCS;
import static io.sqlitekit.core.Fixtures.USERS;
import static io.sqlitekit.spi.filter.Filters.all;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.Fixtures.User;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.SqliteResultCode;
import io.sqlitekit.spi.error.TransientConflictException;
import io.sqlitekit.spi.plugin.AfterHookException;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transaction guarantees beyond commit/rollback (see {@link TransactionIT}): thread confinement, isolation
 * from other threads, no transaction left open after an error, nesting across repositories, rollback on a
 * failing after-hook, and busy handling against a foreign connection holding the write lock.
 */
class TransactionIsolationIT {
  private static final long WAIT = 30;

  @TempDir
  Path dir;

  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(WAIT, TimeUnit.SECONDS));
  }

  private static void await(CountDownLatch l) throws InterruptedException {
    assertTrue(l.await(WAIT, TimeUnit.SECONDS), "latch timed out");
  }

  @Test
  void uncommittedWritesStayInsideTheirThreadAndOtherWritersWait() throws Exception {
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      CountDownLatch inside = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Future<Integer> holder = pool.submit(() -> u.withTransaction(tx -> {
        tx.create(User.of("a", "a@x"));
        assertTrue(tx.getById("a").isPresent(), "reads inside see writes inside");
        assertEquals(1, tx.count(all()));
        inside.countDown();
        try {
          await(release);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return (int) tx.count(all());
      }));
      await(inside);
      assertTrue(u.getById("a").isEmpty(), "another thread does not see the uncommitted row");
      assertEquals(0, u.count(all()));
      assertFalse(kit.driver().inTransaction(), "the transaction is not visible on this thread");
      CountDownLatch writerDone = new CountDownLatch(1);
      Future<User> writer = pool.submit(() -> {
        User r = u.create(User.of("b", "b@x"));
        writerDone.countDown();
        return r;
      });
      assertFalse(writerDone.await(300, TimeUnit.MILLISECONDS), "a second writer waits for the open transaction");
      assertEquals(0, u.count(all()), "readers are not blocked and still see nothing");
      release.countDown();
      assertEquals(1, holder.get(WAIT, TimeUnit.SECONDS));
      assertEquals("b", writer.get(WAIT, TimeUnit.SECONDS).id());
      assertEquals(List.of("a", "b"), RepositoryIT.ids(u.findAll(all())));
    }
  }

  @Test
  void aTransactionBoundRepositoryHandedToAnotherThreadDoesNotJoinTheTransaction() throws Exception {
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      Object[] seen = u.withTransaction(tx -> {
        tx.create(User.of("a", "a@x"));
        StandardRepo<User, String> leaked = tx;
        try {
          return pool.submit(() -> new Object[] {leaked.count(all()), kit.driver().inTransaction()})
              .get(WAIT, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      assertEquals(0L, seen[0], "the other thread reads committed data only");
      assertEquals(false, seen[1]);
      assertEquals(1, u.count(all()));
    }
  }

  @Test
  void noTransactionStaysOpenAfterAnError() throws Exception {
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      u.create(User.of("a", "a@x"));
      assertThrows(DuplicateKeyException.class, () -> u.withTransaction(tx -> {
        tx.create(User.of("b", "b@x"));
        return tx.create(User.of("c", "a@x"));
      }));
      assertFalse(kit.driver().inTransaction());
      Error err = new AssertionError("an Error also rolls back");
      assertSame(err, assertThrows(AssertionError.class, () -> kit.inTransaction(tx -> {
        tx.repo(u).create(User.of("d", "d@x"));
        throw err;
      })));
      assertFalse(kit.driver().inTransaction());
      // The write lock is free: another thread writes at once, and the next call here starts afresh.
      assertEquals("e", pool.submit(() -> u.create(User.of("e", "e@x"))).get(WAIT, TimeUnit.SECONDS).id());
      RuntimeException boom = new IllegalStateException("fresh");
      assertSame(boom, assertThrows(IllegalStateException.class, () -> u.withTransaction(tx -> {
        tx.create(User.of("f", "f@x"));
        throw boom;
      })), "a fresh transaction: rolling it back does not undo earlier committed work");
      assertEquals(List.of("a", "e"), RepositoryIT.ids(u.findAll(all())));
    }
  }

  @Test
  void nestedSavepointsAcrossRepositories() {
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      SqliteRepository<Map<String, Object>, Object> d = kit.documents(DOCS);
      RuntimeException inner = new IllegalStateException("inner");
      kit.inTransaction(scope -> {
        scope.repo(u).create(User.of("a", "a@x"));
        RuntimeException caught = assertThrows(IllegalStateException.class, () -> d.withTransaction(tx -> {
          tx.create(Map.of("title", "inner doc"));
          scope.repo(u).update("a", Update.set("name", "renamed inside the failed savepoint"));
          kit.inTransaction(deeper -> deeper.repo(u).create(User.of("b", "b@x")));
          throw inner;
        }));
        assertSame(inner, caught);
        assertEquals(0, d.count(all()), "the inner part is gone");
        assertEquals(1, u.count(all()));
        assertEquals(null, u.getById("a").orElseThrow().name());
        d.withTransaction(tx -> tx.create(Map.of("title", "kept")));
        return null;
      });
      assertEquals(List.of("a"), RepositoryIT.ids(u.findAll(all())));
      assertEquals(1, d.count(all()));
      // An inner failure the caller does not catch undoes everything.
      assertThrows(IllegalStateException.class, () -> kit.inTransaction(scope -> {
        scope.repo(u).create(User.of("c", "c@x"));
        return u.withTransaction(tx -> {
          tx.create(User.of("d", "d@x"));
          throw inner;
        });
      }));
      assertEquals(List.of("a"), RepositoryIT.ids(u.findAll(all())));
    }
  }

  @Test
  void aFailingAfterHookInsideATransactionRollsEverythingBack() {
    AtomicBoolean fail = new AtomicBoolean();
    IllegalStateException hookError = new IllegalStateException("after-hook failed");
    try (SqliteKit kit = Fixtures.builder(dir).plugin(HooksIT.plugin("flaky-after",
        r -> r.after(Set.of(Operation.CREATE, Operation.UPDATE), HookPriority.DEFAULT, (c, res) -> {
          if (fail.get()) {
            throw hookError;
          }
        }))).build()) {
      kit.createTable(USERS);
      kit.createTable(DOCS);
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      SqliteRepository<Map<String, Object>, Object> d = kit.documents(DOCS);
      u.create(User.of("a", "a@x"));
      RuntimeException thrown = assertThrows(RuntimeException.class, () -> kit.inTransaction(scope -> {
        scope.repo(d).create(Map.of("title", "t"));
        scope.repo(u).create(User.of("b", "b@x"));
        fail.set(true);
        return scope.repo(u).update("a", Update.set("name", "x"));
      }));
      assertSame(hookError, thrown, "inside a transaction the hook's own exception rolls back and propagates");
      fail.set(false);
      assertEquals(List.of("a"), RepositoryIT.ids(u.findAll(all())));
      assertEquals(null, u.getById("a").orElseThrow().name());
      assertEquals(0, d.count(all()));
      assertFalse(kit.driver().inTransaction());
      // The connection is usable afterwards, in and out of transactions.
      u.withTransaction(tx -> tx.create(User.of("c", "c@x")));
      assertEquals(2, u.count(all()));
      // Outside a transaction the write is committed and the failure says so.
      fail.set(true);
      AfterHookException ahe = assertThrows(AfterHookException.class, () -> u.create(User.of("z", "z@x")));
      assertSame(hookError, ahe.getCause());
      fail.set(false);
      assertEquals(3, u.count(all()));
    }
  }

  @Test
  void transactionBoundRepositoriesRunEveryPolicyHook() {
    try (SqliteKit kit = Fixtures.builder(dir).plugin(HooksIT.plugin("stamp",
        r -> {
          r.before(Set.of(Operation.CREATE), HookPriority.POLICY, c -> c.rows().forEach(row -> row.put("name", "s")));
          r.before(Set.of(Operation.FIND_ALL, Operation.COUNT), HookPriority.POLICY,
              c -> c.setFilter(io.sqlitekit.spi.filter.Filters.and(c.filter(),
                  io.sqlitekit.spi.filter.Filters.eq("name", "s"))));
        })).build()) {
      kit.createTable(USERS);
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      kit.execute("INSERT INTO users (id, email, active) VALUES ('raw', 'raw@x', 1)");
      long[] inside = u.withTransaction(tx -> {
        tx.create(User.of("a", "a@x"));
        long[] nested = kit.inTransaction(scope -> {
          scope.repo(u).create(User.of("b", "b@x"));
          return new long[] {scope.repo(u).count(all())};
        });
        return new long[] {nested[0], tx.findAll(all()).size()};
      });
      assertEquals(2, inside[0], "the scoped count inside the transaction sees the stamped rows, not the raw one");
      assertEquals(2, inside[1]);
      assertEquals(2, u.count(all()));
      assertEquals("s", u.getById("a").orElseThrow().name());
      assertEquals("s", u.getById("b").orElseThrow().name());
    }
  }

  /**
   * A kit with a 50 ms busy_timeout, the given whole-transaction policy (none if null) and the given lock
   * retry (the kit's default if null).
   */
  private SqliteKit busyKit(RetryPolicy policy, RetryPolicy lockRetry) {
    SqliteKit.Builder b = Fixtures.builder(dir)
        .driverOptions(DriverOptions.defaults().withPragma("busy_timeout", "50"));
    if (policy != null) {
      b.retryPolicy(policy);
    }
    if (lockRetry != null) {
      b.lockRetry(lockRetry);
    }
    return b.build();
  }

  private Connection foreignConnection() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("test.db"));
  }

  private Connection foreignLock() throws Exception {
    Connection c = foreignConnection();
    try (Statement s = c.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      s.execute("INSERT INTO users (id, email, active) VALUES ('foreign', 'f@x', 1)");
    }
    return c;
  }

  private static void release(Connection c) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("COMMIT");
    }
    c.close();
  }

  @Test
  void withoutLockRetryAForeignWriteLockSurfacesAsATransientConflictWithNothingApplied() throws Exception {
    try (SqliteKit kit = busyKit(null, RetryPolicy.none())) {
      kit.createTable(USERS);
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      u.create(User.of("a", "a@x"));
      Connection foreign = foreignLock();
      try {
        TransientConflictException single = assertThrows(TransientConflictException.class,
            () -> u.create(User.of("b", "b@x")));
        assertTrue(u.isTransientConflictError(single));
        assertTrue(single.isTransient());
        AtomicInteger bodies = new AtomicInteger();
        TransientConflictException tx = assertThrows(TransientConflictException.class,
            () -> u.withTransaction(t -> {
              bodies.incrementAndGet();
              t.create(User.of("c", "c@x"));
              return t.update("a", Update.set("name", "never"));
            }));
        assertTrue(u.isTransientConflictError(tx));
        assertEquals(0, bodies.get(), "BEGIN IMMEDIATE fails before any work runs");
        assertThrows(TransientConflictException.class, () -> Batch.run(kit, b -> List.of(
            b.on(u).insert(User.of("d", "d@x")), b.on(u).delete("a"))));
        assertFalse(kit.driver().inTransaction());
        assertEquals(List.of("a"), RepositoryIT.ids(u.findAll(all())), "readers still work; nothing applied");
      } finally {
        release(foreign);
      }
      u.create(User.of("b", "b@x"));
      assertEquals(List.of("a", "b", "foreign"), RepositoryIT.ids(u.findAll(all())));
    }
  }

  /**
   * Why a read-then-write in {@code withTransaction} cannot fail with SQLITE_BUSY_SNAPSHOT (the upgrade of a
   * deferred read transaction after another connection committed): the kit holds SQLite's write lock from the
   * transaction's first statement, before the body reads, so no other connection can commit in between.
   */
  @Test
  void aReadThenWriteTransactionHoldsTheWriteLockBeforeItsFirstRead() throws Exception {
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      u.create(new User("a", "a@x", null, 41L, true, null, null));
      try (Connection foreign = foreignConnection(); Statement s = foreign.createStatement()) {
        s.execute("PRAGMA busy_timeout = 0");
        User after = u.withTransaction(tx -> {
          long age = tx.getById("a").orElseThrow().age();
          // Only a read ran so far, yet a foreign writer is already locked out.
          SQLException busy = assertThrows(SQLException.class, () -> s.execute("BEGIN IMMEDIATE"));
          assertEquals(SqliteResultCode.BUSY, SqliteResultCode.of(busy), busy::getMessage);
          assertThrows(SQLException.class,
              () -> s.executeUpdate("UPDATE users SET age = 0 WHERE id = 'a'"), "an autocommit write is refused too");
          return tx.update("a", Update.set("age", age + 1)).orElseThrow();
        });
        assertEquals(42L, after.age());
        // Released at commit: the foreign connection writes now and sees the committed value.
        s.execute("BEGIN IMMEDIATE");
        try (ResultSet rs = s.executeQuery("SELECT age FROM users WHERE id = 'a'")) {
          assertTrue(rs.next());
          assertEquals(42L, rs.getLong(1));
        }
        s.execute("ROLLBACK");
      }
    }
  }

  @Test
  void anInProcessWriterQueueTimeoutIsATransientConflictWithNothingApplied() throws Exception {
    try (SqliteKit kit = Fixtures.builder(dir)
        .driverOptions(DriverOptions.defaults().withWriteLockTimeout(Duration.ofMillis(100))).build()) {
      kit.createTable(USERS);
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      CountDownLatch inside = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Future<User> holder = pool.submit(() -> u.withTransaction(tx -> {
        User r = tx.create(User.of("a", "a@x"));
        inside.countDown();
        try {
          await(release);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return r;
      }));
      try {
        await(inside);
        long t0 = System.nanoTime();
        TransientConflictException e = assertThrows(TransientConflictException.class,
            () -> u.withTransaction(tx -> tx.create(User.of("b", "b@x"))));
        assertTrue(u.isTransientConflictError(e));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        // The default lock retry (30 s) leaves the fair in-process queue alone: its own timeout decides.
        assertTrue(millis < 10_000, "not retried by the lock retry, took " + millis + " ms");
        assertTrue(e.getMessage().contains("waiting for the writer lock"), e.getMessage());
      } finally {
        release.countDown();
      }
      assertEquals("a", holder.get(WAIT, TimeUnit.SECONDS).id());
      assertEquals(List.of("a"), RepositoryIT.ids(u.findAll(all())));
    }
  }

  @Test
  void retryPolicySucceedsOnceTheForeignLockIsReleased() throws Exception {
    try (SqliteKit kit = busyKit(null, RetryPolicy.none())) {
      kit.createTable(USERS);
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      Connection foreign = foreignLock();
      AtomicInteger attempts = new AtomicInteger();
      CountDownLatch failedOnce = new CountDownLatch(1);
      RetryPolicy policy = new RetryPolicy(200, Duration.ofMillis(5), Duration.ofMillis(50), 0.2);
      CompletableFuture<User> result = CompletableFuture.supplyAsync(() -> policy.run(() -> {
        if (attempts.incrementAndGet() == 2) {
          failedOnce.countDown();
        }
        return u.create(User.of("b", "b@x"));
      }), pool);
      try {
        // Wait for the first transient failure; if the call fails outright, surface its error at once.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
        while (!failedOnce.await(20, TimeUnit.MILLISECONDS)) {
          if (result.isDone()) {
            result.join();
          }
          assertTrue(System.nanoTime() < deadline, "no transient failure observed");
        }
      } finally {
        release(foreign);
      }
      assertEquals("b", result.get(WAIT, TimeUnit.SECONDS).id());
      assertTrue(attempts.get() >= 2);
      assertEquals(List.of("b", "foreign"), RepositoryIT.ids(u.findAll(all())), "applied exactly once");
    }
  }

  @Test
  void theKitRetryPolicyReRunsWholeTransactionsAfterAForeignLock() throws Exception {
    RetryPolicy policy = new RetryPolicy(200, Duration.ofMillis(5), Duration.ofMillis(50), 0.2);
    try (SqliteKit kit = busyKit(policy, RetryPolicy.none())) {
      assertSame(policy, kit.retryPolicy());
      kit.createTable(USERS);
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      Connection foreign = foreignLock();
      AtomicInteger bodies = new AtomicInteger();
      CompletableFuture<Long> result = CompletableFuture.supplyAsync(() -> u.withTransaction(tx -> {
        bodies.incrementAndGet();
        tx.create(User.of("b", "b@x"));
        tx.create(User.of("c", "c@x"));
        return tx.count(all());
      }), pool);
      // The body cannot start while the foreign transaction holds the lock; release it, the retry gets in.
      assertFalse(result.isDone());
      release(foreign);
      assertEquals(3L, result.get(WAIT, TimeUnit.SECONDS));
      assertEquals(1, bodies.get(), "the body ran once: every failed attempt failed at BEGIN IMMEDIATE");
      assertEquals(List.of("b", "c", "foreign"), RepositoryIT.ids(u.findAll(all())));
      // Single write calls and batches are whole transactions too.
      try (Statement s = foreignConnection().createStatement()) {
        s.execute("BEGIN IMMEDIATE");
        s.execute("DELETE FROM users WHERE id = 'foreign'");
        CompletableFuture<User> single = CompletableFuture.supplyAsync(() -> u.create(User.of("d", "d@x")), pool);
        CompletableFuture<Integer> batch = CompletableFuture.supplyAsync(() -> Batch.run(kit, b -> List.of(
            b.on(u).insert(User.of("e", "e@x")), b.on(u).update("b", Update.set("name", "B")))).size(), pool);
        assertFalse(single.isDone() || batch.isDone());
        s.execute("COMMIT");
        s.getConnection().close();
        assertEquals("d", single.get(WAIT, TimeUnit.SECONDS).id());
        assertEquals(2, batch.get(WAIT, TimeUnit.SECONDS));
      }
      assertEquals(List.of("b", "c", "d", "e"), RepositoryIT.ids(u.findAll(all())));
      assertEquals("B", u.getById("b").orElseThrow().name());
    }
  }

  @Test
  void theDefaultLockRetryWaitsOutAForeignLockHeldBeyondBusyTimeoutAndRunsTheBodyOnce() throws Exception {
    try (SqliteKit kit = busyKit(null, null)) {
      assertEquals(RetryPolicy.lockDefaults(), kit.lockRetryPolicy());
      kit.createTable(USERS);
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      u.create(new User("a", "a@x", null, 1L, true, null, null));
      Connection foreign = foreignLock();
      AtomicInteger bodies = new AtomicInteger();
      CompletableFuture<User> readThenWrite = CompletableFuture.supplyAsync(() -> u.withTransaction(tx -> {
        bodies.incrementAndGet();
        long age = tx.getById("a").orElseThrow().age();
        return tx.update("a", Update.set("age", age + 1)).orElseThrow();
      }), pool);
      CompletableFuture<User> single = CompletableFuture.supplyAsync(() -> u.create(User.of("b", "b@x")), pool);
      try {
        // 12 busy_timeouts: without the lock retry both calls would have failed by now.
        assertThrows(TimeoutException.class, () -> readThenWrite.get(600, TimeUnit.MILLISECONDS));
        assertFalse(single.isDone(), "the single write is still waiting too");
        assertEquals(0, bodies.get(), "the body does not start while another connection holds the lock");
      } finally {
        release(foreign);
      }
      assertEquals(2L, readThenWrite.get(WAIT, TimeUnit.SECONDS).age());
      assertEquals("b", single.get(WAIT, TimeUnit.SECONDS).id());
      assertEquals(1, bodies.get(), "the body ran exactly once");
      assertEquals(List.of("a", "b", "foreign"), RepositoryIT.ids(u.findAll(all())));
      assertEquals(2L, u.getById("a").orElseThrow().age(), "applied once");
    }
  }

  @Test
  void aForeignLockHeldPastTheLockRetryBoundIsATransientConflictWithNothingAppliedAndNoTransactionOpen()
      throws Exception {
    RetryPolicy shortWait = RetryPolicy.lockDefaults().withMaxElapsed(Duration.ofMillis(300));
    try (SqliteKit kit = busyKit(null, shortWait)) {
      kit.createTable(USERS);
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      u.create(User.of("a", "a@x"));
      Connection foreign = foreignLock();
      AtomicInteger bodies = new AtomicInteger();
      TransientConflictException e;
      long millis;
      try {
        long t0 = System.nanoTime();
        e = assertThrows(TransientConflictException.class, () -> u.withTransaction(tx -> {
          bodies.incrementAndGet();
          return tx.create(User.of("b", "b@x"));
        }));
        millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertFalse(kit.driver().inTransaction(), "no transaction left open on this thread");
        assertEquals(List.of("a"), RepositoryIT.ids(u.findAll(all())), "nothing applied; readers still work");
      } finally {
        release(foreign);
      }
      assertEquals(0, bodies.get(), "the body never ran");
      assertTrue(e.isTransient() && u.isTransientConflictError(e));
      assertTrue(millis >= 100 && millis < 5_000, "waited past several busy_timeouts, within the bound: " + millis);
      String m = e.getMessage();
      assertTrue(m.startsWith("could not start a write transaction in ") && m.contains("nothing was applied")
          && m.contains("SqliteKit.Builder.lockRetry") && m.contains("busy_timeout"), m);
      assertTrue(e.getCause() instanceof TransientConflictException, "the driver's last conflict is the cause");
      // The kit holds no lock: a foreign writer that waits for nothing gets in, then the kit writes again.
      try (Connection c = foreignConnection(); Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = 0");
        s.execute("BEGIN IMMEDIATE");
        s.execute("ROLLBACK");
      }
      u.create(User.of("b", "b@x"));
      assertEquals(List.of("a", "b", "foreign"), RepositoryIT.ids(u.findAll(all())));
    }
  }

  /**
   * The lock retry never repeats work that started: in a rollback-journal database a COMMIT can be busy
   * (a foreign reader holds SHARED) after the body ran, and that conflict reaches the caller after one run.
   */
  @Test
  void aConflictAfterTheBodyStartedIsNotRetriedByTheLockRetry() throws Exception {
    try (SqliteKit kit = Fixtures.builder(dir).driverOptions(DriverOptions.defaults()
        .withPragma("journal_mode", "DELETE").withPragma("busy_timeout", "50")).build()) {
      kit.createTable(USERS);
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      u.create(User.of("a", "a@x"));
      AtomicInteger bodies = new AtomicInteger();
      try (Connection reader = foreignConnection(); Statement s = reader.createStatement()) {
        s.execute("BEGIN");
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM users")) {
          assertTrue(rs.next());
        }
        TransientConflictException e = assertThrows(TransientConflictException.class, () -> u.withTransaction(tx -> {
          bodies.incrementAndGet();
          return tx.create(User.of("b", "b@x"));
        }));
        assertFalse(e.getMessage().startsWith("could not start"), e.getMessage());
        assertEquals(1, bodies.get(), "the body ran once and was not repeated");
        assertFalse(kit.driver().inTransaction());
        s.execute("COMMIT");
      }
      assertEquals(List.of("a"), RepositoryIT.ids(u.findAll(all())), "rolled back");
      u.create(User.of("b", "b@x"));
      assertEquals(List.of("a", "b"), RepositoryIT.ids(u.findAll(all())));
    }
  }
}
