package io.sqlitekit.tck.suite;

import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.tck.TckDocs.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.Requires;
import io.sqlitekit.tck.TckDoc;
import java.util.Arrays;
import java.util.List;

/** distinct, count and exists (reference scenarios 13–15) on both sides of their features. */
class QueryContractTest extends ContractSupport {

  /** a, b reader; c admin; d, e NULL category. */
  private static void seedCategories(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a", "reader", 1L), doc("b", "reader", 2L), doc("c", "admin", 3L), doc("d", null, 4L),
        doc("e", null, 5L));
  }

  @ContractTest
  @Requires(Capability.DISTINCT)
  void scenario13_distinct_nullOnceAscending(StandardRepo<TckDoc, String> repo) {
    seedCategories(repo);
    assertEquals(Arrays.asList(null, "admin", "reader"), repo.distinct("category", Filters.all()),
        "NULL once, first, then ascending");
    assertEquals(List.of("reader"), repo.distinct("category", Filters.lt("count", 3L)));
  }

  @ContractTest
  @Requires(Capability.DISTINCT)
  void distinct_unknownField_refused(StandardRepo<TckDoc, String> repo) {
    seedCategories(repo);
    expectRefusedUnchanged(repo, io.sqlitekit.spi.error.ValidationException.class,
        () -> repo.distinct("noSuchField", Filters.all()));
  }

  @ContractTest
  @Requires(absent = Capability.DISTINCT)
  void distinct_absent_refused(StandardRepo<TckDoc, String> repo) {
    seedCategories(repo);
    expectUnsupported(repo, () -> repo.distinct("category", Filters.all()));
  }

  @ContractTest
  @Requires(Capability.COUNT_AND_EXISTS)
  void scenario14_count(StandardRepo<TckDoc, String> repo) {
    seedCategories(repo);
    assertEquals(2L, repo.count(eq("category", "reader")));
    assertEquals(0L, repo.count(eq("category", "unknown")));
    assertEquals(5L, repo.count(Filters.all()));
  }

  @ContractTest
  @Requires(Capability.COUNT_AND_EXISTS)
  void scenario15_exists(StandardRepo<TckDoc, String> repo) {
    assertFalse(repo.exists(Filters.all()), "an empty table has no rows");
    seedCategories(repo);
    assertTrue(repo.exists(eq("category", "reader")));
    assertFalse(repo.exists(eq("category", "unknown")));
    assertTrue(repo.exists(Filters.all()));
  }

  @ContractTest
  @Requires(absent = Capability.COUNT_AND_EXISTS)
  void countAndExists_absent_refused(StandardRepo<TckDoc, String> repo) {
    seedCategories(repo);
    expectUnsupported(repo, () -> repo.count(eq("category", "reader")));
    expectUnsupported(repo, () -> repo.exists(eq("category", "reader")));
  }
}
