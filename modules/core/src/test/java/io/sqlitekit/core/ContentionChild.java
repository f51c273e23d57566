package io.sqlitekit.core;

import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.error.SqliteResultCode;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child JVM of {@link ContentionIT}: writes one database file through a kit opened with the DEFAULT
 * configuration (the README's {@code SqliteKit.builder().url(url).preset(PRODUCTION)}: the default lock
 * retry, no whole-transaction retry, no pragma of its own) for a fixed time, and reports every outcome the
 * callers saw.
 *
 * <p>Each worker thread loops over a random mix: {@code update(id, Update.inc("n", 1))} on a hot seeded
 * counter; a read-then-write in {@code withTransaction} (read the row, write {@code n + 1} back: a lost update
 * if the read and the write were not one serialised transaction); a create of a new counter with
 * {@code n = 1}; a {@code createMany} of {@value #BATCH} such rows (it holds the write lock longer); and
 * reads ({@code getById}, which must never see a counter go down, and a filtered count).
 * Every acknowledged increment adds 1 to the sum of {@code n} over the file, so the parent can check the sum
 * exactly. Exceptions are caught per call, never retried, and counted by type and by whether they are a
 * busy/locked conflict.
 *
 * <p>Arguments: JDBC URL, go-file, child name, seconds, worker threads. Prints {@code READY}, waits for the
 * go-file, then prints one {@code RESULT key=value…} line and, per exception type, {@code ERROR type count}.
 */
public final class ContentionChild {
  /** The counter table every child writes. */
  static final TableDef COUNTERS = TableDef.of("counters",
      Column.text("id").primaryKey(),
      Column.integer("n").notNull().defaultValue(0),
      Column.text("owner"));

  /** Seeded hot counters {@code c0…c(HOT-1)}, all starting at 0. */
  static final int HOT = 16;

  /** Rows per {@code createMany}. */
  static final int BATCH = 50;

  private ContentionChild() {
  }

  /** What all threads of this child saw. */
  private static final class Tally {
    final AtomicLong increments = new AtomicLong();
    final AtomicLong readWrites = new AtomicLong();
    final AtomicLong creates = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong maxWriteMicros = new AtomicLong();
    final AtomicLong reads = new AtomicLong();
    final AtomicLong busy = new AtomicLong();
    final AtomicLong regressions = new AtomicLong();
    final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();

    long acknowledged() {
      return increments.get() + readWrites.get() + creates.get() + batches.get() * BATCH;
    }
  }

  /**
   * Runs the child.
   *
   * @param args URL, go-file, child name, seconds, threads
   * @throws Exception on setup failure
   */
  public static void main(String[] args) throws Exception {
    String url = args[0];
    Path go = Path.of(args[1]);
    String name = args[2];
    long nanos = (long) (Double.parseDouble(args[3]) * 1e9);
    int threads = Integer.parseInt(args[4]);
    Tally tally = new Tally();
    try (SqliteKit kit = SqliteKit.builder().url(url).preset(PragmaPreset.PRODUCTION).build()) {
      SqliteRepository<Map<String, Object>, Object> counters = kit.documents(COUNTERS);
      counters.getById("c0").orElseThrow();
      System.out.println("READY");
      System.out.flush();
      while (!Files.exists(go)) {
        Thread.sleep(2);
      }
      long deadline = System.nanoTime() + nanos;
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String prefix = name + "-t" + t + "-";
        long seed = (name.hashCode() * 31L + t) ^ System.nanoTime();
        Thread w = new Thread(() -> work(counters, prefix, seed, deadline, tally), prefix + "worker");
        w.start();
        workers.add(w);
      }
      for (Thread w : workers) {
        w.join();
      }
    }
    System.out.println(String.format(Locale.ROOT,
        "RESULT increments=%d readWrites=%d creates=%d batches=%d reads=%d acknowledged=%d busy=%d"
            + " regressions=%d maxWriteMicros=%d errors=%d",
        tally.increments.get(), tally.readWrites.get(), tally.creates.get(), tally.batches.get(),
        tally.reads.get(),
        tally.acknowledged(), tally.busy.get(), tally.regressions.get(), tally.maxWriteMicros.get(),
        tally.errors.values().stream().mapToLong(AtomicLong::get).sum()));
    new TreeMap<>(tally.errors).forEach((type, n) -> System.out.println("ERROR " + type + " " + n.get()));
    System.out.flush();
  }

  private static void work(SqliteRepository<Map<String, Object>, Object> counters, String prefix, long seed,
      long deadline, Tally tally) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Map<String, Long> lastSeen = new HashMap<>();
    long created = 0;
    while (System.nanoTime() < deadline) {
      String hot = "c" + rnd.nextInt(HOT);
      int op = rnd.nextInt(100);
      long started = System.nanoTime();
      try {
        if (op < 40) {
          counters.update(hot, Update.inc("n", 1)).orElseThrow();
          tally.increments.incrementAndGet();
        } else if (op < 60) {
          counters.withTransaction(tx -> {
            long n = (Long) tx.getById(hot).orElseThrow().get("n");
            return tx.update(hot, Update.set("n", n + 1)).orElseThrow();
          });
          tally.readWrites.incrementAndGet();
        } else if (op < 70) {
          Map<String, Object> row = new HashMap<>();
          row.put("id", prefix + created++);
          row.put("n", 1L);
          row.put("owner", prefix);
          counters.create(row);
          tally.creates.incrementAndGet();
        } else if (op < 72) {
          // A bulk insert holds the write lock longer than the single-row calls around it.
          List<Map<String, Object>> rows = new ArrayList<>();
          for (int i = 0; i < BATCH; i++) {
            rows.add(new HashMap<>(Map.of("id", prefix + created++, "n", 1L, "owner", prefix)));
          }
          counters.createMany(rows);
          tally.batches.incrementAndGet();
        } else if (op < 92) {
          long n = (Long) counters.getById(hot).orElseThrow().get("n");
          Long before = lastSeen.put(hot, n);
          if (before != null && n < before) {
            // Counters only grow; a read going backwards in one thread would be a torn or stale snapshot.
            tally.regressions.incrementAndGet();
          }
          tally.reads.incrementAndGet();
        } else {
          counters.count(Filters.eq("owner", prefix));
          tally.reads.incrementAndGet();
        }
        if (op < 72) {
          tally.maxWriteMicros.accumulateAndGet((System.nanoTime() - started) / 1000, Math::max);
        }
      } catch (RuntimeException e) {
        if (isBusy(e)) {
          tally.busy.incrementAndGet();
        }
        String key = e.getClass().getSimpleName() + (isBusy(e) ? "[busy]" : "");
        if (tally.errors.computeIfAbsent(key, k -> new AtomicLong()).getAndIncrement() == 0) {
          // The first of each kind with its stack, so a failing run says where it came from.
          System.err.println("first " + key + " in " + prefix + ":");
          e.printStackTrace();
        }
      }
    }
  }

  /** A busy/locked conflict, whichever way it is dressed: typed, by result code or by SQLite's text. */
  static boolean isBusy(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (RetryPolicy.isRetryable(t) || SqliteResultCode.of(t).isTransient()) {
        return true;
      }
      String m = t.getMessage();
      if (m != null && (m.contains("SQLITE_BUSY") || m.contains("SQLITE_LOCKED")
          || m.contains("database is locked") || m.contains("database table is locked"))) {
        return true;
      }
    }
    return false;
  }
}
