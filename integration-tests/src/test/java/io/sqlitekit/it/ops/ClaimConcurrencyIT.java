package io.sqlitekit.it.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.memory.MemoryKit;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.error.VersionConflictException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code claim} and {@code claimVersion} as a job queue under 16 concurrent claimers: on a real WAL file (and on
 * the in-memory kit), every job is claimed exactly once, none is lost, and each row records the worker that got
 * it back from its claim.
 */
final class ClaimConcurrencyIT {
  private static final int THREADS = 16;
  private static final int JOBS = 400;
  private static final Filter PENDING = Filters.eq("status", "pending");
  private static final Sort BY_PRIORITY = Sort.by(SortField.asc("priority"));

  /** A queued job. */
  public record Job(String id, String status, String worker, Long priority, Long version) {
  }

  static final TableDef JOBS_TABLE = TableDef.of("jobs", Column.text("id").primaryKey(), Column.text("status"),
      Column.text("worker"), Column.integer("priority"), Column.integer("version").notNull().defaultValue(1L))
      .withVersionField("version");

  @TempDir
  Path dir;

  /** How one worker claims its next job. */
  interface Claimer {
    Optional<Job> next(StandardRepo<Job, String> repo, String worker);
  }

  private static final Claimer CLAIM = (repo, worker) -> repo.claim(PENDING, BY_PRIORITY,
      Update.set("status", "running").and(Update.set("worker", worker)));

  private final AtomicInteger lostRaces = new AtomicInteger();

  /** claimVersion, retried by the caller when it lost every attempt to other claimers (its documented signal). */
  private final Claimer claimVersion = (repo, worker) -> {
    while (true) {
      try {
        return repo.claimVersion(PENDING, BY_PRIORITY,
            Update.set("status", "running").and(Update.set("worker", worker)));
      } catch (VersionConflictException e) {
        lostRaces.incrementAndGet();
      }
    }
  };

  private SqliteKit sqlite(String file) {
    SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve(file)).preset(PragmaPreset.PRODUCTION)
        .build();
    kit.createTable(JOBS_TABLE);
    String mode = kit.driver().read(s -> s.query("PRAGMA journal_mode", List.of(),
        rs -> rs.next() ? rs.getString(0) : ""));
    assertEquals("wal", mode.toLowerCase(java.util.Locale.ROOT));
    return kit;
  }

  @Test
  void claim_sixteenThreads_sqliteWal_everyJobExactlyOnce() throws Exception {
    try (SqliteKit kit = sqlite("claim.db")) {
      runQueue(kit.repository(JOBS_TABLE, Job.class), CLAIM);
    }
  }

  @Test
  void claimVersion_sixteenThreads_sqliteWal_everyJobExactlyOnce() throws Exception {
    try (SqliteKit kit = sqlite("claim-version.db")) {
      runQueue(kit.repository(JOBS_TABLE, Job.class), claimVersion);
    }
  }

  @Test
  void claim_sixteenThreads_memory_everyJobExactlyOnce() throws Exception {
    try (MemoryKit kit = MemoryKit.create()) {
      runQueue(kit.repository(JOBS_TABLE, Job.class), CLAIM);
    }
  }

  @Test
  void claimVersion_sixteenThreads_memory_everyJobExactlyOnce() throws Exception {
    try (MemoryKit kit = MemoryKit.create()) {
      runQueue(kit.repository(JOBS_TABLE, Job.class), claimVersion);
    }
  }

  private void runQueue(StandardRepo<Job, String> repo, Claimer claimer) throws Exception {
    List<Job> seed = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      // Many equal priorities: the primary key breaks ties, so every claimer races for the same next row.
      seed.add(new Job(String.format("job-%04d", i), "pending", null, (long) (i % 7), null));
    }
    repo.createMany(seed);
    Map<String, String> claimedBy = new ConcurrentHashMap<>();
    List<String> duplicates = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<Integer>> workers = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        String worker = "w" + t;
        workers.add(pool.submit(() -> {
          start.await();
          int n = 0;
          for (Optional<Job> j = claimer.next(repo, worker); j.isPresent(); j = claimer.next(repo, worker)) {
            assertEquals("running", j.get().status());
            assertEquals(worker, j.get().worker());
            if (claimedBy.putIfAbsent(j.get().id(), worker) != null) {
              duplicates.add(j.get().id());
            }
            n++;
          }
          return n;
        }));
      }
      start.countDown();
      int total = 0;
      int busyWorkers = 0;
      for (Future<Integer> f : workers) {
        int n = f.get(120, TimeUnit.SECONDS);
        total += n;
        busyWorkers += n > 0 ? 1 : 0;
      }
      assertEquals(List.of(), duplicates, "no job is claimed twice");
      assertEquals(JOBS, total, "every claim returned a distinct job");
      assertEquals(JOBS, claimedBy.size());
      assertTrue(busyWorkers > 1, "the claimers really ran concurrently: " + busyWorkers);
    } finally {
      pool.shutdownNow();
    }
    // The table agrees with what the claimers were told: nothing pending, each row owned by its claimer.
    Map<String, String> stored = new HashMap<>();
    for (Job j : repo.findAll(Filters.all())) {
      assertEquals("running", j.status(), j.id());
      stored.put(j.id(), j.worker());
    }
    assertEquals(claimedBy, stored);
    assertEquals(new HashSet<>(claimedBy.keySet()).size(), JOBS);
    System.out.printf("ClaimConcurrencyIT %s: %d jobs, %d claimers, claimVersion calls that lost every attempt: %d%n",
        repo, JOBS, THREADS, lostRaces.get());
  }
}
