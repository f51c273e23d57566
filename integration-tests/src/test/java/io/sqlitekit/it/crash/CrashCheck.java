package io.sqlitekit.it.crash;

import io.sqlitekit.it.crash.CrashModel.Snapshot;
import io.sqlitekit.it.crash.CrashPlan.Op;
import io.sqlitekit.plugin.audit.TableAuditExporter;
import io.sqlitekit.spi.table.Timestamps;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Judges a database file after a kill, over one plain JDBC connection (no kit): integrity, the whole content
 * against the {@link CrashModel}, and, independently of the model, acknowledged steps and transfer
 * invariants read straight from the tables.
 */
final class CrashCheck {
  private CrashCheck() {
  }

  /**
   * What one check found.
   *
   * @param integrity the joined {@code PRAGMA integrity_check} rows ({@code ok} when sound)
   * @param mismatch null when the database equals the model at the last acknowledged step or the one after
   *     it, else the differences against both
   * @param inFlightCommitted whether it equals the step after the last acknowledged one (a call that committed
   *     and was killed before printing its acknowledgement)
   * @param lost acknowledged steps without their audit rows
   * @param halfTransactions broken transfer invariants (see {@link #transferViolations})
   */
  record Result(String integrity, String mismatch, boolean inFlightCommitted, int lost, int halfTransactions) {
  }

  /**
   * Checks the database. Moves {@code model} to the step the database was found at (when it matched), or past
   * the last acknowledged step (when it did not).
   *
   * @param c the connection
   * @param model the model, at or before {@code lastAck}
   * @param lastAck the last acknowledged step
   * @param acknowledged every acknowledged step so far
   * @return what was found
   * @throws SQLException when the database cannot be read
   */
  static Result check(Connection c, CrashModel model, long lastAck, Collection<Long> acknowledged)
      throws SQLException {
    String integrity = integrityCheck(c);
    Snapshot found = CrashModel.read(c);
    model.advanceTo(lastAck);
    Snapshot atAck = model.snapshot();
    String mismatch = null;
    boolean inFlight = false;
    if (!found.equals(atAck)) {
      // The interrupted call may have committed before its acknowledgement was printed; nothing beyond it can.
      model.advance();
      Snapshot beyond = model.snapshot();
      if (found.equals(beyond)) {
        inFlight = true;
      } else {
        mismatch = "the database matches neither the last acknowledged step " + lastAck + " ("
            + CrashPlan.describe(lastAck) + ") nor the step after it (" + CrashPlan.describe(model.seq())
            + ").\nAgainst step " + lastAck + ":\n" + found.diff(atAck) + "Against step " + model.seq() + ":\n"
            + found.diff(beyond);
      }
    }
    Set<Long> audited = auditedSteps(c);
    int lost = 0;
    for (long s : acknowledged) {
      if (!audited.contains(s)) {
        lost++;
      }
    }
    return new Result(integrity, mismatch, inFlight, lost, transferViolations(c, audited));
  }

  static String integrityCheck(Connection c) throws SQLException {
    StringBuilder sb = new StringBuilder();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      while (rs.next()) {
        sb.append(sb.length() == 0 ? "" : "; ").append(rs.getString(1));
      }
    }
    return sb.toString();
  }

  /** The steps that have at least one audit row (each step's rows carry its own timestamp). */
  private static Set<Long> auditedSteps(Connection c) throws SQLException {
    Set<Long> out = new HashSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT DISTINCT ts FROM \"" + TableAuditExporter.DEFAULT_TABLE + "\"")) {
      while (rs.next()) {
        out.add(CrashPlan.seqAt(Instant.parse(rs.getString(1))));
      }
    }
    return out;
  }

  /**
   * Counts broken transfers, read straight from the tables: a tenant whose balances do not sum to the opening
   * total, an account whose balance is not its opening balance plus the recorded transfers in minus those out,
   * a recorded transfer without exactly its three audit rows, and an audited transfer step whose transfer is
   * not recorded.
   */
  static int transferViolations(Connection c, Set<Long> audited) throws SQLException {
    int bad = 0;
    Map<String, Long> moved = new HashMap<>();
    Map<String, Long> sums = new HashMap<>();
    Set<Long> recorded = new HashSet<>();
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT id, src, dst, amount FROM transfers")) {
        while (rs.next()) {
          recorded.add(Long.parseLong(rs.getString(1).substring(1)));
          moved.merge(rs.getString(2), -rs.getLong(4), Long::sum);
          moved.merge(rs.getString(3), rs.getLong(4), Long::sum);
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT id, organizationId, balance FROM accounts")) {
        while (rs.next()) {
          if (rs.getLong(3) != CrashPlan.OPENING + moved.getOrDefault(rs.getString(1), 0L)) {
            bad++;
          }
          sums.merge(rs.getString(2), rs.getLong(3), Long::sum);
        }
      }
      for (String tenant : CrashPlan.TENANTS) {
        if (sums.getOrDefault(tenant, 0L) != CrashPlan.ACCOUNTS * CrashPlan.OPENING) {
          bad++;
        }
      }
      Map<Long, Integer> auditRows = new HashMap<>();
      try (ResultSet rs = s.executeQuery("SELECT ts FROM \"" + TableAuditExporter.DEFAULT_TABLE + "\""
          + " WHERE table_name IN ('accounts', 'transfers') AND ts > '" + Timestamps.format(CrashPlan.time(0))
          + "'")) {
        while (rs.next()) {
          auditRows.merge(CrashPlan.seqAt(Instant.parse(rs.getString(1))), 1, Integer::sum);
        }
      }
      for (long step : recorded) {
        if (auditRows.getOrDefault(step, 0) != 3) {
          bad++;
        }
      }
      for (long step : audited) {
        Op op = step == 0 ? null : CrashPlan.step(step).op();
        boolean transfer = op == Op.BATCH_RUN || op == Op.IN_TRANSACTION || op == Op.WITH_TRANSACTION;
        if (transfer && !recorded.contains(step)) {
          bad++;
        }
      }
    }
    return bad;
  }
}
