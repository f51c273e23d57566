package io.sqlitekit.it.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.it.MemoryKits;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.FindOptions;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.util.ArrayList;
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

  /** One generated operation: what it does, whether it writes, and how to run it on a repository. */
  private static final class Case {
    final String description;
    final boolean writes;
    final Function<StandardRepo<DiffRow, String>, Object> run;

    Case(String description, boolean writes, Function<StandardRepo<DiffRow, String>, Object> run) {
      this.description = description;
      this.writes = writes;
      this.run = run;
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
  private static Object outcome(Supplier<Object> call) {
    try {
      Object v = call.get();
      return v == null ? "null" : v;
    } catch (RuntimeException e) {
      return "throws " + e.getClass().getSimpleName();
    }
  }

  /** Classifies an outcome for the summary, so a reader sees that cases match rows, not only errors. */
  private static String kindOf(Object outcome) {
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
