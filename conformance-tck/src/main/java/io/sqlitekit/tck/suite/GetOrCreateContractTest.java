package io.sqlitekit.tck.suite;

import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.tck.TckDocs.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.GetOrCreateResult;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.Requires;
import io.sqlitekit.tck.TckDoc;

/** getOrCreate returning {doc, created} (reference scenarios 56–57) on both sides of GET_OR_CREATE. */
class GetOrCreateContractTest extends ContractSupport {

  @ContractTest
  @Requires(Capability.GET_OR_CREATE)
  void scenario56_miss_creates(StandardRepo<TckDoc, String> repo) {
    GetOrCreateResult<TckDoc> r = repo.getOrCreate(eq("email", "fresh@example.com"),
        doc("fresh").withName("Fresh").withEmail("fresh@example.com"));
    assertTrue(r.created());
    assertEquals("Fresh", r.doc().name());
    assertEquals(1, snapshot(repo).size());
  }

  @ContractTest
  @Requires(Capability.GET_OR_CREATE)
  void scenario57_hit_returnsExistingUnchanged(StandardRepo<TckDoc, String> repo) {
    TckDoc existing = seed(repo, doc("existing").withName("Existing").withEmail("x@example.com")).get(0);
    GetOrCreateResult<TckDoc> r = repo.getOrCreate(eq("email", "x@example.com"),
        doc("other").withName("Other").withEmail("x@example.com"));
    assertFalse(r.created());
    assertEquals(existing, r.doc());
    assertEquals(1, snapshot(repo).size());
  }

  @ContractTest
  @Requires(absent = Capability.GET_OR_CREATE)
  void getOrCreate_absent_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a"));
    expectUnsupported(repo, () -> repo.getOrCreate(eq("email", "fresh@example.com"),
        doc("fresh").withEmail("fresh@example.com")));
  }
}
