package io.sqlitekit.it.crash;

import io.sqlitekit.it.crash.CrashPlan.Step;
import io.sqlitekit.plugin.audit.TableAuditExporter;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.ColumnMode;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.table.Timestamps;
import io.sqlitekit.support.json.MiniJson;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the database must hold after the plan's steps {@code 0..seq()} committed, computed without the kit:
 * every row of the three tables as stored (ISO text or epoch milliseconds for stamps, the tenant in
 * {@code organizationId}) and every {@code _audit} row in order. {@link #snapshot()} and {@link #read} render
 * both sides the same way, so a whole-database comparison is one {@code equals}.
 */
final class CrashModel {
  /** Table name to (id to stored row, columns in table order). */
  private final Map<String, TreeMap<String, Map<String, Object>>> tables = new LinkedHashMap<>();
  private final List<String> audit = new ArrayList<>();
  private long seq = -1;

  CrashModel() {
    for (TableDef t : List.of(CrashPlan.ITEMS, CrashPlan.ACCOUNTS_TABLE, CrashPlan.TRANSFERS)) {
      tables.put(t.name(), new TreeMap<>());
    }
  }

  /** The last step applied (0 after {@link #setup()}). */
  long seq() {
    return seq;
  }

  /** Applies step 0: {@link CrashPlan#ACCOUNTS} accounts per tenant at the opening balance, by createMany. */
  void setup() {
    if (seq != -1) {
      throw new IllegalStateException("setup twice");
    }
    seq = 0;
    for (String tenant : CrashPlan.TENANTS) {
      for (int i = 0; i < CrashPlan.ACCOUNTS; i++) {
        insert(CrashPlan.ACCOUNTS_TABLE, tenant, CrashPlan.account(tenant, i), Map.of("balance", CrashPlan.OPENING));
        audit("CREATE_MANY", CrashPlan.ACCOUNTS_TABLE, CrashPlan.account(tenant, i), tenant, insertFields(
            CrashPlan.ACCOUNTS_TABLE), 1);
      }
    }
  }

  /** Applies the next step of the plan. */
  void advance() {
    Step st = CrashPlan.step(seq + 1);
    seq = st.seq();
    String t = st.tenant();
    long s = st.seq();
    long b = st.block();
    TableDef items = CrashPlan.ITEMS;
    List<String> ids = st.ids();
    switch (st.op()) {
      case CREATE:
        insertItem(t, ids.get(0), b, s, "CREATE");
        break;
      case CREATE_MANY:
        for (String id : ids) {
          insertItem(t, id, b, s, "CREATE_MANY");
        }
        break;
      case UPDATE:
        setV(ids.get(0), s);
        audit("UPDATE", items, ids.get(0), t, List.of("updatedAt", "v"), 1);
        break;
      case UPDATE_MANY: {
        // The tenant scope: the filter grp >= b-1 also matches the other tenant's previous block.
        int n = 0;
        for (Map<String, Object> row : tables.get(items.name()).values()) {
          if (row.get("organizationId").equals(t) && (Long) row.get("grp") >= b - 1) {
            row.put("v", s);
            row.put("updatedAt", stamp(items, "updatedAt", s));
            n++;
          }
        }
        if (n != 4) {
          throw new IllegalStateException("plan error: updateMany of step " + s + " matches " + n + " rows");
        }
        audit("UPDATE_MANY", items, null, t, List.of("updatedAt", "v"), n);
        break;
      }
      case DELETE:
        remove(items, ids.get(0));
        audit("DELETE", items, ids.get(0), t, List.of(), 1);
        break;
      case UPSERT: {
        Map<String, Object> row = tables.get(items.name()).get(ids.get(0));
        if (row == null) {
          insert(items, t, ids.get(0), itemData(b, s));
        } else {
          // The conflict update: every given field and updatedAt; createdAt and the tenant stay.
          row.put("grp", b);
          row.put("v", s);
          row.put("updatedAt", stamp(items, "updatedAt", s));
        }
        audit("UPSERT", items, ids.get(0), t, insertFields(items), 1);
        break;
      }
      case BATCH:
        insertItem(t, ids.get(0), b, s, "BATCH");
        setV(ids.get(1), s);
        audit("BATCH", items, ids.get(1), t, List.of("updatedAt", "v"), 1);
        remove(items, ids.get(2));
        audit("BATCH", items, ids.get(2), t, List.of(), 1);
        insertItem(t, ids.get(3), b, s, "BATCH");
        break;
      case BATCH_RUN:
        move(st, "BATCH", "BATCH", "BATCH", false);
        break;
      case IN_TRANSACTION:
      case WITH_TRANSACTION:
        move(st, "UPDATE", "CREATE", "UPDATE", true);
        break;
      default:
        throw new AssertionError(st.op());
    }
  }

  /** Advances to step {@code target}. */
  void advanceTo(long target) {
    while (seq < target) {
      advance();
    }
  }

  private void move(Step st, String debitOp, String recordOp, String creditOp, boolean recordBetween) {
    TableDef acc = CrashPlan.ACCOUNTS_TABLE;
    List<String> ids = st.ids();
    String t = st.tenant();
    long s = st.seq();
    List<String> balanceFields = List.of("balance", "updatedAt");
    adjust(ids.get(1), -st.amount(), s);
    audit(debitOp, acc, ids.get(1), t, balanceFields, 1);
    if (recordBetween) {
      recordTransfer(st, recordOp);
    }
    adjust(ids.get(2), st.amount(), s);
    audit(creditOp, acc, ids.get(2), t, balanceFields, 1);
    if (!recordBetween) {
      recordTransfer(st, recordOp);
    }
  }

  private void recordTransfer(Step st, String op) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("src", st.ids().get(1));
    data.put("dst", st.ids().get(2));
    data.put("amount", st.amount());
    insert(CrashPlan.TRANSFERS, st.tenant(), st.ids().get(0), data);
    audit(op, CrashPlan.TRANSFERS, st.ids().get(0), st.tenant(), insertFields(CrashPlan.TRANSFERS), 1);
  }

  private void adjust(String account, long delta, long s) {
    Map<String, Object> row = existing(CrashPlan.ACCOUNTS_TABLE, account);
    row.put("balance", (Long) row.get("balance") + delta);
    row.put("updatedAt", stamp(CrashPlan.ACCOUNTS_TABLE, "updatedAt", s));
  }

  private void setV(String id, long s) {
    Map<String, Object> row = existing(CrashPlan.ITEMS, id);
    row.put("v", s);
    row.put("updatedAt", stamp(CrashPlan.ITEMS, "updatedAt", s));
  }

  private void insertItem(String tenant, String id, long b, long s, String op) {
    insert(CrashPlan.ITEMS, tenant, id, itemData(b, s));
    audit(op, CrashPlan.ITEMS, id, tenant, insertFields(CrashPlan.ITEMS), 1);
  }

  private static Map<String, Object> itemData(long b, long s) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("grp", b);
    data.put("v", s);
    return data;
  }

  private void insert(TableDef table, String tenant, String id, Map<String, Object> data) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (Column c : table.columns()) {
      row.put(c.name(), null);
    }
    row.put("id", id);
    row.put("organizationId", tenant);
    row.putAll(data);
    row.put("createdAt", stamp(table, "createdAt", seq));
    row.put("updatedAt", stamp(table, "updatedAt", seq));
    if (tables.get(table.name()).putIfAbsent(id, row) != null) {
      throw new IllegalStateException("plan error: step " + seq + " inserts existing " + id);
    }
  }

  private void remove(TableDef table, String id) {
    if (tables.get(table.name()).remove(id) == null) {
      throw new IllegalStateException("plan error: step " + seq + " deletes missing " + id);
    }
  }

  private Map<String, Object> existing(TableDef table, String id) {
    Map<String, Object> row = tables.get(table.name()).get(id);
    if (row == null) {
      throw new IllegalStateException("plan error: step " + seq + " updates missing " + id);
    }
    return row;
  }

  /** The stored form of step {@code s}'s instant in a stamp column. */
  private static Object stamp(TableDef table, String field, long s) {
    Instant t = CrashPlan.time(s);
    ColumnMode mode = table.require(field).mode();
    switch (mode) {
      case TIMESTAMP_ISO:
        return Timestamps.format(t);
      case TIMESTAMP_MILLIS:
        return t.toEpochMilli();
      default:
        throw new IllegalArgumentException("not a stamp column: " + field);
    }
  }

  private static List<String> insertFields(TableDef table) {
    return table.fieldNames();
  }

  private void audit(String op, TableDef table, String rowId, String tenant, List<String> changed, long affected) {
    audit.add(auditLine(Timestamps.format(CrashPlan.time(seq)), op, table.name(), rowId, CrashPlan.ACTOR, tenant,
        changed, affected));
  }

  private static String auditLine(String ts, String op, String table, String rowId, String actor, String tenant,
      List<String> changed, long affected) {
    return ts + " " + op + " " + table + " row=" + rowId + " actor=" + actor + " tenant=" + tenant + " fields="
        + new TreeSet<>(changed) + " affected=" + affected;
  }

  /** What the database must hold: per table one line per row in id order, then {@code _audit} in id order. */
  Snapshot snapshot() {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    tables.forEach((name, byId) -> rows.put(name,
        byId.values().stream().map(CrashModel::rowLine).collect(Collectors.toList())));
    return new Snapshot(rows, List.copyOf(audit));
  }

  private static String rowLine(Map<String, Object> row) {
    return row.values().stream().map(v -> v == null ? "NULL" : String.valueOf(v)).collect(Collectors.joining("|"));
  }

  /**
   * Reads what the database holds, in {@link #snapshot()}'s form, over plain JDBC (no kit, no codec): stamps
   * as their stored text or integer.
   */
  static Snapshot read(Connection c) throws SQLException {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    try (Statement s = c.createStatement()) {
      for (TableDef t : List.of(CrashPlan.ITEMS, CrashPlan.ACCOUNTS_TABLE, CrashPlan.TRANSFERS)) {
        List<String> lines = new ArrayList<>();
        String cols = t.columns().stream().map(col -> "\"" + col.sqlName() + "\"").collect(Collectors.joining(", "));
        try (ResultSet rs = s.executeQuery("SELECT " + cols + " FROM \"" + t.name() + "\" ORDER BY \"id\"")) {
          int n = t.columns().size();
          while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= n; i++) {
              Object v = rs.getObject(i);
              row.put(t.columns().get(i - 1).name(), v instanceof Number ? (Object) ((Number) v).longValue() : v);
            }
            lines.add(rowLine(row));
          }
        }
        rows.put(t.name(), lines);
      }
      List<String> audit = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT ts, operation, table_name, row_id, actor, tenant, changed_fields,"
          + " affected_rows FROM \"" + TableAuditExporter.DEFAULT_TABLE + "\" ORDER BY id")) {
        while (rs.next()) {
          audit.add(auditLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getString(6), jsonNames(rs.getString(7)), rs.getLong(8)));
        }
      }
      return new Snapshot(rows, audit);
    }
  }

  /** Parses a JSON array of plain field names (what the audit exporter writes for changed fields). */
  private static List<String> jsonNames(String json) {
    Object parsed = MiniJson.INSTANCE.read(Objects.requireNonNull(json, "changed_fields"), List.class);
    List<String> out = new ArrayList<>();
    for (Object name : (List<?>) parsed) {
      if (!(name instanceof String)) {
        throw new IllegalStateException("changed_fields holds a non-name: " + json);
      }
      out.add((String) name);
    }
    return out;
  }


  /**
   * A whole database rendered as lines.
   *
   * @param rows table name to one line per row, in id order
   * @param audit one line per audit row, in insertion order
   */
  record Snapshot(Map<String, List<String>> rows, List<String> audit) {
    /** Returns the first differences against {@code expected}, or an empty string when equal. */
    String diff(Snapshot expected) {
      StringBuilder sb = new StringBuilder();
      expected.rows.forEach((table, want) -> diffLines(sb, table, want, rows.get(table)));
      diffLines(sb, "_audit", expected.audit, audit);
      return sb.toString();
    }

    private static void diffLines(StringBuilder sb, String what, List<String> want, List<String> got) {
      if (want.equals(got)) {
        return;
      }
      sb.append(what).append(": expected ").append(want.size()).append(" rows, found ").append(got.size())
          .append('\n');
      int shown = 0;
      for (int i = 0; i < Math.max(want.size(), got.size()) && shown < 5; i++) {
        String w = i < want.size() ? want.get(i) : "(none)";
        String g = i < got.size() ? got.get(i) : "(none)";
        if (!w.equals(g)) {
          sb.append("  #").append(i).append(" expected ").append(w).append("\n     found    ").append(g)
              .append('\n');
          shown++;
        }
      }
    }
  }
}
