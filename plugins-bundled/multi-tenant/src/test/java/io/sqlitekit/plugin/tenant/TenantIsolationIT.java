package io.sqlitekit.plugin.tenant;

import static io.sqlitekit.spi.filter.Filters.all;
import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.GetOrCreateResult;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.error.TenantRequiredException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.testsupport.MutableClock;
import io.sqlitekit.testsupport.SqliteFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tenant isolation matrix on a real SQLite file (WAL): tenant B tries every repository method on tenant A's
 * rows. After each test, A's rows must be byte-for-byte what they were (raw read and bypass repository).
 */
final class TenantIsolationIT {
  /** A tenant-owned row. */
  public record Doc(String id, String organizationId, String name, Long n) {
  }

  static final TableDef DOCS = TableDef.of("docs", Column.text("id").primaryKey(), Column.text("organizationId"),
      Column.text("name"), Column.integer("n"));

  @TempDir
  Path dir;

  private Path file;
  private SqliteKit kit;
  private StandardRepo<Doc, String> repo;
  private StandardRepo<Doc, String> a;
  private StandardRepo<Doc, String> b;
  private List<String> rawA;
  private List<Doc> bypassA;

  @BeforeEach
  void open() {
    file = dir.resolve("tenants.db");
    kit = Kits.open(file, new MutableClock(Instant.parse("2026-03-01T00:00:00Z")), "multi-tenant");
    Kits.create(kit, DOCS);
    repo = kit.repository(DOCS, Doc.class);
    a = Tenants.forTenant(repo, "A");
    b = Tenants.forTenant(repo, "B");
    a.createMany(List.of(new Doc("a1", null, "alpha", 1L), new Doc("a2", null, "shared", 2L),
        new Doc("a3", "B", "sneaky", 3L)));
    b.create(new Doc("b1", null, "shared", 10L));
    rawA = SqliteFiles.raw(file, "docs", "organizationId = 'A'");
    bypassA = Tenants.bypass(repo).findAll(eq("organizationId", "A"));
    assertEquals(3, rawA.size(), "context tenant wins over the payload's (a3 said B)");
  }

  @AfterEach
  void verifyTenantAUntouched() {
    try {
      assertEquals(rawA, SqliteFiles.raw(file, "docs", "organizationId = 'A'"), "tenant A's stored rows");
      assertEquals(bypassA, Tenants.bypass(repo).findAll(eq("organizationId", "A")));
    } finally {
      kit.close();
    }
  }

  private static List<String> ids(List<Doc> rows) {
    return rows.stream().map(Doc::id).sorted().collect(Collectors.toList());
  }

  @Test
  void reads_seeOnlyOwnRows() {
    assertEquals(Optional.empty(), b.getById("a1"));
    assertEquals(List.of("b1"), ids(b.getByIds(List.of("a1", "a2", "b1"))));
    assertEquals(Optional.empty(), b.getOne(eq("id", "a1")));
    assertEquals(Optional.empty(), b.getOne(eq("organizationId", "A")), "a filter naming A is AND-ed, not obeyed");
    assertEquals(List.of("b1"), ids(b.findAll(all())));
    OffsetPage<Doc> page = b.getAll(PageRequest.first());
    assertEquals(List.of("b1"), ids(page.items()));
    assertEquals(1, page.total());
    Sort byId = Sort.by(SortField.asc("id"));
    assertEquals(List.of("b1"), ids(b.getAll(KeysetRequest.first(byId, 1)).items()));
    assertEquals(List.of(), b.getAll(new KeysetRequest(all(), byId, null, 10, io.sqlitekit.spi.Projection.all()))
        .items().stream().filter(d -> !d.organizationId().equals("B")).collect(Collectors.toList()));
    try (Stream<Doc> s = b.stream(all(), StreamOptions.defaults())) {
      assertEquals(List.of("b1"), ids(s.collect(Collectors.toList())));
    }
    assertEquals(1, b.count(all()));
    assertEquals(0, b.count(eq("organizationId", "A")));
    assertFalse(b.exists(eq("id", "a1")));
    assertEquals(List.of("B"), b.distinct("organizationId", all()));
    assertEquals(List.of("shared"), b.distinct("name", all()));
    List<Map<String, Object>> agg = b.aggregate(AggregateRequest.of("total", Measure.sum("n")));
    assertEquals(10L, ((Number) agg.get(0).get("total")).longValue());
    assertEquals(3, a.count(all()));
  }

