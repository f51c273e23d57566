package io.sqlitekit.core;

import static io.sqlitekit.spi.filter.Filters.all;
import static io.sqlitekit.spi.filter.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.FindOptions;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixteen threads mixing single writes, repository and kit transactions (with caught inner failures),
 * cross-repository batches, deliberately failing transactions and reads on one WAL file, for
 * {@code -Dsqlitekit.load.seconds} (default 30). Every thread appends uniquely keyed rows and counts what
 * was acknowledged; at the end the database holds exactly the acknowledged rows and counters. One thread
 * regularly holds a write transaction open while another thread completes reads.
 */
class TransactionLoadIT {
  private static final int THREADS = 16;

  static final TableDef EVENTS = TableDef.of("events",
      Column.text("id").primaryKey(),
      Column.integer("thread").notNull(),
      Column.integer("seq").notNull(),
      Column.text("payload"));

  static final TableDef COUNTERS = TableDef.of("counters",
      Column.text("id").primaryKey(),
      Column.integer("n").notNull().defaultValue(0),
      Column.integer("version").notNull().defaultValue(1)).withVersionField("version");

  @TempDir
  Path dir;

  /** What one thread had acknowledged to it. */
  private static final class Acks {
    final Set<String> events = new HashSet<>();
    long counter;
    long shared;
    long ops;
    long reads;
    long probes;
  }

