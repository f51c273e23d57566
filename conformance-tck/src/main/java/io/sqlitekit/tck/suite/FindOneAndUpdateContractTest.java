package io.sqlitekit.tck.suite;

import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.tck.TckDocs.doc;
import static io.sqlitekit.tck.TckDocs.isoAt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.ReturnDocument;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.Requires;
import io.sqlitekit.tck.TckDoc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** findOneAndUpdate (reference scenarios 5–8), its refusals, and upsert on both sides of UPSERT. */
class FindOneAndUpdateContractTest extends ContractSupport {

  /** u1/u2/u3, category reader, createdAt isoAt(3), isoAt(1), isoAt(2): key order is not time order. */
  private static void seedReaders(StandardRepo<TckDoc, String> repo) {
    seed(repo,
        doc("u1", "reader", 0L).withCreatedAt(isoAt(3)),
        doc("u2", "reader", 0L).withCreatedAt(isoAt(1)),
        doc("u3", "reader", 0L).withCreatedAt(isoAt(2)));
  }

  @ContractTest
  void scenario5_sortPicksFirst_returnsAfterImage(StandardRepo<TckDoc, String> repo) {
    seedReaders(repo);
    TckDoc got = repo.findOneAndUpdate(eq("category", "reader"), Update.set("category", "claimed"),
        FindOneAndUpdateOptions.defaults().withSort(Sort.parse("createdAt"))).orElseThrow();
    assertEquals("u2", got.id(), "the earliest createdAt is claimed");
    assertEquals("claimed", got.category());
    assertEquals(1L, repo.findAll(eq("category", "claimed")).size());
  }

  @ContractTest
  void scenario6_returnBefore(StandardRepo<TckDoc, String> repo) {
    seedReaders(repo);
    TckDoc got = repo.findOneAndUpdate(eq("name", "u2"), Update.set("category", "archived"),
        FindOneAndUpdateOptions.defaults().returning(ReturnDocument.BEFORE)).orElseThrow();
    assertEquals("reader", got.category());
    assertEquals("archived", repo.getById("u2").orElseThrow().category());
  }

  @ContractTest
  void scenario7_noMatch_isEmpty(StandardRepo<TckDoc, String> repo) {
    seedReaders(repo);
    List<TckDoc> before = snapshot(repo);
    assertEquals(Optional.empty(), repo.findOneAndUpdate(eq("category", "nobody"),
        Update.set("category", "x"), FindOneAndUpdateOptions.defaults()));
    assertEquals(before, snapshot(repo));
  }

  @ContractTest
  void defaultSort_isKeyOrder(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("k3", "r", 0L), doc("k1", "r", 0L), doc("k2", "r", 0L));
    assertEquals("k1", repo.findOneAndUpdate(eq("category", "r"), Update.inc("count", 1),
        FindOneAndUpdateOptions.defaults()).orElseThrow().id());
  }

  @ContractTest
  void emptyFilter_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seedReaders(repo);
    expectRefusedUnchanged(repo, ValidationException.class, () -> repo.findOneAndUpdate(Filters.all(),
        Update.set("category", "x"), FindOneAndUpdateOptions.defaults()));
  }

  private static Update zedUpsert() {
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("name", "Zed");
    set.put("category", "new");
    set.put("count", 0L);
    set.put("active", true);
    set.put("createdAt", isoAt(9));
    return Update.set(set).and(Update.setOnInsert(Map.of("id", "zed")));
  }

  @ContractTest
  @Requires(Capability.UPSERT)
  void scenario8_upsertInsertsFromFilterAndUpdate(StandardRepo<TckDoc, String> repo) {
    seedReaders(repo);
    TckDoc got = repo.findOneAndUpdate(eq("email", "brand-new@x.com"), zedUpsert(),
        FindOneAndUpdateOptions.defaults().withUpsert(true)).orElseThrow();
    assertEquals("Zed", got.name());
    assertEquals("brand-new@x.com", got.email());
    assertEquals("zed", got.id());
    assertEquals(Optional.of(got), repo.getById("zed"));
  }

  @ContractTest
  @Requires(absent = Capability.UPSERT)
  void upsert_absent_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seedReaders(repo);
    expectUnsupported(repo, () -> repo.findOneAndUpdate(eq("email", "brand-new@x.com"), zedUpsert(),
        FindOneAndUpdateOptions.defaults().withUpsert(true)));
    expectUnsupported(repo, () -> repo.upsert(doc("fresh")));
    expectUnsupported(repo, () -> repo.upsert(doc("u1").withName("changed")));
  }

  @ContractTest
  @Requires(Capability.UPSERT)
  void upsert_insertsThenUpdates(StandardRepo<TckDoc, String> repo) {
    TckDoc a = doc("a", "x", 1L);
    assertEquals(a, repo.upsert(a));
    TckDoc changed = repo.upsert(a.withName("renamed").withCount(2L));
    assertEquals("renamed", changed.name());
    assertEquals(2L, changed.count());
    assertEquals(List.of("a"), ids(snapshot(repo)));
  }
}
