package io.sqlitekit.tck.suite;

import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.tck.TckDocs.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.Requires;
import io.sqlitekit.tck.TckDoc;
import java.util.List;
import java.util.Map;

/**
 * aggregate (reference scenarios 16–19; 20–41 use request shapes our {@code AggregateRequest} does not have)
 * plus avg/min/max/count-distinct and the absent side.
 */
class AggregateContractTest extends ContractSupport {

  /** a reader 10 active; b reader 20 active; c admin 30 inactive; d admin 40 active. */
  private static void seedSales(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a", "reader", 10L), doc("b", "reader", 20L), doc("c", "admin", 30L).withActive(false),
        doc("d", "admin", 40L));
  }

  private static AggregateRequest sumByCategory() {
    return AggregateRequest.of("total", Measure.sum("count")).groupBy("category")
        .orderBy(Sort.parse("category"));
  }

  @ContractTest
  @Requires(Capability.AGGREGATE)
  void scenario16_groupedNoMatch_noRows(StandardRepo<TckDoc, String> repo) {
    seedSales(repo);
    assertEquals(List.of(), repo.aggregate(sumByCategory().where(eq("category", "nobody"))));
  }

  @ContractTest
  @Requires(Capability.AGGREGATE)
  void scenario17_groupBySum_sorted(StandardRepo<TckDoc, String> repo) {
    seedSales(repo);
    List<Map<String, Object>> rows = repo.aggregate(sumByCategory());
    assertEquals(2, rows.size());
    assertEquals("admin", rows.get(0).get("category"));
    assertEquals(70.0, num(rows.get(0).get("total")));
    assertEquals("reader", rows.get(1).get("category"));
    assertEquals(30.0, num(rows.get(1).get("total")));
    assertEquals(List.of("category", "total"), List.copyOf(rows.get(0).keySet()), "group fields, then aliases");
  }

  @ContractTest
  @Requires(Capability.AGGREGATE)
  void scenario18_scalarSumAndCount(StandardRepo<TckDoc, String> repo) {
    seedSales(repo);
    List<Map<String, Object>> rows =
        repo.aggregate(AggregateRequest.of("total", Measure.sum("count")).measure("n", Measure.count()));
    assertEquals(1, rows.size());
    assertEquals(100.0, num(rows.get(0).get("total")));
    assertEquals(4.0, num(rows.get(0).get("n")));
  }

  @ContractTest
  @Requires(Capability.AGGREGATE)
  void scalarOverNoRows_oneRowCountZeroOthersNull(StandardRepo<TckDoc, String> repo) {
    seedSales(repo);
    List<Map<String, Object>> rows = repo.aggregate(AggregateRequest.of("n", Measure.count())
        .measure("total", Measure.sum("count")).where(eq("category", "nobody")));
    assertEquals(1, rows.size());
    assertEquals(0.0, num(rows.get(0).get("n")));
    assertNull(rows.get(0).get("total"));
  }

  @ContractTest
  @Requires(Capability.AGGREGATE)
  void scenario19_having(StandardRepo<TckDoc, String> repo) {
    seedSales(repo);
    List<Map<String, Object>> rows = repo.aggregate(sumByCategory().having(Filters.gt("total", 50L)));
    assertEquals(1, rows.size());
    assertEquals("admin", rows.get(0).get("category"));
  }

  @ContractTest
  @Requires(Capability.AGGREGATE)
  void avgMinMaxCountDistinct_ignoreNull(StandardRepo<TckDoc, String> repo) {
    seedSales(repo);
    seed(repo, doc("e", "admin", null));
    List<Map<String, Object>> rows = repo.aggregate(AggregateRequest.of("avg", Measure.avg("count"))
        .measure("min", Measure.min("count")).measure("max", Measure.max("count"))
        .measure("nonNull", Measure.count("count")).measure("rows", Measure.count())
        .measure("flags", Measure.countDistinct("active"))
        .groupBy("category").orderBy(Sort.parse("category")));
    assertEquals(2, rows.size());
    Map<String, Object> admin = rows.get(0);
    assertEquals("admin", admin.get("category"));
    assertEquals(35.0, num(admin.get("avg")), 1e-9, "avg ignores NULL");
    assertEquals(30.0, num(admin.get("min")));
    assertEquals(40.0, num(admin.get("max")));
    assertEquals(2.0, num(admin.get("nonNull")), "count(field) ignores NULL");
    assertEquals(3.0, num(admin.get("rows")));
    assertEquals(2.0, num(admin.get("flags")));
    Map<String, Object> reader = rows.get(1);
    assertEquals(15.0, num(reader.get("avg")), 1e-9);
    assertEquals(10.0, num(reader.get("min")));
    assertEquals(20.0, num(reader.get("max")));
    assertEquals(1.0, num(reader.get("flags")));
  }

  @ContractTest
  @Requires(Capability.AGGREGATE)
  void sortByMeasureDescending_withLimit(StandardRepo<TckDoc, String> repo) {
    seedSales(repo);
    List<Map<String, Object>> rows = repo.aggregate(AggregateRequest.of("total", Measure.sum("count"))
        .groupBy("category").orderBy(Sort.parse("-total")).page(1, 0));
    assertEquals(1, rows.size());
    assertEquals("admin", rows.get(0).get("category"));
  }

  @ContractTest
  @Requires(Capability.AGGREGATE)
  void filteredAvg(StandardRepo<TckDoc, String> repo) {
    seedSales(repo);
    List<Map<String, Object>> rows = repo.aggregate(AggregateRequest.of("avg", Measure.avg("count"))
        .where(Filters.and(eq("category", "admin"), eq("active", true))));
    assertEquals(40.0, num(rows.get(0).get("avg")));
  }

  @ContractTest
  @Requires(Capability.AGGREGATE)
  void unknownGroupField_refused(StandardRepo<TckDoc, String> repo) {
    seedSales(repo);
    expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.aggregate(AggregateRequest.of("n", Measure.count()).groupBy("noSuchField")));
  }

  @ContractTest
  @Requires(absent = Capability.AGGREGATE)
  void aggregate_absent_refused(StandardRepo<TckDoc, String> repo) {
    seedSales(repo);
    expectUnsupported(repo, () -> repo.aggregate(sumByCategory()));
  }
}
