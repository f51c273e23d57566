package io.sqlitekit.tck.suite;

import static io.sqlitekit.tck.TckDocs.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.Requires;
import io.sqlitekit.tck.TckDoc;
import java.util.List;

/** batch: ordered results, all-or-nothing, misses, and the absent side of BATCH. */
class BatchContractTest extends ContractSupport {

  @ContractTest
  @Requires(Capability.BATCH)
  void batch_runsInOrder_withResults(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("u", "x", 1L), doc("d"));
    List<BatchResult<TckDoc>> results = repo.batch(b -> List.of(b.insert(doc("n")),
        b.update("u", Update.set("count", 5L)), b.delete("d"), b.update("missing", Update.set("count", 1L))));
    assertEquals(4, results.size());
    assertEquals(BatchStatement.Kind.INSERT, results.get(0).kind());
    assertEquals("n", results.get(0).rows().get(0).id());
    assertEquals(5L, results.get(1).rows().get(0).count());
    assertEquals(1L, results.get(2).changes());
    assertEquals(0L, results.get(3).changes(), "an update miss is a miss, not a failure");
    assertEquals(List.of("n", "u"), ids(snapshot(repo)));
  }

  @ContractTest
  @Requires(Capability.BATCH)
  void batch_failure_appliesNothing(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("u", "x", 1L));
    expectRefusedUnchanged(repo, RepositoryException.class, () -> repo.batch(b -> List.of(
        b.insert(doc("n")), b.update("u", Update.set("count", 5L)), b.insert(doc("u")))));
  }

  @ContractTest
  @Requires(Capability.BATCH)
  void batch_empty_refused(StandardRepo<TckDoc, String> repo) {
    expectRefusedUnchanged(repo, ValidationException.class, () -> repo.batch(b -> List.of()));
  }

  @ContractTest
  @Requires(absent = Capability.BATCH)
  void batch_absent_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("u"));
    expectUnsupported(repo, () -> repo.batch(b -> List.of(b.insert(doc("n")), b.delete("u"))));
  }
}
