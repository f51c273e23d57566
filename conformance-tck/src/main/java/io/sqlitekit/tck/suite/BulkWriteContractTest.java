package io.sqlitekit.tck.suite;

import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.tck.TckDocs.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.UpdateResult;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.TckDoc;
import java.util.List;

/** updateMany / deleteMany (reference scenarios 9–12) and their refusals. */
class BulkWriteContractTest extends ContractSupport {

  /** a, b reader (count 1, 2); c admin (count 3). */
  private static void seedAbc(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a", "reader", 1L), doc("b", "reader", 2L), doc("c", "admin", 3L));
  }

  @ContractTest
  void scenario9_updateMany_countsMatches(StandardRepo<TckDoc, String> repo) {
    seedAbc(repo);
    assertEquals(new UpdateResult(2, 2),
        repo.updateMany(eq("category", "reader"), Update.set("category", "former-reader")));
    assertEquals(1, repo.findAll(eq("category", "admin")).size());
    assertEquals(List.of("a", "b"), names(repo.findAll(eq("category", "former-reader"))));
  }

  @ContractTest
  void scenario10_updateMany_noMatch(StandardRepo<TckDoc, String> repo) {
    seedAbc(repo);
    List<TckDoc> before = snapshot(repo);
    assertEquals(new UpdateResult(0, 0), repo.updateMany(eq("category", "nobody"), Update.set("count", 9L)));
    assertEquals(before, snapshot(repo));
  }

  @ContractTest
  void scenario11_deleteMany_removesMatches(StandardRepo<TckDoc, String> repo) {
    seedAbc(repo);
    assertEquals(2L, repo.deleteMany(eq("category", "reader")));
    assertEquals(List.of("c"), ids(snapshot(repo)));
  }

  @ContractTest
  void scenario12_deleteMany_noMatch(StandardRepo<TckDoc, String> repo) {
    seedAbc(repo);
    assertEquals(0L, repo.deleteMany(eq("category", "nobody")));
    assertEquals(3, snapshot(repo).size());
  }

  @ContractTest
  void updateMany_inc_appliesToEachRow(StandardRepo<TckDoc, String> repo) {
    seedAbc(repo);
    repo.updateMany(eq("category", "reader"), Update.inc("count", 10));
    assertEquals(List.of(11L, 12L, 3L), snapshot(repo).stream().map(TckDoc::count).toList());
  }

  @ContractTest
  void emptyFilter_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seedAbc(repo);
    expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.updateMany(Filters.all(), Update.set("category", "x")));
    expectRefusedUnchanged(repo, ValidationException.class, () -> repo.deleteMany(Filters.all()));
  }

  @ContractTest
  void updateMany_unknownField_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seedAbc(repo);
    expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.updateMany(eq("category", "reader"), Update.set("noSuchField", 1L)));
  }

  @ContractTest
  void updateMany_emptyUpdate_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seedAbc(repo);
    expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.updateMany(eq("category", "reader"), Update.empty()));
  }

  @ContractTest
  void matchNone_isExplicit_affectsNothing(StandardRepo<TckDoc, String> repo) {
    seedAbc(repo);
    assertEquals(0L, repo.deleteMany(Filters.none()));
    assertEquals(new UpdateResult(0, 0), repo.updateMany(Filters.none(), Update.set("count", 0L)));
    assertEquals(3, snapshot(repo).size());
  }
}
