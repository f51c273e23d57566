package io.sqlitekit.tck.suite;

import static io.sqlitekit.tck.TckDocs.doc;

import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.TckDoc;

/**
 * A contract class whose test passes on its own but leaves the fake's row count inconsistent (the
 * "count-drift" fake counts rows it never stored), so only the after-each invariants can catch it.
 */
class CountDriftFixture extends ContractSupport {

  @ContractTest
  void writesOneRow(StandardRepo<TckDoc, String> repo) {
    repo.create(doc("a"));
  }
}
