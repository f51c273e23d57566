package io.sqlitekit.tck.suite;

import static io.sqlitekit.tck.TckDocs.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.WriteOptions;
import io.sqlitekit.spi.error.VersionConflictException;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.Requires;
import io.sqlitekit.tck.TckDoc;
import java.util.Optional;

/** Expected-version writes (reference scenarios 64–66) on both sides of OPTIMISTIC_CONCURRENCY. */
class OptimisticConcurrencyContractTest extends ContractSupport {

  @ContractTest
  @Requires(Capability.OPTIMISTIC_CONCURRENCY)
  void scenario64_matchingVersion_appliesAndBumps(StandardRepo<TckDoc, String> repo) {
    TckDoc stored = seed(repo, doc("cas").withName("cas-1")).get(0);
    long v = stored.version();
    TckDoc after = repo.update("cas", Update.set("name", "cas-2"), WriteOptions.ifVersion(v)).orElseThrow();
    assertEquals("cas-2", after.name());
    assertEquals(v + 1, after.version());
  }

  @ContractTest
  @Requires(Capability.OPTIMISTIC_CONCURRENCY)
  void scenario65_staleVersion_conflictNotApplied(StandardRepo<TckDoc, String> repo) {
    TckDoc stored = seed(repo, doc("cas").withName("cas-1")).get(0);
    long v = stored.version();
    repo.update("cas", Update.set("name", "cas-stale-2"), WriteOptions.ifVersion(v)).orElseThrow();
    VersionConflictException e = expectRefusedUnchanged(repo, VersionConflictException.class,
        () -> repo.update("cas", Update.set("name", "loser"), WriteOptions.ifVersion(v)));
    assertEquals(v, e.expectedVersion());
    assertEquals("cas-stale-2", repo.getById("cas").orElseThrow().name());
    assertTrue(e.getMessage().contains("cas"), "message names the row: " + e.getMessage());
  }

  @ContractTest
  @Requires(Capability.OPTIMISTIC_CONCURRENCY)
  void scenario66_missingId_isMiss(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("cas"));
    assertEquals(Optional.empty(),
        repo.update("000000000000000000000000", Update.set("name", "x"), WriteOptions.ifVersion(1)));
  }

  @ContractTest
  @Requires(absent = Capability.OPTIMISTIC_CONCURRENCY)
  void optimisticConcurrency_absent_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    TckDoc stored = seed(repo, doc("cas")).get(0);
    expectUnsupported(repo,
        () -> repo.update("cas", Update.set("name", "x"), WriteOptions.ifVersion(stored.version())));
  }

  @ContractTest
  @Requires(Capability.OPTIMISTIC_CONCURRENCY)
  void findOneAndUpdate_staleVersion_conflictNotApplied(StandardRepo<TckDoc, String> repo) {
    TckDoc stored = seed(repo, doc("cas").withName("cas-1")).get(0);
    long v = stored.version();
    TckDoc won = repo.findOneAndUpdate(io.sqlitekit.spi.filter.Filters.eq("name", "cas-1"),
        Update.set("name", "cas-2"), io.sqlitekit.spi.FindOneAndUpdateOptions.defaults().ifVersion(v))
        .orElseThrow();
    assertEquals(v + 1, won.version());
    expectRefusedUnchanged(repo, VersionConflictException.class, () -> repo.findOneAndUpdate(
        io.sqlitekit.spi.filter.Filters.eq("name", "cas-2"), Update.set("name", "loser"),
        io.sqlitekit.spi.FindOneAndUpdateOptions.defaults().ifVersion(v)));
  }
}
