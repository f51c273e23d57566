package io.sqlitekit.it.diff;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.it.MemoryKits;
import io.sqlitekit.memory.MemoryKit;
import io.sqlitekit.plugin.softdelete.SoftDeleteOptions;
import io.sqlitekit.plugin.softdelete.SoftDeletePlugin;
import io.sqlitekit.plugin.softdelete.SoftDeletes;
import io.sqlitekit.plugin.tenant.TenantOptions;
import io.sqlitekit.plugin.tenant.TenantPlugin;
import io.sqlitekit.plugin.tenant.Tenants;
import io.sqlitekit.plugin.timestamp.TimestampOptions;
import io.sqlitekit.plugin.timestamp.TimestampPlugin;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.CountStrategy;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.FindOptions;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.ReturnDocument;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.testsupport.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential test: random data, filters (every operator, nested and/or/not, NULLs, empty and NULL-holding
 * lists, LIKE metacharacters, mixed case, non-ASCII text, mixed Java types), total sorts with limit/offset,
 * projections, offset pages, keyset walks, streams, counts, distinct, aggregates, updateMany, increment and
 * deleteMany run on the SQLite kit (WAL file) and on the in-memory
 * kit over the same table and the same rows; every outcome must be identical: the same rows in the same order,
 * the same counts, the same aggregate rows, or the same exception type. After each write the whole tables are
 * compared.
 *
 * <p>{@link #sqliteAndMemoryKitsAgreeWithPlugins} runs the same comparison with multi-tenant, soft-delete and
 * timestamp enabled on both kits (one fixed clock), each case as a random tenant (rarely none, sometimes with
 * deleted rows included or a hard delete), plus the writes those plugins rewrite: create, createMany, upsert
 * (on the key or on a unique field), delete, update, findOneAndUpdate (also upserting), getOrCreate, batches,
 * and reads by key. After every write the whole tables are compared, hidden rows and managed columns
 * included.
 *
 * <p>{@link #aggregateV2KitsAgree}, {@link #lookupsKitsAgree} and {@link #newOperationsKitsAgree} (claim,
 * claimVersion, applyTransition, purgeByFilter, archiveByFilter, bulkWrite with failing operations, update
 * pipelines, count-free pages) do the same for their operations. Every test runs through one {@link DiffRunner}:
 * seeded generator, the data set on both kits, each case on both, outcomes and (after writes) states compared,
 * a summary line with the case count, and the seed and case of every mismatch.
 *
 * <p>Reproducible: {@code -Dsqlitekit.diff.seed=N} (printed in the summary and on failure),
 * {@code -Dsqlitekit.diff.datasets} (default 200) and {@code -Dsqlitekit.diff.cases} (cases per data set,
 * default 50); the other tests' counts have their own prefixes ({@code agg}, {@code lookup}, {@code ops}).
 */
class DifferentialIT {
  /**
   * Whether {@code in}/{@code nin} lists may contain null. On by default; the SQLite kit's handling of a null in an
   * {@code in} list is a known core defect (see the TCK suppression), so turning it off isolates other findings.
   */
  static final boolean NULL_IN_LISTS = Boolean.parseBoolean(System.getProperty("sqlitekit.diff.nullInLists", "true"));

  /**
   * Whether reads (findAll, getOne, offset pages, keyset walks, streams) may use sorts without the primary key,
   * and unsorted findAll results are compared in order: StandardRepo makes every read order total (unsorted means
   * key order; ties by {@code Sort.total(pk)}, the key in the direction of the last sort key). On by default now
   * that both kits follow that rule; {@code -Dsqlitekit.diff.partialSorts=false} narrows the comparison to sorts
   * that end with the key.
   */
  static final boolean PARTIAL_SORTS = Boolean.parseBoolean(System.getProperty("sqlitekit.diff.partialSorts", "true"));

  /**
   * Whether data and filter values include extremes: Long.MIN/MAX (increment overflow), NaN, infinities, -0.0,
   * denormals, NUL characters, a lone surrogate, a long text. Off by default because the kits still disagree on two
   * of them (found with this switch): SQLite's LIKE stops at a NUL character ({@code 'a\u0000b' LIKE 'a_b'} is
   * false there, true in memory); both kits fail an integer SUM whose running total overflows
   * (DataAccessException), but the running total depends on each kit's row order, so near Long.MAX_VALUE one kit
   * may fail where the other returns a value. NaN, lone surrogates and increments past the 64-bit range, which
   * used to differ too, are now refused by both kits' codecs, and both store -0.0 as 0.0.
   */
  static final boolean EXTREMES = Boolean.parseBoolean(System.getProperty("sqlitekit.diff.extremes", "false"));

  @TempDir
  Path dir;

  @Test
  void sqliteAndMemoryKitsAgree() {
    assertTrue(MemoryKits.available(), "sqlitekit-memory must be on the test class path (pom test dependency)");
    DiffRunner runner = new DiffRunner("", "", 200, 50);
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("diff.db"))
        .preset(PragmaPreset.PRODUCTION).build()) {
      kit.createTable(DiffSchema.TABLE);
      DiffRunner.Result r = runner.run(plainDataSets(kit), DifferentialIT::nextCase);
      assertTrue(r.cases() >= runner.planned() / 2, "too few cases ran: " + r.cases());
    }
  }

  /**
   * Each data set: the table emptied on the SQLite kit, a fresh memory kit, the generator's rows stored on both
   * (their tables compared); the state compared after writes is the whole table in key order.
   */
  private static DiffRunner.DataSets plainDataSets(SqliteKit kit) {
    StandardRepo<DiffRow, String> sqlite = kit.repository(DiffSchema.TABLE, DiffRow.class);
    DiffSide sqliteSide = new DiffSide(sqlite, kit.documents(DiffSchema.TABLE), () -> table(sqlite));
    return gen -> {
      kit.execute("DELETE FROM diff_docs;");
      Object memKit = MemoryKits.create();
      StandardRepo<DiffRow, String> memory = MemoryKits.repository(memKit, DiffSchema.TABLE, DiffRow.class);
      DiffSide memorySide = new DiffSide(memory, MemoryKits.documents(memKit, DiffSchema.TABLE), () -> table(memory));
      List<Map<String, Object>> rows = gen.rows();
      return new DiffRunner.Prepared(sqliteSide, memorySide, DiffRunner.seedBoth(rows.size() + " rows " + rows,
          () -> sqliteSide.docs().createMany(rows).size(), () -> memorySide.docs().createMany(rows).size(),
          sqliteSide.state(), memorySide.state()));
    };
  }

  /** The tenants cases run as. */
  /**
   * Aggregate v2 only: random requests with date buckets (UTC and zoned), measure filters, percentiles,
   * deviations, having and top-N, run as plain aggregates, offset pages and keyset walks on both kits.
   */
  @Test
  void aggregateV2KitsAgree() {
    DiffRunner runner = new DiffRunner("aggregate v2", "agg", 100, 25);
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("diff-agg.db"))
        .preset(PragmaPreset.PRODUCTION).build()) {
      kit.createTable(DiffSchema.TABLE);
      DiffRunner.Result r = runner.run(plainDataSets(kit), gen -> aggregateV2Case(gen, gen.filter()));
      assertTrue(r.cases() >= runner.planned() / 2, "too few cases ran: " + r.cases());
      assertTrue(r.stat("rows") >= r.cases() / 2, "most cases must return rows: " + r.stats());
    }
  }

  /**
   * The newer contract's operations ({@link OpsCases}): claim, claimVersion, applyTransition, purgeByFilter,
   * archiveByFilter, bulkWrite with failing operations (the exception's type, failing index and cause must
   * match, and each kit must have rolled back), update pipelines and count-free offset pages; after every write
   * the table and its archive are compared.
   */
  @Test
  void newOperationsKitsAgree() {
    DiffRunner runner = new DiffRunner("new operations", "ops", 80, 30).byOperation();
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("diff-ops.db"))
        .preset(PragmaPreset.PRODUCTION).build()) {
      kit.createTable(OpsCases.TABLE);
      kit.createTable(OpsCases.ARCHIVE);
      DiffSide sqliteSide = opsSide(kit.documents(OpsCases.TABLE), kit.documents(OpsCases.ARCHIVE));
      DiffRunner.Result r = runner.run(gen -> {
        kit.execute("DELETE FROM diff_docs; DELETE FROM diff_archive;");
        MemoryKit memKit = MemoryKit.create();
        DiffSide memorySide = opsSide(memKit.documents(OpsCases.TABLE), memKit.documents(OpsCases.ARCHIVE));
        List<Map<String, Object>> rows = gen.rows();
        return new DiffRunner.Prepared(sqliteSide, memorySide, DiffRunner.seedBoth(rows.size() + " rows " + rows,
            () -> sqliteSide.docs().createMany(rows).size(), () -> memorySide.docs().createMany(rows).size(),
            sqliteSide.state(), memorySide.state()), memKit::close);
      }, OpsCases::next);
      assertTrue(r.cases() >= 2000 || r.cases() >= runner.planned(), "too few cases ran: " + r.cases());
      assertTrue(r.writes() >= r.cases() / 2, "too few writes compared: " + r);
      for (String op : List.of("claim", "claimVersion", "applyTransition", "purgeByFilter", "archiveByFilter",
          "bulkWrite", "updateManyPipeline", "updatePipeline")) {
        assertTrue(r.stat(op, "value") > 0, op + " must succeed now and then: " + r.stats());
      }
      assertTrue(r.stat("bulkWrite", "BulkWriteException") > 0, "bulk writes must fail now and then: " + r.stats());
      assertTrue(r.stat("getAll", "rows") > 0, "count-free pages must return rows: " + r.stats());
    }
  }

  /** A side of the operations run: documents only; the state is the table and the archive, each in key order. */
  private static DiffSide opsSide(StandardRepo<Map<String, Object>, Object> docs,
      StandardRepo<Map<String, Object>, Object> archive) {
    FindOptions byId = FindOptions.defaults().withSort(Sort.by(SortField.asc("id")));
    return new DiffSide(null, docs, () -> List.of(docs.findAll(Filters.all(), byId),
        archive.findAll(Filters.all(), byId)));
  }

  /**
   * The runner is not blind: a read whose outcome differs, and a write that changes only one kit's table, are
   * each reported with the seed, the data set and the case.
   */
  @Test
  void theRunnerReportsMismatchesWithSeedAndCase() {
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("diff-self.db"))
        .preset(PragmaPreset.PRODUCTION).build()) {
      kit.createTable(DiffSchema.TABLE);
      DiffRunner runner = new DiffRunner("self-check", "selfCheck", 3, 2);
      AssertionError read = assertThrows(AssertionError.class, () -> runner.run(plainDataSets(kit),
          gen -> DiffCase.onRows("count(all) plus one on SQLite", false,
              r -> r.count(Filters.all()) + (r instanceof SqliteRepository ? 1 : 0))));
      assertTrue(read.getMessage().contains("-Dsqlitekit.diff.seed=") && read.getMessage().contains(
          "data set 0 (generator seed ") && read.getMessage().contains("case 0: count(all) plus one on SQLite"),
          read.getMessage());
      AssertionError write = assertThrows(AssertionError.class, () -> runner.run(plainDataSets(kit),
          gen -> DiffCase.onRows("insert on memory only", true, r -> r instanceof SqliteRepository ? 1
              : r.create(new DiffRow("zz-only-here", null, null, null, null, null, null, null, null)) != null ? 1
              : 0)));
      assertTrue(write.getMessage().contains("insert on memory only") && write.getMessage().contains("zz-only-here"),
          write.getMessage());
    }
  }

  /** A second table with the differential schema: lookups join it as well as the base table itself. */
  static final TableDef KIDS = new TableDef("diff_kids", DiffSchema.TABLE.columns(), null);

  /** Local → foreign field pairs of the generated lookups: same-type pairs, text across fields, long vs real. */
  private static final String[][] JOINS = {{"id", "id"}, {"s", "s"}, {"t", "t"}, {"s", "t"}, {"n", "n"},
      {"c", "c"}, {"b", "b"}, {"ts", "ts"}, {"code", "code"}, {"r", "r"}, {"n", "r"}, {"code", "s"}};

  /**
   * Lookup reads: random base filters, sorts, projections and pages with one to three random lookups (into the
   * same table and another, one-to-one and one-to-many, with random foreign filters and projections, now and
   * then an invalid one), as offset pages and full keyset walks; both kits must return equal pages.
   */
  @Test
  void lookupsKitsAgree() {
    DiffRunner runner = new DiffRunner("lookups", "lookup", 80, 26).measure("joined rows",
        DifferentialIT::joinedCount);
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("diff-lookups.db"))
        .preset(PragmaPreset.PRODUCTION).build()) {
      kit.createTable(DiffSchema.TABLE);
      kit.createTable(KIDS);
      DiffRunner.Result r = runner.run(lookupDataSets(kit), DifferentialIT::lookupCase);
      assertTrue(r.cases() >= 2000 || r.cases() >= runner.planned(), "too few cases ran: " + r.cases());
      assertTrue(r.stat("rows") >= r.cases() / 2, "most cases must return rows: " + r.stats());
      assertTrue(r.measures().get("joined rows") >= r.cases(), "the lookups must join rows, not only miss: " + r);
    }
  }

  /**
   * Each data set for lookups: both tables emptied on the SQLite kit, a fresh memory kit, the generator's rows
   * stored in the base table and a second draw of rows in {@link #KIDS} on both; the state is the base table in
   * key order and the count of kids.
   */
  static DiffRunner.DataSets lookupDataSets(SqliteKit kit) {
    StandardRepo<DiffRow, String> sqlite = kit.repository(DiffSchema.TABLE, DiffRow.class);
    DiffSide sqliteSide = new DiffSide(sqlite, kit.documents(DiffSchema.TABLE),
        () -> List.of(table(sqlite), kit.documents(KIDS).count(Filters.all())));
    return gen -> {
      kit.execute("DELETE FROM diff_docs; DELETE FROM diff_kids;");
      Object memKit = MemoryKits.create();
      StandardRepo<DiffRow, String> memory = MemoryKits.repository(memKit, DiffSchema.TABLE, DiffRow.class);
      DiffSide memorySide = new DiffSide(memory, MemoryKits.documents(memKit, DiffSchema.TABLE),
          () -> List.of(table(memory), MemoryKits.documents(memKit, KIDS).count(Filters.all())));
      List<Map<String, Object>> rows = gen.rows();
      List<Map<String, Object>> kids = gen.rows();
      return new DiffRunner.Prepared(sqliteSide, memorySide, DiffRunner.seedBoth("rows and kids",
          () -> List.of(sqliteSide.docs().createMany(rows).size(), kit.documents(KIDS).createMany(kids).size()),
          () -> List.of(memorySide.docs().createMany(rows).size(),
              MemoryKits.documents(memKit, KIDS).createMany(kids).size()),
          sqliteSide.state(), memorySide.state()));
    };
  }

  private static DiffCase lookupCase(DiffGen gen) {
    // Random filters are selective; half the cases read every base row so most pages have rows to join to.
    Filter f = gen.nextInt(2) == 0 ? Filters.all() : gen.filter();
    Sort sort = gen.totalSort();
    Projection p = gen.nextInt(4) == 0 ? gen.projection() : Projection.all();
    List<io.sqlitekit.spi.Lookup> lookups = new ArrayList<>();
    int n = 1 + gen.nextInt(3);
    for (int i = 0; i < n; i++) {
      String[] j = JOINS[gen.nextInt(JOINS.length)];
      TableDef from = gen.nextInt(2) == 0 ? DiffSchema.TABLE : KIDS;
      String local = gen.nextInt(40) == 0 ? "nope" : j[0];
      io.sqlitekit.spi.Lookup l = gen.nextInt(2) == 0 ? io.sqlitekit.spi.Lookup.one("l" + i, from, local, j[1])
          : io.sqlitekit.spi.Lookup.many("l" + i, from, local, j[1]);
      if (gen.nextInt(3) == 0) {
        l = l.where(gen.filter());
      }
      Projection sel = gen.nextInt(4) == 0 ? gen.projection() : Projection.all();
      if (sel.include()) {
        l = l.select(sel.fields().toArray(String[]::new));
      }
      lookups.add(l);
    }
    if (gen.nextInt(2) == 0) {
      int page = gen.nextInt(3) == 0 ? 2 + gen.nextInt(2) : 1;
      int limit = 1 + gen.nextInt(8);
      PageRequest req = new PageRequest(f, sort, page, limit, p);
      return DiffCase.onRows("lookupPage(" + req + ", " + lookups + ")", false, r -> r.lookupPage(req, lookups));
    }
    int limit = 1 + gen.nextInt(6);
    KeysetRequest first = new KeysetRequest(f, sort, null, limit, p);
    return DiffCase.onRows("lookupKeyset walk(" + first + ", " + lookups + ")", false, r -> {
      List<Object> walked = new ArrayList<>();
      String after = null;
      for (int guard = 0; guard < 200; guard++) {
        KeysetPage<io.sqlitekit.spi.LookupRow<DiffRow>> page = r.lookupKeyset(first.after(after), lookups);
        walked.addAll(page.items());
        after = page.nextCursor();
        if (after == null) {
          break;
        }
      }
      return walked;
    });
  }

  /** How many joined rows an outcome holds (0 for an error), so the summary shows the lookups matched. */
  private static long joinedCount(Object outcome) {
    List<?> items = outcome instanceof OffsetPage<?> page ? page.items()
        : outcome instanceof List<?> list ? list : List.of();
    long n = 0;
    for (Object o : items) {
      if (o instanceof io.sqlitekit.spi.LookupRow<?> row) {
        for (Object v : row.joined().values()) {
          n += v == null ? 0 : v instanceof List<?> l ? l.size() : 1;
        }
      }
    }
    return n;
  }

  private static final String[] TENANTS = {"t1", "t2", "t3"};

  /** The differential table plus the columns multi-tenant, soft-delete and timestamp manage. */
  static final TableDef PLUGIN_TABLE = DiffSchema.TABLE.withColumn(Column.text("organizationId"))
      .withColumn(Column.timestamp("deletedAt")).withColumn(Column.timestamp("createdAt"))
      .withColumn(Column.timestamp("updatedAt"));

  /** The plugins of the plugin run, fresh instances for each kit, in the order a user would list them. */
  private static List<RepositoryPlugin> policyPlugins() {
    return List.of(TenantPlugin.create(TenantOptions.defaults()), SoftDeletePlugin.create(SoftDeleteOptions.defaults()),
        TimestampPlugin.create(TimestampOptions.defaults()));
  }

  @Test
  void sqliteAndMemoryKitsAgreeWithPlugins() {
    DiffRunner runner = new DiffRunner("with multi-tenant, soft-delete and timestamp", "", 200, 50);
    // One clock for both kits: each case runs on both at the same instant, then time moves on.
    MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
    SqliteKit.Builder builder = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("diff-plugins.db"))
        .preset(PragmaPreset.PRODUCTION).clock(clock);
    policyPlugins().forEach(builder::plugin);
    try (SqliteKit kit = builder.build()) {
      kit.createTable(PLUGIN_TABLE);
      StandardRepo<Map<String, Object>, Object> sqliteDocs = kit.documents(PLUGIN_TABLE);
      DiffSide sqliteSide = new DiffSide(kit.repository(PLUGIN_TABLE, DiffRow.class), sqliteDocs,
          () -> everything(sqliteDocs));
      DiffRunner.Result r = runner.run(gen -> {
        kit.execute("DELETE FROM diff_docs;");
        MemoryKit.Builder mb = MemoryKit.builder().clock(clock);
        policyPlugins().forEach(mb::plugin);
        MemoryKit memKit = mb.build();
        StandardRepo<Map<String, Object>, Object> memoryDocs = memKit.documents(PLUGIN_TABLE);
        DiffSide memorySide = new DiffSide(memKit.repository(PLUGIN_TABLE, DiffRow.class), memoryDocs,
            () -> everything(memoryDocs));
        List<Map<String, Object>> rows = gen.rows();
        String seeded = seed(gen, rows, sqliteDocs, memoryDocs);
        String bad = seeded != null || !everything(sqliteDocs).equals(everything(memoryDocs))
            ? "seeding " + rows + (seeded != null ? "\n  " + seeded : "") + "\n  sqlite: " + everything(sqliteDocs)
                + "\n  memory: " + everything(memoryDocs) : null;
        return new DiffRunner.Prepared(sqliteSide, memorySide, bad, memKit::close);
      }, gen -> {
        clock.advance(Duration.ofMillis(1000 + gen.nextInt(1000)));
        CallContext context = callContext(gen);
        return (gen.nextInt(100) < 45 ? nextPluginCase(gen) : nextCase(gen)).as(context);
      });
      assertTrue(r.cases() >= runner.planned() / 2, "too few cases ran: " + r.cases());
      assertTrue(r.writes() >= r.cases() / 5, "too few writes compared: " + r.writes());
    }
  }

  /**
   * Inserts a data set on both kits, each row as one of the tenants, then soft-deletes about one row in ten;
   * returns a description of the first outcome that differs, or null.
   */
  private static String seed(DiffGen gen, List<Map<String, Object>> rows, StandardRepo<Map<String, Object>, Object> a,
      StandardRepo<Map<String, Object>, Object> b) {
    Map<String, List<Map<String, Object>>> byTenant = new java.util.TreeMap<>();
    for (Map<String, Object> row : rows) {
      byTenant.computeIfAbsent(TENANTS[gen.nextInt(TENANTS.length)], t -> new ArrayList<>()).add(row);
    }
    for (Map.Entry<String, List<Map<String, Object>>> e : byTenant.entrySet()) {
      CallContext as = CallContext.of(Tenants.TENANT_ID, e.getKey());
      Object x = DiffRunner.outcome(() -> a.withContext(as).createMany(e.getValue()).size());
      Object y = DiffRunner.outcome(() -> b.withContext(as).createMany(e.getValue()).size());
      if (!x.equals(y)) {
        return "createMany as " + e.getKey() + ": sqlite " + x + ", memory " + y;
      }
      for (Map<String, Object> row : e.getValue()) {
        if (gen.nextInt(10) == 0) {
          Object id = row.get("id");
          x = DiffRunner.outcome(() -> a.withContext(as).delete(id));
          y = DiffRunner.outcome(() -> b.withContext(as).delete(id));
          if (!x.equals(y)) {
            return "delete(" + id + ") as " + e.getKey() + ": sqlite " + x + ", memory " + y;
          }
        }
      }
    }
    return null;
  }

  /** A random tenant (rarely none), sometimes with deleted rows included or hard deletes. */
  private static CallContext callContext(DiffGen gen) {
    CallContext c = gen.nextInt(40) == 0 ? CallContext.empty()
        : CallContext.of(Tenants.TENANT_ID, TENANTS[gen.nextInt(TENANTS.length)]);
    int extra = gen.nextInt(20);
    if (extra < 2) {
      c = c.with(SoftDeletes.INCLUDE_DELETED, true);
    } else if (extra < 3) {
      c = c.with(SoftDeletes.HARD_DELETE, true);
    }
    return c;
  }

  /** Every row of the table, deleted rows and every tenant included, with all columns, in key order. */
  private static List<Map<String, Object>> everything(StandardRepo<Map<String, Object>, Object> docs) {
    return docs.withContext(CallContext.of(Tenants.BYPASS, true).with(SoftDeletes.INCLUDE_DELETED, true))
        .findAll(Filters.all(), FindOptions.defaults().withSort(Sort.by(SortField.asc("id"))));
  }

  /** The writes and key reads the policy plugins rewrite, on the document view (rows with managed columns). */
  private static DiffCase nextPluginCase(DiffGen gen) {
    int kind = gen.nextInt(100);
    if (kind < 12) {
      Map<String, Object> row = gen.newRow();
      return DiffCase.onDocs("create(" + row + ")", true, r -> r.create(row));
    }
    if (kind < 18) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 1 + gen.nextInt(3); i > 0; i--) {
        rows.add(gen.newRow());
      }
      return DiffCase.onDocs("createMany(" + rows + ")", true, r -> r.createMany(rows));
    }
    if (kind < 30) {
      Map<String, Object> row = gen.newRow();
      UpsertOptions o = gen.nextInt(4) == 0 ? UpsertOptions.onConflict("code") : UpsertOptions.onPrimaryKey();
      return DiffCase.onDocs("upsert(" + row + ", " + o + ")", true, r -> r.upsert(row, o));
    }
    if (kind < 40) {
      Object id = gen.value("id", false);
      return DiffCase.onDocs("delete(" + id + ")", true, r -> r.delete(id));
    }
    if (kind < 50) {
      Object id = gen.value("id", false);
      Update u = gen.update();
      return DiffCase.onDocs("update(" + id + ", " + u + ")", true, r -> r.update(id, u));
    }
    if (kind < 62) {
      Filter f = gen.nextInt(2) == 0 ? Filters.eq("id", gen.value("id", false)) : gen.filter();
      Update u = gen.update();
      FindOneAndUpdateOptions o = FindOneAndUpdateOptions.defaults().withUpsert(gen.nextInt(2) == 0)
          .returning(gen.nextInt(2) == 0 ? ReturnDocument.AFTER : ReturnDocument.BEFORE)
          .withSort(gen.nextInt(2) == 0 ? gen.totalSort() : gen.partialSort());
      return DiffCase.onDocs("findOneAndUpdate(" + f + ", " + u + ", " + o + ")", true,
          r -> r.findOneAndUpdate(f, u, o));
    }
    if (kind < 70) {
      Filter f = gen.filter();
      Map<String, Object> row = gen.newRow();
      return DiffCase.onDocs("getOrCreate(" + f + ", " + row + ")", true, r -> r.getOrCreate(f, row));
    }
    if (kind < 80) {
      List<String> steps = new ArrayList<>();
      List<Object> args = new ArrayList<>();
      for (int i = 1 + gen.nextInt(4); i > 0; i--) {
        int op = gen.nextInt(4);
        steps.add(List.of("insert", "upsert", "update", "delete").get(op));
        args.add(op < 2 ? gen.newRow() : op == 2 ? List.of(gen.value("id", false), gen.update())
            : gen.value("id", false));
      }
      return DiffCase.onDocs("batch(" + steps + " " + args + ")", true, r -> r.batch(b -> {
        List<BatchStatement> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
          Object arg = args.get(i);
          switch (steps.get(i)) {
            case "insert":
              out.add(b.insert(new LinkedHashMap<>(castRow(arg))));
              break;
            case "upsert":
              out.add(b.upsert(new LinkedHashMap<>(castRow(arg))));
              break;
            case "update":
              out.add(b.update(((List<?>) arg).get(0), (Update) ((List<?>) arg).get(1)));
              break;
            default:
              out.add(b.delete(arg));
              break;
          }
        }
        return out;
      }));
    }
    if (kind < 90) {
      Object id = gen.value("id", false);
      Projection p = gen.nextInt(3) == 0 ? gen.projection() : Projection.all();
      return DiffCase.onDocs("getById(" + id + ", " + p + ")", false, r -> r.getById(id, p));
    }
    List<Object> ids = new ArrayList<>();
    for (int i = gen.nextInt(5); i > 0; i--) {
      ids.add(gen.value("id", false));
    }
    return DiffCase.onDocs("getByIds(" + ids + ")", false, r -> r.getByIds(ids));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castRow(Object row) {
    return (Map<String, Object>) row;
  }

  private static DiffCase nextCase(DiffGen gen) {
    int kind = gen.nextInt(100);
    Filter f = gen.filter();
    if (kind < 35) {
      Sort sort = PARTIAL_SORTS && gen.nextInt(3) == 0 ? gen.partialSort() : gen.totalSort();
      int limit = gen.nextInt(3) == 0 ? gen.nextInt(10) : 0;
      int offset = gen.nextInt(4) == 0 ? gen.nextInt(6) : 0;
      FindOptions o = FindOptions.defaults().withSort(sort).withLimit(limit).withOffset(offset);
      return DiffCase.onRows("findAll(" + f + ", " + sort + ", limit " + limit + ", offset " + offset + ")", false,
          r -> r.findAll(f, o));
    }
    if (kind < 40) {
      if (PARTIAL_SORTS) {
        return DiffCase.onRows("findAll(" + f + ") in key order", false, r -> r.findAll(f));
      }
      return DiffCase.onRows("findAll(" + f + ") as a set", false, r -> byId(r.findAll(f)));
    }
    if (kind < 45) {
      Projection p = gen.projection();
      Sort sort = gen.totalSort();
      FindOptions o = FindOptions.defaults().withSort(sort).withProjection(p);
      return DiffCase.onRows("findAll(" + f + ", " + sort + ", " + p + ")", false, r -> r.findAll(f, o));
    }
    if (kind < 55) {
      return DiffCase.onRows("count/exists(" + f + ")", false, r -> List.of(r.count(f), r.exists(f)));
    }
    if (kind < 60) {
      Sort sort = PARTIAL_SORTS && gen.nextInt(3) == 0 ? gen.partialSort() : gen.totalSort();
      return DiffCase.onRows("getOne(" + f + ", " + sort + ")", false,
          r -> r.getOne(f, FindOptions.defaults().withSort(sort)));
    }
    if (kind < 68) {
      String field = gen.field();
      return DiffCase.onRows("distinct(" + field + ", " + f + ")", false, r -> r.distinct(field, f));
    }
    if (kind < 78) {
      if (kind >= 73) {
        return aggregateV2Case(gen, f);
      }
      AggregateRequest req = gen.aggregate(f);
      return DiffCase.onRows("aggregate(" + req + ")", false, r -> r.aggregate(req));
    }
    if (kind < 81) {
      Sort sort = PARTIAL_SORTS && gen.nextInt(3) == 0 ? gen.partialSort() : gen.totalSort();
      PageRequest req = new PageRequest(f, sort, 1 + gen.nextInt(4), 1 + gen.nextInt(10), Projection.all());
      return DiffCase.onRows("getAll(" + req + ")", false, r -> r.getAll(req));
    }
    if (kind < 84) {
      // Keyset walks sort by 0-3 keys plus the key, or (PARTIAL_SORTS) by non-unique keys only.
      Sort sort = PARTIAL_SORTS && gen.nextInt(3) == 0 ? gen.partialSort() : gen.totalSort();
      int limit = 1 + gen.nextInt(7);
      return DiffCase.onRows("keyset walk(" + f + ", " + sort + ", limit " + limit + ")", false, r -> walk(r, f, sort, limit));
    }
    if (kind < 86) {
      Sort sort = PARTIAL_SORTS && gen.nextInt(3) == 0 ? gen.partialSort() : gen.totalSort();
      StreamOptions o = StreamOptions.defaults().withSort(sort).withBatchSize(1 + gen.nextInt(6));
      return DiffCase.onRows("stream(" + f + ", " + o + ")", false, r -> {
        try (java.util.stream.Stream<DiffRow> st = r.stream(f, o)) {
          return st.collect(Collectors.toList());
        }
      });
    }
    if (kind < 89) {
      String id = (String) gen.value("id", false);
      String field = gen.nextInt(5) == 0 ? gen.field() : gen.nextInt(2) == 0 ? "n" : "r";
      Number delta = gen.delta(field);
      return DiffCase.onRows("increment(" + id + ", " + field + ", " + delta + ")", true, r -> r.increment(id, field, delta));
    }
    if (kind < 97) {
      Update u = gen.update();
      return DiffCase.onRows("updateMany(" + f + ", " + u + ")", true, r -> r.updateMany(f, u));
    }
    return DiffCase.onRows("deleteMany(" + f + ")", true, r -> r.deleteMany(f));
  }

  /**
   * An aggregate-v2 request run as a plain aggregate (sometimes with limit/offset), an offset page (either
   * count strategy) or a keyset walk. Floating results are compared rounded to 10 significant digits: the kits
   * may sum deviations in a different order, never differently otherwise.
   */
  private static DiffCase aggregateV2Case(DiffGen gen, Filter f) {
    AggregateRequest req = gen.aggregateV2(f, true);
    int mode = gen.nextInt(10);
    if (mode < 6) {
      AggregateRequest r = gen.nextInt(4) == 0 ? req.page(1 + gen.nextInt(3), gen.nextInt(3)) : req;
      return DiffCase.onRows("aggregate v2(" + r + ")", false, x -> rounded(x.aggregate(r)));
    }
    if (mode < 8) {
      int page = gen.nextInt(3) == 0 ? 2 + gen.nextInt(2) : 1;
      int limit = 1 + gen.nextInt(4);
      CountStrategy count = gen.nextInt(2) == 0 ? CountStrategy.EXACT : CountStrategy.NONE;
      return DiffCase.onRows("aggregatePage(" + req + ", " + page + ", " + limit + ", " + count + ")", false, x -> {
        OffsetPage<Map<String, Object>> p = x.aggregatePage(req, page, limit, count);
        return rounded(List.of(p.items(), p.page(), p.limit(), p.total(), p.pages(), p.hasNext(), p.hasPrev()));
      });
    }
    AggregateRequest sorted = req.sort().isEmpty() ? req.orderBy(Sort.parse("-m0")) : req;
    int limit = 1 + gen.nextInt(3);
    return DiffCase.onRows("aggregateKeyset walk(" + sorted + ", " + limit + ")", false, x -> {
      List<Object> pages = new ArrayList<>();
      String cursor = null;
      for (int i = 0; i < 40; i++) {
        KeysetPage<Map<String, Object>> p = x.aggregateKeyset(sorted, cursor, limit);
        pages.add(List.of(rounded(p.items()), p.hasMore()));
        cursor = p.nextCursor();
        if (cursor == null) {
          break;
        }
      }
      return pages;
    });
  }

  /** The value with every finite double rounded to 10 significant digits, recursively through lists and maps. */
  static Object rounded(Object v) {
    if (v instanceof Double) {
      double d = (Double) v;
      return Double.isFinite(d) ? new java.math.BigDecimal(d).round(new java.math.MathContext(10)).doubleValue() : d;
    }
    if (v instanceof List) {
      return ((List<?>) v).stream().map(DifferentialIT::rounded).collect(Collectors.toList());
    }
    if (v instanceof Map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> out.put(k, rounded(x)));
      return out;
    }
    return v;
  }

  /** Every page of a keyset walk (items and hasMore; cursors are opaque), at most 60 pages. */
  private static List<Object> walk(StandardRepo<DiffRow, String> repo, Filter f, Sort sort, int limit) {
    List<Object> pages = new ArrayList<>();
    KeysetRequest req = new KeysetRequest(f, sort, null, limit, Projection.all());
    for (int i = 0; i < 60; i++) {
      KeysetPage<DiffRow> page = repo.getAll(req);
      pages.add(List.of(page.items(), page.hasMore()));
      if (!page.hasMore()) {
        break;
      }
      req = req.after(page.nextCursor());
    }
    return pages;
  }

  private static Map<String, DiffRow> byId(List<DiffRow> rows) {
    Map<String, DiffRow> out = new java.util.TreeMap<>();
    rows.forEach(r -> out.put(r.id(), r));
    return out;
  }

  private static List<DiffRow> table(StandardRepo<DiffRow, String> repo) {
    return repo.findAll(Filters.all(), FindOptions.defaults().withSort(Sort.by(SortField.asc("id"))));
  }
}
