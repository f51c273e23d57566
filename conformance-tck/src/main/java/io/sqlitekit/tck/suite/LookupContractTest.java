package io.sqlitekit.tck.suite;

import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.in;
import static io.sqlitekit.tck.TckDocs.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.Lookup;
import io.sqlitekit.spi.LookupRow;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.Requires;
import io.sqlitekit.tck.TckDoc;
import io.sqlitekit.tck.TckDocs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Lookup reads (portable joins), as self-joins of the TCK table so every harness, plugin harnesses included,
 * can run them: {@code notes} of a child holds its parent's id. One-to-one and one-to-many lookups, misses,
 * foreign projections and filters, totals that one-to-many lookups do not inflate, keyset pages, joined
 * values decoded by the column codecs, rows a delete removed (or a soft delete hid), and the refusals.
 */
@Requires(Capability.LOOKUPS)
class LookupContractTest extends ContractSupport {
  /** An id no row visible to the caller has; on the multi-tenant harnesses, another tenant's row has it. */
  private static final String OUT_OF_SCOPE = "zz-other-tenant";

  /** The one-to-one lookup of a child's parent ({@code notes} holds the parent's id); shared with aggregates. */
  static Lookup parent(StandardRepo<TckDoc, String> repo) {
    return Lookup.one("parent", repo.table(), "notes", "id");
  }

  private static Lookup children(StandardRepo<TckDoc, String> repo) {
    return Lookup.many("children", repo.table(), "id", "notes");
  }

