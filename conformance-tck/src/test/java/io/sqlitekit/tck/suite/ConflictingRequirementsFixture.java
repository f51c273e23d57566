package io.sqlitekit.tck.suite;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.Requires;
import io.sqlitekit.tck.TckDoc;

/**
 * A deliberately defective contract class (not a suite member; its name keeps Surefire away): one test
 * requires a capability both present and absent, through an implication (nested transactions imply
 * transactions).
 */
class ConflictingRequirementsFixture extends ContractSupport {

  @ContractTest
  @Requires(value = Capability.NESTED_TRANSACTIONS, absent = Capability.TRANSACTIONS)
  void conflicting(StandardRepo<TckDoc, String> repo) {
    assertNotNull(repo);
  }

  @ContractTest
  void fine(StandardRepo<TckDoc, String> repo) {
    assertNotNull(repo);
  }
}
