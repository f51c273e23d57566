package io.sqlitekit.tck.suite;

import static io.sqlitekit.tck.TckDocs.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.CountStrategy;
import io.sqlitekit.spi.FindOptions;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.error.ErrorCode;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.spi.error.ReadOnlyException;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.RepoHarness;
import io.sqlitekit.tck.Requires;
import io.sqlitekit.tck.TckDoc;
import io.sqlitekit.tck.TckSchema;
import io.sqlitekit.tck.WriteAttempts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Views as read-only repositories ({@link RepoHarness#createView}): every read sees exactly the base rows the
 * view selects, and every write is refused with {@link ReadOnlyException} (code {@code READ_ONLY}) leaving
 * both the view and its table unchanged.
 */
class ViewContractTest extends ContractSupport {
  /** The TCK table's columns under a view name; the view holds the active rows. */
  static final TableDef VIEW = TckSchema.TABLE.withName("tck_docs_active").asView();

  private static StandardRepo<TckDoc, String> activeView(RepoHarness harness) {
    // Harnesses without views never get here (the TCK skips the class for them with a reason).
    Optional<StandardRepo<TckDoc, String>> view = harness.createView(VIEW, Filters.eq("active", true));
    return view.orElseThrow(() -> new AssertionError("harness " + harness.name()
        + " implements createView but returned no view"));
  }

  /** Three active rows (categories x, x, y), one inactive and one with active NULL. */
  private static void seedMixed(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a1", "x", 1L), doc("a2", "x", 2L), doc("a3", "y", 3L),
        doc("i1", "x", 10L).withActive(false), doc("n1", "y", 20L).withActive(null));
  }

  @ContractTest
  @Requires({Capability.COUNT_AND_EXISTS, Capability.DISTINCT})
  void view_reads_seeOnlyTheSelectedRows(StandardRepo<TckDoc, String> repo, RepoHarness harness) {
    seedMixed(repo);
    StandardRepo<TckDoc, String> view = activeView(harness);
    assertEquals(List.of("a1", "a2", "a3"), ids(snapshot(view)));
    assertEquals(repo.getById("a2"), view.getById("a2"), "a view row reads back as the table row");
    assertFalse(view.getById("i1").isPresent(), "an inactive row is not in the view");
    assertFalse(view.getById("n1").isPresent(), "active NULL does not match active = true");
    assertEquals(List.of("a1", "a3"), ids(view.getByIds(List.of("a1", "i1", "a3"))));
    assertEquals(3L, view.count(Filters.all()));
    assertEquals(2L, view.count(Filters.eq("category", "x")));
    assertTrue(view.exists(Filters.eq("id", "a1")));
    assertFalse(view.exists(Filters.eq("id", "i1")));
    assertEquals(List.of("x", "y"), view.distinct("category", Filters.all()));
    assertEquals("a3", view.getOne(Filters.all(), FindOptions.defaults().withSort(Sort.parse("-count")))
        .orElseThrow().id());
    assertEquals(List.of("a2", "a3"), ids(view.findAll(Filters.all(),
        FindOptions.defaults().withSort(Sort.parse("count")).withLimit(2).withOffset(1))));
  }

  @ContractTest
  void view_followsWritesToItsTable(StandardRepo<TckDoc, String> repo, RepoHarness harness) {
    seedMixed(repo);
    StandardRepo<TckDoc, String> view = activeView(harness);
    repo.update("i1", Update.set("active", true));
    repo.delete("a1");
    repo.update("a2", Update.set("count", 7L));
    assertEquals(List.of("a2", "a3", "i1"), ids(snapshot(view)));
    assertEquals(7L, view.getById("a2").orElseThrow().count());
  }

  @ContractTest
  @Requires({Capability.KEYSET_PAGINATION, Capability.STREAMING})
  void view_offsetPages_keysetPages_andStreams(StandardRepo<TckDoc, String> repo, RepoHarness harness) {
    seed(repo, doc("p1", "x", 5L), doc("p2", "x", null), doc("p3", "x", 1L), doc("p4", "x", 5L),
        doc("q1", "x", 0L).withActive(false), doc("p5", "x", 3L), doc("p6", "x", 2L), doc("p7", "x", 5L),
        doc("q2", "x", 4L).withActive(false));
    StandardRepo<TckDoc, String> view = activeView(harness);
    OffsetPage<TckDoc> page = view.getAll(PageRequest.of(2, 3).withSort(Sort.parse("count")));
    assertEquals(List.of("p5", "p1", "p4"), ids(page.items()), "NULL first, then by count, key tiebreak");
    assertEquals(7L, page.total());
    assertEquals(3L, page.pages());
    assertEquals(List.of("p2", "p3", "p6", "p5", "p1", "p4", "p7"),
        PaginationContractTest.walk(view, KeysetRequest.first(Sort.parse("count"), 3)));
    try (Stream<TckDoc> s = view.stream(Filters.all(), StreamOptions.defaults())) {
      assertEquals(List.of("p1", "p2", "p3", "p4", "p5", "p6", "p7"),
          s.map(TckDoc::id).collect(Collectors.toList()));
    }
  }

  @ContractTest
  @Requires(Capability.AGGREGATE)
  void view_aggregates_overTheSelectedRowsOnly(StandardRepo<TckDoc, String> repo, RepoHarness harness) {
    seedMixed(repo);
    StandardRepo<TckDoc, String> view = activeView(harness);
    AggregateRequest byCategory = AggregateRequest.of("total", Measure.sum("count")).measure("n", Measure.count())
        .groupBy("category").orderBy(Sort.parse("category"));
    List<Map<String, Object>> rows = view.aggregate(byCategory);
    assertEquals(2, rows.size(), rows.toString());
    assertEquals("x", rows.get(0).get("category"));
    assertEquals(3.0, num(rows.get(0).get("total")), "a1 + a2; the inactive x row is not in the view");
    assertEquals(2.0, num(rows.get(0).get("n")));
    assertEquals("y", rows.get(1).get("category"));
    assertEquals(3.0, num(rows.get(1).get("total")));
    OffsetPage<Map<String, Object>> first = view.aggregatePage(byCategory, 1, 1, CountStrategy.EXACT);
    assertEquals(2L, first.total());
    assertEquals(List.of("x"), first.items().stream().map(r -> r.get("category")).collect(Collectors.toList()));
  }

  /**
   * A view's repository reports exactly the read capabilities of its table's repository, and
   * {@code withTransaction} on it opens no write transaction: it is refused with {@link ReadOnlyException}
   * before the body runs (the kits' choice) or, if an implementation runs it, the body reads the view and its
   * writes are refused.
   */
  @ContractTest
  void view_capabilitiesAreReadOnly_withTransactionWritesNothing(StandardRepo<TckDoc, String> repo,
      RepoHarness harness) {
    seedMixed(repo);
    StandardRepo<TckDoc, String> view = activeView(harness);
    List<Capability> writes = view.capabilities().supported().stream().filter(Capability::writes)
        .collect(Collectors.toList());
    assertEquals(List.of(), writes, "a read-only repository reports no write capability");
    assertEquals(repo.capabilities().readOnly(), view.capabilities(),
        "a view keeps every read capability of its table's repository");
    List<TckDoc> tableBefore = snapshot(repo);
    AtomicReference<List<String>> seen = new AtomicReference<>();
    try {
      view.withTransaction(v -> {
        seen.set(ids(snapshot(v)));
        return assertThrows(ReadOnlyException.class, () -> v.delete("a1"), "a write inside the body");
      });
      assertEquals(List.of("a1", "a2", "a3"), seen.get(), "the body reads the view");
    } catch (ReadOnlyException e) {
      assertEquals(ErrorCode.READ_ONLY, e.code());
      assertTrue(e.getMessage().contains(VIEW.name()), e.getMessage());
      assertEquals(null, seen.get(), "a refused withTransaction does not run its body");
    }
    assertEquals(tableBefore, snapshot(repo));
  }

  /**
   * Every write on a view is refused. An attempt whose optional capability the harness's table repository
   * lacks may instead be refused as unsupported; the bundled kits refuse every one as read-only.
   */
  @ContractTest
  void view_everyWrite_refusedReadOnly_nothingChanged(StandardRepo<TckDoc, String> repo, RepoHarness harness) {
    seedMixed(repo);
    StandardRepo<TckDoc, String> view = activeView(harness);
    List<TckDoc> tableBefore = snapshot(repo);
    List<TckDoc> viewBefore = snapshot(view);
    for (Map.Entry<String, Runnable> attempt : WriteAttempts.all(view, "a1").entrySet()) {
      boolean optionalAbsent = WriteAttempts.capability(attempt.getKey())
          .filter(c -> !harness.capabilities().supports(c)).isPresent();
      RepositoryException thrown = assertThrows(RepositoryException.class, attempt.getValue()::run,
          attempt.getKey());
      if (optionalAbsent && thrown instanceof OperationNotSupportedException) {
        continue;
      }
      ReadOnlyException e = assertInstanceOf(ReadOnlyException.class, thrown, attempt.getKey());
      assertEquals(ErrorCode.READ_ONLY, e.code(), attempt.getKey());
      assertTrue(e.getMessage().contains(VIEW.name()), attempt.getKey() + ": " + e.getMessage());
    }
    assertEquals(tableBefore, snapshot(repo), "a refused write on a view must not touch its table");
    assertEquals(viewBefore, snapshot(view));
  }
}
