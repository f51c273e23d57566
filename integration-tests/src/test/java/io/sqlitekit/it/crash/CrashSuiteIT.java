package io.sqlitekit.it.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.it.crash.CrashPlan.Op;
import io.sqlitekit.it.crash.CrashPlan.Step;
import io.sqlitekit.spi.table.Timestamps;
import io.sqlitekit.testsupport.ChildJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash suite: a child JVM ({@link CrashChild}) writes {@link CrashPlan}'s steps through every write path of
 * the kit (create, createMany, update, updateMany, delete, upsert, batch, {@code Batch.run}, {@code inTransaction}
 * and {@code withTransaction} moving money between accounts and recording the transfer in a second table), with
 * the multi-tenant and timestamp plugins and the audit plugin's table exporter, into one WAL file; the test
 * SIGKILLs it at a random moment, checks the file, and starts the next child on the same file, again and again.
 *
 * <p>After every kill:
 * <ul>
 *   <li>{@code PRAGMA integrity_check} answers {@code ok};</li>
 *   <li>the whole database (every row of the three tables as stored, every {@code _audit} row) equals the
 *       {@link CrashModel model} after the last acknowledged step, or after the one step beyond it (the call the
 *       kill interrupted may have committed without being acknowledged), and nothing else: every acknowledged
 *       write present, no half-applied step, audit rows for exactly the committed writes;</li>
 *   <li>independently of the model, per tenant the balances still sum to the opening total, every account's
 *       balance equals its opening balance plus the transfers recorded into it minus those out of it, and every
 *       acknowledged step has its audit rows;</li>
 *   <li>the next child resumes at the step after the last committed one.</li>
 * </ul>
 * The figures go to standard output. Properties: {@code sqlitekit.crash.seed} (default {@code System.nanoTime()},
 * printed), {@code sqlitekit.crash.kills} (default 20).
 */
class CrashSuiteIT {
  private static final int KILLS = Integer.getInteger("sqlitekit.crash.kills", 20);
  /** The child kills itself after this long if nobody else did (the parent died, for instance). */
  private static final long CHILD_LIMIT_MILLIS = 60_000;

  @TempDir
  Path dir;

  private ChildJvm start(String url, int round) throws IOException {
    return ChildJvm.start(dir, "child-" + round, CrashChild.class, List.of(url, Long.toString(CHILD_LIMIT_MILLIS)));
  }

