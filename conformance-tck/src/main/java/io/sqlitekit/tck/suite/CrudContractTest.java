package io.sqlitekit.tck.suite;

import static io.sqlitekit.tck.TckDocs.doc;
import static io.sqlitekit.tck.TckDocs.isoAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.FindOptions;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.Requires;
import io.sqlitekit.tck.TckDoc;
import java.util.List;
import java.util.Optional;

/** CRUD basics (reference scenarios 1–4) and the miss/refusal edges of single-row writes. */
class CrudContractTest extends ContractSupport {

  @ContractTest
  void create_getById_roundTrips(StandardRepo<TckDoc, String> repo) {
    TckDoc alice = doc("alice").withName("Alice").withEmail("alice@example.com").withCategory("admin")
        .withCount(42L).withActive(true).withNotes("seed note").withCreatedAt(isoAt(0));
    TckDoc stored = repo.create(alice);
    assertEquals(alice, stored, "create returns the row as stored");
    assertEquals(Optional.of(alice), repo.getById("alice"));
  }

  @ContractTest
  void getById_missing_isEmpty(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a"));
    assertEquals(Optional.empty(), repo.getById("does-not-exist-xyz"));
  }

  @ContractTest
  void update_returnsUpdatedRow(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a", "reader", 1L));
    Optional<TckDoc> updated = repo.update("a", Update.set("count", 99L));
    assertEquals(99L, updated.orElseThrow().count());
    assertEquals("reader", updated.orElseThrow().category(), "only supplied fields change");
    assertEquals(99L, repo.getById("a").orElseThrow().count());
  }

  @ContractTest
  void update_miss_isEmptyNotAnException(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a"));
    List<TckDoc> before = snapshot(repo);
    assertEquals(Optional.empty(), repo.update("no-such-id", Update.set("count", 99L)));
    assertEquals(before, snapshot(repo));
  }

  @ContractTest
  void delete_thenDeleteAgain_reportsMiss(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a"), doc("b"));
    assertTrue(repo.delete("a"), "first delete removes the row");
    assertFalse(repo.delete("a"), "second delete is a miss");
    assertEquals(List.of("b"), ids(snapshot(repo)));
  }

  @ContractTest
  void delete_miss_isFalseNotAnException(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a"));
    assertFalse(repo.delete("never-existed"));
    assertEquals(List.of("a"), ids(snapshot(repo)));
  }

