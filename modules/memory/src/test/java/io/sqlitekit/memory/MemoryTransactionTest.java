package io.sqlitekit.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.memory.Fixtures.User;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.WriteOptions;
import io.sqlitekit.spi.error.VersionConflictException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

final class MemoryTransactionTest {
  private final MemoryKit kit = MemoryKit.create();
  private final MemoryRepository<User, Long> users = Fixtures.users(kit);

  @Test
  void withTransaction_commitsOnReturn() {
    String r = users.withTransaction(tx -> {
      tx.create(Fixtures.user("a", null, 1));
      tx.create(Fixtures.user("b", null, 2));
      return "done";
    });
    assertEquals("done", r);
    assertEquals(2, users.count(Filters.all()));
  }

  @Test
  void withTransaction_rollsBackAndRethrowsUnchanged() {
    User a = users.create(Fixtures.user("a", null, 1));
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> users.withTransaction(tx -> {
      tx.create(Fixtures.user("b", null, 2));
      tx.update(a.id(), Update.set("age", 50));
      tx.delete(a.id());
      throw boom;
    }));
    assertSame(boom, thrown);
    assertEquals(List.of(a), users.findAll(Filters.all()));
    // The rowid allocated inside the rolled-back transaction is free again.
    assertEquals(2L, users.create(Fixtures.user("c", null, 3)).id());
  }

  @Test
  void nested_isSavepoint() {
    users.withTransaction(tx -> {
      tx.create(Fixtures.user("outer", null, 1));
      assertThrows(IllegalArgumentException.class, () -> tx.withTransaction(inner -> {
        inner.create(Fixtures.user("inner", null, 2));
        throw new IllegalArgumentException("inner fails");
      }));
      tx.create(Fixtures.user("after", null, 3));
      return null;
    });
    assertEquals(List.of("outer", "after"), users.findAll(Filters.all()).stream().map(User::name)
        .collect(java.util.stream.Collectors.toList()));
    assertTrue(users.capabilities().supports(Capability.NESTED_TRANSACTIONS));
  }

  @Test
  void kitTransaction_spansTables_andRollsBackAutoIncrementSequence() {
    TableDef log = TableDef.of("log", Column.integer("id").autoIncrement(), Column.text("msg"));
    MemoryRepository<Map<String, Object>, Object> logs = kit.documents(log);
    assertThrows(RuntimeException.class, () -> kit.inTransaction(() -> {
      users.create(Fixtures.user("a", null, 1));
      logs.create(Map.of("msg", "created a"));
      throw new RuntimeException("abort");
    }));
    assertEquals(0, users.count(Filters.all()));
    assertEquals(0, logs.count(Filters.all()));
    assertEquals(1L, logs.create(Map.of("msg", "x")).get("id"));
  }

  @Test
  void failedSingleCall_insideTransaction_undoesOnlyItself() {
    users.withTransaction(tx -> {
      tx.create(Fixtures.user("a", "a@x", 1));
      assertThrows(RuntimeException.class, () -> tx.createMany(List.of(Fixtures.user("b", null, 1),
          Fixtures.user("c", "a@x", 1))));
      return null;
    });
    assertEquals(1, users.count(Filters.all()));
  }

  @Test
  void otherThreads_doNotSeeUncommittedWrites() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CountDownLatch written = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      AtomicBoolean readerFinishedEarly = new AtomicBoolean();
      Future<?> tx = pool.submit(() -> users.withTransaction(r -> {
        r.create(Fixtures.user("a", null, 1));
        written.countDown();
        try {
          assertTrue(release.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return null;
      }));
      assertTrue(written.await(10, TimeUnit.SECONDS));
      Thread reader = new Thread(() -> {
        long n = users.count(Filters.all());
        readerFinishedEarly.set(n == 0);
      });
      reader.start();
      release.countDown();
      tx.get(10, TimeUnit.SECONDS);
      reader.join(10_000);
      assertFalse(readerFinishedEarly.get(), "a reader must never observe the state before the commit");
      assertEquals(1, users.count(Filters.all()));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentIncrementsAndCas_loseNoUpdate() throws Exception {
    User counter = users.create(new User(null, "counter", null, 0, null, null, null, null, null));
    int threads = 4;
    int perThread = 250;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        final boolean cas = t % 2 == 0;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            if (cas) {
              while (true) {
                User cur = users.getById(counter.id()).orElseThrow();
                try {
                  users.update(cur.id(), Update.set("age", cur.age() + 1), WriteOptions.ifVersion(cur.version()));
                  break;
                } catch (VersionConflictException retry) {
                  // another writer won; read again
                }
              }
            } else {
              users.increment(counter.id(), "age", 1);
            }
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    User done = users.getById(counter.id()).orElseThrow();
    assertEquals(threads * perThread, done.age());
    assertEquals(1L + threads * perThread, done.version());
  }
}
