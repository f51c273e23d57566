package io.sqlitekit.driver.xerial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.error.ConstraintViolationException;
import io.sqlitekit.spi.error.DataAccessException;
import io.sqlitekit.spi.error.DuplicateKeyException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit on a real WAL file: queued writers share one transaction and commit, each in its own savepoint,
 * so a failing writer rolls back its own work alone and every writer gets its own outcome.
 */
final class XerialGroupCommitIT {
  private static final int THREADS = 16;
  private static final int ROUNDS = 12;

  @TempDir
  Path dir;

  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void tearDown() throws InterruptedException {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
  }

  /** Counts the transaction-control statements the writer runs. */
  private static final class Trace {
    final AtomicInteger commits = new AtomicInteger();
    final AtomicInteger begins = new AtomicInteger();
    final AtomicInteger rollbacks = new AtomicInteger();
    final List<String> control = new CopyOnWriteArrayList<>();

    void on(StatementEvent e) {
      String sql = e.sql();
      if (sql.equals("COMMIT")) {
        commits.incrementAndGet();
      } else if (sql.equals("BEGIN IMMEDIATE")) {
        begins.incrementAndGet();
      } else if (sql.equals("ROLLBACK")) {
        rollbacks.incrementAndGet();
      }
      if (e.kind() == StatementEvent.Kind.TRANSACTION || sql.startsWith("SAVEPOINT") || sql.startsWith("RELEASE")
          || sql.startsWith("ROLLBACK")) {
        control.add(sql);
      }
    }
  }

  private XerialDriver open(Trace trace) {
    XerialDriver d = XerialDriver.open("jdbc:sqlite:" + dir.resolve("gc.db"),
        DriverOptions.defaults().withGroupCommit(true).withStatementListener(trace::on));
    d.write(s -> {
      s.executeScript("CREATE TABLE t(id INTEGER PRIMARY KEY, round INTEGER NOT NULL, thread INTEGER NOT NULL)");
      return null;
    });
    return d;
  }

  private static long count(SqlSession s, String where) throws SQLException {
    return s.query("SELECT count(*) FROM t WHERE " + where, List.of(), rows -> rows.next() ? rows.getLong(0) : -1);
  }

  private static void pause() {
    sleep(1);
  }

  private static long rows(XerialDriver d, String where) {
    return d.read(s -> count(s, where));
  }

  /** The failure one writer per round throws after it wrote (a plain runtime exception, or SQLite's own). */
  private static final class Planned extends RuntimeException {
    Planned(String message) {
      super(message);
    }
  }