  @ContractTest
  void update_unknownField_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a"));
    ValidationException e = expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.update("a", Update.set("noSuchField", 1L)));
    assertTrue(e.getMessage().contains("noSuchField"), "message names the field: " + e.getMessage());
  }

  @ContractTest
  void update_primaryKey_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a"));
    expectRefusedUnchanged(repo, ValidationException.class, () -> repo.update("a", Update.set("id", "b")));
  }

  @ContractTest
  void update_nullIntoNotNull_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a"));
    expectRefusedUnchanged(repo, RepositoryException.class, () -> repo.update("a", Update.unset("email")));
  }

  @ContractTest
  void update_unsetAndInc_apply(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a", "reader", null).withNotes("old"));
    TckDoc after = repo.update("a", Update.inc("count", 5).and(Update.unset("notes"))).orElseThrow();
    assertEquals(5L, after.count(), "inc on NULL starts from 0");
    assertNull(after.notes());
    assertEquals(8L, repo.update("a", Update.inc("count", 3)).orElseThrow().count());
  }

  @ContractTest
  void increment_nullStartsAtZero_missIsEmpty(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a", "reader", null));
    assertEquals(5L, repo.increment("a", "count", 5).orElseThrow().count());
    assertEquals(7L, repo.increment("a", "count", 2).orElseThrow().count());
    assertEquals(Optional.empty(), repo.increment("missing", "count", 1));
  }

  @ContractTest
  void createMany_storesAllInOrder(StandardRepo<TckDoc, String> repo) {
    List<TckDoc> stored = repo.createMany(List.of(doc("a"), doc("b"), doc("c")));
    assertEquals(List.of("a", "b", "c"), ids(stored));
    assertEquals(List.of("a", "b", "c"), ids(snapshot(repo)));
    assertEquals(List.of(), repo.createMany(List.of()));
  }

  @ContractTest
  @Requires(Capability.DUPLICATE_KEY_ERROR)
  void createMany_clash_storesNothing(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a"));
    expectRefusedUnchanged(repo, RepositoryException.class,
        () -> repo.createMany(List.of(doc("b"), doc("c"), doc("a"))));
  }

  @ContractTest
  void getByIds_skipsMissing_inKeyOrder(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("c"), doc("a"), doc("b"));
    assertEquals(List.of("a", "c"), ids(repo.getByIds(List.of("c", "zzz", "a"))));
  }

  @ContractTest
  void findAll_sortLimitOffset(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a", "x", 3L), doc("b", "x", 1L), doc("c", "x", 2L), doc("d", "x", 4L));
    FindOptions o = FindOptions.defaults().withSort(Sort.by(SortField.desc("count"))).withLimit(2).withOffset(1);
    assertEquals(List.of("a", "c"), ids(repo.findAll(Filters.all(), o)));
    assertEquals(List.of("a", "b", "c", "d"), ids(repo.findAll(Filters.all())), "unsorted is key order");
  }

  @ContractTest
  void findAll_nullsFirstAscending_lastDescending(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a", "x", 2L), doc("b", "x", null), doc("c", "x", 1L));
    assertEquals(List.of("b", "c", "a"),
        ids(repo.findAll(Filters.all(), FindOptions.defaults().withSort(Sort.parse("count")))));
    assertEquals(List.of("a", "c", "b"),
        ids(repo.findAll(Filters.all(), FindOptions.defaults().withSort(Sort.parse("-count")))));
  }

  @ContractTest
  void findAll_unknownSortField_refused(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a"));
    expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.findAll(Filters.all(), FindOptions.defaults().withSort(Sort.parse("nope"))));
  }

  @ContractTest
  void getOne_firstBySort(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a", "r", 2L), doc("b", "r", 1L), doc("c", "s", 0L));
    assertEquals("a", repo.getOne(Filters.eq("category", "r")).orElseThrow().id(), "default is key order");
    assertEquals("b", repo.getOne(Filters.eq("category", "r"),
        FindOptions.defaults().withSort(Sort.parse("count"))).orElseThrow().id());
    assertEquals(Optional.empty(), repo.getOne(Filters.eq("category", "none")));
  }

  @ContractTest
  void projection_includeKeepsKeyAndNullsOthers(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a", "reader", 5L));
    TckDoc p = repo.getById("a", Projection.include("name")).orElseThrow();
    assertEquals("a", p.id(), "the key is always returned");
    assertEquals("a", p.name());
    assertNull(p.category());
    assertNull(p.count());
    TckDoc x = repo.findAll(Filters.all(), FindOptions.defaults().withProjection(Projection.exclude("count")))
        .get(0);
    assertEquals("reader", x.category());
    assertNull(x.count());
  }

  @ContractTest
  void update_wrongType_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a"));
    expectRefusedUnchanged(repo, ValidationException.class, () -> repo.update("a", Update.set("count", "many")));
  }

  @ContractTest
  void update_setOnInsertOnly_changesNothing(StandardRepo<TckDoc, String> repo) {
    TckDoc a = seed(repo, doc("a", "x", 1L)).get(0);
    assertEquals(Optional.of(a), repo.update("a", Update.setOnInsert(java.util.Map.of("count", 9L))));
    assertEquals(Optional.of(a), repo.getById("a"));
  }

  @ContractTest
  void create_nullIntoNotNull_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a"));
    expectRefusedUnchanged(repo, RepositoryException.class, () -> repo.create(doc("b").withName(null)));
  }

  @ContractTest
  void increment_unknownField_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a"));
    expectRefusedUnchanged(repo, ValidationException.class, () -> repo.increment("a", "noSuchField", 1));
  }

  @ContractTest
  void withContext_emptyContext_seesTheSameRows(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a"), doc("b"));
    StandardRepo<TckDoc, String> view = repo.withContext(io.sqlitekit.spi.CallContext.empty());
    assertEquals(ids(snapshot(repo)), ids(snapshot(view)));
    view.create(doc("c"));
    assertEquals(List.of("a", "b", "c"), ids(snapshot(repo)));
  }
}
