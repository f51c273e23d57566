package io.sqlitekit.it.crash;

import static io.sqlitekit.it.crash.ArchiveCrashChild.ARCHIVE;
import static io.sqlitekit.it.crash.ArchiveCrashChild.GROUPS;
import static io.sqlitekit.it.crash.ArchiveCrashChild.GROUP_SIZE;
import static io.sqlitekit.it.crash.ArchiveCrashChild.JOBS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.testsupport.ChildJvm;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code archiveByFilter} survives {@code kill -9}: a child JVM ({@link ArchiveCrashChild}) moves whole groups
 * of 2,000 rows between a WAL table and its archive, one {@code archiveByFilter} transaction per group, and the
 * test SIGKILLs it at a random moment, checks the file, and starts the next child on it, several rounds.
 *
 * <p>After every kill: {@code PRAGMA integrity_check} answers {@code ok}; every row is in exactly one of the
 * two tables (no row lost, none in both) and the counts add up; every group is wholly in one table (a move is
 * never half done); every group is where its last acknowledged move put it, except at most one (the move the
 * kill interrupted may have committed before its acknowledgement). Properties: {@code sqlitekit.crash.seed}
 * (printed) and {@code sqlitekit.crash.archiveKills} (default 6).
 */
class ArchiveCrashIT {
  private static final int KILLS = Integer.getInteger("sqlitekit.crash.archiveKills", 6);
  private static final long CHILD_LIMIT_MILLIS = 60_000;

  @TempDir
  Path dir;

