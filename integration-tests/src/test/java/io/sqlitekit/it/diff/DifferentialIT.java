package io.sqlitekit.it.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sqlitekit.core.SqliteKit;
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
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
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
 * <p>Reproducible: {@code -Dsqlitekit.diff.seed=N} (printed on failure), {@code -Dsqlitekit.diff.datasets}
 * (default 200) and {@code -Dsqlitekit.diff.cases} (cases per data set, default 50).
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

  private static final int MAX_REPORTED = Integer.getInteger("sqlitekit.diff.maxReported", 15);

  @TempDir
  Path dir;

  @Test
  void sqliteAndMemoryKitsAgree() {
    assertTrue(MemoryKits.available(), "sqlitekit-memory must be on the test class path (pom test dependency)");
    long seed = Long.getLong("sqlitekit.diff.seed", System.nanoTime());
    int datasets = Integer.getInteger("sqlitekit.diff.datasets", 200);
    int casesPer = Integer.getInteger("sqlitekit.diff.cases", 50);
    String rerun = String.format(Locale.ROOT, "-Dsqlitekit.diff.seed=%d -Dsqlitekit.diff.datasets=%d"
        + " -Dsqlitekit.diff.cases=%d", seed, datasets, casesPer);

    List<String> mismatches = new ArrayList<>();
    Map<String, Integer> stats = new java.util.TreeMap<>();
    long cases = 0;
    long started = System.nanoTime();
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("diff.db"))
        .preset(PragmaPreset.PRODUCTION).build()) {
      kit.createTable(DiffSchema.TABLE);
      StandardRepo<DiffRow, String> sqlite = kit.repository(DiffSchema.TABLE, DiffRow.class);
      StandardRepo<Map<String, Object>, Object> sqliteDocs = kit.documents(DiffSchema.TABLE);
      for (int d = 0; d < datasets && mismatches.size() < MAX_REPORTED; d++) {
        long dataSeed = seed + d * 0x9E3779B97F4A7C15L;
        DiffGen gen = new DiffGen(dataSeed);
        kit.execute("DELETE FROM diff_docs;");
        Object memKit = MemoryKits.create();
        StandardRepo<DiffRow, String> memory = MemoryKits.repository(memKit, DiffSchema.TABLE, DiffRow.class);
        StandardRepo<Map<String, Object>, Object> memoryDocs = MemoryKits.documents(memKit, DiffSchema.TABLE);

        List<Map<String, Object>> rows = gen.rows();
        String where = String.format(Locale.ROOT, "data set %d (%d rows)", d, rows.size());
        Object a = outcome(() -> sqliteDocs.createMany(rows).size());
        Object b = outcome(() -> memoryDocs.createMany(rows).size());
        if (!a.equals(b) || !table(sqlite).equals(table(memory))) {
          mismatches.add(where + ": inserting " + rows + "\n  sqlite: " + a + " " + table(sqlite) + "\n  memory: " + b
              + " " + table(memory));
          continue;
        }
        for (int c = 0; c < casesPer && mismatches.size() < MAX_REPORTED; c++) {
          cases++;
          Case k = nextCase(gen);
          Object sa = outcome(() -> k.run.apply(sqlite));
          Object ma = outcome(() -> k.run.apply(memory));
          stats.merge(kindOf(sa), 1, Integer::sum);
          boolean same = sa.equals(ma);
          if (same && k.writes) {
            same = table(sqlite).equals(table(memory));
          }
          if (!same) {
            mismatches.add(String.format(Locale.ROOT, "%s, case %d: %s%n  sqlite: %s%n  memory: %s%s", where, c,
                k.description, sa, ma, k.writes ? "\n  sqlite table: " + table(sqlite) + "\n  memory table: "
                    + table(memory) : ""));
            if (k.writes) {
              break; // the tables differ now; later cases of this data set would only repeat the finding
            }
          }
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    String summary = String.format(Locale.ROOT, "Differential SQLite vs memory: %d cases over %d data sets in %.1f s,"
        + " %d mismatches (%s); SQLite outcomes: %s", cases, datasets, seconds, mismatches.size(), rerun, stats);
    System.err.println(summary);
    if (!mismatches.isEmpty()) {
      fail(summary + "\n" + String.join("\n", mismatches));
    }
    assertTrue(cases >= (long) datasets * casesPer / 2, "too few cases ran: " + cases);
  }

  /** The tenants cases run as. */
  /**
   * Aggregate v2 only: random requests with date buckets (UTC and zoned), measure filters, percentiles,
   * deviations, having and top-N, run as plain aggregates, offset pages and keyset walks on both kits.
   */
  @Test
  void aggregateV2KitsAgree() {
    long seed = Long.getLong("sqlitekit.diff.seed", System.nanoTime());
    int datasets = Integer.getInteger("sqlitekit.diff.aggDatasets", 100);
    int casesPer = Integer.getInteger("sqlitekit.diff.aggCases", 25);
    String rerun = String.format(Locale.ROOT, "-Dsqlitekit.diff.seed=%d -Dsqlitekit.diff.aggDatasets=%d"
        + " -Dsqlitekit.diff.aggCases=%d", seed, datasets, casesPer);
    List<String> mismatches = new ArrayList<>();
    Map<String, Integer> stats = new java.util.TreeMap<>();
    long cases = 0;
    long started = System.nanoTime();
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("diff-agg.db"))
        .preset(PragmaPreset.PRODUCTION).build()) {
      kit.createTable(DiffSchema.TABLE);
      StandardRepo<DiffRow, String> sqlite = kit.repository(DiffSchema.TABLE, DiffRow.class);
      StandardRepo<Map<String, Object>, Object> sqliteDocs = kit.documents(DiffSchema.TABLE);
      for (int d = 0; d < datasets && mismatches.size() < MAX_REPORTED; d++) {
        DiffGen gen = new DiffGen(seed + d * 0x9E3779B97F4A7C15L);
        kit.execute("DELETE FROM diff_docs;");
        Object memKit = MemoryKits.create();
        StandardRepo<DiffRow, String> memory = MemoryKits.repository(memKit, DiffSchema.TABLE, DiffRow.class);
        StandardRepo<Map<String, Object>, Object> memoryDocs = MemoryKits.documents(memKit, DiffSchema.TABLE);
        List<Map<String, Object>> rows = gen.rows();
        Object a = outcome(() -> sqliteDocs.createMany(rows).size());
        Object b = outcome(() -> memoryDocs.createMany(rows).size());
        if (!a.equals(b)) {
          mismatches.add("aggregate data set " + d + ": inserting " + rows + "\n  sqlite: " + a + "\n  memory: " + b);
          continue;
        }
        for (int c = 0; c < casesPer && mismatches.size() < MAX_REPORTED; c++) {
          cases++;
          Case k = aggregateV2Case(gen, gen.filter());
          Object sa = outcome(() -> k.run.apply(sqlite));
          Object ma = outcome(() -> k.run.apply(memory));
          stats.merge(kindOf(sa), 1, Integer::sum);
          if (!sa.equals(ma)) {
            mismatches.add(String.format(Locale.ROOT, "aggregate data set %d (%d rows), case %d: %s%n  sqlite: %s%n"
                + "  memory: %s", d, rows.size(), c, k.description, sa, ma));
          }
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    String summary = String.format(Locale.ROOT, "Differential aggregate v2, SQLite vs memory: %d cases over %d data"
        + " sets in %.1f s, %d mismatches (%s); SQLite outcomes: %s", cases, datasets, seconds, mismatches.size(),
        rerun, stats);
    System.err.println(summary);
    if (!mismatches.isEmpty()) {
      fail(summary + "\n" + String.join("\n", mismatches));
    }
    assertTrue(cases >= (long) datasets * casesPer / 2, "too few cases ran: " + cases);
    assertTrue(stats.getOrDefault("rows", 0) >= cases / 2, "most cases must return rows: " + stats);
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
    long seed = Long.getLong("sqlitekit.diff.seed", System.nanoTime());
    int datasets = Integer.getInteger("sqlitekit.diff.lookupDatasets", 80);
    int casesPer = Integer.getInteger("sqlitekit.diff.lookupCases", 26);
    String rerun = String.format(Locale.ROOT, "-Dsqlitekit.diff.seed=%d -Dsqlitekit.diff.lookupDatasets=%d"
        + " -Dsqlitekit.diff.lookupCases=%d", seed, datasets, casesPer);
    List<String> mismatches = new ArrayList<>();
    Map<String, Integer> stats = new java.util.TreeMap<>();
    long cases = 0;
    long joinedRows = 0;
    long started = System.nanoTime();
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("diff-lookups.db"))
        .preset(PragmaPreset.PRODUCTION).build()) {
      kit.createTable(DiffSchema.TABLE);
      kit.createTable(KIDS);
      StandardRepo<DiffRow, String> sqlite = kit.repository(DiffSchema.TABLE, DiffRow.class);
      for (int d = 0; d < datasets && mismatches.size() < MAX_REPORTED; d++) {
        DiffGen gen = new DiffGen(seed + d * 0x9E3779B97F4A7C15L);
        kit.execute("DELETE FROM diff_docs; DELETE FROM diff_kids;");
        Object memKit = MemoryKits.create();
        StandardRepo<DiffRow, String> memory = MemoryKits.repository(memKit, DiffSchema.TABLE, DiffRow.class);
        List<Map<String, Object>> rows = gen.rows();
        List<Map<String, Object>> kids = gen.rows();
        Object a = outcome(() -> List.of(kit.documents(DiffSchema.TABLE).createMany(rows).size(),
            kit.documents(KIDS).createMany(kids).size()));
        Object b = outcome(() -> List.of(MemoryKits.documents(memKit, DiffSchema.TABLE).createMany(rows).size(),
            MemoryKits.documents(memKit, KIDS).createMany(kids).size()));
        if (!a.equals(b)) {
          mismatches.add("lookup data set " + d + ": inserting\n  sqlite: " + a + "\n  memory: " + b);
          continue;
        }
        for (int c = 0; c < casesPer && mismatches.size() < MAX_REPORTED; c++) {
          cases++;
          Case k = lookupCase(gen);
          Object sa = outcome(() -> k.run.apply(sqlite));
          Object ma = outcome(() -> k.run.apply(memory));
          stats.merge(kindOf(sa instanceof OffsetPage<?> page ? page.items() : sa), 1, Integer::sum);
          joinedRows += joinedCount(sa);
          if (!sa.equals(ma)) {
            mismatches.add(String.format(Locale.ROOT, "lookup data set %d, case %d: %s%n  sqlite: %s%n  memory: %s",
                d, c, k.description, sa, ma));
          }
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    String summary = String.format(Locale.ROOT, "Differential lookups, SQLite vs memory: %d cases over %d data sets"
        + " in %.1f s, %d joined rows, %d mismatches (%s); SQLite outcomes: %s", cases, datasets, seconds,
        joinedRows, mismatches.size(), rerun, stats);
    System.err.println(summary);
    if (!mismatches.isEmpty()) {
      fail(summary + "\n" + String.join("\n", mismatches));
    }
    assertTrue(cases >= 2000 || cases >= (long) datasets * casesPer, "too few cases ran: " + cases);
    assertTrue(stats.getOrDefault("rows", 0) >= cases / 2, "most cases must return rows: " + stats);
    assertTrue(joinedRows >= cases, "the lookups must join rows, not only miss: " + joinedRows);
  }

  private static Case lookupCase(DiffGen gen) {
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
      return new Case("lookupPage(" + req + ", " + lookups + ")", false, r -> r.lookupPage(req, lookups));
    }
    int limit = 1 + gen.nextInt(6);
    KeysetRequest first = new KeysetRequest(f, sort, null, limit, p);
    return new Case("lookupKeyset walk(" + first + ", " + lookups + ")", false, r -> {
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
    long seed = Long.getLong("sqlitekit.diff.seed", System.nanoTime());
    int datasets = Integer.getInteger("sqlitekit.diff.datasets", 200);
    int casesPer = Integer.getInteger("sqlitekit.diff.cases", 50);
    String rerun = String.format(Locale.ROOT, "-Dsqlitekit.diff.seed=%d -Dsqlitekit.diff.datasets=%d"
        + " -Dsqlitekit.diff.cases=%d", seed, datasets, casesPer);
    // One clock for both kits: each case runs on both at the same instant, then time moves on.
    MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));

    List<String> mismatches = new ArrayList<>();
    Map<String, Integer> stats = new java.util.TreeMap<>();
    long cases = 0;
    long writes = 0;
    long started = System.nanoTime();
    SqliteKit.Builder builder = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("diff-plugins.db"))
        .preset(PragmaPreset.PRODUCTION).clock(clock);
    policyPlugins().forEach(builder::plugin);
    try (SqliteKit kit = builder.build()) {
      kit.createTable(PLUGIN_TABLE);
      StandardRepo<DiffRow, String> sqlite = kit.repository(PLUGIN_TABLE, DiffRow.class);
      StandardRepo<Map<String, Object>, Object> sqliteDocs = kit.documents(PLUGIN_TABLE);
      for (int d = 0; d < datasets && mismatches.size() < MAX_REPORTED; d++) {
        DiffGen gen = new DiffGen(seed + d * 0x9E3779B97F4A7C15L);
        kit.execute("DELETE FROM diff_docs;");
        MemoryKit.Builder mb = MemoryKit.builder().clock(clock);
        policyPlugins().forEach(mb::plugin);
        MemoryKit memKit = mb.build();
        StandardRepo<DiffRow, String> memory = memKit.repository(PLUGIN_TABLE, DiffRow.class);
        StandardRepo<Map<String, Object>, Object> memoryDocs = memKit.documents(PLUGIN_TABLE);

        List<Map<String, Object>> rows = gen.rows();
        String where = String.format(Locale.ROOT, "plugin data set %d (%d rows)", d, rows.size());
        String seeded = seed(gen, rows, sqliteDocs, memoryDocs);
        if (seeded != null || !everything(sqliteDocs).equals(everything(memoryDocs))) {
          mismatches.add(where + ": seeding " + rows + (seeded != null ? "\n  " + seeded : "") + "\n  sqlite: "
              + everything(sqliteDocs) + "\n  memory: " + everything(memoryDocs));
          continue;
        }
        for (int c = 0; c < casesPer && mismatches.size() < MAX_REPORTED; c++) {
          cases++;
          clock.advance(Duration.ofMillis(1000 + gen.nextInt(1000)));
          CallContext context = callContext(gen);
          Case k = gen.nextInt(100) < 45 ? nextPluginCase(gen) : nextCase(gen);
          Object sa = outcome(() -> k.apply(sqlite.withContext(context), sqliteDocs.withContext(context)));
          Object ma = outcome(() -> k.apply(memory.withContext(context), memoryDocs.withContext(context)));
          stats.merge(kindOf(sa), 1, Integer::sum);
          boolean same = sa.equals(ma);
          if (same && k.writes) {
            writes++;
            same = everything(sqliteDocs).equals(everything(memoryDocs));
          }
          if (!same) {
            mismatches.add(String.format(Locale.ROOT, "%s, case %d as %s: %s%n  sqlite: %s%n  memory: %s%s", where, c,
                context, k.description, sa, ma, k.writes ? "\n  sqlite table: " + everything(sqliteDocs)
                    + "\n  memory table: " + everything(memoryDocs) : ""));
            if (k.writes) {
              break;
            }
          }
        }
        memKit.close();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    String summary = String.format(Locale.ROOT, "Differential SQLite vs memory with multi-tenant, soft-delete and"
        + " timestamp: %d cases (%d writes) over %d data sets in %.1f s, %d mismatches (%s); SQLite outcomes: %s",
        cases, writes, datasets, seconds, mismatches.size(), rerun, stats);
    System.err.println(summary);
    if (!mismatches.isEmpty()) {
      fail(summary + "\n" + String.join("\n", mismatches));
    }
    assertTrue(cases >= (long) datasets * casesPer / 2, "too few cases ran: " + cases);
    assertTrue(writes >= cases / 5, "too few writes compared: " + writes);
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
      Object x = outcome(() -> a.withContext(as).createMany(e.getValue()).size());
      Object y = outcome(() -> b.withContext(as).createMany(e.getValue()).size());
      if (!x.equals(y)) {
        return "createMany as " + e.getKey() + ": sqlite " + x + ", memory " + y;
      }
      for (Map<String, Object> row : e.getValue()) {
        if (gen.nextInt(10) == 0) {
          Object id = row.get("id");
          x = outcome(() -> a.withContext(as).delete(id));
          y = outcome(() -> b.withContext(as).delete(id));
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
  private static Case nextPluginCase(DiffGen gen) {
    int kind = gen.nextInt(100);
    if (kind < 12) {
      Map<String, Object> row = gen.newRow();
      return Case.onDocs("create(" + row + ")", true, r -> r.create(row));
    }
    if (kind < 18) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 1 + gen.nextInt(3); i > 0; i--) {
        rows.add(gen.newRow());
      }
      return Case.onDocs("createMany(" + rows + ")", true, r -> r.createMany(rows));
    }
    if (kind < 30) {
      Map<String, Object> row = gen.newRow();
      UpsertOptions o = gen.nextInt(4) == 0 ? UpsertOptions.onConflict("code") : UpsertOptions.onPrimaryKey();
      return Case.onDocs("upsert(" + row + ", " + o + ")", true, r -> r.upsert(row, o));
    }
    if (kind < 40) {
      Object id = gen.value("id", false);
      return Case.onDocs("delete(" + id + ")", true, r -> r.delete(id));
    }
    if (kind < 50) {
      Object id = gen.value("id", false);
      Update u = gen.update();
      return Case.onDocs("update(" + id + ", " + u + ")", true, r -> r.update(id, u));
    }
    if (kind < 62) {
      Filter f = gen.nextInt(2) == 0 ? Filters.eq("id", gen.value("id", false)) : gen.filter();
      Update u = gen.update();
      FindOneAndUpdateOptions o = FindOneAndUpdateOptions.defaults().withUpsert(gen.nextInt(2) == 0)
          .returning(gen.nextInt(2) == 0 ? ReturnDocument.AFTER : ReturnDocument.BEFORE)
          .withSort(gen.nextInt(2) == 0 ? gen.totalSort() : gen.partialSort());
      return Case.onDocs("findOneAndUpdate(" + f + ", " + u + ", " + o + ")", true,
          r -> r.findOneAndUpdate(f, u, o));
    }
    if (kind < 70) {
      Filter f = gen.filter();
      Map<String, Object> row = gen.newRow();
      return Case.onDocs("getOrCreate(" + f + ", " + row + ")", true, r -> r.getOrCreate(f, row));
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
      return Case.onDocs("batch(" + steps + " " + args + ")", true, r -> r.batch(b -> {
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
      return Case.onDocs("getById(" + id + ", " + p + ")", false, r -> r.getById(id, p));
    }
    List<Object> ids = new ArrayList<>();
    for (int i = gen.nextInt(5); i > 0; i--) {
      ids.add(gen.value("id", false));
    }
    return Case.onDocs("getByIds(" + ids + ")", false, r -> r.getByIds(ids));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castRow(Object row) {
    return (Map<String, Object>) row;
  }

  /** One generated operation: what it does, whether it writes, and how to run it on a repository. */
  private static final class Case {
    final String description;
    final boolean writes;
    final Function<StandardRepo<DiffRow, String>, Object> run;
    /** Set instead of {@link #run} for cases that work on the document view (rows the record cannot hold). */
    final Function<StandardRepo<Map<String, Object>, Object>, Object> docs;

    Case(String description, boolean writes, Function<StandardRepo<DiffRow, String>, Object> run) {
      this(description, writes, run, null);
    }

    private Case(String description, boolean writes, Function<StandardRepo<DiffRow, String>, Object> run,
        Function<StandardRepo<Map<String, Object>, Object>, Object> docs) {
      this.description = description;
      this.writes = writes;
      this.run = run;
      this.docs = docs;
    }

    static Case onDocs(String description, boolean writes,
        Function<StandardRepo<Map<String, Object>, Object>, Object> docs) {
      return new Case(description, writes, null, docs);
    }

    Object apply(StandardRepo<DiffRow, String> rows, StandardRepo<Map<String, Object>, Object> documents) {
      return docs != null ? docs.apply(documents) : run.apply(rows);
    }
  }

  private static Case nextCase(DiffGen gen) {
    int kind = gen.nextInt(100);
    Filter f = gen.filter();
    if (kind < 35) {
      Sort sort = PARTIAL_SORTS && gen.nextInt(3) == 0 ? gen.partialSort() : gen.totalSort();
      int limit = gen.nextInt(3) == 0 ? gen.nextInt(10) : 0;
      int offset = gen.nextInt(4) == 0 ? gen.nextInt(6) : 0;
      FindOptions o = FindOptions.defaults().withSort(sort).withLimit(limit).withOffset(offset);
      return new Case("findAll(" + f + ", " + sort + ", limit " + limit + ", offset " + offset + ")", false,
          r -> r.findAll(f, o));
    }
    if (kind < 40) {
      if (PARTIAL_SORTS) {
        return new Case("findAll(" + f + ") in key order", false, r -> r.findAll(f));
      }
      return new Case("findAll(" + f + ") as a set", false, r -> byId(r.findAll(f)));
    }
    if (kind < 45) {
      Projection p = gen.projection();
      Sort sort = gen.totalSort();
      FindOptions o = FindOptions.defaults().withSort(sort).withProjection(p);
      return new Case("findAll(" + f + ", " + sort + ", " + p + ")", false, r -> r.findAll(f, o));
    }
    if (kind < 55) {
      return new Case("count/exists(" + f + ")", false, r -> List.of(r.count(f), r.exists(f)));
    }
    if (kind < 60) {
      Sort sort = PARTIAL_SORTS && gen.nextInt(3) == 0 ? gen.partialSort() : gen.totalSort();
      return new Case("getOne(" + f + ", " + sort + ")", false,
          r -> r.getOne(f, FindOptions.defaults().withSort(sort)));
    }
    if (kind < 68) {
      String field = gen.field();
      return new Case("distinct(" + field + ", " + f + ")", false, r -> r.distinct(field, f));
    }
    if (kind < 78) {
      if (kind >= 73) {
        return aggregateV2Case(gen, f);
      }
      AggregateRequest req = gen.aggregate(f);
      return new Case("aggregate(" + req + ")", false, r -> r.aggregate(req));
    }
    if (kind < 81) {
      Sort sort = PARTIAL_SORTS && gen.nextInt(3) == 0 ? gen.partialSort() : gen.totalSort();
      PageRequest req = new PageRequest(f, sort, 1 + gen.nextInt(4), 1 + gen.nextInt(10), Projection.all());
      return new Case("getAll(" + req + ")", false, r -> r.getAll(req));
    }
    if (kind < 84) {
      // Keyset walks sort by 0-3 keys plus the key, or (PARTIAL_SORTS) by non-unique keys only.
      Sort sort = PARTIAL_SORTS && gen.nextInt(3) == 0 ? gen.partialSort() : gen.totalSort();
      int limit = 1 + gen.nextInt(7);
      return new Case("keyset walk(" + f + ", " + sort + ", limit " + limit + ")", false, r -> walk(r, f, sort, limit));
    }
    if (kind < 86) {
      Sort sort = PARTIAL_SORTS && gen.nextInt(3) == 0 ? gen.partialSort() : gen.totalSort();
      StreamOptions o = StreamOptions.defaults().withSort(sort).withBatchSize(1 + gen.nextInt(6));
      return new Case("stream(" + f + ", " + o + ")", false, r -> {
        try (java.util.stream.Stream<DiffRow> st = r.stream(f, o)) {
          return st.collect(Collectors.toList());
        }
      });
    }
    if (kind < 89) {
      String id = (String) gen.value("id", false);
      String field = gen.nextInt(5) == 0 ? gen.field() : gen.nextInt(2) == 0 ? "n" : "r";
      Number delta = gen.delta(field);
      return new Case("increment(" + id + ", " + field + ", " + delta + ")", true, r -> r.increment(id, field, delta));
    }
    if (kind < 97) {
      Update u = gen.update();
      return new Case("updateMany(" + f + ", " + u + ")", true, r -> r.updateMany(f, u));
    }
    return new Case("deleteMany(" + f + ")", true, r -> r.deleteMany(f));
  }

  /**
   * An aggregate-v2 request run as a plain aggregate (sometimes with limit/offset), an offset page (either
   * count strategy) or a keyset walk. Floating results are compared rounded to 10 significant digits: the kits
   * may sum deviations in a different order, never differently otherwise.
   */
  private static Case aggregateV2Case(DiffGen gen, Filter f) {
    AggregateRequest req = gen.aggregateV2(f, true);
    int mode = gen.nextInt(10);
    if (mode < 6) {
      AggregateRequest r = gen.nextInt(4) == 0 ? req.page(1 + gen.nextInt(3), gen.nextInt(3)) : req;
      return new Case("aggregate v2(" + r + ")", false, x -> rounded(x.aggregate(r)));
    }
    if (mode < 8) {
      int page = gen.nextInt(3) == 0 ? 2 + gen.nextInt(2) : 1;
      int limit = 1 + gen.nextInt(4);
      CountStrategy count = gen.nextInt(2) == 0 ? CountStrategy.EXACT : CountStrategy.NONE;
      return new Case("aggregatePage(" + req + ", " + page + ", " + limit + ", " + count + ")", false, x -> {
        OffsetPage<Map<String, Object>> p = x.aggregatePage(req, page, limit, count);
        return rounded(List.of(p.items(), p.page(), p.limit(), p.total(), p.pages(), p.hasNext(), p.hasPrev()));
      });
    }
    AggregateRequest sorted = req.sort().isEmpty() ? req.orderBy(Sort.parse("-m0")) : req;
    int limit = 1 + gen.nextInt(3);
    return new Case("aggregateKeyset walk(" + sorted + ", " + limit + ")", false, x -> {
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

  /** The result, or the exception's type name (messages may differ between kits; the type may not). */
  static Object outcome(Supplier<Object> call) {
    try {
      Object v = call.get();
      return v == null ? "null" : v;
    } catch (RuntimeException e) {
      return "throws " + e.getClass().getSimpleName();
    }
  }

  /** Classifies an outcome for the summary, so a reader sees that cases match rows, not only errors. */
  static String kindOf(Object outcome) {
    if (outcome instanceof String && ((String) outcome).startsWith("throws ")) {
      return ((String) outcome).substring(7);
    }
    if (outcome instanceof java.util.Collection) {
      return ((java.util.Collection<?>) outcome).isEmpty() ? "empty" : "rows";
    }
    if (outcome instanceof Map) {
      return ((Map<?, ?>) outcome).isEmpty() ? "empty" : "rows";
    }
    return "value";
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
