package io.sqlitekit.tck.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.RepoHarness;
import io.sqlitekit.tck.TckDoc;
import io.sqlitekit.tck.TckSchema;
import java.util.List;

/** The harness keeps its own promises: fresh empty repositories over the TCK table, honest capabilities. */
class HarnessContractTest extends ContractSupport {

  /**
   * Claiming more than the repository reports already fails every scenario (the binding checks it before each
   * test); this also catches the harness that declares less, which would skip scenarios the repository
   * promises its users.
   */
  @ContractTest
  void capabilities_matchDeclaredFeatures(StandardRepo<TckDoc, String> repo, RepoHarness harness) {
    assertEquals(harness.capabilities(), repo.capabilities(),
        "repo.capabilities() must report exactly the capabilities the harness declares");
  }

  @ContractTest
  void create_returnsEmptyRepositoryOverTheTckTable(StandardRepo<TckDoc, String> repo, RepoHarness harness) {
    assertEquals(TckSchema.TABLE.name(), repo.table().name());
    // Plugins may append columns they manage (soft delete, tenant); the TCK's own columns come first.
    List<String> fields = repo.table().fieldNames();
    assertTrue(fields.size() >= TckSchema.TABLE.fieldNames().size(), "fields " + fields);
    assertEquals(TckSchema.TABLE.fieldNames(), fields.subList(0, TckSchema.TABLE.fieldNames().size()));
    assertEquals(0, repo.findAll(Filters.all()).size(), "a fresh repository is empty");
    assertFalse(harness.name().isBlank(), "the harness has a name");
  }
}
