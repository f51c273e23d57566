package io.sqlitekit.it.crash;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.plugin.audit.AuditOptions;
import io.sqlitekit.plugin.audit.AuditPlugin;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The crash suite's schema, kit configuration and deterministic write plan, shared by the writing child
 * ({@link CrashChild}) and the checking parent ({@link CrashSuiteIT}), so both agree on what sequence number
 * {@code s} writes without talking to each other.
 *
 * <p>Time encodes the plan: the writer sets its kit clock to {@link #time(long) time(s)} before step {@code s},
 * so every {@code createdAt}/{@code updatedAt} stamp and every {@code _audit.ts} names the step that wrote it.
 * Step 0 is the setup (opening balances); steps 1, 2, ... cycle through every write path in blocks of
 * {@link Op#values() ten}. Each block belongs to one tenant (alternating), and every step changes something,
 * so each committed step leaves at least one audit row with its own timestamp.
 */
final class CrashPlan {
  /** The instant of step 0; step {@code s} runs at {@code BASE + s} seconds. */
  static final Instant BASE = Instant.parse("2030-01-01T00:00:00Z");
  /** The actor of every write. */
  static final String ACTOR = "crash-writer";
  /** The two tenants, alternating by block. */
  static final List<String> TENANTS = List.of("t1", "t2");
  /** Accounts per tenant, created at step 0. */
  static final int ACCOUNTS = 5;
  /** The opening balance of every account. */
  static final long OPENING = 1_000;

  /** A row of {@link #ITEMS}. */
  public record Item(String id, String organizationId, Long grp, Long v, Instant createdAt, Instant updatedAt) {
  }

  /** A row of {@link #ACCOUNTS_TABLE}. */
  public record Account(String id, String organizationId, Long balance, Instant createdAt, Instant updatedAt) {
  }

  /** A row of {@link #TRANSFERS}: one per committed transfer, written atomically with both balance changes. */
  public record Transfer(String id, String organizationId, String src, String dst, Long amount, Instant createdAt,
      Instant updatedAt) {
  }

  static final TableDef ITEMS = TableDef.of("items", Column.text("id").primaryKey(), Column.text("organizationId"),
      Column.integer("grp"), Column.integer("v"), Column.timestamp("createdAt"), Column.timestamp("updatedAt"));
  // Epoch-millisecond stamps here, ISO text elsewhere: both column modes go through the crash.
  static final TableDef ACCOUNTS_TABLE = TableDef.of("accounts", Column.text("id").primaryKey(),
      Column.text("organizationId"), Column.integer("balance"), Column.timestampMillis("createdAt"),
      Column.timestampMillis("updatedAt"));
  static final TableDef TRANSFERS = TableDef.of("transfers", Column.text("id").primaryKey(),
      Column.text("organizationId"), Column.text("src"), Column.text("dst"), Column.integer("amount"),
      Column.timestamp("createdAt"), Column.timestamp("updatedAt"));

  /** The write path a step takes; the ordinal is the step's position in its block. */
  enum Op {
    CREATE, CREATE_MANY, UPDATE, UPDATE_MANY, DELETE, UPSERT, BATCH, BATCH_RUN, IN_TRANSACTION, WITH_TRANSACTION
  }

  /**
   * One step of the plan.
   *
   * @param seq the sequence number (1-based)
   * @param op the write path
   * @param tenant the tenant of the call
   * @param block the block number, also the {@code grp} of the block's items
   * @param ids the item ids the step writes, or for transfers {@code [transferId, src, dst]}
   * @param amount the transferred amount (transfers only)
   */
  record Step(long seq, Op op, String tenant, long block, List<String> ids, long amount) {
    /** The acknowledgement line the writer prints once the step's call returned. */
    String ack() {
      StringBuilder sb = new StringBuilder("ACK ").append(seq).append(' ').append(op).append(' ').append(tenant);
      for (String id : ids) {
        sb.append(' ').append(id);
      }
      if (amount != 0) {
        sb.append(" amount=").append(amount);
      }
      return sb.toString();
    }
  }

  private CrashPlan() {
  }

  /** Returns the instant the writer's clock shows during step {@code seq}. */
  static Instant time(long seq) {
    return BASE.plusSeconds(seq);
  }

  /** Returns the step whose clock reads {@code t}. */
  static long seqAt(Instant t) {
    long s = t.getEpochSecond() - BASE.getEpochSecond();
    if (s < 0 || !time(s).equals(t)) {
      throw new IllegalStateException("not a plan time: " + t);
    }
    return s;
  }

  static String account(String tenant, int i) {
    return "a-" + tenant + "-" + i;
  }

  /**
   * Returns step {@code seq} (at least 1).
   *
   * <p>Block {@code b} (steps {@code 10b+1 .. 10b+10}) works on items {@code i<b>a..g}: create a, createMany b c d,
   * update a, updateMany over {@code grp >= b-1} (the previous block belongs to the other tenant, so the tenant
   * scope is what keeps it to four rows), delete b, upsert c (conflict) or e (insert) on alternate blocks, then a
   * batch inserting f, updating d, deleting c and upserting g; the last three steps each move an amount between
   * two of the tenant's accounts and record the transfer (Batch.run, inTransaction, withTransaction).
   */
  static Step step(long seq) {
    if (seq < 1) {
      throw new IllegalArgumentException("steps start at 1: " + seq);
    }
    long b = (seq - 1) / 10;
    Op op = Op.values()[(int) ((seq - 1) % 10)];
    String tenant = TENANTS.get((int) (b % TENANTS.size()));
    List<String> ids = new ArrayList<>();
    long amount = 0;
    String p = "i" + b;
    switch (op) {
      case CREATE:
      case UPDATE:
        ids.add(p + "a");
        break;
      case CREATE_MANY:
        ids.addAll(List.of(p + "b", p + "c", p + "d"));
        break;
      case UPDATE_MANY:
        break;
      case DELETE:
        ids.add(p + "b");
        break;
      case UPSERT:
        ids.add(b % 2 == 0 ? p + "c" : p + "e");
        break;
      case BATCH:
        ids.addAll(List.of(p + "f", p + "d", p + "c", p + "g"));
        break;
      default: {
        int src = (int) (seq % ACCOUNTS);
        int dst = (int) ((src + 1 + (seq / ACCOUNTS) % (ACCOUNTS - 1)) % ACCOUNTS);
        ids.addAll(List.of("x" + seq, account(tenant, src), account(tenant, dst)));
        amount = 1 + seq % 17;
        break;
      }
    }
    return new Step(seq, op, tenant, b, List.copyOf(ids), amount);
  }

  /**
   * Opens the kit the way the writer does: a WAL file with the production pragmas, the multi-tenant and
   * timestamp plugins by name, and the audit plugin with the table exporter; creates the tables if missing.
   */
  static SqliteKit open(String url, Clock clock) {
    SqliteKit kit = SqliteKit.builder().url(url).preset(PragmaPreset.PRODUCTION).clock(clock)
        .plugins("multi-tenant", "timestamp")
        .plugin(AuditPlugin.create(AuditOptions.defaults().withExporterNames("table")))
        .build();
    try {
      kit.createTableIfNotExists(ITEMS);
      kit.createTableIfNotExists(ACCOUNTS_TABLE);
      kit.createTableIfNotExists(TRANSFERS);
    } catch (RuntimeException e) {
      kit.close();
      throw e;
    }
    return kit;
  }

  static String describe(long seq) {
    return seq == 0 ? "setup" : String.format(Locale.ROOT, "%d %s", seq, step(seq).op());
  }
}