  @Test
  void sixteenWriters_oneFailsPerRound_onlyItsWorkIsRolledBack_andGroupsForm() throws Exception {
    Trace trace = new Trace();
    try (XerialDriver d = open(trace)) {
      trace.commits.set(0);
      trace.begins.set(0);
      CyclicBarrier barrier = new CyclicBarrier(THREADS);
      Set<Integer> afterCommitOnOtherThread = ConcurrentHashMap.newKeySet();
      AtomicInteger afterCommitRuns = new AtomicInteger();
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          List<String> outcomes = new ArrayList<>();
          for (int round = 0; round < ROUNDS; round++) {
            int r = round;
            boolean fails = thread == round % THREADS;
            barrier.await(30, TimeUnit.SECONDS);
            Thread caller = Thread.currentThread();
            try {
              long id = d.write(s -> {
                d.afterCommit(() -> {
                  afterCommitRuns.incrementAndGet();
                  if (Thread.currentThread() != caller) {
                    afterCommitOnOtherThread.add(thread);
                  }
                });
                long key = (long) r * THREADS + thread + 1;
                s.update("INSERT INTO t(id, round, thread) VALUES (?, ?, ?)", List.of(key, r, thread));
                s.update("UPDATE t SET thread = thread WHERE id = ?", List.of(key));
                // Hold the writer a moment, as real work would, so the others queue (WAL commits are cheap).
                pause();
                if (fails && r % 2 == 0) {
                  throw new Planned("planned failure of thread " + thread + " in round " + r);
                }
                if (fails) {
                  // SQLite's own failure: the key this writer just inserted.
                  s.update("INSERT INTO t(id, round, thread) VALUES (?, ?, ?)", List.of(key, r, thread));
                }
                return key;
              });
              outcomes.add(fails ? "unexpected success " + id : "ok");
            } catch (Planned e) {
              outcomes.add(fails && r % 2 == 0 && e.getMessage().endsWith("round " + r) ? "failed as planned"
                  : "wrong failure " + e);
            } catch (DuplicateKeyException e) {
              outcomes.add(fails && r % 2 == 1 ? "failed as planned" : "wrong failure " + e);
            }
          }
          return outcomes;
        }));
      }
      int ok = 0;
      int failed = 0;
      for (Future<List<String>> f : futures) {
        for (String outcome : f.get(120, TimeUnit.SECONDS)) {
          if (outcome.equals("ok")) {
            ok++;
          } else if (outcome.equals("failed as planned")) {
            failed++;
          } else {
            throw new AssertionError(outcome);
          }
        }
      }
      assertEquals(ROUNDS * (THREADS - 1), ok);
      assertEquals(ROUNDS, failed);
      assertEquals((long) ROUNDS * (THREADS - 1), rows(d, "1"), "every good write committed");
      for (int round = 0; round < ROUNDS; round++) {
        int r = round;
        assertEquals(0, rows(d, "round = " + r + " AND thread = " + (r % THREADS)),
            "the failing writer's row of round " + r + " was rolled back");
      }
      assertEquals(ROUNDS * (THREADS - 1), afterCommitRuns.get(), "after-commit ran for the committed writes only");
      assertTrue(afterCommitOnOtherThread.isEmpty(), "after-commit ran on a foreign thread for " + afterCommitOnOtherThread);
      int writes = ROUNDS * THREADS;
      int commits = trace.commits.get();
      assertEquals(trace.begins.get(), commits + trace.rollbacks.get(),
          "every transaction committed, or rolled back when its only writer failed");
      assertTrue(trace.rollbacks.get() <= ROUNDS, "only lone failing writers roll back a transaction");
      assertTrue(commits < writes / 2, "groups formed: " + commits + " commits for " + writes + " writes");
    }
  }

  @Test
  void uncontendedWrite_isExactlyBeginImmediateAndCommit() {
    assertTrue(DriverOptions.defaults().groupCommit(), "on unless turned off");
    assertFalse(DriverOptions.defaults().withGroupCommit(false).withReaderPoolSize(2).groupCommit(),
        "the copy methods keep the option");
    Trace trace = new Trace();
    try (XerialDriver d = open(trace)) {
      trace.control.clear();
      long inserted = d.write(s -> s.update("INSERT INTO t(id, round, thread) VALUES (1, 0, 0)", List.of()));
      assertEquals(1L, inserted);
      assertEquals(List.of("BEGIN IMMEDIATE", "COMMIT"), trace.control);
      trace.control.clear();
      RuntimeException planned = new Planned("alone");
      assertSame(planned, assertThrows(Planned.class, () -> d.write(s -> {
        s.update("INSERT INTO t(id, round, thread) VALUES (2, 0, 0)", List.of());
        throw planned;
      })));
      assertEquals(List.of("BEGIN IMMEDIATE", "ROLLBACK"), trace.control, "a lone failure is a plain rollback");
      assertEquals(1L, rows(d, "1"));
    }
  }

  @Test
  void statement_aloneCommitsOnItsOwn_queuedBehindAWriteItJoinsTheGroup() throws Exception {
    Trace trace = new Trace();
    try (XerialDriver d = open(trace)) {
      trace.control.clear();
      long alone = d.writeStatement(s -> s.update("INSERT INTO t(id, round, thread) VALUES (1, 0, 0)", List.of()));
      assertEquals(1L, alone);
      assertEquals(List.of(), trace.control, "alone: one autocommit statement");
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch queued = new CountDownLatch(1);
      Future<Long> write = pool.submit(() -> d.write(s -> {
        s.update("INSERT INTO t(id, round, thread) VALUES (2, 0, 0)", List.of());
        holding.countDown();
        try {
          queued.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        sleep(200);
        return 1L;
      }));
      holding.await(10, TimeUnit.SECONDS);
      Future<Long> statement = pool.submit(() -> {
        queued.countDown();
        long n = d.writeStatement(s -> s.update("INSERT INTO t(id, round, thread) VALUES (3, 0, 0)", List.of()));
        return n;
      });
      assertEquals(1L, write.get(10, TimeUnit.SECONDS));
      assertEquals(1L, statement.get(10, TimeUnit.SECONDS));
      assertEquals(List.of("BEGIN IMMEDIATE", "SAVEPOINT sk_group", "RELEASE sk_group", "COMMIT"), trace.control,
          "queued behind a write, the statement ran inside its group");
      assertEquals(3L, rows(d, "1"));
    }
  }

  @Test
  void commitFailure_failsEveryMemberOfTheGroup_theCommitterWithTheTypedException() throws Exception {
    Trace trace = new Trace();
    try (XerialDriver d = open(trace)) {
      d.write(s -> {
        s.executeScript("CREATE TABLE child(id INTEGER PRIMARY KEY, parent INTEGER REFERENCES t(id))");
        return null;
      });
      // A lone writer: its deferred foreign key fails at COMMIT and it gets the typed failure, as without groups.
      ConstraintViolationException alone = assertThrows(ConstraintViolationException.class, () -> d.write(s -> {
        s.executeScript("PRAGMA defer_foreign_keys = ON");
        return s.update("INSERT INTO child(parent) VALUES (999)", List.of());
      }));
      assertTrue(alone.getMessage().startsWith("commit: "), alone.getMessage());

      // A group: the first writer is fine, the second leaves a deferred violation that only COMMIT detects, so the
      // group's commit fails and neither write is applied (deferred constraints are a group's, not a writer's).
      CountDownLatch firstRunning = new CountDownLatch(1);
      Future<Object> first = pool.submit(() -> {
        try {
          return d.write(s -> {
            s.update("INSERT INTO t(id, round, thread) VALUES (1, 0, 0)", List.of());
            firstRunning.countDown();
            sleep(500);
            return "returned";
          });
        } catch (DataAccessException e) {
          return e;
        }
      });
      assertTrue(firstRunning.await(30, TimeUnit.SECONDS));
      ConstraintViolationException second = assertThrows(ConstraintViolationException.class, () -> d.write(s -> {
        s.executeScript("PRAGMA defer_foreign_keys = ON");
        return s.update("INSERT INTO child(parent) VALUES (998)", List.of());
      }));
      Object firstOutcome = first.get(30, TimeUnit.SECONDS);
      DataAccessException member = assertInstanceOf(DataAccessException.class, firstOutcome,
          "the first writer joined the failed group (it did not return)");
      assertSame(second, member.getCause());
      assertEquals(0L, rows(d, "1"), "nothing of the group was applied");
    }
  }

  /**
   * With group commit the writer lock is not fair (a free lock is taken at once), yet one thread's loop of writes
   * cannot keep a queued writer out: a holder that finds a writer queued hands its transaction on and waits.
   */
  @Test
  void aLoopOfWrites_doesNotKeepAQueuedWriterOut() throws Exception {
    assertLoopDoesNotKeepQueuedWritersOut(false, i -> false);
  }

  /** One-statement writes commit on their own even with writers queued, and the lock is not fair. */
  @Test
  void aLoopOfStatements_doesNotKeepQueuedWritersOut() throws Exception {
    assertLoopDoesNotKeepQueuedWritersOut(true, i -> i % 2 == 0);
  }

  /**
   * Sixteen threads mixing one-statement writes (which spin for the writer lock before they queue) with
   * two-statement transactions: the writer connection never runs two callers' work at once, every write is
   * applied once, and every transaction that began ended.
   */
  @Test
  void statementsAndTransactionsFromSixteenThreads_neverOverlapOnTheWriter_andAllApply() throws Exception {
    Trace trace = new Trace();
    XerialDriver d = open(trace);
    try {
      int perThread = 300;
      AtomicInteger onWriter = new AtomicInteger();
      AtomicInteger overlaps = new AtomicInteger();
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            String sql = "INSERT INTO t(round, thread) VALUES (" + i + ", " + thread + ")";
            if (thread % 4 == 0) {
              d.write(s -> {
                enter(onWriter, overlaps);
                s.update(sql, List.of());
                s.update(sql, List.of());
                onWriter.decrementAndGet();
                return null;
              });
            } else {
              d.writeStatement(s -> {
                enter(onWriter, overlaps);
                long n = s.update(sql, List.of());
                onWriter.decrementAndGet();
                return n;
              });
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      assertEquals(0, overlaps.get(), "two callers' work ran on the writer at once");
      int transactions = THREADS / 4;
      assertEquals((long) perThread * ((THREADS - transactions) + 2 * transactions), rows(d, "1"));
      assertEquals(trace.begins.get(), trace.commits.get() + trace.rollbacks.get(), "every transaction ended");
      assertEquals(0, trace.rollbacks.get());
    } finally {
      d.close();
    }
  }

  /** Notes a caller's work starting on the writer, and whether another caller's was still running. */
  private static void enter(AtomicInteger onWriter, AtomicInteger overlaps) {
    if (onWriter.incrementAndGet() != 1) {
      overlaps.incrementAndGet();
    }
  }

  /**
   * Loops inserts on another thread ({@code writeStatement} or {@code write}) while this thread times 50 inserts
   * of its own queued behind them, each a statement when {@code asStatement} says so.
   */
  private void assertLoopDoesNotKeepQueuedWritersOut(boolean loopStatements,
      java.util.function.IntPredicate asStatement) throws Exception {
    XerialDriver d = open(new Trace());
    try {
      java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
      AtomicInteger looped = new AtomicInteger();
      Future<?> loop = pool.submit(() -> {
        while (!stop.get()) {
          insert(d, loopStatements, 0);
          looped.incrementAndGet();
        }
        return null;
      });
      while (looped.get() < 500) {
        sleep(1);
      }
      long worst = 0;
      for (int i = 0; i < 50; i++) {
        long start = System.nanoTime();
        insert(d, asStatement.test(i), 1);
        worst = Math.max(worst, System.nanoTime() - start);
      }
      assertFalse(loop.isDone(), "the loop ran throughout");
      stop.set(true);
      loop.get(30, TimeUnit.SECONDS);
      assertTrue(worst < TimeUnit.SECONDS.toNanos(1), "a queued write waited " + worst / 1_000_000 + " ms");
      assertEquals(50, rows(d, "round = 1"));
    } finally {
      d.close();
    }
  }

  private static void insert(XerialDriver d, boolean asStatement, int round) {
    String sql = "INSERT INTO t(round, thread) VALUES (" + round + ", " + round + ")";
    if (asStatement) {
      d.writeStatement(s -> s.update(sql, List.of()));
    } else {
      d.write(s -> s.update(sql, List.of()));
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
