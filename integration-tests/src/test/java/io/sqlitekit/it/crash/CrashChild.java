package io.sqlitekit.it.crash;

import io.sqlitekit.core.Batch;
import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.it.crash.CrashPlan.Account;
import io.sqlitekit.it.crash.CrashPlan.Item;
import io.sqlitekit.it.crash.CrashPlan.Step;
import io.sqlitekit.it.crash.CrashPlan.Transfer;
import io.sqlitekit.plugin.audit.TableAuditExporter;
import io.sqlitekit.plugin.tenant.Tenants;
import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.UpdateResult;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Timestamps;
import io.sqlitekit.spi.update.Update;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The writer of {@link CrashSuiteIT}, run as a child JVM ({@link #main}); the parent runs {@link #setup} in its
 * own JVM. The child opens the database through the kit, finds the next step of {@link CrashPlan} from the
 * newest {@code _audit} row (whose timestamp names the last committed step), prints {@code START <seq>}, then
 * runs steps one after another, printing {@link Step#ack()} after each call returned, until it is killed (or, as
 * a safety net when the parent is gone, after the time limit).
 *
 * <p>Every call's result is checked against the plan (an update that missed, a batch statement that changed
 * nothing): a surprise ends the child with exit status 3 and a message on stderr, which the parent reports
 * as a failure, because it cannot be a kill.
 *
 * <p>Arguments: JDBC URL, time limit in milliseconds.
 */
public final class CrashChild {
  /** Exit status when the kit did something the plan does not expect. */
  static final int SURPRISE = 3;

  /** A clock the writer moves to each step's instant; one writing thread, so a volatile field suffices. */
  static final class StepClock extends Clock {
    private volatile Instant now = CrashPlan.BASE;

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final SqliteKit kit;
  private final StepClock clock;
  private final Map<String, SqliteRepository<Item, String>> items = new HashMap<>();
  private final Map<String, SqliteRepository<Account, String>> accounts = new HashMap<>();
  private final Map<String, SqliteRepository<Transfer, String>> transfers = new HashMap<>();

  CrashChild(SqliteKit kit, StepClock clock) {
    this.kit = kit;
    this.clock = clock;
    SqliteRepository<Item, String> i = kit.repository(CrashPlan.ITEMS, Item.class);
    SqliteRepository<Account, String> a = kit.repository(CrashPlan.ACCOUNTS_TABLE, Account.class);
    SqliteRepository<Transfer, String> t = kit.repository(CrashPlan.TRANSFERS, Transfer.class);
    for (String tenant : CrashPlan.TENANTS) {
      CallContext ctx = CallContext.of(Tenants.TENANT_ID, tenant).with(CallContext.ACTOR_ID,
          CrashPlan.ACTOR);
      items.put(tenant, i.withContext(ctx));
      accounts.put(tenant, a.withContext(ctx));
      transfers.put(tenant, t.withContext(ctx));
    }
  }

  /** Step 0: the opening balances, five accounts per tenant, one createMany per tenant. */
  void setup() {
    clock.set(CrashPlan.time(0));
    for (String tenant : CrashPlan.TENANTS) {
      List<Account> opening = new ArrayList<>();
      for (int i = 0; i < CrashPlan.ACCOUNTS; i++) {
        opening.add(new Account(CrashPlan.account(tenant, i), null, CrashPlan.OPENING, null, null));
      }
      accounts.get(tenant).createMany(opening);
    }
  }

  /** Returns the step after the newest audited one (1 on a database that only holds the setup). */
  long nextSeq() {
    String sql = "SELECT ts FROM \"" + TableAuditExporter.DEFAULT_TABLE + "\" ORDER BY id DESC LIMIT 1";
    return kit.driver().read(s -> s.query(sql, List.of(), rs -> {
      if (!rs.next()) {
        throw new IllegalStateException("no audit row: the setup did not run");
      }
      return CrashPlan.seqAt(Timestamps.parse(rs.getString(0))) + 1;
    }));
  }

  /** Runs one step through its write path, checking the result against the plan. */
  void run(Step st) {
    clock.set(CrashPlan.time(st.seq()));
    String t = st.tenant();
    SqliteRepository<Item, String> it = items.get(t);
    long s = st.seq();
    long b = st.block();
    switch (st.op()) {
      case CREATE:
        it.create(item(st.ids().get(0), b, s));
        break;
      case CREATE_MANY: {
        List<Item> rows = new ArrayList<>();
        for (String id : st.ids()) {
          rows.add(item(id, b, s));
        }
        expect(it.createMany(rows).size() == 3, st, "createMany returned another row count");
        break;
      }
      case UPDATE:
        expect(it.update(st.ids().get(0), Update.set("v", s)).isPresent(), st, "update missed");
        break;
      case UPDATE_MANY: {
        UpdateResult r = it.updateMany(Filters.gte("grp", b - 1), Update.set("v", s));
        expect(r.modifiedCount() == 4, st, "updateMany changed " + r.modifiedCount() + " rows, not 4");
        break;
      }
      case DELETE:
        expect(it.delete(st.ids().get(0)), st, "delete missed");
        break;
      case UPSERT:
        it.upsert(item(st.ids().get(0), b, s));
        break;
      case BATCH: {
        List<BatchResult<Item>> r = it.batch(bb -> List.of(
            bb.insert(item(st.ids().get(0), b, s)),
            bb.update(st.ids().get(1), Update.set("v", s)),
            bb.delete(st.ids().get(2)),
            bb.upsert(item(st.ids().get(3), b, s))));
        expect(r.size() == 4 && r.stream().allMatch(x -> x.changes() == 1), st, "batch results " + r);
        break;
      }
      case BATCH_RUN: {
        SqliteRepository<Account, String> acc = accounts.get(t);
        SqliteRepository<Transfer, String> tr = transfers.get(t);
        List<BatchResult<?>> r = Batch.run(kit, bb -> List.of(
            bb.on(acc).update(st.ids().get(1), Update.inc("balance", -st.amount())),
            bb.on(acc).update(st.ids().get(2), Update.inc("balance", st.amount())),
            bb.on(tr).insert(transfer(st))));
        expect(r.size() == 3 && r.stream().allMatch(x -> x.changes() == 1), st, "Batch.run results " + r);
        break;
      }
      case IN_TRANSACTION:
        // Balance, transfer row, balance: a kill between any two must leave none of them.
        kit.inTransaction(tx -> {
          expect(tx.repo(accounts.get(t)).update(st.ids().get(1), Update.inc("balance", -st.amount())).isPresent(),
              st, "debit missed");
          tx.repo(transfers.get(t)).create(transfer(st));
          expect(tx.repo(accounts.get(t)).update(st.ids().get(2), Update.inc("balance", st.amount())).isPresent(),
              st, "credit missed");
          return null;
        });
        break;
      case WITH_TRANSACTION:
        accounts.get(t).withTransaction(acc -> {
          expect(acc.update(st.ids().get(1), Update.inc("balance", -st.amount())).isPresent(), st, "debit missed");
          transfers.get(t).create(transfer(st));
          expect(acc.update(st.ids().get(2), Update.inc("balance", st.amount())).isPresent(), st, "credit missed");
          return null;
        });
        break;
      default:
        throw new AssertionError(st.op());
    }
  }

  private static Item item(String id, long block, long seq) {
    return new Item(id, null, block, seq, null, null);
  }

  private static Transfer transfer(Step st) {
    return new Transfer(st.ids().get(0), null, st.ids().get(1), st.ids().get(2), st.amount(), null, null);
  }

  private static void expect(boolean ok, Step st, String what) {
    if (!ok) {
      throw new IllegalStateException("step " + st.ack() + ": " + what);
    }
  }

  /**
   * Runs the child until it is killed or the time limit passes.
   *
   * @param args URL, time limit in milliseconds
   */
  public static void main(String[] args) {
    PrintStream out = System.out;
    StepClock clock = new StepClock();
    try (SqliteKit kit = CrashPlan.open(args[0], clock)) {
      CrashChild child = new CrashChild(kit, clock);
      long deadline = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000L;
      long seq = child.nextSeq();
      out.println("START " + seq);
      out.flush();
      while (System.nanoTime() < deadline && !out.checkError()) {
        Step st = CrashPlan.step(seq);
        child.run(st);
        out.println(st.ack());
        out.flush();
        seq++;
      }
    } catch (RuntimeException e) {
      e.printStackTrace();
      System.exit(SURPRISE);
    }
  }
}