  @Test
  void sigkillDuringArchiveMovesLosesNoRowAndCopiesNoneTwice() throws Exception {
    long seed = Long.getLong("sqlitekit.crash.seed", System.nanoTime());
    Random random = new Random(seed);
    String context = "seed " + seed + " (rerun with -Dsqlitekit.crash.seed=" + seed + ")";
    String url = "jdbc:sqlite:" + dir.resolve("archive.db");
    long started = System.nanoTime();
    seed(url);
    Map<Integer, String> model = new HashMap<>();
    for (int g = 0; g < GROUPS; g++) {
      model.put(g, JOBS.name());
    }
    int acks = 0;
    int inFlightCommitted = 0;
    int killsInMove = 0;
    int roundsWithoutAck = 0;
    List<Long> delays = new ArrayList<>();
    for (int round = 1; round <= KILLS; round++) {
      String where = context + ", round " + round;
      Integer inFlight = null;
      try (ChildJvm child = ChildJvm.start(dir, "archive-child-" + round, ArchiveCrashChild.class,
          List.of(url, Long.toString(random.nextLong()), Long.toString(CHILD_LIMIT_MILLIS)))) {
        assertEquals("START", child.nextLine(Duration.ofSeconds(60)),
            () -> where + ": the child did not start; stderr: " + child.stderr());
        long delay = 100 + random.nextInt(601);
        delays.add(delay);
        Thread.sleep(delay);
        int acked = 0;
        for (String line : child.sigkill()) {
          String[] p = line.split(" ");
          if (p.length == 2 && p[0].equals("MOVE")) {
            inFlight = Integer.valueOf(p[1]);
          } else {
            assertTrue(p.length == 3 && p[0].equals("ACK") && inFlight != null
                && inFlight == Integer.parseInt(p[1]), () -> where + ": unexpected output " + line);
            model.put(inFlight, p[2]);
            inFlight = null;
            acked++;
          }
        }
        acks += acked;
        if (acked == 0) {
          roundsWithoutAck++;
        }
      }
      try (Connection c = DriverManager.getConnection(url)) {
        Map<Integer, String> found = new HashMap<>();
        String problem = check(c, found);
        assertNull(problem, where);
        List<Integer> moved = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
          if (!found.get(g).equals(model.get(g))) {
            moved.add(g);
          }
        }
        Integer interrupted = inFlight;
        assertTrue(moved.isEmpty() || moved.equals(List.of(interrupted)), () -> where + ": groups " + moved
            + " are not where their last acknowledged move put them (only the interrupted move of group "
            + interrupted + " may have committed unacknowledged)");
        if (interrupted != null) {
          killsInMove++;
        }
        if (!moved.isEmpty()) {
          inFlightCommitted++;
          model.putAll(found);
        }
      }
    }
    String figures = String.format(Locale.ROOT, "archive crash: %d kills, %d acknowledged moves of %d rows,"
        + " %d kills inside an archiveByFilter call (%d of them after its commit, %d rolled back), %d kills before"
        + " the first acknowledgement, kill delays %d-%d ms, 0 rows lost or doubled, integrity ok %d/%d, %s, %.1f s",
        KILLS, acks, GROUP_SIZE, killsInMove, inFlightCommitted, killsInMove - inFlightCommitted, roundsWithoutAck, delays.stream().mapToLong(Long::longValue).min().orElse(0),
        delays.stream().mapToLong(Long::longValue).max().orElse(0), KILLS, KILLS, context,
        (System.nanoTime() - started) / 1e9);
    System.out.println(figures);
    assertTrue(acks > 0, "no move was acknowledged: " + figures);
    assertTrue(killsInMove > 0, "no kill landed inside an archiveByFilter call: " + figures);
  }

  /** The checks are not vacuous: a lost row, a row in both tables and a split group are each reported. */
  @Test
  void theChecksDetectALostRowADoubledRowAndASplitGroup() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("control.db");
    seed(url);
    try (Connection c = DriverManager.getConnection(url)) {
      assertNull(check(c, new HashMap<>()), "a freshly seeded file");
      c.setAutoCommit(false);
      assertNotNull(tampered(c, "DELETE FROM jobs WHERE id = 7"), "a lost row");
      assertNotNull(tampered(c, "INSERT INTO jobs_archive SELECT * FROM jobs WHERE id = 7"), "a row in both tables");
      assertNotNull(tampered(c, "INSERT INTO jobs_archive SELECT * FROM jobs WHERE grp = 3 AND id % 32 = 3;"
          + " DELETE FROM jobs WHERE grp = 3 AND id % 32 = 3"), "a half-moved group");
    }
  }

  private static String tampered(Connection c, String damage) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String sql : damage.split(";")) {
        assertTrue(s.executeUpdate(sql) > 0, sql);
      }
      return check(c, new HashMap<>());
    } finally {
      c.rollback();
    }
  }

  private static void seed(String url) {
    try (SqliteKit kit = ArchiveCrashChild.open(url)) {
      kit.createTable(JOBS);
      kit.createTable(ARCHIVE);
      String journal = kit.driver().read(s -> s.query("PRAGMA journal_mode", List.of(),
          rs -> rs.next() ? rs.getString(0) : ""));
      assertEquals("wal", journal.toLowerCase(Locale.ROOT), "the test runs on a WAL file");
      List<Map<String, Object>> rows = new ArrayList<>();
      String payload = "x".repeat(120);
      for (int i = 0; i < GROUPS * GROUP_SIZE; i++) {
        rows.add(Map.of("id", (long) i, "grp", (long) (i % GROUPS), "payload", payload + i));
      }
      kit.documents(JOBS).createMany(rows);
    }
  }

  /**
   * Checks the file: integrity, every row in exactly one table, each group whole in one table; fills
   * {@code found} with each group's table. Returns the first problem, or null.
   */
  private static String check(Connection c, Map<Integer, String> found) throws SQLException {
    String integrity = one(c, "PRAGMA integrity_check");
    if (!"ok".equals(integrity)) {
      return "integrity_check: " + integrity;
    }
    long total = Long.parseLong(one(c, "SELECT (SELECT count(*) FROM jobs) + (SELECT count(*) FROM jobs_archive)"));
    long distinct = Long.parseLong(one(c, "SELECT count(*) FROM (SELECT id FROM jobs UNION SELECT id FROM jobs_archive)"));
    long both = Long.parseLong(one(c, "SELECT count(*) FROM jobs JOIN jobs_archive USING (id)"));
    if (total != (long) GROUPS * GROUP_SIZE || distinct != total || both != 0) {
      return String.format(Locale.ROOT, "%d rows in the two tables, %d distinct ids, %d in both; expected %d, %d, 0",
          total, distinct, both, (long) GROUPS * GROUP_SIZE, (long) GROUPS * GROUP_SIZE);
    }
    for (String table : List.of(JOBS.name(), ARCHIVE.name())) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT grp, count(*) FROM " + table + " GROUP BY grp")) {
        while (rs.next()) {
          int g = rs.getInt(1);
          if (rs.getLong(2) != GROUP_SIZE) {
            return "group " + g + " is split: " + rs.getLong(2) + " of its " + GROUP_SIZE + " rows in " + table;
          }
          found.put(g, table);
        }
      }
    }
    return found.size() == GROUPS ? null : "groups found: " + found.keySet();
  }

  private static String one(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
