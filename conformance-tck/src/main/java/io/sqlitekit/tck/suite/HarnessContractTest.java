package io.sqlitekit.tck.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.RepoFeature;
import io.sqlitekit.tck.RepoHarness;
import io.sqlitekit.tck.TckDoc;
import io.sqlitekit.tck.TckSchema;

/** The harness keeps its own promises: fresh empty repositories over the TCK table, honest capabilities. */
class HarnessContractTest extends ContractSupport {

  @ContractTest
  void capabilities_matchDeclaredFeatures(StandardRepo<TckDoc, String> repo, RepoHarness harness) {
    assertEquals(RepoFeature.expand(harness.features()), RepoFeature.fromCapabilities(repo.capabilities()),
        "repo.capabilities() must declare exactly the harness's features");
  }

  @ContractTest
  void create_returnsEmptyRepositoryOverTheTckTable(StandardRepo<TckDoc, String> repo, RepoHarness harness) {
    assertEquals(TckSchema.TABLE.name(), repo.table().name());
    assertEquals(TckSchema.TABLE.fieldNames(), repo.table().fieldNames());
    assertEquals(0, repo.findAll(Filters.all()).size(), "a fresh repository is empty");
    assertFalse(harness.name().isBlank(), "the harness has a name");
  }
}
