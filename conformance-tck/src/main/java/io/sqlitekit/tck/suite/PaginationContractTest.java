package io.sqlitekit.tck.suite;

import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.tck.TckDocs.doc;
import static io.sqlitekit.tck.TckDocs.isoAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.InvalidCursorException;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.Requires;
import io.sqlitekit.tck.TckDoc;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Offset pagination edges (reference scenarios 42–45) and keyset pagination on both sides. */
class PaginationContractTest extends ContractSupport {

  /** p0..p4, count i, createdAt isoAt(i). */
  private static void seedPages(StandardRepo<TckDoc, String> repo) {
    for (int i = 0; i < 5; i++) {
      seed(repo, doc("p" + i, "page", (long) i).withCreatedAt(isoAt(i)));
    }
  }

  @ContractTest
  void scenario42_pagePastEnd_emptyWithRealTotal(StandardRepo<TckDoc, String> repo) {
    seedPages(repo);
    OffsetPage<TckDoc> p = repo.getAll(PageRequest.of(99, 10).withSort(Sort.parse("createdAt")));
    assertEquals(List.of(), p.items());
    assertEquals(5L, p.total());
    assertEquals(1L, p.pages());
    assertFalse(p.hasNext());
    assertTrue(p.hasPrev());
  }

  @ContractTest
  void scenario43_largeLimit_allRows(StandardRepo<TckDoc, String> repo) {
    seedPages(repo);
    OffsetPage<TckDoc> p = repo.getAll(PageRequest.of(1, 1000));
    assertEquals(List.of("p0", "p1", "p2", "p3", "p4"), ids(p.items()));
    assertEquals(5L, p.total());
  }

  @ContractTest
  void scenario44_filtered(StandardRepo<TckDoc, String> repo) {
    seedPages(repo);
    OffsetPage<TckDoc> p = repo.getAll(PageRequest.first().withFilter(eq("count", 3L)));
    assertEquals(List.of("p3"), ids(p.items()));
    assertEquals(1L, p.total());
    assertEquals(1L, p.pages());
  }

  @ContractTest
  void scenario45_noMatch_pagesZero(StandardRepo<TckDoc, String> repo) {
    seedPages(repo);
    OffsetPage<TckDoc> p = repo.getAll(PageRequest.first().withFilter(eq("count", 99L)));
    assertEquals(List.of(), p.items());
    assertEquals(0L, p.total());
    assertEquals(0L, p.pages(), "an empty result has zero pages");
    assertFalse(p.hasNext());
    assertFalse(p.hasPrev());
  }

  @ContractTest
  void emptyTable_pagesZero(StandardRepo<TckDoc, String> repo) {
    OffsetPage<TckDoc> p = repo.getAll(PageRequest.first());
    assertEquals(0L, p.total());
    assertEquals(0L, p.pages());
  }

  @ContractTest
  void pages_walkWithoutOverlap(StandardRepo<TckDoc, String> repo) {
    seedPages(repo);
    PageRequest req = PageRequest.of(1, 2).withSort(Sort.parse("-createdAt"));
    OffsetPage<TckDoc> p1 = repo.getAll(req);
    assertEquals(List.of("p4", "p3"), ids(p1.items()));
    assertEquals(3L, p1.pages());
    assertTrue(p1.hasNext());
    assertFalse(p1.hasPrev());
    OffsetPage<TckDoc> p3 = repo.getAll(req.withPage(3));
    assertEquals(List.of("p0"), ids(p3.items()));
    assertFalse(p3.hasNext());
    assertTrue(p3.hasPrev());
  }

  /** Seven rows with duplicate and NULL sort values, the hard case for keyset cursors. */
  private static void seedKeyset(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("k1", "x", 2L), doc("k2", "x", null), doc("k3", "x", 1L), doc("k4", "x", 2L),
        doc("k5", "x", null), doc("k6", "x", 3L), doc("k7", "x", 2L));
  }

  static List<String> walk(StandardRepo<TckDoc, String> repo, KeysetRequest first) {
    List<String> seen = new ArrayList<>();
    KeysetRequest req = first;
    for (int guard = 0; guard < 50; guard++) {
      KeysetPage<TckDoc> page = repo.getAll(req);
      seen.addAll(ids(page.items()));
      if (!page.hasMore()) {
        assertNull(page.nextCursor());
        return seen;
      }
      req = req.after(page.nextCursor());
    }
    throw new AssertionError("keyset walk did not end after 50 pages: " + seen);
  }

  @ContractTest
  @Requires(Capability.KEYSET_PAGINATION)
  void keyset_walkSeesEachRowOnceInOrder(StandardRepo<TckDoc, String> repo) {
    seedKeyset(repo);
    assertEquals(List.of("k2", "k5", "k3", "k1", "k4", "k7", "k6"),
        walk(repo, KeysetRequest.first(Sort.parse("count"), 3)), "ascending: NULLs first, key tiebreak");
    // The tiebreak direction under a descending sort is the implementation's choice; the value order is not.
    List<String> desc = walk(repo, KeysetRequest.first(Sort.parse("-count"), 2));
    assertEquals(7, desc.size(), "each row exactly once: " + desc);
    assertEquals(7, new HashSet<>(desc).size(), "each row exactly once: " + desc);
    List<Long> counts = new ArrayList<>();
    for (String id : desc) {
      counts.add(repo.getById(id).orElseThrow().count());
    }
    assertEquals(java.util.Arrays.asList(3L, 2L, 2L, 2L, 1L, null, null), counts, "descending: NULLs last");
  }

  @ContractTest
  @Requires(Capability.KEYSET_PAGINATION)
  void keyset_filteredExactPages(StandardRepo<TckDoc, String> repo) {
    seedKeyset(repo);
    List<String> seen = walk(repo, KeysetRequest.first(Sort.parse("count"), 1).withFilter(eq("count", 2L)));
    assertEquals(List.of("k1", "k4", "k7"), seen);
    assertEquals(seen.size(), new HashSet<>(seen).size());
  }

  @ContractTest
  @Requires(Capability.KEYSET_PAGINATION)
  void keyset_malformedCursor_refused(StandardRepo<TckDoc, String> repo) {
    seedKeyset(repo);
    assertThrows(InvalidCursorException.class,
        () -> repo.getAll(KeysetRequest.first(Sort.parse("count"), 2).after("not-a-cursor")));
  }

  @ContractTest
  @Requires(Capability.KEYSET_PAGINATION)
  void keyset_emptyTable_noMore(StandardRepo<TckDoc, String> repo) {
    KeysetPage<TckDoc> page = repo.getAll(KeysetRequest.first(Sort.parse("count"), 5));
    assertEquals(List.of(), page.items());
    assertFalse(page.hasMore());
  }

  @ContractTest
  @Requires(absent = Capability.KEYSET_PAGINATION)
  void keyset_absent_refused(StandardRepo<TckDoc, String> repo) {
    seedKeyset(repo);
    expectUnsupported(repo, () -> repo.getAll(KeysetRequest.first(Sort.parse("count"), 3)));
  }

  @ContractTest
  void defaultLimit_is20(StandardRepo<TckDoc, String> repo) {
    for (int i = 0; i < 25; i++) {
      seed(repo, doc(String.format(java.util.Locale.ROOT, "d%02d", i)));
    }
    OffsetPage<TckDoc> p = repo.getAll(PageRequest.first());
    assertEquals(20, p.items().size());
    assertEquals(PageRequest.DEFAULT_LIMIT, p.limit());
    assertEquals(25L, p.total());
    assertEquals(2L, p.pages());
    assertTrue(p.hasNext());
  }
}