  /**
   * Parents p1 (2 children), p2 (1 child, inactive), p3 (none); child c4 points at a row the caller cannot see.
   * Shared with {@link AggregateLookupContractTest}.
   */
  static void family(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("p1", "parent", 1L), doc("p2", "parent", 2L).withActive(false), doc("p3", "parent", 3L),
        doc("c1", "child", 10L).withNotes("p1"), doc("c2", "child", 20L).withNotes("p1"),
        doc("c3", "child", 30L).withNotes("p2"), doc("c4", "child", 40L).withNotes(OUT_OF_SCOPE));
  }

  private static PageRequest parents(int page, int limit) {
    return new PageRequest(eq("category", "parent"), Sort.parse("id"), page, limit, Projection.all());
  }

  private static List<String> idsOf(List<Map<String, Object>> rows) {
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add((String) r.get("id")));
    return out;
  }

  @ContractTest
  void single_attachesTheMatchDecodedByTheColumnCodecs(StandardRepo<TckDoc, String> repo) {
    family(repo);
    OffsetPage<LookupRow<TckDoc>> page = repo.lookupPage(
        new PageRequest(in("id", "c1", "c3"), Sort.parse("id"), 1, 10, Projection.all()), List.of(parent(repo)));
    assertEquals(List.of("c1", "c3"), page.items().stream().map(r -> r.entity().id()).toList());
    Map<String, Object> p1 = page.items().get(0).one("parent");
    assertEquals("p1", p1.get("id"));
    assertEquals(Boolean.TRUE, p1.get("active"), "booleans come back as booleans, not 1/0");
    assertEquals(TckDocs.BASE, p1.get("createdAt"), "timestamps come back as instants");
    assertEquals(Boolean.FALSE, page.items().get(1).one("parent").get("active"));
    TckDoc typed = page.items().get(1).one("parent", TckDoc.class);
    assertEquals("p2", typed.id());
    assertEquals(2L, typed.count());
  }

  @ContractTest
  void array_attachesEveryMatchInKeyOrder_emptyWhenNone(StandardRepo<TckDoc, String> repo) {
    family(repo);
    OffsetPage<LookupRow<TckDoc>> page = repo.lookupPage(parents(1, 10), List.of(children(repo)));
    assertEquals(List.of("p1", "p2", "p3"), page.items().stream().map(r -> r.entity().id()).toList());
    assertEquals(List.of("c1", "c2"), idsOf(page.items().get(0).many("children")));
    assertEquals(List.of("c3"), idsOf(page.items().get(1).many("children")));
    assertEquals(List.of(), page.items().get(2).many("children"), "no match is an empty list, not null");
    List<TckDoc> typed = page.items().get(0).many("children", TckDoc.class);
    assertEquals(List.of(10L, 20L), typed.stream().map(TckDoc::count).toList());
  }

  @ContractTest
  void miss_isNull_outOfScopeRowsNeverJoin(StandardRepo<TckDoc, String> repo) {
    family(repo);
    OffsetPage<LookupRow<TckDoc>> page = repo.lookupPage(
        new PageRequest(in("id", "p1", "c4"), Sort.parse("id"), 1, 10, Projection.all()), List.of(parent(repo)));
    assertEquals(2, page.items().size());
    assertNull(page.items().get(0).one("parent"), "c4's parent is not visible to the caller");
    assertNull(page.items().get(0).one("parent", TckDoc.class));
    assertNull(page.items().get(1).one("parent"), "a null local value matches nothing");
  }

  @ContractTest
  void select_projectsTheForeignRows(StandardRepo<TckDoc, String> repo) {
    family(repo);
    OffsetPage<LookupRow<TckDoc>> page = repo.lookupPage(parents(1, 1),
        List.of(children(repo).select("name", "count"), Lookup.one("self", repo.table(), "id", "id").select("id")));
    LookupRow<TckDoc> p1 = page.items().get(0);
    assertEquals(List.of(Map.of("name", "c1", "count", 10L), Map.of("name", "c2", "count", 20L)),
        p1.many("children"), "only the selected fields, the matched field left out");
    assertEquals(Map.of("id", "p1"), p1.one("self"));
  }

  @ContractTest
  void where_narrowsTheForeignSideOnly(StandardRepo<TckDoc, String> repo) {
    family(repo);
    OffsetPage<LookupRow<TckDoc>> page = repo.lookupPage(parents(1, 10),
        List.of(children(repo).where(Filters.gt("count", 15L))));
    assertEquals(3, page.total(), "the foreign filter never removes base rows");
    assertEquals(List.of("c2"), idsOf(page.items().get(0).many("children")));
    assertEquals(List.of("c3"), idsOf(page.items().get(1).many("children")));
    assertEquals(List.of(), page.items().get(2).many("children"));
  }

  @ContractTest
  void total_countsBaseRows_notJoinRows(StandardRepo<TckDoc, String> repo) {
    family(repo);
    OffsetPage<LookupRow<TckDoc>> first = repo.lookupPage(parents(1, 2), List.of(children(repo)));
    assertEquals(3, first.total());
    assertEquals(2, first.pages());
    assertTrue(first.hasNext());
    assertEquals(List.of("p1", "p2"), first.items().stream().map(r -> r.entity().id()).toList());
    OffsetPage<LookupRow<TckDoc>> second = repo.lookupPage(parents(2, 2), List.of(children(repo)));
    assertEquals(List.of("p3"), second.items().stream().map(r -> r.entity().id()).toList());
    assertFalse(second.hasNext());
    assertEquals(repo.getAll(parents(1, 2)).total(), first.total());
  }

  @ContractTest
  void keyset_walksTheBaseRowsWithLookupsAttached(StandardRepo<TckDoc, String> repo) {
    family(repo);
    KeysetRequest request = new KeysetRequest(Filters.all(), Sort.parse("-count,id"), null, 3, Projection.all());
    List<String> walked = new ArrayList<>();
    List<Object> parentsSeen = new ArrayList<>();
    String after = null;
    do {
      KeysetPage<LookupRow<TckDoc>> page = repo.lookupKeyset(request.after(after), List.of(parent(repo), children(repo)));
      for (LookupRow<TckDoc> r : page.items()) {
        walked.add(r.entity().id());
        Map<String, Object> p = r.one("parent");
        parentsSeen.add(p == null ? null : p.get("id"));
      }
      after = page.nextCursor();
    } while (after != null);
    assertEquals(List.of("c4", "c3", "c2", "c1", "p3", "p2", "p1"), walked);
    assertEquals(java.util.Arrays.asList(null, "p2", "p1", "p1", null, null, null), parentsSeen);
  }

  @ContractTest
  void deletedChildren_areNotJoined(StandardRepo<TckDoc, String> repo) {
    family(repo);
    assertTrue(repo.delete("c2"));
    OffsetPage<LookupRow<TckDoc>> page = repo.lookupPage(parents(1, 1), List.of(children(repo)));
    assertEquals(List.of("c1"), idsOf(page.items().get(0).many("children")),
        "a deleted (or soft-deleted) row is not joined, as it is not read directly");
  }

  @ContractTest
  void projection_withoutTheLocalField_stillJoins(StandardRepo<TckDoc, String> repo) {
    family(repo);
    OffsetPage<LookupRow<TckDoc>> page = repo.lookupPage(
        new PageRequest(eq("id", "c1"), Sort.parse("id"), 1, 10, Projection.include("id", "name")),
        List.of(parent(repo)));
    assertEquals("p1", page.items().get(0).one("parent").get("id"));
    assertNull(page.items().get(0).entity().count(), "the projection still applies to the base row");
  }

  @ContractTest
  void refusals_nameTheField(StandardRepo<TckDoc, String> repo) {
    family(repo);
    PageRequest request = parents(1, 10);
    assertEquals("lookups", assertThrows(ValidationException.class,
        () -> repo.lookupPage(request, List.of())).field());
    List<Lookup> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add(Lookup.one("l" + i, repo.table(), "notes", "id"));
    }
    assertEquals("lookups", assertThrows(ValidationException.class,
        () -> repo.lookupPage(request, eleven)).field());
    assertEquals("lookups[1].as", assertThrows(ValidationException.class,
        () -> repo.lookupPage(request, List.of(parent(repo), Lookup.many("parent", repo.table(), "id", "notes")))).field());
    assertEquals("lookups[0].as", assertThrows(ValidationException.class,
        () -> repo.lookupPage(request, List.of(Lookup.one("name", repo.table(), "notes", "id")))).field());
    assertEquals("lookups[0].localField", assertThrows(ValidationException.class,
        () -> repo.lookupPage(request, List.of(Lookup.one("x", repo.table(), "nope", "id")))).field());
    assertEquals("lookups[0].foreignField", assertThrows(ValidationException.class,
        () -> repo.lookupPage(request, List.of(Lookup.one("x", repo.table(), "notes", "nope")))).field());
    assertEquals("lookups[0].select", assertThrows(ValidationException.class,
        () -> repo.lookupPage(request, List.of(parent(repo).select("nope")))).field());
    assertEquals("lookups[0].where", assertThrows(ValidationException.class,
        () -> repo.lookupPage(request, List.of(parent(repo).where(eq("nope", 1L))))).field());
    TableDef nowhere = TableDef.of("tck_nowhere", Column.text("id").primaryKey());
    assertEquals("lookups[0].from", assertThrows(ValidationException.class,
        () -> repo.lookupKeyset(KeysetRequest.first(Sort.parse("id"), 5),
            List.of(Lookup.one("x", nowhere, "notes", "id")))).field());
    assertThrows(ValidationException.class, () -> repo.lookupPage(request, List.of(parent(repo)))
        .items().get(0).many("parent"), "a one-to-one lookup is not read as a list");
    assertEquals(Collections.nCopies(3, null),
        repo.lookupPage(request, List.of(parent(repo))).items().stream().map(r -> r.one("parent")).toList());
  }
}