  @Test
  void aggregateV2_pagesAndKeyset_seeOnlyOwnRows() {
    AggregateRequest byName = AggregateRequest.of("n", Measure.count()).measure("p50", Measure.percentile("n", 0.5))
        .measure("sd", Measure.stddevPop("n")).measure("big", Measure.count().where(io.sqlitekit.spi.filter.Filters
            .gt("n", 0L))).groupBy("name")
        .topN(io.sqlitekit.spi.TopN.of(5, Sort.parse("-n")));
    List<Map<String, Object>> rows = b.aggregate(byName);
    assertEquals(1, rows.size(), rows.toString());
    assertEquals("shared", rows.get(0).get("name"));
    assertEquals(1L, ((Number) rows.get(0).get("n")).longValue(), "A's row named shared is not counted");
    assertEquals(10.0, ((Number) rows.get(0).get("p50")).doubleValue());
    OffsetPage<Map<String, Object>> page = b.aggregatePage(byName, 1, 10, io.sqlitekit.spi.CountStrategy.EXACT);
    assertEquals(1, page.total());
    assertEquals(rows, page.items());
    io.sqlitekit.spi.KeysetPage<Map<String, Object>> keyset = b.aggregateKeyset(byName.orderBy(Sort.parse("-n")),
        null, 10);
    assertEquals(rows, keyset.items());
    List<Map<String, Object>> days = b.aggregate(AggregateRequest.of("n", Measure.count()).bucket("d",
        io.sqlitekit.spi.DateBucket.of("id", io.sqlitekit.spi.DateBucket.Unit.DAY)));
    assertEquals(1L, ((Number) days.get(0).get("n")).longValue(), "buckets count B's one row only");
    assertEquals(3L, a.aggregate(byName.topN(null).orderBy(Sort.unsorted())).stream()
        .mapToLong(r -> ((Number) r.get("n")).longValue()).sum(), "tenant A sees its own three rows");
  }

  static final TableDef NOTES = TableDef.of("notes", Column.text("id").primaryKey(), Column.text("organizationId"),
      Column.text("docId"), Column.text("name"), Column.bool("done"));

