package io.sqlitekit.driver.dqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.dqlite.client.DqliteClient;
import io.sqlitekit.spi.error.OutcomeUnknownException;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.testsupport.DqliteCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL of the leader under a repository writer loop, then a restart of that node. Each write carries a
 * unique tag in a column without a UNIQUE constraint, so a write the driver applied twice would show up as two
 * rows.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class DqliteFailoverIT {
  private static DqliteCluster cluster;

  /** One write of the loop. */
  public record Event(String id, String tag, Long seq) {}

  /** Two Raft election rounds of at most 6 s each, plus scheduling slack on a loaded machine. */
  private static final long ELECTION_BOUND_MS = 13_000;

  /** Longest time from a survivor naming the new leader to the first acknowledged write started after the kill. */
  private static final long DRIVER_SHARE_MS = 2_000;

  static final TableDef EVENTS = TableDef.of("events", Column.text("id").primaryKey(), Column.text("tag").notNull(),
      Column.integer("seq").notNull());

  @BeforeAll
  static void up() throws Exception {
    cluster = ClusterSupport.start("failover");
  }

  @AfterAll
  static void down() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void leaderKilledMidLoad_acknowledgedWritesExactlyOnce_failedAbsent_resumeWithin2sOfTheElection() throws Exception {
    Set<String> acked = ConcurrentHashMap.newKeySet();
    Set<String> failed = ConcurrentHashMap.newKeySet();
    Set<String> unknown = ConcurrentHashMap.newKeySet();
    Map<String, String> failures = new ConcurrentHashMap<>();
    AtomicLong killedNanos = new AtomicLong();
    AtomicLong deadNanos = new AtomicLong();
    AtomicLong firstResumedNanos = new AtomicLong();
    AtomicLong firstFailureNanos = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    try (SqliteKit kit = SqliteKit.open(cluster.url("failover") + "?callTimeout=3s&discoveryTimeout=20s")) {
      kit.createTable(EVENTS);
      SqliteRepository<Event, String> repo = kit.repository(EVENTS, Event.class);
      Thread writer = new Thread(() -> {
        for (long seq = 0; !stop.get(); seq++) {
          String tag = "w" + seq;
          long started = System.nanoTime();
          try {
            repo.create(new Event(UUID.randomUUID().toString(), tag, seq));
            acked.add(tag);
            long dead = deadNanos.get();
            if (dead != 0 && started - dead > 0) {
              firstResumedNanos.compareAndSet(0, System.nanoTime());
            }
          } catch (OutcomeUnknownException e) {
            unknown.add(tag);
            firstFailureAfterKill(killedNanos, firstFailureNanos);
          } catch (RepositoryException e) {
            failed.add(tag);
            firstFailureAfterKill(killedNanos, firstFailureNanos);
            failures.merge(e.getClass().getSimpleName() + ": " + e.getMessage().replaceAll("\\d+", "#"), tag,
                (a, b) -> a);
          }
        }
      }, "failover-writer");
      writer.start();
      try {
        cluster.awaitUntil(Duration.ofSeconds(30), "100 acknowledged writes", () -> acked.size() >= 100);
        String leader = cluster.leader();
        assertFalse(leader.isEmpty(), "no leader before the kill");
        List<String> survivors = new java.util.ArrayList<>(cluster.addresses());
        survivors.remove(leader);
        long killed = System.nanoTime();
        killedNanos.set(killed);
        cluster.kill(leader);
        // Resumed means: a write that started once the leader's process was gone was acknowledged (a write in
        // flight at the kill may still be acknowledged by the dying leader).
        deadNanos.set(System.nanoTime());
        // The cluster's own election, observed apart from the driver: when a survivor first names a live leader.
        long elected = awaitNewLeader(survivors, killed);
        cluster.awaitUntil(Duration.ofSeconds(10), "a write started after the leader's SIGKILL acknowledged",
            () -> firstResumedNanos.get() != 0);
        long resumeMs = (firstResumedNanos.get() - killed) / 1_000_000;
        long failMs = firstFailureNanos.get() == 0 ? -1 : (firstFailureNanos.get() - killed) / 1_000_000;
        long electedMs = elected == 0 ? -1 : (elected - killed) / 1_000_000;
        System.err.printf("[dqlite failover] killed leader %s; first failed write after %d ms, a survivor named a new"
            + " leader after %d ms, writes resumed after %d ms (%d ms after the election)%n", leader, failMs, electedMs,
            resumeMs, electedMs < 0 ? -1 : resumeMs - electedMs);
        // What the driver owns is the time from the election to the first acknowledged write: the discovery
        // backoff (capped at 250 ms), connect, OPEN, BEGIN and the write. The election is the cluster's own:
        // dqlite sets Raft's election timeout to 3 s, randomised per node in [3, 6] s, with pre-vote. One round
        // elects 3-6 s after the kill. A second round is needed when the survivor with the longer log times out
        // first: the other still knows the dead leader and refuses its pre-vote, then cannot win itself with the
        // shorter log, so the first wins on its next timeout, 6-12 s after the kill. No client resumes before.
        assertTrue(electedMs >= 0, "no survivor named a new leader within 15 s of the kill");
        assertTrue(electedMs <= ELECTION_BOUND_MS, "the cluster took " + electedMs + " ms to elect, beyond Raft's "
            + "two rounds of dqlite's randomised 3-6 s election timeout");
        assertTrue(resumeMs - electedMs < DRIVER_SHARE_MS, "writes resumed " + (resumeMs - electedMs)
            + " ms after the cluster elected a new leader");
        // The 10 s promise, whenever the cluster elected in time to keep it.
        assertTrue(electedMs > 10_000 - DRIVER_SHARE_MS || resumeMs < 10_000, "writes resumed after " + resumeMs
            + " ms, the election took " + electedMs + " ms");
        cluster.restart(leader);
        cluster.awaitUntil(Duration.ofSeconds(30), "3 voters after the restart", () -> cluster.voters() == 3);
        int ackedAfterRestart = acked.size();
        cluster.awaitUntil(Duration.ofSeconds(10), "writes after the restart", () -> acked.size() > ackedAfterRestart + 20);
      } finally {
        stop.set(true);
        writer.join(30_000);
      }
      assertFalse(writer.isAlive());
      Map<String, Integer> rows = new HashMap<>();
      for (Event e : repo.findAll(Filters.all())) {
        rows.merge(e.tag(), 1, Integer::sum);
      }
      System.err.printf("[dqlite failover] acknowledged %d, failed %d, outcome unknown %d, rows %d; failures %s%n",
          acked.size(), failed.size(), unknown.size(), rows.values().stream().mapToInt(Integer::intValue).sum(),
          failures.keySet());
      for (String tag : acked) {
        assertEquals(1, rows.getOrDefault(tag, 0), "acknowledged write " + tag + " must be present exactly once");
      }
      for (String tag : failed) {
        assertEquals(0, rows.getOrDefault(tag, 0), "write " + tag + " was reported failed (not outcome unknown)");
      }
      for (String tag : unknown) {
        assertTrue(rows.getOrDefault(tag, 0) <= 1, "outcome-unknown write " + tag + " applied more than once");
      }
      for (String tag : rows.keySet()) {
        assertTrue(acked.contains(tag) || unknown.contains(tag), "row " + tag + " was never acknowledged");
      }
    }
  }

  private static void firstFailureAfterKill(AtomicLong killed, AtomicLong firstFailure) {
    if (killed.get() != 0) {
      firstFailure.compareAndSet(0, System.nanoTime());
    }
  }

  /**
   * Polls the survivors every 20 ms until one names a leader among them, for at most 15 s.
   *
   * @return when that was first seen (System.nanoTime), or 0 if never
   */
  private static long awaitNewLeader(List<String> survivors, long since) throws InterruptedException {
    DqliteClient probe = DqliteClient.builder().nodes(survivors).connectTimeout(Duration.ofMillis(300))
        .discoveryTimeout(Duration.ofMillis(600)).build();
    while (System.nanoTime() - since < Duration.ofSeconds(15).toNanos()) {
      java.util.Optional<io.sqlitekit.dqlite.client.DqliteNode> leader = probe.leader();
      if (leader.isPresent() && survivors.contains(leader.get().address())) {
        return System.nanoTime();
      }
      Thread.sleep(20);
    }
    return 0;
  }

  /** Runs last: kills two of the three nodes, so no write can reach a majority. */
  @Test
  @org.junit.jupiter.api.Order(2)
  void withoutQuorumAWriteFailsTypedWithinABoundAndAReadNeverHangs() throws Exception {
    try (SqliteKit kit = SqliteKit.builder().url(cluster.url("quorum") + "?callTimeout=2s&discoveryTimeout=3s"
        + "&connectTimeout=500ms&busyTimeout=0").lockRetry(io.sqlitekit.core.RetryPolicy.none()).build()) {
      kit.createTable(EVENTS);
      SqliteRepository<Event, String> repo = kit.repository(EVENTS, Event.class);
      repo.create(new Event("before", "before", 0L));
      List<String> nodes = cluster.addresses();
      String leaderBefore = cluster.leader();
      cluster.kill(nodes.get(0));
      cluster.kill(nodes.get(1));
      long t0 = System.nanoTime();
      RepositoryException write = assertThrows(RepositoryException.class,
          () -> repo.create(new Event("after", "after", 1L)));
      long writeMs = (System.nanoTime() - t0) / 1_000_000;
      // A read may still be answered by a surviving node that has not yet noticed it lost its majority
      // (dqlite serves reads from the leader's local copy); otherwise it fails typed. Either way it is bounded.
      t0 = System.nanoTime();
      String readOutcome;
      try {
        long n = repo.count(Filters.all());
        // The failed write is absent, unless it was reported outcome-unknown.
        assertTrue(n == 1 || (n == 2 && write instanceof OutcomeUnknownException), n + " rows after " + write);
        readOutcome = "answered by the stale leader";
      } catch (RepositoryException e) {
        readOutcome = e.getClass().getSimpleName();
      }
      long readMs = (System.nanoTime() - t0) / 1_000_000;
      System.err.printf("[dqlite quorum] leader before the kill %s; write: %s after %d ms; read: %s after %d ms%n",
          leaderBefore, write.getClass().getSimpleName(), writeMs, readOutcome, readMs);
      assertTrue(writeMs < 15_000 && readMs < 15_000, writeMs + " / " + readMs + " ms");
      // Then every node is gone: reads and writes both fail typed, bounded by call and discovery timeouts.
      cluster.kill(nodes.get(2));
      t0 = System.nanoTime();
      assertThrows(RepositoryException.class, () -> repo.create(new Event("gone", "gone", 2L)));
      assertThrows(RepositoryException.class, () -> repo.count(Filters.all()));
      long deadMs = (System.nanoTime() - t0) / 1_000_000;
      System.err.printf("[dqlite quorum] all nodes killed: a write and a read failed typed in %d ms%n", deadMs);
      assertTrue(deadMs < 20_000, "a write and a read against a dead cluster took " + deadMs + " ms");
    }
  }
}
