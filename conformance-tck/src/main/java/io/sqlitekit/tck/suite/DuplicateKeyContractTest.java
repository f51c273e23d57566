package io.sqlitekit.tck.suite;

import static io.sqlitekit.tck.TckDocs.doc;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.Requires;
import io.sqlitekit.tck.TckDoc;

/** isDuplicateKeyError (reference scenarios 54–55). */
class DuplicateKeyContractTest extends ContractSupport {

  @ContractTest
  @Requires(Capability.DUPLICATE_KEY_ERROR)
  void scenario54_uniqueClash_classifiedAsDuplicate(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a").withEmail("same@example.com"));
    DuplicateKeyException e = expectRefusedUnchanged(repo, DuplicateKeyException.class,
        () -> repo.create(doc("b").withEmail("same@example.com")));
    assertTrue(repo.isDuplicateKeyError(e));
    assertTrue(repo.isDuplicateKeyError(new RuntimeException("wrapped", e)), "causes are inspected");
  }

  @ContractTest
  @Requires(Capability.DUPLICATE_KEY_ERROR)
  void primaryKeyClash_classifiedAsDuplicate(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a"));
    DuplicateKeyException e = expectRefusedUnchanged(repo, DuplicateKeyException.class,
        () -> repo.create(doc("a").withEmail("other@example.com")));
    assertTrue(repo.isDuplicateKeyError(e));
  }

  @ContractTest
  void scenario55_otherErrors_notDuplicates(StandardRepo<TckDoc, String> repo) {
    assertFalse(repo.isDuplicateKeyError(new RuntimeException("something else")));
    assertFalse(repo.isDuplicateKeyError(null));
    assertFalse(repo.isDuplicateKeyError(new ValidationException("email", "email must not be null")));
  }
}
