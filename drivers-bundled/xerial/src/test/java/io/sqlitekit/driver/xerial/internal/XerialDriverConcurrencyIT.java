package io.sqlitekit.driver.xerial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.SqlSession;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mixed load from many threads on one WAL file: nobody sees SQLITE_BUSY and nothing acknowledged is lost. */
final class XerialDriverConcurrencyIT {
  private static final int THREADS = 8;
  private static final int COUNTERS = 4;
  private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(10);

  @TempDir
  Path dir;

  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS + 2);

  @AfterEach
  void tearDown() throws InterruptedException {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
  }

  private static final class Ack {
    final List<Long> items = new ArrayList<>();
    final long[] increments = new long[COUNTERS];
    long reads;
    long rolledBackInner;
  }

  @Test
  void mixedLoad_eightThreads_noBusy_exactResults() throws Exception {
    try (XerialDriver d = XerialDriver.open("jdbc:sqlite:" + dir.resolve("load.db"), DriverOptions.defaults())) {
      d.write(s -> {
        s.executeScript("CREATE TABLE items(id INTEGER PRIMARY KEY, thread INTEGER NOT NULL, seq INTEGER NOT NULL,"
            + " UNIQUE (thread, seq));"
            + "CREATE TABLE counters(id INTEGER PRIMARY KEY, v INTEGER NOT NULL);"
            + "INSERT INTO counters(id, v) VALUES (0, 0), (1, 0), (2, 0), (3, 0);");
        return null;
      });
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      AtomicLongArray committedItems = new AtomicLongArray(1);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Ack>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          Ack ack = new Ack();
          SplittableRandom rnd = new SplittableRandom(thread);
          start.await();
          long end = System.nanoTime() + RUN_NANOS;
          long seq = 0;
          while (System.nanoTime() < end) {
            try {
              int op = rnd.nextInt(10);
              if (op < 3) {
                long mySeq = seq++;
                d.write(s -> insertItem(s, thread, mySeq));
                ack.items.add(mySeq);
                committedItems.incrementAndGet(0);
              } else if (op < 6) {
                int k = rnd.nextInt(COUNTERS);
                // Read-modify-write inside one write: the read joins the writer, so no update is lost.
                d.write(s -> {
                  long v = d.read(r -> counter(r, k));
                  return s.update("UPDATE counters SET v = ? WHERE id = ?", List.of(v + 1, k));
                });
                ack.increments[k]++;
              } else if (op < 7) {
                long mySeq = seq++;
                d.write(s -> {
                  insertItem(s, thread, mySeq);
                  try {
                    d.write(inner -> {
                      insertItem(inner, thread, -1 - mySeq);
                      throw new IllegalStateException("inner undone");
                    });
                  } catch (IllegalStateException expected) {
                    ack.rolledBackInner++;
                  }
                  return null;
                });
                ack.items.add(mySeq);
                committedItems.incrementAndGet(0);
              } else if (op < 9) {
                long before = committedItems.get(0);
                long seen = d.read(XerialDriverConcurrencyIT::itemCount);
                // Commits acknowledged before the read began are visible to it.
                assertTrue(seen >= before, "read saw " + seen + " < acknowledged " + before);
                ack.reads++;
              } else {
                long[] snap = d.readSnapshot(s -> new long[] {itemCount(s), itemCount(s)});
                assertEquals(snap[0], snap[1], "one snapshot");
                ack.reads++;
              }
            } catch (Throwable e) {
              failures.add(e);
              break;
            }
          }
          return ack;
        }));
      }
      start.countDown();
      List<Ack> acks = new ArrayList<>();
      for (Future<Ack> f : futures) {
        acks.add(f.get(60, TimeUnit.SECONDS));
      }
      if (!failures.isEmpty()) {
        AssertionError e = new AssertionError(failures.size() + " failures, first: " + failures.peek());
        failures.forEach(e::addSuppressed);
        throw e;
      }
      Set<String> expected = new HashSet<>();
      long[] increments = new long[COUNTERS];
      long reads = 0;
      long inner = 0;
      for (int t = 0; t < THREADS; t++) {
        for (long seq : acks.get(t).items) {
          expected.add(t + ":" + seq);
        }
        for (int k = 0; k < COUNTERS; k++) {
          increments[k] += acks.get(t).increments[k];
        }
        reads += acks.get(t).reads;
        inner += acks.get(t).rolledBackInner;
      }
      assertTrue(expected.size() > 100 && reads > 100 && inner > 0,
          "the load actually ran: " + expected.size() + " items, " + reads + " reads, " + inner + " inner rollbacks");
      Set<String> actual = d.read(s -> {
        return s.query("SELECT thread, seq FROM items", List.of(), rows -> {
          Set<String> out = new HashSet<>();
          while (rows.next()) {
            out.add(rows.getLong(0) + ":" + rows.getLong(1));
          }
          return out;
        });
      });
      assertEquals(expected.size(), actual.size(), "row count equals acknowledged inserts");
      assertEquals(expected, actual, "exactly the acknowledged rows, no inner-rolled-back rows");
      for (int k = 0; k < COUNTERS; k++) {
        int key = k;
        assertEquals(increments[k], (long) d.read(s -> counter(s, key)), "counter " + k);
      }
    }
  }

  /** With the default options, eight reads run at once (each waits inside its read until all eight are in). */
  @Test
  void defaults_eightReadsRunAtOnce() throws Exception {
    try (XerialDriver d = XerialDriver.open("jdbc:sqlite:" + dir.resolve("eight.db"), DriverOptions.defaults())) {
      d.write(s -> {
        s.executeScript("CREATE TABLE items(id INTEGER PRIMARY KEY, thread INTEGER NOT NULL, seq INTEGER NOT NULL)");
        return null;
      });
      int readers = 8;
      assertEquals(readers, DriverOptions.defaults().readerPoolSize());
      CyclicBarrier allInside = new CyclicBarrier(readers);
      List<Future<Long>> reads = new ArrayList<>();
      for (int r = 0; r < readers; r++) {
        reads.add(pool.submit(() -> d.read(s -> {
          long n = itemCount(s);
          try {
            allInside.await(20, TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new AssertionError("fewer than " + readers + " reads ran at once", e);
          }
          return n;
        })));
      }
      for (Future<Long> f : reads) {
        assertEquals(0L, f.get(30, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void readersProgress_whileWriterHoldsLongTransaction() throws Exception {
    try (XerialDriver d = XerialDriver.open("jdbc:sqlite:" + dir.resolve("long.db"),
        DriverOptions.defaults().withReaderPoolSize(2))) {
      d.write(s -> {
        s.executeScript("CREATE TABLE items(id INTEGER PRIMARY KEY, thread INTEGER NOT NULL, seq INTEGER NOT NULL);"
            + "INSERT INTO items(thread, seq) VALUES (0, 0)");
        return null;
      });
      CountDownLatch writerInside = new CountDownLatch(1);
      int readerThreads = 4;
      int readsEach = 50;
      CountDownLatch readersDone = new CountDownLatch(readerThreads);
      Future<Boolean> writer = pool.submit(() -> d.write(s -> {
        insertItem(s, 1, 1);
        writerInside.countDown();
        // Holds the write transaction until every reader finished: only possible if reads never wait for it.
        try {
          return readersDone.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }));
      assertTrue(writerInside.await(30, TimeUnit.SECONDS));
      List<Future<List<Long>>> readers = new ArrayList<>();
      for (int r = 0; r < readerThreads; r++) {
        readers.add(pool.submit(() -> {
          List<Long> seen = new ArrayList<>();
          for (int i = 0; i < readsEach; i++) {
            seen.add(i % 2 == 0 ? d.read(XerialDriverConcurrencyIT::itemCount)
                : d.readSnapshot(XerialDriverConcurrencyIT::itemCount));
          }
          readersDone.countDown();
          return seen;
        }));
      }
      for (Future<List<Long>> f : readers) {
        List<Long> seen = f.get(60, TimeUnit.SECONDS);
        assertEquals(readsEach, seen.size());
        assertTrue(seen.stream().allMatch(n -> n == 1L), "readers see the last committed state: " + seen);
      }
      assertTrue(writer.get(60, TimeUnit.SECONDS), "all reads completed while the write transaction was open");
      assertFalse(d.inTransaction());
      assertEquals(2L, (long) d.read(XerialDriverConcurrencyIT::itemCount));
    }
  }

  @Test
  void twoDriversOnOneFile_likeTwoProcesses_busyTimeoutAbsorbsContention() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("two.db");
    try (XerialDriver a = XerialDriver.open(url, DriverOptions.defaults());
        XerialDriver b = XerialDriver.open(url, DriverOptions.defaults())) {
      a.write(s -> {
        s.executeScript("CREATE TABLE items(id INTEGER PRIMARY KEY, thread INTEGER NOT NULL, seq INTEGER NOT NULL)");
        return null;
      });
      int perThread = 200;
      List<Future<Integer>> fs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        XerialDriver d = t % 2 == 0 ? a : b;
        int thread = t;
        fs.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            int seq = i;
            // Each driver has its own writer connection: across them SQLite's lock and busy_timeout arbitrate.
            d.write(s -> insertItem(s, thread, seq));
            d.read(XerialDriverConcurrencyIT::itemCount);
          }
          return perThread;
        }));
      }
      int total = 0;
      for (Future<Integer> f : fs) {
        total += f.get(120, TimeUnit.SECONDS);
      }
      assertEquals(total, (long) a.read(XerialDriverConcurrencyIT::itemCount));
      assertEquals(total, (long) b.read(XerialDriverConcurrencyIT::itemCount));
    }
  }

  private static int insertItem(SqlSession s, int thread, long seq) throws SQLException {
    return (int) s.update("INSERT INTO items(thread, seq) VALUES (?, ?)", List.of(thread, seq));
  }

  private static long counter(SqlSession s, int k) throws SQLException {
    return s.query("SELECT v FROM counters WHERE id = ?", List.of(k), rows -> {
      assertTrue(rows.next());
      return rows.getLong(0);
    });
  }

  private static long itemCount(SqlSession s) throws SQLException {
    return s.query("SELECT count(*) FROM items", List.of(), rows -> {
      assertTrue(rows.next());
      return rows.getLong(0);
    });
  }
}