  private static Map<String, Object> event(String id, int thread, long seq) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("thread", (long) thread);
    m.put("seq", seq);
    m.put("payload", "p" + seq);
    return m;
  }

  private static Map<String, Object> counter(String id) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    return m;
  }

  @Test
  void mixedLoadSurfacesNoBusyAndLosesOrDuplicatesNothing() throws Exception {
    long seconds = Long.getLong("sqlitekit.load.seconds", 30);
    try (SqliteKit kit = Fixtures.builder(dir).build()) {
      kit.createTable(EVENTS);
      kit.createTable(COUNTERS);
      kit.execute("CREATE INDEX events_thread ON events (thread)");
      SqliteRepository<Map<String, Object>, Object> events = kit.documents(EVENTS);
      SqliteRepository<Map<String, Object>, Object> counters = kit.documents(COUNTERS);
      counters.create(counter("shared"));
      for (int t = 0; t < THREADS; t++) {
        counters.create(counter("c" + t));
      }
      ExecutorService probe = Executors.newSingleThreadExecutor();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
      List<Acks> acks = new ArrayList<>();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      AtomicLong failedKeysChecked = new AtomicLong();
      for (int t = 0; t < THREADS; t++) {
        int me = t;
        Acks a = new Acks();
        acks.add(a);
        String ctr = "c" + t;
        Thread th = new Thread(() -> {
          try {
            start.await();
            long seq = 0;
            for (long i = 0; System.nanoTime() < deadline && errors.isEmpty(); i++) {
              String k = "e" + me + "-" + seq;
              if (me == 0 && i % 250 == 0) {
                a.probes += longTransactionWithConcurrentReads(events, counters, probe, me, seq++);
                a.events.add(k);
                a.counter++;
                continue;
              }
              switch ((int) (i % 8)) {
                case 0:
                  events.create(event(k, me, seq++));
                  a.events.add(k);
                  break;
                case 1: {
                  String k2 = "e" + me + "-" + (seq + 1);
                  long s0 = seq;
                  seq += 2;
                  long n = events.withTransaction(tx -> {
                    tx.create(event(k, me, s0));
                    tx.create(event(k2, me, s0 + 1));
                    // Another repository on the same thread joins the transaction.
                    counters.increment(ctr, "n", 2);
                    return tx.count(eq("thread", (long) me));
                  });
                  // The count inside sees this thread's committed rows plus its own two.
                  assertEquals(a.events.size() + 2, n);
                  a.events.add(k);
                  a.events.add(k2);
                  a.counter += 2;
                  break;
                }
                case 2: {
                  long s0 = seq;
                  seq += 2;
                  String lost = "e" + me + "-" + (s0 + 1);
                  kit.inTransaction(scope -> {
                    scope.repo(events).create(event(k, me, s0));
                    scope.repo(counters).increment(ctr, "n", 1);
                    try {
                      kit.inTransaction(inner -> {
                        inner.repo(events).create(event(lost, me, s0 + 1));
                        inner.repo(counters).increment(ctr, "n", 100);
                        throw new IllegalStateException("inner part fails");
                      });
                    } catch (IllegalStateException expected) {
                      // Only the savepoint is undone.
                    }
                    return null;
                  });
                  a.events.add(k);
                  a.counter++;
                  break;
                }
                case 3: {
                  long s3 = seq++;
                  Batch.run(kit, b -> List.of(
                      b.on(events).insert(event(k, me, s3)),
                      b.on(counters).update(ctr, Update.inc("n", 1))));
                  a.events.add(k);
                  a.counter++;
                  break;
                }
                case 4: {
                  assertEquals(a.events.size(), events.count(eq("thread", (long) me)),
                      "every acknowledged write of this thread is visible to its next read");
                  assertEquals(a.counter, counters.getById(ctr).orElseThrow().get("n"));
                  a.reads++;
                  break;
                }
                case 5:
                  counters.increment("shared", "n", 1);
                  a.shared++;
                  break;
                case 6: {
                  String doomed = "x" + me + "-" + i;
                  try {
                    events.withTransaction(tx -> {
                      tx.create(event(doomed, me, -1));
                      counters.increment(ctr, "n", 1000);
                      throw new IllegalArgumentException("callback fails");
                    });
                  } catch (IllegalArgumentException expected) {
                    assertTrue(events.getById(doomed).isEmpty(), "a failed transaction leaves nothing");
                    failedKeysChecked.incrementAndGet();
                  }
                  break;
                }
                default: {
                  OffsetPage<Map<String, Object>> page = events.getAll(PageRequest.of(1, 10)
                      .withFilter(eq("thread", (long) me)).withSort(Sort.by(SortField.desc("seq"))));
                  assertEquals(a.events.size(), page.total());
                  events.findAll(all(), FindOptions.defaults().withLimit(5));
                  a.reads++;
                }
              }
              a.ops++;
            }
          } catch (Throwable e) {
            errors.add(e);
          }
        }, "load-" + t);
        threads.add(th);
        th.start();
      }
      start.countDown();
      for (Thread th : threads) {
        th.join(TimeUnit.SECONDS.toMillis(seconds + 120));
        assertTrue(!th.isAlive(), "load thread finished");
      }
      probe.shutdownNow();
      assertTrue(errors.isEmpty(), () -> "errors under load (none may be SQLITE_BUSY): " + errors);

      long totalEvents = 0;
      long shared = 0;
      long probes = 0;
      long ops = 0;
      for (int t = 0; t < THREADS; t++) {
        Acks a = acks.get(t);
        Set<String> stored = new HashSet<>();
        for (Map<String, Object> row : events.findAll(eq("thread", (long) t))) {
          stored.add((String) row.get("id"));
        }
        assertEquals(a.events, stored, "thread " + t + ": exactly the acknowledged rows, none lost or extra");
        assertEquals(a.counter, counters.getById("c" + t).orElseThrow().get("n"), "thread " + t + " counter");
        assertTrue(a.ops > 0 && a.reads > 0, "thread " + t + " made progress");
        totalEvents += a.events.size();
        shared += a.shared;
        probes += a.probes;
        ops += a.ops;
      }
      assertEquals(totalEvents, events.count(all()), "no duplicated or stray rows");
      assertEquals(shared, counters.getById("shared").orElseThrow().get("n"));
      assertTrue(probes > 0, "readers completed while a writer held a transaction");
      assertTrue(failedKeysChecked.get() > 0);
      System.out.printf("TransactionLoadIT: %d s, %d threads, %d operations, %d events, %d long-transaction"
          + " probes%n", seconds, THREADS, ops, totalEvents, probes);
    }
  }

  /**
   * Holds a write transaction open while another thread runs reads to completion; returns 1 when the reads
   * finished before the transaction ended.
   */
  private static long longTransactionWithConcurrentReads(SqliteRepository<Map<String, Object>, Object> events,
      SqliteRepository<Map<String, Object>, Object> counters, ExecutorService probe, int me, long seq) {
    String k = "e" + me + "-" + seq;
    return events.withTransaction(tx -> {
      tx.create(event(k, me, seq));
      counters.increment("c" + me, "n", 1);
      CountDownLatch readsDone = new CountDownLatch(1);
      AtomicLong sawUncommitted = new AtomicLong();
      probe.submit(() -> {
        for (int r = 0; r < 20; r++) {
          events.count(all());
          if (events.getById(k).isPresent()) {
            sawUncommitted.incrementAndGet();
          }
          counters.getById("shared");
        }
        readsDone.countDown();
      });
      try {
        assertTrue(readsDone.await(30, TimeUnit.SECONDS), "reads progressed while the writer held the lock");
        assertEquals(0, sawUncommitted.get(), "the reader never saw the uncommitted row");
        assertTrue(events.getById(k).isPresent());
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return 1L;
    });
  }
}
