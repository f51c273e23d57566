package io.sqlitekit.tck.suite;

import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.tck.TckDocs.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.CountStrategy;
import io.sqlitekit.spi.DateBucket;
import io.sqlitekit.spi.DateBucket.Unit;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.TopN;
import io.sqlitekit.spi.error.InvalidCursorException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.Requires;
import io.sqlitekit.tck.TckDoc;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregate v2: date buckets (every named interval, custom epoch-anchored bins, the three stored forms, a
 * daylight-saving change), per-measure filters, percentile and standard deviations against values computed
 * here, top-N in each tie mode, offset pages with both count strategies and keyset pages over group rows, and
 * the refusals (unknown aliases, collisions, bad fractions, zoned buckets where unsupported).
 */
class AggregateExtendedContractTest extends ContractSupport {

  /** Sunday of ISO week 10, Monday of week 11, the Thursday and Friday of 2026's week 53. */
  private static final String[] INSTANTS = {
      "2026-03-08T10:15:30Z", "2026-03-09T00:00:00Z", "2026-12-31T23:30:00Z", "2027-01-01T00:10:00Z"};

  /**
   * One row per instant: createdAt holds it as ISO text, count as epoch milliseconds and notes as
   * {@code YYYY-MM-DD HH:MM:SS}.
   */
  private static void seedInstants(StandardRepo<TckDoc, String> repo, String... instants) {
    for (int i = 0; i < instants.length; i++) {
      Instant t = Instant.parse(instants[i]);
      String sql = LocalDateTime.ofInstant(t, ZoneOffset.UTC).toString().replace('T', ' ');
      sql = sql.length() == 16 ? sql + ":00" : sql;
      seed(repo, doc("t" + i, "c", t.toEpochMilli()).withCreatedAt(t).withNotes(sql));
    }
  }

