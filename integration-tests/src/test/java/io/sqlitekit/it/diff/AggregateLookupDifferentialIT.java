package io.sqlitekit.it.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.CountStrategy;
import io.sqlitekit.spi.DateBucket;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.Lookup;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.TopN;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aggregates with lookups, SQLite kit versus memory kit: random aggregate-v2 requests ({@link DiffGen}) whose
 * group keys, measure fields, bucket fields and sort keys are moved, at random, onto dotted paths of one or two
 * one-to-one lookups (into the same table and into {@link DifferentialIT#KIDS}, on several field pairs, with
 * random foreign filters), plus random filters and measure filters over dotted paths; now and then an invalid
 * lookup (one-to-many, unknown path). Run as plain aggregates, offset pages and keyset walks; the kits must
 * return equal results (floats rounded as in {@link DifferentialIT}) or fail with the same exception type.
 */
final class AggregateLookupDifferentialIT {
  /** Local → foreign field pairs: same-type pairs, text across fields, integer against real. */
  private static final String[][] JOINS = {{"id", "id"}, {"s", "s"}, {"t", "t"}, {"s", "t"}, {"n", "n"},
      {"c", "c"}, {"b", "b"}, {"ts", "ts"}, {"code", "code"}, {"n", "r"}, {"code", "id"}, {"t", "code"}};

  @TempDir
  Path dir;

  @Test
  void aggregateLookupsKitsAgree() {
    DiffRunner runner = new DiffRunner("aggregates with lookups", "aggLookup", 84, 25)
        .measure("non-null joined group keys", AggregateLookupDifferentialIT::joinedKeys);
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("diff-agg-lookups.db"))
        .preset(PragmaPreset.PRODUCTION).build()) {
      kit.createTable(DiffSchema.TABLE);
      kit.createTable(DifferentialIT.KIDS);
      DiffRunner.Result r = runner.run(DifferentialIT.lookupDataSets(kit), gen -> {
        AggregateRequest req = request(gen, gen.nextInt(2) == 0 ? Filters.all() : gen.filter());
        int mode = gen.nextInt(10);
        return DiffCase.onRows("mode " + mode + ": " + req, false, run(gen, req, mode));
      });
      assertTrue(r.cases() >= 2000 || r.cases() >= runner.planned(), "too few cases ran: " + r.cases());
      assertTrue(r.stat("rows") >= r.cases() / 2, "most cases must return rows: " + r.stats());
      assertTrue(r.measures().get("non-null joined group keys") >= r.cases() / 4,
          "the lookups must join rows, not only miss: " + r);
    }
  }

  /** A plain aggregate (sometimes limited), an offset page (either count strategy) or a keyset walk. */
  private static Function<StandardRepo<DiffRow, String>, Object> run(DiffGen gen, AggregateRequest req, int mode) {
    if (mode < 6) {
      AggregateRequest r = gen.nextInt(4) == 0 ? req.page(1 + gen.nextInt(3), gen.nextInt(3)) : req;
      return x -> DifferentialIT.rounded(x.aggregate(r));
    }
    if (mode < 8) {
      int page = gen.nextInt(3) == 0 ? 2 + gen.nextInt(2) : 1;
      int limit = 1 + gen.nextInt(4);
      CountStrategy count = gen.nextInt(2) == 0 ? CountStrategy.EXACT : CountStrategy.NONE;
      return x -> {
        OffsetPage<Map<String, Object>> p = x.aggregatePage(req, page, limit, count);
        return DifferentialIT.rounded(List.of(p.items(), p.total(), p.pages(), p.hasNext()));
      };
    }
    AggregateRequest sorted = req.sort().isEmpty() ? req.orderBy(Sort.parse("-m0")) : req;
    int limit = 1 + gen.nextInt(3);
    return x -> {
      List<Object> pages = new ArrayList<>();
      String cursor = null;
      for (int i = 0; i < 40; i++) {
        KeysetPage<Map<String, Object>> p = x.aggregateKeyset(sorted, cursor, limit);
        pages.add(List.of(DifferentialIT.rounded(p.items()), p.hasMore()));
        cursor = p.nextCursor();
        if (cursor == null) {
          break;
        }
      }
      return pages;
    };
  }

  /**
   * An aggregate-v2 request with one or two lookups, each field moved onto a dotted path half of the time (a
   * group key consistently wherever the request names it), and sometimes a dotted filter on the rows or on a
   * measure.
   */
  static AggregateRequest request(DiffGen gen, Filter where) {
    AggregateRequest base = gen.aggregateV2(where, true);
    int n = 1 + gen.nextInt(2);
    List<Lookup> lookups = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String[] j = JOINS[gen.nextInt(JOINS.length)];
      TableDef from = gen.nextInt(2) == 0 ? DiffSchema.TABLE : DifferentialIT.KIDS;
      Lookup l = gen.nextInt(40) == 0 ? Lookup.many("l" + i, from, j[0], j[1]) : Lookup.one("l" + i, from, j[0], j[1]);
      if (gen.nextInt(4) == 0) {
        l = l.where(gen.filter());
      }
      lookups.add(l);
    }
    Map<String, String> keys = new HashMap<>();
    List<String> groupBy = new ArrayList<>();
    for (String g : base.groupBy()) {
      String p = path(gen, n, g);
      if (!groupBy.contains(p)) {
        groupBy.add(p);
        keys.put(g, p);
      }
    }
    Map<String, Measure> measures = new LinkedHashMap<>();
    for (Map.Entry<String, Measure> e : base.measures().entrySet()) {
      Measure m = e.getValue();
      Filter mw = m.where();
      if (m.filtered() && gen.nextInt(2) == 0) {
        mw = Filters.and(mw, dotted(gen, n));
      }
      measures.put(e.getKey(), new Measure(m.op(), m.field() == null ? null : path(gen, n, m.field()), mw, m.p()));
    }
    Map<String, DateBucket> buckets = new LinkedHashMap<>();
    base.dateBuckets().forEach((alias, b) -> buckets.put(alias,
        new DateBucket(path(gen, n, b.field()), b.unit(), b.every(), b.zone())));
    Function<String, String> key = k -> keys.getOrDefault(k, k);
    List<SortField> sort = new ArrayList<>();
    for (SortField f : base.sort().fields()) {
      sort.add(f.descending() ? SortField.desc(key.apply(f.field())) : SortField.asc(key.apply(f.field())));
    }
    TopN top = base.topN();
    if (top != null) {
      top = new TopN(top.partitionBy().stream().map(key).distinct().toList(), top.sortBy(), top.limit(),
          top.ties());
    }
    Filter rows = gen.nextInt(3) == 0 ? Filters.and(where, dotted(gen, n)) : where;
    if (gen.nextInt(60) == 0) {
      groupBy.add(gen.nextInt(2) == 0 ? "nope.t" : "l0.nope");
    }
    return new AggregateRequest(rows, groupBy, measures, base.having(), new Sort(sort), base.limit(),
        base.offset(), buckets, top, lookups);
  }

  /** The field itself, or the same field of a random lookup, half the time each. */
  private static String path(DiffGen gen, int lookups, String field) {
    return gen.nextInt(2) == 0 ? field : "l" + gen.nextInt(lookups) + "." + field;
  }

  /** A simple condition on a dotted path: null checks, equality or a range against a value of the field. */
  private static Filter dotted(DiffGen gen, int lookups) {
    String field = gen.field();
    String p = "l" + gen.nextInt(lookups) + "." + field;
    switch (gen.nextInt(5)) {
      case 0:
        return Filters.isNull(p);
      case 1:
        return Filters.isNotNull(p);
      case 2:
        return Filters.eq(p, gen.value(field, false));
      case 3:
        return Filters.gte(p, gen.value(field, false));
      default:
        return Filters.lt(p, gen.value(field, false));
    }
  }

  /** How many dotted group keys of an outcome's rows are not null, so the summary shows the lookups matched. */
  private static long joinedKeys(Object outcome) {
    long n = 0;
    if (outcome instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> row) {
          for (Map.Entry<?, ?> e : row.entrySet()) {
            if (e.getKey() instanceof String k && k.indexOf('.') > 0 && e.getValue() != null) {
              n++;
            }
          }
        } else {
          n += joinedKeys(o);
        }
      }
    }
    return n;
  }
}