  @Test
  void sigkillDuringWritesLosesNoAcknowledgedWriteAndHalvesNoTransaction() throws Exception {
    long seed = Long.getLong("sqlitekit.crash.seed", System.nanoTime());
    Random random = new Random(seed);
    String context = "seed " + seed + " (rerun with -Dsqlitekit.crash.seed=" + seed + ")";
    Path file = dir.resolve("crash.db");
    String url = "jdbc:sqlite:" + file;
    long started = System.nanoTime();

    CrashChild.StepClock clock = new CrashChild.StepClock();
    try (SqliteKit kit = CrashPlan.open(url, clock)) {
      new CrashChild(kit, clock).setup();
    }
    CrashModel model = new CrashModel();
    model.setup();
    try (Connection c = DriverManager.getConnection(url)) {
      CrashCheck.Result r = CrashCheck.check(c, model, 0, Set.of());
      assertEquals(new CrashCheck.Result("ok", null, false, 0, 0), r, () -> "after setup: " + r);
    }

    Map<Op, Integer> acknowledgedByOp = new EnumMap<>(Op.class);
    Set<Long> acknowledged = new HashSet<>();
    int integrityOk = 0;
    int lost = 0;
    int halfTransactions = 0;
    int inFlightCommitted = 0;
    int roundsWithoutAck = 0;
    List<Long> delays = new ArrayList<>();
    for (int round = 1; round <= KILLS; round++) {
      String where = context + ", round " + round;
      long lastAck;
      try (ChildJvm child = start(url, round)) {
        String first = child.nextLine(Duration.ofSeconds(60));
        assertNotNull(first, () -> where + ": the child did not start in 60 s; stderr: " + child.stderr());
        assertEquals("START " + (model.seq() + 1), first,
            () -> where + ": the child resumes after the last committed step; stderr: " + child.stderr());
        long delay = 50 + random.nextInt(351);
        delays.add(delay);
        Thread.sleep(delay);
        // Every line the child flushed before it died is still in the pipe.
        List<String> acks = child.sigkill();
        lastAck = model.seq();
        for (String line : acks) {
          Step st = CrashPlan.step(lastAck + 1);
          assertEquals(st.ack(), line, where + ": acknowledgements follow the plan, in order");
          lastAck = st.seq();
          acknowledged.add(lastAck);
          acknowledgedByOp.merge(st.op(), 1, Integer::sum);
        }
        if (acks.isEmpty()) {
          roundsWithoutAck++;
        }
      }

      try (Connection c = DriverManager.getConnection(url)) {
        CrashCheck.Result r = CrashCheck.check(c, model, lastAck, acknowledged);
        assertEquals("ok", r.integrity(), where + ": PRAGMA integrity_check");
        integrityOk++;
        if (r.mismatch() != null) {
          fail(where + ": " + r.lost() + " acknowledged steps without audit rows, " + r.halfTransactions()
              + " broken transfer invariants; " + r.mismatch());
        }
        if (r.inFlightCommitted()) {
          inFlightCommitted++;
        }
        lost += r.lost();
        halfTransactions += r.halfTransactions();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    String figures = String.format(Locale.ROOT,
        "crash suite: %d kills, %d acknowledged writes (%s), %d lost, %d half transactions, integrity ok %d/%d,"
            + " %d kills after a commit and before its acknowledgement, %d kills before the first acknowledgement,"
            + " last committed step %d, kill delays %d-%d ms, %s, %.1f s",
        KILLS, acknowledged.size(), acknowledgedByOp, lost, halfTransactions, integrityOk, KILLS, inFlightCommitted,
        roundsWithoutAck, model.seq(), delays.stream().mapToLong(Long::longValue).min().orElse(0),
        delays.stream().mapToLong(Long::longValue).max().orElse(0), context, seconds);
    System.out.println(figures);
    assertEquals(0, lost, figures);
    assertEquals(0, halfTransactions, figures);
    assertEquals(KILLS, integrityOk, figures);
    for (Op op : Op.values()) {
      assertTrue(acknowledgedByOp.getOrDefault(op, 0) > 0, () -> "no " + op + " was acknowledged: " + figures);
    }
  }

  /**
   * The checks can fail: on a file written in this JVM up to step 30 (no kill), a lie about the last
   * acknowledgement and each kind of damage a broken kit could leave (made inside a transaction that is rolled
   * back after the check) are reported.
   */
  @Test
  void theChecksDetectLostWritesHalfTransactionsAndStrayAuditRows() throws Exception {
    Path file = dir.resolve("control.db");
    String url = "jdbc:sqlite:" + file;
    CrashChild.StepClock clock = new CrashChild.StepClock();
    try (SqliteKit kit = CrashPlan.open(url, clock)) {
      CrashChild writer = new CrashChild(kit, clock);
      writer.setup();
      for (long s = 1; s <= 30; s++) {
        writer.run(CrashPlan.step(s));
      }
    }
    assertEquals(Op.WITH_TRANSACTION, CrashPlan.step(30).op(), "step 30 is a transfer");
    try (Connection c = DriverManager.getConnection(url)) {
      CrashCheck.Result clean = check(c, 30);
      assertEquals("ok", clean.integrity());
      assertEquals(new CrashCheck.Result("ok", null, false, 0, 0), clean, clean::toString);
      assertEquals(new CrashCheck.Result("ok", null, true, 0, 0), check(c, 29),
          "the step after the last acknowledgement may have committed");
      assertNotNull(check(c, 28).mismatch(), "two steps beyond the last acknowledgement");
      CrashCheck.Result missing = check(c, 31);
      assertNotNull(missing.mismatch(), "an acknowledged step is missing");
      assertEquals(1, missing.lost());

      c.setAutoCommit(false);
      CrashCheck.Result r = tampered(c, "DELETE FROM transfers WHERE id = 'x30'");
      assertNotNull(r.mismatch(), "transfer row lost, balances moved");
      assertTrue(r.halfTransactions() > 0, r::toString);
      r = tampered(c, "UPDATE accounts SET balance = balance + 5 WHERE id = 'a-t1-0'");
      assertNotNull(r.mismatch(), "money from nowhere");
      assertTrue(r.halfTransactions() >= 2, r::toString);
      r = tampered(c, "DELETE FROM _audit WHERE id = (SELECT max(id) FROM _audit)");
      assertNotNull(r.mismatch(), "one of step 30's three audit rows missing");
      assertTrue(r.halfTransactions() > 0, r::toString);
      r = tampered(c, "DELETE FROM _audit WHERE ts = '" + Timestamps.format(CrashPlan.time(27)) + "'");
      assertNotNull(r.mismatch(), "an acknowledged write without audit rows");
      assertEquals(1, r.lost(), r::toString);
      r = tampered(c, "INSERT INTO _audit (ts, operation, table_name, row_id, actor, tenant, changed_fields,"
          + " before_json, after_json, affected_rows) VALUES ('" + Timestamps.format(CrashPlan.time(31)) + "',"
          + " 'CREATE', 'items', 'i3a', '" + CrashPlan.ACTOR + "', 't2', '[]', '{}', '{}', 1)");
      assertNotNull(r.mismatch(), "an audit row for a write that did not commit");
      r = tampered(c, "UPDATE items SET v = v + 1 WHERE id = 'i2a'");
      assertNotNull(r.mismatch(), "a changed value");
      r = tampered(c, "UPDATE items SET organizationId = 't1' WHERE id = 'i1a'");
      assertNotNull(r.mismatch(), "a row moved to another tenant");
    }
  }

  private static CrashCheck.Result check(Connection c, long lastAck) throws SQLException {
    CrashModel model = new CrashModel();
    model.setup();
    List<Long> acks = new ArrayList<>();
    for (long s = 1; s <= lastAck; s++) {
      acks.add(s);
    }
    return CrashCheck.check(c, model, lastAck, acks);
  }

  private static CrashCheck.Result tampered(Connection c, String damage) throws SQLException {
    try (Statement s = c.createStatement()) {
      assertTrue(s.executeUpdate(damage) > 0, damage);
      return check(c, 30);
    } finally {
      c.rollback();
    }
  }
}