  /** {@code label -> row count} of a bucket, in label order. */
  private static Map<String, Long> counts(StandardRepo<TckDoc, String> repo, DateBucket bucket) {
    List<Map<String, Object>> rows = repo.aggregate(AggregateRequest.of("n", Measure.count()).bucket("b", bucket));
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map<String, Object> r : rows) {
      out.put((String) r.get("b"), ((Number) r.get("n")).longValue());
    }
    return out;
  }

  private static Map<String, Long> expect(Object... labelThenCount) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < labelThenCount.length; i += 2) {
      m.put((String) labelThenCount[i], ((Number) labelThenCount[i + 1]).longValue());
    }
    return m;
  }

  @ContractTest
  @Requires(Capability.AGGREGATE_EXTENDED)
  void buckets_everyNamedInterval(StandardRepo<TckDoc, String> repo) {
    seedInstants(repo, INSTANTS);
    assertEquals(expect("2026-03-08T10:15", 1, "2026-03-09T00:00", 1, "2026-12-31T23:30", 1, "2027-01-01T00:10", 1),
        counts(repo, DateBucket.of("createdAt", Unit.MINUTE)));
    assertEquals(expect("2026-03-08T10:00", 1, "2026-03-09T00:00", 1, "2026-12-31T23:00", 1, "2027-01-01T00:00", 1),
        counts(repo, DateBucket.of("createdAt", Unit.HOUR)));
    assertEquals(expect("2026-03-08", 1, "2026-03-09", 1, "2026-12-31", 1, "2027-01-01", 1),
        counts(repo, DateBucket.of("createdAt", Unit.DAY)));
    assertEquals(expect("2026-W10", 1, "2026-W11", 1, "2026-W53", 2),
        counts(repo, DateBucket.of("createdAt", Unit.WEEK)), "ISO weeks: 2027-01-01 is in 2026-W53");
    assertEquals(expect("2026-03", 2, "2026-12", 1, "2027-01", 1), counts(repo, DateBucket.of("createdAt", Unit.MONTH)));
    assertEquals(expect("2026-Q1", 2, "2026-Q4", 1, "2027-Q1", 1),
        counts(repo, DateBucket.of("createdAt", Unit.QUARTER)));
    assertEquals(expect("2026", 3, "2027", 1), counts(repo, DateBucket.of("createdAt", Unit.YEAR)));
  }

  @ContractTest
  @Requires(Capability.AGGREGATE_EXTENDED)
  void buckets_storedAsEpochMillisAndSqlText_sameLabels(StandardRepo<TckDoc, String> repo) {
    seedInstants(repo, INSTANTS);
    Map<String, Long> iso = counts(repo, DateBucket.of("createdAt", Unit.WEEK));
    assertEquals(iso, counts(repo, DateBucket.of("count", Unit.WEEK)), "epoch milliseconds");
    assertEquals(iso, counts(repo, DateBucket.of("notes", Unit.WEEK)), "YYYY-MM-DD HH:MM:SS text");
    assertEquals(counts(repo, DateBucket.of("createdAt", Unit.MINUTE)),
        counts(repo, DateBucket.of("notes", Unit.MINUTE)));
  }

  @ContractTest
  @Requires(Capability.AGGREGATE_EXTENDED)
  void buckets_customBins_epochAnchored(StandardRepo<TckDoc, String> repo) {
    seedInstants(repo, "2026-03-08T10:00:00Z", "2026-03-08T10:14:59Z", "2026-03-08T10:15:00Z",
        "2026-03-08T10:44:00Z", "2026-03-08T12:45:00Z", "2026-03-09T00:00:00Z", "2026-03-10T08:00:00Z",
        "2026-03-02T08:00:00Z", "2026-04-02T08:00:00Z");
    assertEquals(expect("2026-03-02T08:00", 1, "2026-03-08T10:00", 2, "2026-03-08T10:15", 1, "2026-03-08T10:30", 1,
        "2026-03-08T12:45", 1, "2026-03-09T00:00", 1, "2026-03-10T08:00", 1, "2026-04-02T08:00", 1),
        counts(repo, DateBucket.every("createdAt", 15, Unit.MINUTE)));
    assertEquals(expect("2026-03-02T06:00", 1, "2026-03-08T06:00", 4, "2026-03-08T12:00", 1, "2026-03-09T00:00", 1,
        "2026-03-10T06:00", 1, "2026-04-02T06:00", 1), counts(repo, DateBucket.every("createdAt", 6, Unit.HOUR)));
    // Day 20520 (2026-03-08) is even: 2-day bins start there; 2026-03-02 is day 20514.
    assertEquals(expect("2026-03-02", 1, "2026-03-08", 6, "2026-03-10", 1, "2026-04-01", 1),
        counts(repo, DateBucket.every("createdAt", 2, Unit.DAY)));
    // 2-week bins start on the Mondays 2026-02-23 (W09) and 2026-03-09 (W11).
    assertEquals(expect("2026-W09", 6, "2026-W11", 2, "2026-W13", 1),
        counts(repo, DateBucket.every("createdAt", 2, Unit.WEEK)));
    // Quarters of the epoch: 3-month bins start in January, April, July, October.
    assertEquals(expect("2026-01", 8, "2026-04", 1), counts(repo, DateBucket.every("createdAt", 3, Unit.MONTH)));
  }

  @ContractTest
  @Requires(Capability.DATE_BUCKET_TIMEZONE)
  void buckets_dstCrossingZone(StandardRepo<TckDoc, String> repo) {
    // New York springs forward on 2026-03-08 at 07:00Z (02:00 EST becomes 03:00 EDT).
    seedInstants(repo, "2026-03-08T04:30:00Z", "2026-03-08T05:30:00Z", "2026-03-08T06:59:00Z",
        "2026-03-08T07:00:00Z", "2026-03-09T03:59:00Z", "2026-03-09T04:00:00Z");
    DateBucket day = DateBucket.of("createdAt", Unit.DAY).inZone("America/New_York");
    assertEquals(expect("2026-03-07", 1, "2026-03-08", 4, "2026-03-09", 1), counts(repo, day),
        "the 23-hour local day holds 23 hours");
    assertEquals(expect("2026-03-08", 4, "2026-03-09", 2), counts(repo, DateBucket.of("createdAt", Unit.DAY)),
        "UTC differs");
    assertEquals(expect("2026-03-07T23:00", 1, "2026-03-08T00:00", 1, "2026-03-08T01:00", 1, "2026-03-08T03:00", 1,
        "2026-03-08T23:00", 1, "2026-03-09T00:00", 1),
        counts(repo, DateBucket.of("createdAt", Unit.HOUR).inZone("America/New_York")), "no 02:00 hour");
    assertEquals(counts(repo, day), counts(repo, DateBucket.of("count", Unit.DAY).inZone("America/New_York")),
        "epoch milliseconds in a zone");
  }

  @ContractTest
  @Requires(value = Capability.AGGREGATE_EXTENDED, absent = Capability.DATE_BUCKET_TIMEZONE)
  void buckets_zone_absent_refused(StandardRepo<TckDoc, String> repo) {
    seedInstants(repo, INSTANTS);
    expectUnsupported(repo, () -> counts(repo, DateBucket.of("createdAt", Unit.DAY).inZone("Europe/Berlin")));
  }

  @ContractTest
  @Requires(Capability.AGGREGATE_EXTENDED)
  void buckets_aliasInSortAndHaving(StandardRepo<TckDoc, String> repo) {
    seedInstants(repo, INSTANTS);
    List<Map<String, Object>> rows = repo.aggregate(AggregateRequest.of("n", Measure.count())
        .bucket("month", DateBucket.of("createdAt", Unit.MONTH)).having(Filters.gte("month", "2026-12"))
        .orderBy(Sort.parse("-month")));
    assertEquals(List.of("2027-01", "2026-12"), rows.stream().map(r -> r.get("month")).toList());
    assertEquals(List.of("month", "n"), List.copyOf(rows.get(0).keySet()));
  }

  @ContractTest
  @Requires(Capability.AGGREGATE_EXTENDED)
  void buckets_badInput_refused(StandardRepo<TckDoc, String> repo) {
    seedInstants(repo, INSTANTS);
    ValidationException collides = assertThrows(ValidationException.class,
        () -> AggregateRequest.of("n", Measure.count()).groupBy("category")
            .bucket("category", DateBucket.of("createdAt", Unit.DAY)));
    assertEquals("category", collides.field());
    assertThrows(ValidationException.class,
        () -> AggregateRequest.of("n", Measure.count()).bucket("n", DateBucket.of("createdAt", Unit.DAY)));
    assertThrows(ValidationException.class, () -> DateBucket.every("createdAt", 2, Unit.QUARTER));
    assertThrows(ValidationException.class, () -> DateBucket.every("createdAt", 0, Unit.DAY));
    assertThrows(ValidationException.class, () -> DateBucket.of("createdAt", Unit.DAY).inZone("Mars/Olympus"));
    ValidationException unknown = expectRefusedUnchanged(repo, ValidationException.class,
        () -> counts(repo, DateBucket.of("noSuchField", Unit.DAY)));
    assertEquals("noSuchField", unknown.field());
    expectRefusedUnchanged(repo, ValidationException.class,
        () -> counts(repo, DateBucket.of("active", Unit.DAY)));
    expectRefusedUnchanged(repo, ValidationException.class, () -> repo.aggregate(AggregateRequest.of("n",
        Measure.count()).bucket("d", DateBucket.of("createdAt", Unit.DAY)).orderBy(Sort.parse("noSuchAlias"))));
  }

  // ---------------------------------------------------------------- measures

  /** a: 3 active, 1 inactive (count 100); b: 2 inactive only; c: none. */
  private static void seedActivity(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a1", "a", 10L), doc("a2", "a", 20L), doc("a3", "a", 30L),
        doc("a4", "a", 100L).withActive(false), doc("b1", "b", 5L).withActive(false),
        doc("b2", "b", 7L).withActive(false));
  }

  @ContractTest
  @Requires(Capability.AGGREGATE_EXTENDED)
  void measureFilter_countZeroAndAvgWithoutZeroBias(StandardRepo<TckDoc, String> repo) {
    seedActivity(repo);
    List<Map<String, Object>> rows = repo.aggregate(AggregateRequest.of("active", Measure.count()
        .where(eq("active", true))).measure("activeAvg", Measure.avg("count").where(eq("active", true)))
        .measure("all", Measure.count()).measure("avg", Measure.avg("count"))
        .measure("bigSum", Measure.sum("count").where(Filters.gt("count", 6L)))
        .groupBy("category").orderBy(Sort.parse("category")));
    assertEquals(2, rows.size());
    Map<String, Object> a = rows.get(0);
    assertEquals(3.0, num(a.get("active")));
    assertEquals(20.0, num(a.get("activeAvg")), 1e-12, "only matching rows feed the average");
    assertEquals(4.0, num(a.get("all")));
    assertEquals(40.0, num(a.get("avg")), 1e-12);
    assertEquals(160.0, num(a.get("bigSum")));
    Map<String, Object> b = rows.get(1);
    assertEquals(0.0, num(b.get("active")), "a count of nothing is 0");
    assertNull(b.get("activeAvg"), "an average of nothing is null");
    assertEquals(7.0, num(b.get("bigSum")));
  }

  @ContractTest
  @Requires(Capability.AGGREGATE_EXTENDED)
  void measureFilter_inHavingAndSort(StandardRepo<TckDoc, String> repo) {
    seedActivity(repo);
    List<Map<String, Object>> rows = repo.aggregate(AggregateRequest.of("inactive", Measure.count()
        .where(eq("active", false))).groupBy("category").having(Filters.gte("inactive", 1L))
        .orderBy(Sort.parse("-inactive")));
    assertEquals(List.of("b", "a"), rows.stream().map(r -> r.get("category")).toList());
  }

  private static final long[] SAMPLE = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};

  private static double percentile(long[] values, double p) {
    long[] v = values.clone();
    Arrays.sort(v);
    double rank = p * (v.length - 1);
    int below = (int) Math.floor(rank);
    int above = (int) Math.ceil(rank);
    return v[below] + (rank - below) * (v[above] - v[below]);
  }

  private static double deviation(long[] values, boolean sample) {
    double mean = Arrays.stream(values).average().orElseThrow();
    double squares = Arrays.stream(values).mapToDouble(x -> (x - mean) * (x - mean)).sum();
    return Math.sqrt(squares / (sample ? values.length - 1 : values.length));
  }

  @ContractTest
  @Requires(Capability.AGGREGATE_EXTENDED)
  void percentileAndStddev_matchIndependentComputation(StandardRepo<TckDoc, String> repo) {
    for (int i = 0; i < SAMPLE.length; i++) {
      seed(repo, doc("s" + i, "s", SAMPLE[i]));
    }
    seed(repo, doc("nullCount", "s", null), doc("other", "o", 1000L), doc("single", "one", 42L));
    AggregateRequest req = AggregateRequest.of("p0", Measure.percentile("count", 0))
        .measure("p25", Measure.percentile("count", 0.25)).measure("median", Measure.percentile("count", 0.5))
        .measure("p90", Measure.percentile("count", 0.9)).measure("p100", Measure.percentile("count", 1))
        .measure("sd", Measure.stddev("count")).measure("sdPop", Measure.stddevPop("count"))
        .measure("distinct", Measure.countDistinct("count"))
        .groupBy("category").orderBy(Sort.parse("category"));
    List<Map<String, Object>> rows = repo.aggregate(req);
    assertEquals(List.of("o", "one", "s"), rows.stream().map(r -> r.get("category")).toList());
    Map<String, Object> s = rows.get(2);
    for (double p : new double[] {0, 0.25, 0.5, 0.9, 1}) {
      String key = p == 0 ? "p0" : p == 0.25 ? "p25" : p == 0.5 ? "median" : p == 0.9 ? "p90" : "p100";
      assertEquals(percentile(SAMPLE, p), num(s.get(key)), 1e-9, key);
    }
    assertEquals(deviation(SAMPLE, true), num(s.get("sd")), 1e-9);
    assertEquals(deviation(SAMPLE, false), num(s.get("sdPop")), 1e-9);
    assertEquals(7.0, num(s.get("distinct")));
    Map<String, Object> one = rows.get(1);
    assertEquals(42.0, num(one.get("median")));
    assertNull(one.get("sd"), "a sample deviation of one value is undefined");
    assertEquals(0.0, num(one.get("sdPop")));
  }

  @ContractTest
  @Requires(Capability.AGGREGATE_EXTENDED)
  void percentileWithMeasureFilter_andOverNoRows(StandardRepo<TckDoc, String> repo) {
    seedActivity(repo);
    List<Map<String, Object>> rows = repo.aggregate(AggregateRequest.of("median",
        Measure.percentile("count", 0.5).where(eq("active", true))).measure("sd",
        Measure.stddev("count").where(eq("active", true))).groupBy("category").orderBy(Sort.parse("category")));
    assertEquals(20.0, num(rows.get(0).get("median")));
    assertEquals(deviation(new long[] {10, 20, 30}, true), num(rows.get(0).get("sd")), 1e-9);
    assertNull(rows.get(1).get("median"), "no matching row: null");
    List<Map<String, Object>> none = repo.aggregate(AggregateRequest.of("median", Measure.percentile("count", 0.5))
        .where(eq("category", "nobody")));
    assertEquals(1, none.size());
    assertNull(none.get(0).get("median"));
  }

  @ContractTest
  @Requires(Capability.AGGREGATE_EXTENDED)
  void percentile_badFractionOrField_refused(StandardRepo<TckDoc, String> repo) {
    seedActivity(repo);
    ValidationException e = assertThrows(ValidationException.class, () -> Measure.percentile("count", 1.5));
    assertTrue(e.getMessage().contains("percentile"), e.getMessage());
    assertThrows(ValidationException.class, () -> Measure.percentile("count", -0.1));
    assertThrows(ValidationException.class, () -> Measure.percentile("count", Double.NaN));
    expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.aggregate(AggregateRequest.of("m", Measure.percentile("name", 0.5))));
    expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.aggregate(AggregateRequest.of("m", Measure.stddev("category"))));
  }

  // ---------------------------------------------------------------- top-N

  /** Category A: v, x, y 10 each, z 5; B: p 7, q 3, r 3. */
  private static void seedTies(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("x", "A", 10L), doc("y", "A", 10L), doc("v", "A", 10L), doc("z", "A", 5L), doc("p", "B", 7L),
        doc("q", "B", 3L), doc("r", "B", 3L));
  }

  private static List<String> topNames(StandardRepo<TckDoc, String> repo, TopN.Ties ties) {
    AggregateRequest req = AggregateRequest.of("total", Measure.sum("count")).groupBy("category", "name")
        .topN(TopN.of(2, Sort.parse("-total"), "category").withTies(ties)).orderBy(Sort.parse("category,-total,name"));
    return repo.aggregate(req).stream().map(r -> r.get("category") + ":" + r.get("name")).toList();
  }

  @ContractTest
  @Requires(Capability.AGGREGATE_EXTENDED)
  void topN_rank(StandardRepo<TckDoc, String> repo) {
    seedTies(repo);
    assertEquals(List.of("A:v", "A:x", "A:y", "B:p", "B:q", "B:r"), topNames(repo, TopN.Ties.RANK));
  }

  @ContractTest
  @Requires(Capability.AGGREGATE_EXTENDED)
  void topN_denseRank(StandardRepo<TckDoc, String> repo) {
    seedTies(repo);
    assertEquals(List.of("A:v", "A:x", "A:y", "A:z", "B:p", "B:q", "B:r"), topNames(repo, TopN.Ties.DENSE_RANK));
  }

  @ContractTest
  @Requires(Capability.AGGREGATE_EXTENDED)
  void topN_rowNumber_tiesByGroupKeys(StandardRepo<TckDoc, String> repo) {
    seedTies(repo);
    assertEquals(List.of("A:v", "A:x", "B:p", "B:q"), topNames(repo, TopN.Ties.ROW_NUMBER));
  }

  @ContractTest
  @Requires(Capability.AGGREGATE_EXTENDED)
  void topN_afterHaving_withoutPartition(StandardRepo<TckDoc, String> repo) {
    seedTies(repo);
    List<Map<String, Object>> rows = repo.aggregate(AggregateRequest.of("total", Measure.sum("count"))
        .groupBy("name").having(Filters.lt("total", 10L)).topN(TopN.of(1, Sort.parse("-total,name")))
        .orderBy(Sort.parse("name")));
    assertEquals(List.of("p"), rows.stream().map(r -> r.get("name")).toList());
    assertEquals(List.of("name", "total"), List.copyOf(rows.get(0).keySet()), "the rank is not returned");
  }

  @ContractTest
  @Requires(Capability.AGGREGATE_EXTENDED)
  void topN_badKeys_refused(StandardRepo<TckDoc, String> repo) {
    ValidationException e = assertThrows(ValidationException.class, () -> AggregateRequest.of("n",
        Measure.count()).groupBy("category").topN(TopN.of(1, Sort.parse("-n"), "name")));
    assertTrue(e.getMessage().contains("topN.partitionBy \"name\""), e.getMessage());
    assertThrows(ValidationException.class, () -> AggregateRequest.of("n", Measure.count()).groupBy("category")
        .topN(TopN.of(1, Sort.parse("-missing"))));
    assertThrows(ValidationException.class, () -> TopN.of(0, Sort.parse("-n")));
  }

  // ---------------------------------------------------------------- pagination

  private static AggregateRequest perCategory() {
    return AggregateRequest.of("n", Measure.count()).measure("total", Measure.sum("count")).groupBy("category");
  }

  /** Five categories a..e with 1..5 rows. */
  private static void seedCategories(StandardRepo<TckDoc, String> repo) {
    String[] cats = {"a", "b", "c", "d", "e"};
    int id = 0;
    for (int i = 0; i < cats.length; i++) {
      for (int k = 0; k <= i; k++) {
        seed(repo, doc("r" + id++, cats[i], (long) (10 - i)));
      }
    }
  }

  @ContractTest
  @Requires(Capability.AGGREGATE_EXTENDED)
  void aggregatePage_exact(StandardRepo<TckDoc, String> repo) {
    seedCategories(repo);
    OffsetPage<Map<String, Object>> p1 = repo.aggregatePage(perCategory(), 1, 2, CountStrategy.EXACT);
    assertEquals(List.of("a", "b"), p1.items().stream().map(r -> r.get("category")).toList());
    assertEquals(5, p1.total());
    assertEquals(3, p1.pages());
    assertTrue(p1.hasNext());
    assertFalse(p1.hasPrev());
    OffsetPage<Map<String, Object>> p3 = repo.aggregatePage(perCategory(), 3, 2, CountStrategy.EXACT);
    assertEquals(List.of("e"), p3.items().stream().map(r -> r.get("category")).toList());
    assertFalse(p3.hasNext());
    assertTrue(p3.hasPrev());
    OffsetPage<Map<String, Object>> byN = repo.aggregatePage(perCategory().orderBy(Sort.parse("-n")), 1, 2,
        CountStrategy.EXACT);
    assertEquals(List.of("e", "d"), byN.items().stream().map(r -> r.get("category")).toList());
    OffsetPage<Map<String, Object>> filtered = repo.aggregatePage(perCategory().having(Filters.gt("n", 3L)), 1, 2,
        CountStrategy.EXACT);
    assertEquals(2, filtered.total());
    OffsetPage<Map<String, Object>> empty = repo.aggregatePage(perCategory().where(eq("category", "none")), 1, 2,
        CountStrategy.EXACT);
    assertEquals(List.of(), empty.items());
    assertEquals(0, empty.total());
    assertEquals(0, empty.pages(), "an empty aggregate has no pages");
  }

  @ContractTest
  @Requires(Capability.AGGREGATE_EXTENDED)
  void aggregatePage_countNone_peeks(StandardRepo<TckDoc, String> repo) {
    seedCategories(repo);
    OffsetPage<Map<String, Object>> p2 = repo.aggregatePage(perCategory(), 2, 2, CountStrategy.NONE);
    assertEquals(List.of("c", "d"), p2.items().stream().map(r -> r.get("category")).toList());
    assertTrue(p2.hasNext());
    assertTrue(p2.hasPrev());
    assertEquals(0, p2.total());
    assertEquals(0, p2.pages());
    OffsetPage<Map<String, Object>> p3 = repo.aggregatePage(perCategory(), 3, 2, CountStrategy.NONE);
    assertEquals(1, p3.items().size());
    assertFalse(p3.hasNext());
    expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.aggregatePage(perCategory(), 0, 2, CountStrategy.NONE));
    expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.aggregatePage(perCategory(), 1, 0, CountStrategy.EXACT));
  }

  @ContractTest
  @Requires(Capability.AGGREGATE_EXTENDED)
  void aggregateKeyset_walksEveryGroupOnce(StandardRepo<TckDoc, String> repo) {
    seedCategories(repo);
    seed(repo, doc("dup", "f", 5L));
    AggregateRequest req = perCategory().orderBy(Sort.parse("-total"));
    List<Object> walked = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      KeysetPage<Map<String, Object>> page = repo.aggregateKeyset(req, cursor, 2);
      page.items().forEach(r -> walked.add(r.get("category")));
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null && pages < 10);
    // Totals: a 10, b 18, c 24, d 28, e 30, f 5; ties none, so the order is by total descending.
    assertEquals(List.of("e", "d", "c", "b", "a", "f"), walked);
    assertEquals(3, pages);
    KeysetPage<Map<String, Object>> first = repo.aggregateKeyset(req, null, 2);
    assertThrows(InvalidCursorException.class,
        () -> repo.aggregateKeyset(perCategory().orderBy(Sort.parse("n")), first.nextCursor(), 2));
    assertThrows(InvalidCursorException.class, () -> repo.aggregateKeyset(req, first.nextCursor() + "x", 2));
    expectRefusedUnchanged(repo, ValidationException.class, () -> repo.aggregateKeyset(perCategory(), null, 2));
    expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.aggregateKeyset(perCategory().orderBy(Sort.parse("name")), null, 2));
  }

  @ContractTest
  @Requires(Capability.AGGREGATE_EXTENDED)
  void aggregateKeyset_tiesAndBuckets(StandardRepo<TckDoc, String> repo) {
    seedInstants(repo, "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z", "2026-03-02T01:00:00Z",
        "2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z", "2026-03-04T05:00:00Z", "2026-03-05T00:00:00Z");
    AggregateRequest req = AggregateRequest.of("n", Measure.count())
        .bucket("day", DateBucket.of("createdAt", Unit.DAY)).orderBy(Sort.parse("-n"));
    List<Object> walked = new ArrayList<>();
    String cursor = null;
    for (int i = 0; i < 10; i++) {
      KeysetPage<Map<String, Object>> page = repo.aggregateKeyset(req, cursor, 2);
      page.items().forEach(r -> walked.add(r.get("day") + "=" + r.get("n")));
      cursor = page.nextCursor();
      if (cursor == null) {
        break;
      }
    }
    assertEquals(List.of("2026-03-02=2", "2026-03-04=2", "2026-03-01=1", "2026-03-03=1", "2026-03-05=1"), walked,
        "ties on n are broken by the bucket, ascending");
  }

  @ContractTest
  @Requires(absent = Capability.AGGREGATE_EXTENDED)
  void aggregateExtended_absent_refused(StandardRepo<TckDoc, String> repo) {
    seedCategories(repo);
    expectUnsupported(repo, () -> repo.aggregatePage(perCategory(), 1, 2, CountStrategy.EXACT));
  }
}