  /**
   * The lookup matrix: each tenant, one-to-one and one-to-many, into the same table and into another, offset
   * and keyset pages, with and without a foreign filter and projection. Both tenants have rows with the
   * same join values (names "shared", notes on each other's doc ids), so any unscoped join would leak.
   */
  @Test
  void lookups_neverJoinOtherTenantsRows() {
    Kits.create(kit, NOTES);
    StandardRepo<Map<String, Object>, Object> notes = kit.documents(NOTES);
    int n = 0;
    for (String tenant : List.of("A", "B")) {
      for (String doc : List.of("a1", "a2", "a3", "b1")) {
        Tenants.forTenant(notes, tenant).create(Map.of("id", tenant + "-n" + n++, "docId", doc,
            "name", "shared", "done", n % 2 == 0));
      }
    }
    List<io.sqlitekit.spi.Lookup> matrix = List.of(
        io.sqlitekit.spi.Lookup.many("notes", NOTES, "id", "docId"),
        io.sqlitekit.spi.Lookup.one("firstNote", NOTES, "id", "docId"),
        io.sqlitekit.spi.Lookup.many("sameName", DOCS, "name", "name"),
        io.sqlitekit.spi.Lookup.one("byName", NOTES, "name", "name"),
        io.sqlitekit.spi.Lookup.many("doneNotes", NOTES, "id", "docId").where(eq("done", true)).select("id"),
        io.sqlitekit.spi.Lookup.many("sameNameIds", DOCS, "name", "name").select("id"));
    int leaks = 0;
    int joined = 0;
    for (String tenant : List.of("A", "B")) {
      StandardRepo<Doc, String> t = Tenants.forTenant(repo, tenant);
      java.util.Set<Object> own = new java.util.HashSet<>();
      Tenants.bypass(notes).findAll(eq("organizationId", tenant)).forEach(r -> own.add(r.get("id")));
      Tenants.bypass(repo).findAll(eq("organizationId", tenant)).forEach(d -> own.add(d.id()));
      List<io.sqlitekit.spi.LookupRow<Doc>> rows = new java.util.ArrayList<>(
          t.lookupPage(new PageRequest(all(), Sort.parse("id"), 1, 10, io.sqlitekit.spi.Projection.all()), matrix)
              .items());
      String after = null;
      do {
        io.sqlitekit.spi.KeysetPage<io.sqlitekit.spi.LookupRow<Doc>> page =
            t.lookupKeyset(KeysetRequest.first(Sort.parse("-n,id"), 1).after(after), matrix);
        rows.addAll(page.items());
        after = page.nextCursor();
      } while (after != null);
      assertEquals(tenant.equals("A") ? 6 : 2, rows.size(), "each base row once per page kind");
      for (io.sqlitekit.spi.LookupRow<Doc> row : rows) {
        assertEquals(tenant, row.entity().organizationId());
        for (io.sqlitekit.spi.Lookup l : matrix) {
          List<Map<String, Object>> got = l.many() ? row.many(l.as())
              : row.one(l.as()) == null ? List.of() : List.of(row.one(l.as()));
          for (Map<String, Object> r : got) {
            joined++;
            if (!own.contains(r.get("id"))) {
              leaks++;
            }
          }
        }
      }
    }
    assertEquals(0, leaks, "joined rows of another tenant");
    assertTrue(joined >= 40, "the matrix joined rows at all: " + joined);
  }

  @Test
  void writesByIdOrFilter_missOtherTenantsRows() {
    assertEquals(Optional.empty(), b.update("a1", Update.set("name", "hacked")));
    assertEquals(1, b.updateMany(io.sqlitekit.spi.filter.Filters.isNotNull("id"), Update.set("name", "mine")).matchedCount(), "only b1");
    assertEquals(0, b.updateMany(eq("organizationId", "A"), Update.set("name", "x")).matchedCount());
    assertFalse(b.delete("a1"));
    assertEquals(0, b.deleteMany(in("id", "a1", "a2", "a3")));
    assertEquals(Optional.empty(), b.findOneAndUpdate(eq("id", "a1"), Update.set("name", "x"),
        FindOneAndUpdateOptions.defaults()));
    assertEquals(Optional.empty(), b.increment("a1", "n", 100));
    assertEquals(1, b.count(all()));
  }

  @Test
  void upsertOnAnotherTenantsKey_changesNothing() {
    assertThrows(DuplicateKeyException.class, () -> b.upsert(new Doc("a1", "B", "hijack", 0L)),
        "the key is taken by a row outside B's scope");
    assertEquals(Optional.empty(), b.getById("a1"));
  }

  @Test
  void findOneAndUpdateUpsert_neverTouchesOtherTenant() {
    Optional<Doc> created = b.findOneAndUpdate(eq("name", "alpha"),
        Update.set("n", 5L).and(Update.setOnInsert(Map.of("id", "b7"))),
        FindOneAndUpdateOptions.defaults().withUpsert(true));
    assertEquals("b7", created.orElseThrow().id(), "A's alpha is invisible: a new row for B");
    assertEquals("B", created.orElseThrow().organizationId());
    assertThrows(DuplicateKeyException.class, () -> b.findOneAndUpdate(eq("id", "a1"), Update.set("n", 5L),
        FindOneAndUpdateOptions.defaults().withUpsert(true)), "the key belongs to A: a clash, not a takeover");
  }

