package io.sqlitekit.tck.suite;

import static io.sqlitekit.tck.TckDocs.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.Requires;
import io.sqlitekit.tck.TckDoc;
import java.util.List;

/**
 * withTransaction (reference scenarios 58–63): commit, rollback with the same exception object, reads inside
 * see writes, nested transactions as the capabilities say, and the absent side.
 */
class TransactionContractTest extends ContractSupport {

  /** A distinct exception type so that the identity check cannot pass by accident. */
  static final class Boom extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Boom() {
      super("boom from the transaction body");
    }
  }

  @ContractTest
  @Requires(Capability.TRANSACTIONS)
  void scenario58_commitPersists(StandardRepo<TckDoc, String> repo) {
    String result = repo.withTransaction(tx -> {
      tx.create(doc("a"));
      tx.create(doc("b"));
      return "done";
    });
    assertEquals("done", result);
    assertEquals(List.of("a", "b"), ids(snapshot(repo)));
  }

  @ContractTest
  @Requires(Capability.TRANSACTIONS)
  void scenario59_throwRollsBack_sameExceptionObject(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("keep"));
    Boom boom = new Boom();
    Boom caught = assertThrows(Boom.class, () -> repo.withTransaction(tx -> {
      tx.create(doc("a"));
      tx.update("keep", io.sqlitekit.spi.update.Update.set("count", 77L));
      tx.delete("keep");
      throw boom;
    }));
    assertSame(boom, caught, "the body's exception propagates unchanged");
    assertEquals(List.of("keep"), ids(snapshot(repo)));
    assertEquals(0L, repo.getById("keep").orElseThrow().count());
  }

  @ContractTest
  @Requires(Capability.TRANSACTIONS)
  void scenario60_bodyReceivesBoundRepository(StandardRepo<TckDoc, String> repo) {
    repo.withTransaction(tx -> {
      assertNotNull(tx, "the body receives a transaction-bound repository");
      assertEquals(repo.table(), tx.table());
      return null;
    });
  }

  @ContractTest
  @Requires(Capability.TRANSACTIONS)
  void scenario61_readsInsideSeeWrites(StandardRepo<TckDoc, String> repo) {
    int seen = repo.withTransaction(tx -> {
      tx.create(doc("a"));
      tx.create(doc("b"));
      assertEquals("a", tx.getById("a").orElseThrow().id());
      return tx.findAll(Filters.all()).size();
    });
    assertEquals(2, seen);
  }

  @ContractTest
  @Requires(Capability.NESTED_TRANSACTIONS)
  void scenario63_nested_innerRollbackKeepsOuter(StandardRepo<TckDoc, String> repo) {
    assertEquals(true, repo.capabilities().supports(Capability.NESTED_TRANSACTIONS));
    repo.withTransaction(tx -> {
      tx.create(doc("outer"));
      Boom boom = new Boom();
      Boom caught = assertThrows(Boom.class, () -> tx.withTransaction(inner -> {
        inner.create(doc("inner"));
        throw boom;
      }));
      assertSame(boom, caught);
      tx.withTransaction(inner -> inner.create(doc("inner2")));
      return null;
    });
    assertEquals(List.of("inner2", "outer"), ids(snapshot(repo)));
  }

  @ContractTest
  @Requires(value = Capability.TRANSACTIONS, absent = Capability.NESTED_TRANSACTIONS)
  void scenario63_nested_absent_refused(StandardRepo<TckDoc, String> repo) {
    assertEquals(false, repo.capabilities().supports(Capability.NESTED_TRANSACTIONS));
    repo.withTransaction(tx -> {
      tx.create(doc("outer"));
      assertThrows(OperationNotSupportedException.class,
          () -> tx.withTransaction(inner -> inner.create(doc("inner"))));
      return null;
    });
    assertEquals(List.of("outer"), ids(snapshot(repo)));
  }

  @ContractTest
  @Requires(absent = Capability.TRANSACTIONS)
  void transactions_absent_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("keep"));
    expectUnsupported(repo, () -> repo.withTransaction(tx -> tx.create(doc("a"))));
  }
}
