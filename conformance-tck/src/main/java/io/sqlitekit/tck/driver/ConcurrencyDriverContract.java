package io.sqlitekit.tck.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.tck.DriverContractTest;
import io.sqlitekit.tck.DriverFeature;
import io.sqlitekit.tck.RequiresDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Behaviour under {@value #THREADS} threads: totals are exact, writes are serialised (one writer at a time, so a
 * read-modify-write inside one write never loses an update) and readers never see half of a write. The
 * per-thread counts are small because the suite also runs on networked drivers.
 */
class ConcurrencyDriverContract extends DriverContractSupport {
  static final int THREADS = 16;
  private static final int PER_THREAD = 8;

  @DriverContractTest
  void singleStatementIncrements_fromSixteenThreads_totalIsExact(SqliteDriver d) throws Exception {
    withTable(d);
    put(d, "counter", 0);
    runAll(i -> {
      d.write(s -> s.update("UPDATE tck_kv SET v = v + 1 WHERE k = 'counter'", List.of()));
      return null;
    });
    assertEquals((long) THREADS * PER_THREAD, d.<Long>read(s -> value(s, "counter")));
  }

  @DriverContractTest
  @RequiresDriver(DriverFeature.INTERACTIVE_TRANSACTIONS)
  void readModifyWrite_fromSixteenThreads_oneWriterAtATime_noLostUpdate(SqliteDriver d) throws Exception {
    withTable(d);
    put(d, "counter", 0);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    runAll(i -> {
      d.write(s -> {
        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
        try {
          long v = value(s, "counter");
          // Widen the race window: without a real writer lock another thread reads the same value meanwhile.
          Thread.yield();
          s.update("UPDATE tck_kv SET v = ? WHERE k = 'counter'", List.of(v + 1));
          return null;
        } finally {
          inside.decrementAndGet();
        }
      });
      return null;
    });
    assertEquals(1, maxInside.get(), "two write transactions ran at once");
    assertEquals((long) THREADS * PER_THREAD, d.<Long>read(s -> value(s, "counter")), "lost updates");
  }

  @DriverContractTest
  @RequiresDriver(DriverFeature.INTERACTIVE_TRANSACTIONS)
  void readersDuringWrites_neverSeeHalfAWrite(SqliteDriver d) throws Exception {
    withTable(d);
    AtomicLong badReads = new AtomicLong();
    AtomicLong reads = new AtomicLong();
    runAll(i -> {
      if (i % 2 == 0) {
        // Each write adds two rows; a reader that ever sees an odd count saw half a transaction.
        d.write(s -> {
          s.update(INSERT, List.of("w" + i + "a", 1L));
          s.update(INSERT, List.of("w" + i + "b", 1L));
          return null;
        });
      } else {
        long c = count(d);
        reads.incrementAndGet();
        if (c % 2 != 0) {
          badReads.incrementAndGet();
        }
        List<Long> snap = d.readSnapshot(s -> List.of(count(s), count(s)));
        if (!snap.get(0).equals(snap.get(1))) {
          badReads.incrementAndGet();
        }
      }
      return null;
    });
    assertTrue(reads.get() > 0);
    assertEquals(0, badReads.get(), "reads that saw half a write or two snapshots in one snapshot read");
    assertEquals((long) THREADS * PER_THREAD, count(d), "every row of every write");
  }

  /** Runs the task {@value #PER_THREAD} times on each of {@value #THREADS} threads, started together. */
  private static void runAll(Task task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    try {
      List<Future<Void>> futures = new ArrayList<>();
      AtomicInteger seq = new AtomicInteger();
      for (int t = 0; t < THREADS; t++) {
        Callable<Void> c = () -> {
          start.await();
          for (int n = 0; n < PER_THREAD; n++) {
            task.run(seq.getAndIncrement());
          }
          return null;
        };
        futures.add(pool.submit(c));
      }
      start.countDown();
      for (Future<Void> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
        throw new AssertionError(String.format(Locale.ROOT, "%d worker threads did not stop", THREADS));
      }
    }
  }

  @FunctionalInterface
  private interface Task {
    Object run(int i) throws Exception;
  }
}
