package io.sqlitekit.driver.xerial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.DriverOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
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
  private static final int SIGKILLED = 137;

  @TempDir
  Path dir;

  @Test
  void sigkillLosesNoReturnedGroupCommittedWrite() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("crash.db");
    Files.createDirectories(dir.resolve("native"));
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
      Process child = start(url, round);
      BlockingQueue<String> lines = pump(child);
      Set<String> acked = new HashSet<>();
      try {
        assertEquals("START", lines.poll(60, TimeUnit.SECONDS), () -> where + ": child did not start; "
            + stderr(round));
        // Kill once the writers are well under way, so the kill lands among groups in flight.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int seen = 0;
        while (seen < 300 + 200 * round && System.nanoTime() < deadline) {
          String l = lines.poll(1, TimeUnit.SECONDS);
          if (l != null && l.startsWith("ACK ")) {
            acked.add(l.substring(4));
            seen++;
          } else if (l != null && l.startsWith("COMMITS ")) {
            String[] p = l.split(" ");
            maxCommits = Long.parseLong(p[1]);
            maxAcks = Long.parseLong(p[2]);
          }
        }
        assertTrue(child.isAlive(), () -> where + ": child ended early; " + stderr(round));
        assertTrue(child.toHandle().destroyForcibly(), where + ": SIGKILL not sent");
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), where + ": killed child did not end");
        assertEquals(SIGKILLED, child.exitValue(), () -> where + ": not ended by the kill; " + stderr(round));
      } finally {
        child.destroyForcibly();
      }
      // The pump reads to the pipe's end: every acknowledgement the child flushed before it died.
      List<String> rest = new ArrayList<>();
      for (String l = lines.poll(30, TimeUnit.SECONDS); l != null && !l.equals("EOF");
          l = lines.poll(30, TimeUnit.SECONDS)) {
        rest.add(l);
      }
      for (String l : rest) {
        if (l.startsWith("ACK ")) {
          acked.add(l.substring(4));
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

  private Process start(String url, int round) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-Xmx64m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1");
    // sqlite-jdbc deletes its extracted native library only on a normal exit; keep the killed copies here.
    cmd.add("-Dorg.sqlite.tmpdir=" + dir.resolve("native"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(GroupCommitCrashChild.class.getName());
    cmd.add(url);
    cmd.add(Integer.toString(round));
    cmd.add(Integer.toString(THREADS));
    cmd.add("60000");
    return new ProcessBuilder(cmd).redirectError(dir.resolve("child-" + round + ".err").toFile()).start();
  }

  private String stderr(int round) {
    try {
      return Files.readString(dir.resolve("child-" + round + ".err"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Drains the child's stdout continuously (a full pipe would park the writers), ending with "EOF". */
  private static BlockingQueue<String> pump(Process child) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l = r.readLine(); l != null; l = r.readLine()) {
          lines.add(l);
        }
      } catch (IOException e) {
        lines.add("PUMP-FAILED " + e);
      }
      lines.add("EOF");
    }, "group-commit-child-stdout");
    t.setDaemon(true);
    t.start();
    return lines;
  }
}
