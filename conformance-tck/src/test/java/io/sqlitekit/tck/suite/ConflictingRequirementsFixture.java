package io.sqlitekit.tck.suite;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.RepoFeature;
import io.sqlitekit.tck.Requires;
import io.sqlitekit.tck.TckDoc;

/**
 * A deliberately defective contract class (not a suite member; its name keeps Surefire away): one test
 * requires a feature both present and absent, through the FULL compound.
 */
class ConflictingRequirementsFixture extends ContractSupport {

  @ContractTest
  @Requires(value = RepoFeature.UPSERT, absent = RepoFeature.FULL)
  void conflicting(StandardRepo<TckDoc, String> repo) {
    assertNotNull(repo);
  }

  @ContractTest
  void fine(StandardRepo<TckDoc, String> repo) {
    assertNotNull(repo);
  }
}
