package io.sqlitekit.driver.xerial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.testsupport.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability of group commit: a child JVM writes from several threads with group commit on and is killed with
 * SIGKILL; every write it reported as returned is in the file afterwards, and no write is half there.
 */
final class XerialGroupCommitCrashIT {
  private static final int KILLS = 3;
  private static final int THREADS = 8;

  @TempDir
  Path dir;

  @Test
  void sigkillLosesNoReturnedGroupCommittedWrite() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("crash.db");
    try (XerialDriver d = XerialDriver.open(url, DriverOptions.defaults())) {
      d.write(s -> {
        s.executeScript("CREATE TABLE a(round INTEGER, thread INTEGER, seq INTEGER, PRIMARY KEY (round, thread, seq));"
            + "CREATE TABLE b(round INTEGER, thread INTEGER, seq INTEGER, PRIMARY KEY (round, thread, seq));");
        return null;
      });
    }
    long maxCommits = 0;
    long maxAcks = 0;
    for (int k = 1; k <= KILLS; k++) {
      int round = k;
      String where = "round " + round;
      Set<String> acked = new HashSet<>();
      try (ChildJvm child = ChildJvm.start(dir, "child-" + round, GroupCommitCrashChild.class,
          List.of(url, Integer.toString(round), Integer.toString(THREADS), "60000"))) {
        assertEquals("START", child.nextLine(Duration.ofSeconds(60)), () -> where + ": child did not start; "
            + child.stderr());
        // Kill once the writers are well under way, so the kill lands among groups in flight.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int seen = 0;
        while (seen < 300 + 200 * round && System.nanoTime() < deadline) {
          String l = child.nextLine(Duration.ofSeconds(1));
          if (l != null && l.startsWith("ACK ")) {
            acked.add(l.substring(4));
            seen++;
          } else if (l != null && l.startsWith("COMMITS ")) {
            String[] p = l.split(" ");
            maxCommits = Long.parseLong(p[1]);
            maxAcks = Long.parseLong(p[2]);
          }
        }
        // Every acknowledgement the child flushed before it died counts.
        for (String l : child.sigkill()) {
          if (l.startsWith("ACK ")) {
            acked.add(l.substring(4));
          }
        }
      }
      try (XerialDriver d = XerialDriver.open(url, DriverOptions.defaults())) {
        Set<String> inA = keys(d, "a", round);
        Set<String> inB = keys(d, "b", round);
        assertEquals(inA, inB, where + ": a write is either whole or absent");
        Set<String> lost = new HashSet<>(acked);
        lost.removeAll(inA);
        assertTrue(lost.isEmpty(), where + ": " + lost.size() + " returned writes lost, e.g. " + lost.stream()
            .limit(5).toList());
        assertTrue(inA.size() >= acked.size() && !acked.isEmpty(), where + ": acknowledged writes present");
        assertEquals("ok", d.read(s -> s.query("PRAGMA integrity_check", List.of(),
            rows -> rows.next() ? rows.getString(0) : "none")), where);
      }
    }
    long commits = maxCommits;
    long acks = maxAcks;
    assertTrue(acks > 0 && commits < acks, "groups formed in the child: " + commits + " commits for " + acks
        + " writes");
    System.out.printf("group-commit crash: %d kills; last child report: %d commits for %d writes%n", KILLS,
        commits, acks);
  }

  private static Set<String> keys(XerialDriver d, String table, int round) {
    return d.read(s -> s.query("SELECT thread, seq FROM " + table + " WHERE round = ?", List.of(round), rows -> {
      Set<String> out = new HashSet<>();
      while (rows.next()) {
        out.add(rows.getLong(0) + " " + rows.getLong(1));
      }
      return out;
    }));
  }
}
