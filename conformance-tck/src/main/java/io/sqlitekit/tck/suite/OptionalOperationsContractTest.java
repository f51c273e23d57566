package io.sqlitekit.tck.suite;

import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.tck.TckDocs.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.BulkOp;
import io.sqlitekit.spi.BulkWriteResult;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.CountStrategy;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.Transition;
import io.sqlitekit.spi.TransitionResult;
import io.sqlitekit.spi.UpdateResult;
import io.sqlitekit.spi.error.BulkWriteException;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.ErrorCode;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.RepoHarness;
import io.sqlitekit.tck.Requires;
import io.sqlitekit.tck.TckDoc;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * The newer contract's optional operations: claim / claimVersion, applyTransition, purgeByFilter,
 * archiveByFilter, bulkWrite, update pipelines and count-free offset pages, each on both sides of its
 * capability.
 */
class OptionalOperationsContractTest extends ContractSupport {
  private static final Sort BY_COUNT = Sort.by(SortField.asc("count"));

  /** Jobs: j1 pending count 3, j2 pending count 1, j3 running count 2. */
  private static void seedJobs(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("j1", "pending", 3L), doc("j2", "pending", 1L), doc("j3", "running", 2L));
  }

  // ---------------------------------------------------------------- claim

  @ContractTest
  @Requires(Capability.CLAIM)
  void claim_takesFirstInOrderOnce(StandardRepo<TckDoc, String> repo) {
    seedJobs(repo);
    Update take = Update.set("category", "running").and(Update.inc("count", 10));
    TckDoc first = repo.claim(eq("category", "pending"), BY_COUNT, take).orElseThrow();
    assertEquals("j2", first.id());
    assertEquals("running", first.category());
    assertEquals(11L, first.count());
    assertEquals("j1", repo.claim(eq("category", "pending"), BY_COUNT, take).orElseThrow().id());
    assertEquals(Optional.empty(), repo.claim(eq("category", "pending"), BY_COUNT, take));
    assertEquals(List.of("running", "running", "running"),
        snapshot(repo).stream().map(TckDoc::category).collect(Collectors.toList()));
  }

  @ContractTest
  @Requires(Capability.CLAIM)
  void claim_descendingOrder_takesLargest(StandardRepo<TckDoc, String> repo) {
    seedJobs(repo);
    TckDoc got = repo.claim(eq("category", "pending"), Sort.by(SortField.desc("count")),
        Update.set("category", "running")).orElseThrow();
    assertEquals("j1", got.id());
  }

  @ContractTest
  @Requires(Capability.CLAIM)
  void claim_noMatch_emptyUnchanged(StandardRepo<TckDoc, String> repo) {
    seedJobs(repo);
    List<TckDoc> before = snapshot(repo);
    assertEquals(Optional.empty(), repo.claim(eq("category", "nobody"), BY_COUNT, Update.set("notes", "x")));
    assertEquals(before, snapshot(repo));
  }

  @ContractTest
  @Requires(Capability.CLAIM)
  void claim_badUpdate_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seedJobs(repo);
    expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.claim(eq("category", "pending"), BY_COUNT, Update.empty()));
    expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.claim(eq("category", "pending"), BY_COUNT, Update.set("noSuchField", 1L)));
  }

  @ContractTest
  @Requires({Capability.CLAIM, Capability.OPTIMISTIC_CONCURRENCY})
  void claimVersion_takesFirstAndBumpsVersion(StandardRepo<TckDoc, String> repo) {
    seedJobs(repo);
    long v = repo.getById("j2").orElseThrow().version();
    TckDoc got = repo.claimVersion(eq("category", "pending"), BY_COUNT, Update.set("category", "running"))
        .orElseThrow();
    assertEquals("j2", got.id());
    assertEquals("running", got.category());
    assertEquals(v + 1, got.version());
    assertEquals("j1", repo.claimVersion(eq("category", "pending"), BY_COUNT, Update.set("category", "running"))
        .orElseThrow().id());
    assertEquals(Optional.empty(),
        repo.claimVersion(eq("category", "pending"), BY_COUNT, Update.set("category", "running")));
  }

  @ContractTest
  @Requires({Capability.CLAIM, Capability.OPTIMISTIC_CONCURRENCY})
  void claimVersion_updateOfVersionField_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seedJobs(repo);
    expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.claimVersion(eq("category", "pending"), BY_COUNT, Update.set("version", 99L)));
  }

  @ContractTest
  @Requires(absent = Capability.CLAIM)
  void claim_absent_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seedJobs(repo);
    expectUnsupported(repo, () -> repo.claim(eq("category", "pending"), BY_COUNT, Update.set("notes", "x")));
    expectUnsupported(repo,
        () -> repo.claimVersion(eq("category", "pending"), BY_COUNT, Update.set("notes", "x")));
  }

  // ---------------------------------------------------------------- applyTransition

  @ContractTest
  @Requires(Capability.APPLY_TRANSITION)
  void applyTransition_fromState_applies(StandardRepo<TckDoc, String> repo) {
    seedJobs(repo);
    TransitionResult<TckDoc> r = repo.applyTransition("j1",
        Transition.of("category", "pending", "running").also(Update.inc("count", 1)));
    assertTrue(r.applied());
    assertEquals("running", r.row().orElseThrow().category());
    assertEquals(4L, r.row().orElseThrow().count());
    assertEquals("running", repo.getById("j1").orElseThrow().category());
  }

  @ContractTest
  @Requires(Capability.APPLY_TRANSITION)
  void applyTransition_wrongState_notAppliedReturnsRow(StandardRepo<TckDoc, String> repo) {
    seedJobs(repo);
    List<TckDoc> before = snapshot(repo);
    TransitionResult<TckDoc> r = repo.applyTransition("j3", Transition.of("category", "pending", "done"));
    assertFalse(r.applied());
    assertFalse(r.missing());
    assertEquals("running", r.row().orElseThrow().category());
    assertEquals(before, snapshot(repo));
  }

  @ContractTest
  @Requires(Capability.APPLY_TRANSITION)
  void applyTransition_missingRow_reportsMiss(StandardRepo<TckDoc, String> repo) {
    seedJobs(repo);
    TransitionResult<TckDoc> r = repo.applyTransition("no-such-id", Transition.of("category", "pending", "x"));
    assertFalse(r.applied());
    assertTrue(r.missing());
  }

  @ContractTest
  @Requires(Capability.APPLY_TRANSITION)
  void applyTransition_anyOfIncludingNull(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("n", null, 0L), doc("p", "paused", 0L), doc("d", "done", 0L));
    Transition resume = Transition.anyOf("category", "running", null, "paused");
    assertTrue(repo.applyTransition("n", resume).applied());
    assertTrue(repo.applyTransition("p", resume).applied());
    assertFalse(repo.applyTransition("d", resume).applied());
    assertEquals(List.of("done", "running", "running"),
        snapshot(repo).stream().map(TckDoc::category).collect(Collectors.toList()));
  }

  @ContractTest
  @Requires(Capability.APPLY_TRANSITION)
  void applyTransition_unknownField_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seedJobs(repo);
    expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.applyTransition("j1", Transition.of("state", "pending", "running")));
  }

  @ContractTest
  @Requires(absent = Capability.APPLY_TRANSITION)
  void applyTransition_absent_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seedJobs(repo);
    expectUnsupported(repo, () -> repo.applyTransition("j1", Transition.of("category", "pending", "running")));
  }

  // ---------------------------------------------------------------- purgeByFilter

  @ContractTest
  @Requires(Capability.PURGE_BY_FILTER)
  void purgeByFilter_removesMatches(StandardRepo<TckDoc, String> repo) {
    seedJobs(repo);
    assertEquals(2L, repo.purgeByFilter(eq("category", "pending")));
    assertEquals(List.of("j3"), ids(snapshot(repo)));
    assertEquals(0L, repo.purgeByFilter(eq("category", "pending")));
    assertEquals(1L, repo.count(Filters.all()));
  }

  @ContractTest
  @Requires(Capability.PURGE_BY_FILTER)
  void purgeByFilter_emptyFilter_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seedJobs(repo);
    expectRefusedUnchanged(repo, ValidationException.class, () -> repo.purgeByFilter(Filters.all()));
  }

  @ContractTest
  @Requires(absent = Capability.PURGE_BY_FILTER)
  void purgeByFilter_absent_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seedJobs(repo);
    expectUnsupported(repo, () -> repo.purgeByFilter(eq("category", "pending")));
  }

  // ---------------------------------------------------------------- archiveByFilter

  /** The repository's own table under another name: every column, plugin-managed ones included. */
  private static TableDef archiveOf(StandardRepo<TckDoc, String> repo, String name) {
    TableDef t = repo.table();
    return new TableDef(name, t.columns(), t.versionField());
  }

  /** A repository over a second table, or a visible skip when the harness cannot create one. */
  private static StandardRepo<TckDoc, String> companion(RepoHarness harness, TableDef table) {
    try {
      return harness.createCompanion(table);
    } catch (OperationNotSupportedException e) {
      Assumptions.abort("harness " + harness.name() + " cannot create a second table: " + e.getMessage());
      throw e;
    }
  }

  @ContractTest
  @Requires(Capability.ARCHIVE_BY_FILTER)
  void archiveByFilter_movesMatchingRows(StandardRepo<TckDoc, String> repo, RepoHarness harness) {
    seed(repo, doc("c1", "cold", 1L), doc("c2", "cold", 2L), doc("c3", "cold", 3L), doc("h1", "hot", 4L),
        doc("h2", "hot", 5L));
    List<TckDoc> cold = repo.findAll(eq("category", "cold"));
    TableDef def = archiveOf(repo, "tck_docs_archive");
    StandardRepo<TckDoc, String> archive = companion(harness, def);
    assertEquals(3L, repo.archiveByFilter(eq("category", "cold"), def));
    assertEquals(List.of("h1", "h2"), ids(snapshot(repo)));
    assertEquals(cold, snapshot(archive), "archived rows keep every field");
    assertEquals(0L, repo.archiveByFilter(eq("category", "cold"), def));
  }

  @ContractTest
  @Requires(Capability.ARCHIVE_BY_FILTER)
  void archiveByFilter_clashHalfWay_leavesBothTablesUnchanged(StandardRepo<TckDoc, String> repo,
      RepoHarness harness) {
    seed(repo, doc("c1", "cold", 1L), doc("c2", "cold", 2L), doc("c3", "cold", 3L), doc("h1", "hot", 4L));
    TableDef def = archiveOf(repo, "tck_docs_archive");
    StandardRepo<TckDoc, String> archive = companion(harness, def);
    // c2 is already archived: the move fails at its second row.
    archive.create(doc("c2", "old", 0L));
    List<TckDoc> archiveBefore = snapshot(archive);
    expectRefusedUnchanged(repo, DuplicateKeyException.class,
        () -> repo.archiveByFilter(eq("category", "cold"), def));
    assertEquals(archiveBefore, snapshot(archive), "nothing half-copied into the archive");
  }

  @ContractTest
  @Requires(Capability.ARCHIVE_BY_FILTER)
  void archiveByFilter_incompatibleOrMissingArchive_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seedJobs(repo);
    TableDef t = repo.table();
    TableDef lacking = new TableDef("tck_docs_lacking", t.columns().stream()
        .filter(c -> !c.name().equals("notes")).collect(Collectors.toList()), t.versionField());
    ValidationException e = expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.archiveByFilter(eq("category", "pending"), lacking));
    assertTrue(e.getMessage().contains("notes"), e.getMessage());
    TableDef extraNotNull = new TableDef("tck_docs_strict", append(t.columns(), Column.text("reason").notNull()),
        t.versionField());
    e = expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.archiveByFilter(eq("category", "pending"), extraNotNull));
    assertTrue(e.getMessage().contains("reason"), e.getMessage());
    TableDef nowhere = archiveOf(repo, "tck_docs_never_created");
    e = expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.archiveByFilter(eq("category", "pending"), nowhere));
    assertTrue(e.getMessage().contains("tck_docs_never_created"), e.getMessage());
    expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.archiveByFilter(Filters.all(), archiveOf(repo, "tck_docs_archive")));
  }

  private static List<Column> append(List<Column> columns, Column extra) {
    List<Column> out = new java.util.ArrayList<>(columns);
    out.add(extra);
    return out;
  }

  @ContractTest
  @Requires(absent = Capability.ARCHIVE_BY_FILTER)
  void archiveByFilter_absent_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seedJobs(repo);
    expectUnsupported(repo, () -> repo.archiveByFilter(eq("category", "pending"),
        archiveOf(repo, "tck_docs_archive")));
  }

  // ---------------------------------------------------------------- bulkWrite

  @ContractTest
  @Requires(Capability.BULK_WRITE)
  void bulkWrite_mixedOps_perOpResults(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a", "reader", 1L), doc("b", "reader", 2L), doc("c", "admin", 3L));
    BulkWriteResult<TckDoc> r = repo.bulkWrite(List.of(
        BulkOp.insert(doc("x", "new", 9L)),
        BulkOp.update("a", Update.set("count", 10L)),
        BulkOp.update("no-such-id", Update.set("count", 10L)),
        BulkOp.updateMany(eq("category", "reader"), Update.set("category", "former")),
        BulkOp.delete("c"),
        BulkOp.deleteMany(eq("category", "nobody")),
        BulkOp.upsert(doc("y", "upserted", 7L))));
    assertEquals(7, r.outcomes().size());
    assertEquals(List.of(1L, 1L, 0L, 2L, 1L, 0L, 1L),
        r.outcomes().stream().map(BulkWriteResult.Outcome::affected).collect(Collectors.toList()));
    assertEquals("x", r.outcomes().get(0).row().orElseThrow().id());
    assertEquals(10L, r.outcomes().get(1).row().orElseThrow().count());
    assertEquals(Optional.empty(), r.outcomes().get(2).row());
    assertEquals(1L, r.insertedCount());
    assertEquals(3L, r.modifiedCount());
    assertEquals(1L, r.deletedCount());
    assertEquals(1L, r.upsertedCount());
    List<TckDoc> after = snapshot(repo);
    assertEquals(List.of("a", "b", "x", "y"), ids(after));
    assertEquals(List.of("former", "former", "new", "upserted"),
        after.stream().map(TckDoc::category).collect(Collectors.toList()));
    assertEquals(10L, after.get(0).count(), "a later op sees an earlier op's write");
  }

  @ContractTest
  @Requires(Capability.BULK_WRITE)
  void bulkWrite_failingOp_rollsBackAllNamingIndex(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a", "reader", 1L), doc("b", "reader", 2L));
    BulkWriteException e = expectRefusedUnchanged(repo, BulkWriteException.class, () -> repo.bulkWrite(List.of(
        BulkOp.insert(doc("x", "new", 9L)),
        BulkOp.update("a", Update.set("count", 10L)),
        BulkOp.insert(doc("b", "dup", 0L)),
        BulkOp.delete("a"))));
    assertEquals(2, e.opIndex());
    assertEquals(ErrorCode.DUPLICATE_KEY, e.code());
    assertInstanceOf(DuplicateKeyException.class, e.getCause());
    assertTrue(e.getMessage().contains("2"), e.getMessage());
  }

  @ContractTest
  @Requires(Capability.BULK_WRITE)
  void bulkWrite_invalidOp_rollsBackAll(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a", "reader", 1L));
    BulkWriteException e = expectRefusedUnchanged(repo, BulkWriteException.class, () -> repo.bulkWrite(List.of(
        BulkOp.update("a", Update.set("count", 5L)),
        BulkOp.deleteMany(Filters.all()))));
    assertEquals(1, e.opIndex());
    assertEquals(ErrorCode.VALIDATION_ERROR, e.code());
  }

  @ContractTest
  @Requires(Capability.BULK_WRITE)
  void bulkWrite_empty_doesNothing(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a", "reader", 1L));
    List<TckDoc> before = snapshot(repo);
    BulkWriteResult<TckDoc> r = repo.bulkWrite(List.of());
    assertEquals(List.of(), r.outcomes());
    assertEquals(before, snapshot(repo));
  }

  @ContractTest
  @Requires(absent = Capability.BULK_WRITE)
  void bulkWrite_absent_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a", "reader", 1L));
    expectUnsupported(repo, () -> repo.bulkWrite(List.of(BulkOp.delete("a"))));
  }

  // ---------------------------------------------------------------- update pipelines

  @ContractTest
  @Requires(Capability.UPDATE_PIPELINE)
  void updatePipeline_stagesApplyInOrder(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a", "reader", 1L));
    assertEquals(7L, repo.updatePipeline("a", List.of(Update.set("count", 5L), Update.inc("count", 2)))
        .orElseThrow().count());
    assertEquals(3L, repo.updatePipeline("a", List.of(Update.inc("count", 100), Update.set("count", 3L)))
        .orElseThrow().count());
    assertEquals(2L, repo.updatePipeline("a", List.of(Update.unset("count"), Update.inc("count", 2)))
        .orElseThrow().count());
    assertEquals(7L, repo.updatePipeline("a", List.of(Update.inc("count", 2), Update.inc("count", 3)))
        .orElseThrow().count());
    TckDoc last = repo.updatePipeline("a", List.of(Update.set("notes", "n"), Update.unset("notes"),
        Update.set("category", "x"))).orElseThrow();
    assertNull(last.notes());
    assertEquals("x", last.category());
    assertEquals(Optional.empty(), repo.updatePipeline("no-such-id", List.of(Update.set("count", 1L))));
  }

  @ContractTest
  @Requires(Capability.UPDATE_PIPELINE)
  void updateManyPipeline_appliesToMatches(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a", "reader", 1L), doc("b", "reader", 2L), doc("c", "admin", 3L));
    assertEquals(new UpdateResult(2, 2), repo.updateManyPipeline(eq("category", "reader"),
        List.of(Update.inc("count", 10), Update.inc("count", 5))));
    assertEquals(List.of(16L, 17L, 3L), snapshot(repo).stream().map(TckDoc::count).collect(Collectors.toList()));
  }

  @ContractTest
  @Requires(Capability.UPDATE_PIPELINE)
  void updatePipeline_bad_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a", "reader", 1L));
    expectRefusedUnchanged(repo, ValidationException.class, () -> repo.updatePipeline("a", List.of()));
    ValidationException e = expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.updatePipeline("a", List.of(Update.set("name", "n"), Update.inc("name", 1))));
    assertEquals("name", e.field());
    expectRefusedUnchanged(repo, ValidationException.class,
        () -> repo.updateManyPipeline(Filters.all(), List.of(Update.inc("count", 1))));
  }

  @ContractTest
  @Requires(absent = Capability.UPDATE_PIPELINE)
  void updatePipeline_absent_refusedUnchanged(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a", "reader", 1L));
    expectUnsupported(repo, () -> repo.updatePipeline("a", List.of(Update.inc("count", 1))));
  }

  // ---------------------------------------------------------------- pages without a count

  @ContractTest
  @Requires(Capability.PAGE_WITHOUT_COUNT)
  void getAll_countNone_peeksWithoutTotal(StandardRepo<TckDoc, String> repo) {
    for (int i = 0; i < 5; i++) {
      seed(repo, doc("p" + i, "page", (long) i));
    }
    PageRequest base = PageRequest.of(1, 2).withFilter(eq("category", "page"))
        .withSort(Sort.by(SortField.asc("count")));
    OffsetPage<TckDoc> p1 = repo.getAll(base, CountStrategy.NONE);
    assertEquals(List.of("p0", "p1"), ids(p1.items()));
    assertEquals(0L, p1.total());
    assertEquals(0L, p1.pages());
    assertTrue(p1.hasNext());
    assertFalse(p1.hasPrev());
    OffsetPage<TckDoc> p3 = repo.getAll(base.withPage(3), CountStrategy.NONE);
    assertEquals(List.of("p4"), ids(p3.items()));
    assertFalse(p3.hasNext());
    assertTrue(p3.hasPrev());
    OffsetPage<TckDoc> p4 = repo.getAll(base.withPage(4), CountStrategy.NONE);
    assertEquals(List.of(), p4.items());
    assertFalse(p4.hasNext());
    assertEquals(repo.getAll(base.withPage(2)).items(), repo.getAll(base.withPage(2), CountStrategy.NONE).items());
    assertEquals(5L, repo.getAll(base, CountStrategy.EXACT).total());
  }

  @ContractTest
  @Requires(absent = Capability.PAGE_WITHOUT_COUNT)
  void getAll_countNone_absent_refused(StandardRepo<TckDoc, String> repo) {
    seed(repo, doc("a", "reader", 1L));
    expectUnsupported(repo, () -> repo.getAll(PageRequest.of(1, 2), CountStrategy.NONE));
  }
}