  @Test
  void getOrCreate_lookupScoped_insertStamped() {
    GetOrCreateResult<Doc> r = b.getOrCreate(eq("name", "alpha"), new Doc("b2", "A", "alpha", 0L));
    assertTrue(r.created());
    assertEquals("B", r.doc().organizationId());
    assertThrows(DuplicateKeyException.class, () -> b.getOrCreate(eq("id", "a1"), new Doc("a1", null, "x", 0L)));
  }

  @Test
  void updates_cannotMoveRowsBetweenTenants() {
    assertThrows(ValidationException.class, () -> b.update("b1", Update.set("organizationId", "A")));
    assertThrows(ValidationException.class, () -> b.updateMany(io.sqlitekit.spi.filter.Filters.isNotNull("id"), Update.unset("organizationId")));
    assertThrows(ValidationException.class, () -> b.findOneAndUpdate(eq("id", "b1"),
        Update.set("organizationId", "A"), FindOneAndUpdateOptions.defaults()));
    assertThrows(ValidationException.class,
        () -> b.batch(x -> List.of(x.update("b1", Update.set("organizationId", "A")))));
    assertEquals("B", b.getById("b1").orElseThrow().organizationId());
  }

  @Test
  void batch_scopedAndStamped() {
    List<BatchResult<Doc>> results;
    try {
      results = b.batch(x -> List.of(x.update("a1", Update.set("name", "x")), x.delete("a2"),
          x.insert(new Doc("b3", "A", "new", 0L))));
    } catch (RepositoryException e) {
      throw new AssertionError("a scoped batch should simply miss", e);
    }
    assertEquals(0, results.get(0).changes());
    assertEquals(0, results.get(1).changes());
    assertEquals("B", b.getById("b3").orElseThrow().organizationId());
    assertThrows(DuplicateKeyException.class, () -> b.batch(x -> List.of(x.insert(new Doc("b8", null, "n", 0L)),
        x.upsert(new Doc("a3", "B", "hijack", 0L)))), "a batch upsert on A's key is a clash; the batch is undone");
    assertEquals(Optional.empty(), b.getById("b8"));
    assertEquals("B", b.batch(x -> List.of(x.upsert(new Doc("b1", "A", "own", 11L)))).get(0).rows().get(0)
        .organizationId(), "a batch upsert of an own row keeps it in the tenant");
  }

  @Test
  void transactionBoundRepository_isScoped() {
    long n = b.withTransaction(tx -> {
      assertEquals(Optional.empty(), tx.getById("a1"));
      assertEquals(Optional.empty(), tx.update("a1", Update.set("name", "x")));
      assertFalse(tx.delete("a1"));
      assertEquals(Optional.empty(), tx.increment("a1", "n", 1));
      assertEquals(0, tx.updateMany(eq("organizationId", "A"), Update.set("name", "x")).matchedCount());
      tx.create(new Doc("b4", "A", "tx", 0L));
      return tx.count(all());
    });
    assertEquals(2, n);
    assertEquals("B", b.getById("b4").orElseThrow().organizationId());
  }

  @Test
  void noTenant_refusedBeforeAnythingIsReadOrWritten() {
    assertThrows(TenantRequiredException.class, () -> repo.findAll(all()));
    assertThrows(TenantRequiredException.class, () -> repo.count(all()));
    assertThrows(TenantRequiredException.class, () -> repo.create(new Doc("x", "A", "x", 0L)));
    assertThrows(TenantRequiredException.class, () -> repo.deleteMany(io.sqlitekit.spi.filter.Filters.isNotNull("id")));
    assertThrows(TenantRequiredException.class, () -> repo.batch(x -> List.of(x.delete("a1"))));
    assertEquals(Optional.empty(), Tenants.bypass(repo).getById("x"));
  }

  @Test
  void threadBoundTenant_andBypass() {
    assertEquals(List.of("b1"), Tenants.call("B", () -> ids(repo.findAll(all()))));
    assertEquals(List.of("a1", "a2", "a3"), CallContext.call(CallContext.of(Tenants.TENANT_ID, "B"),
        () -> ids(a.findAll(all()))), "a view's tenant wins over the thread's");
    assertEquals(4, Tenants.bypass(repo).count(all()));
  }
}
