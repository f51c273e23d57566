package io.sqlitekit.tck.suite;

import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.tck.suite.LookupContractTest.family;
import static io.sqlitekit.tck.suite.LookupContractTest.parent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.CountStrategy;
import io.sqlitekit.spi.DateBucket;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.Lookup;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.tck.ContractTest;
import io.sqlitekit.tck.Requires;
import io.sqlitekit.tck.TckDoc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Lookups inside aggregates (dotted paths), as self-joins of the TCK table so plugin harnesses run them too:
 * {@code notes} of a child holds its parent's id (the family of {@link LookupContractTest}). Group keys, measures, measure filters, buckets, having, sort
 * and keyset pages over {@code parent.field}; joined values decoded by the foreign codecs; a lookup never
 * changes how many base rows are aggregated; rows the caller cannot read (another tenant's, deleted or
 * soft-deleted) never join; and the refusals name the path.
 */
class AggregateLookupContractTest extends ContractSupport {
  private static AggregateRequest children(StandardRepo<TckDoc, String> repo, String alias, Measure m) {
    return AggregateRequest.of(alias, m).where(eq("category", "child")).lookup(parent(repo));
  }

  /** Each row's values in output order (rows may hold nulls, so no {@code Map.of}). */
  private static List<List<Object>> values(List<Map<String, Object>> rows) {
    List<List<Object>> out = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      out.add(new ArrayList<>(r.values()));
    }
    return out;
  }

  @ContractTest
  @Requires({Capability.LOOKUPS, Capability.AGGREGATE})
  void groupBy_aJoinedField_missesGroupUnderNull(StandardRepo<TckDoc, String> repo) {
    family(repo);
    List<Map<String, Object>> rows = repo.aggregate(children(repo, "total", Measure.sum("count"))
        .measure("n", Measure.count()).groupBy("parent.name"));
    assertEquals(List.of("parent.name", "total", "n"), new ArrayList<>(rows.get(0).keySet()),
        "a dotted group key stays one flat output key");
    assertEquals(List.of(Arrays.asList(null, 40L, 1L), List.of("p1", 30L, 2L), List.of("p2", 30L, 1L)),
        values(rows), "c4's parent is not readable by the caller: it groups under null");
  }

  @ContractTest
  @Requires({Capability.LOOKUPS, Capability.AGGREGATE})
  void joinedGroupKeys_decodeThroughTheForeignCodecs(StandardRepo<TckDoc, String> repo) {
    family(repo);
    List<Map<String, Object>> rows = repo.aggregate(children(repo, "n", Measure.count()).groupBy("parent.active"));
    assertEquals(List.of(Arrays.asList(null, 1L), List.of(Boolean.FALSE, 1L), List.of(Boolean.TRUE, 2L)),
        values(rows), "booleans come back as booleans, not 1/0");
  }

  @ContractTest
  @Requires({Capability.LOOKUPS, Capability.AGGREGATE})
  void measures_overJoinedFields_neverInflateTheBaseCount(StandardRepo<TckDoc, String> repo) {
    family(repo);
    AggregateRequest r = children(repo, "n", Measure.count())
        .measure("parentCounts", Measure.sum("parent.count"))
        .measure("parents", Measure.countDistinct("parent.id"))
        .measure("joined", Measure.count("parent.id"))
        .measure("latest", Measure.max("parent.createdAt"));
    Map<String, Object> row = repo.aggregate(r).get(0);
    assertEquals(4L, row.get("n"), "every child counted once");
    assertEquals(4L, row.get("parentCounts"), "p1 twice (1 + 1), p2 once (2), c4 joins nothing");
    assertEquals(2L, row.get("parents"));
    assertEquals(3L, row.get("joined"));
    assertEquals(io.sqlitekit.tck.TckDocs.BASE, row.get("latest"), "a joined timestamp decodes as an instant");
  }

  @ContractTest
  @Requires({Capability.LOOKUPS, Capability.AGGREGATE})
  void oneToOne_joinsTheFirstMatchByKey_soParentsAreCountedOnce(StandardRepo<TckDoc, String> repo) {
    family(repo);
    AggregateRequest r = AggregateRequest.of("n", Measure.count()).measure("kidCount", Measure.sum("kid.count"))
        .where(eq("category", "parent")).lookup(Lookup.one("kid", repo.table(), "id", "notes"));
    Map<String, Object> row = repo.aggregate(r).get(0);
    assertEquals(3L, row.get("n"), "p1 has two children but is one row");
    assertEquals(40L, row.get("kidCount"), "p1 joins c1 (the first by key), p2 joins c3, p3 nothing");
  }

  @ContractTest
  @Requires({Capability.LOOKUPS, Capability.AGGREGATE})
  void lookupWhere_narrowsTheForeignSideOnly(StandardRepo<TckDoc, String> repo) {
    family(repo);
    AggregateRequest r = AggregateRequest.of("n", Measure.count()).where(eq("category", "child"))
        .lookup(parent(repo).where(eq("active", true))).groupBy("parent.id");
    assertEquals(List.of(Arrays.asList(null, 2L), List.of("p1", 2L)), values(repo.aggregate(r)),
        "c3's parent is inactive: c3 is still counted, under null");
  }

  @ContractTest
  @Requires({Capability.LOOKUPS, Capability.AGGREGATE})
  void measureWhere_andHaving_onJoinedFields(StandardRepo<TckDoc, String> repo) {
    family(repo);
    AggregateRequest r = children(repo, "n", Measure.count()).groupBy("parent.category")
        .measure("underActive", Measure.count().where(eq("parent.active", true)))
        .having(Filters.gt("n", 1L));
    assertEquals(List.of(List.of("parent", 3L, 2L)), values(repo.aggregate(r)));
  }

  @ContractTest
  @Requires({Capability.LOOKUPS, Capability.AGGREGATE_EXTENDED})
  void dateBucket_overAJoinedTimestamp(StandardRepo<TckDoc, String> repo) {
    family(repo);
    AggregateRequest r = children(repo, "n", Measure.count())
        .bucket("day", DateBucket.of("parent.createdAt", DateBucket.Unit.DAY));
    assertEquals(List.of(Arrays.asList(null, 1L), List.of("2026-04-01", 3L)), values(repo.aggregate(r)));
  }

  @ContractTest
  @Requires({Capability.LOOKUPS, Capability.AGGREGATE_EXTENDED})
  void pages_sortedByAJoinedKey(StandardRepo<TckDoc, String> repo) {
    family(repo);
    AggregateRequest r = children(repo, "n", Measure.count()).groupBy("parent.name")
        .orderBy(Sort.parse("-parent.name"));
    OffsetPage<Map<String, Object>> first = repo.aggregatePage(r, 1, 2, CountStrategy.EXACT);
    assertEquals(3, first.total());
    assertEquals(List.of(List.of("p2", 1L), List.of("p1", 2L)), values(first.items()));
    List<Object> walked = new ArrayList<>();
    String after = null;
    do {
      KeysetPage<Map<String, Object>> page = repo.aggregateKeyset(r, after, 1);
      page.items().forEach(row -> walked.add(row.get("parent.name")));
      after = page.nextCursor();
    } while (after != null);
    assertEquals(Arrays.asList("p2", "p1", null), walked);
  }

  @ContractTest
  @Requires({Capability.LOOKUPS, Capability.AGGREGATE})
  void deletedParents_doNotJoin(StandardRepo<TckDoc, String> repo) {
    family(repo);
    assertTrue(repo.delete("p1"));
    List<Map<String, Object>> rows = repo.aggregate(children(repo, "n", Measure.count()).groupBy("parent.id"));
    assertEquals(List.of(Arrays.asList(null, 3L), List.of("p2", 1L)), values(rows),
        "a deleted (or soft-deleted) parent is not joined, as it is not read directly");
  }

  @ContractTest
  @Requires({Capability.LOOKUPS, Capability.AGGREGATE})
  void refusals_nameTheLookupPartOrPath(StandardRepo<TckDoc, String> repo) {
    family(repo);
    AggregateRequest base = AggregateRequest.of("n", Measure.count());
    assertEquals("lookups[0].many", assertThrows(ValidationException.class, () -> repo.aggregate(
        base.lookup(Lookup.many("kids", repo.table(), "id", "notes")).groupBy("kids.name"))).field());
    assertEquals("nope.name", assertThrows(ValidationException.class, () -> repo.aggregate(
        base.lookup(parent(repo)).groupBy("nope.name"))).field());
    assertEquals("parent.nope", assertThrows(ValidationException.class, () -> repo.aggregate(
        base.lookup(parent(repo)).measure("s", Measure.sum("parent.nope")))).field());
    assertEquals("parent.nope", assertThrows(ValidationException.class, () -> repo.aggregate(
        base.lookup(parent(repo)).measure("c", Measure.count().where(eq("parent.nope", 1L))))).field());
    assertEquals("lookups[1].as", assertThrows(ValidationException.class, () -> repo.aggregate(
        base.lookup(parent(repo)).lookup(parent(repo)))).field());
    assertEquals("lookups[0].as", assertThrows(ValidationException.class, () -> repo.aggregate(
        base.lookup(Lookup.one("name", repo.table(), "notes", "id")))).field());
    assertEquals("lookups[0].localField", assertThrows(ValidationException.class, () -> repo.aggregate(
        base.lookup(Lookup.one("x", repo.table(), "nope", "id")))).field());
    assertEquals("lookups[0].where", assertThrows(ValidationException.class, () -> repo.aggregate(
        base.lookup(parent(repo).where(eq("nope", 1L))))).field());
    assertEquals("parent.email", assertThrows(ValidationException.class, () -> repo.aggregate(
        base.lookup(parent(repo).select("id", "name")).groupBy("parent.email"))).field(),
        "a lookup's select limits the paths it offers");
  }

  @ContractTest
  @Requires(value = Capability.AGGREGATE, absent = Capability.LOOKUPS)
  void aggregateLookups_absent_refused(StandardRepo<TckDoc, String> repo) {
    family(repo);
    assertThrows(OperationNotSupportedException.class, () -> repo.aggregate(
        AggregateRequest.of("n", Measure.count()).lookup(parent(repo)).groupBy("parent.name")),
        "a repository without lookups refuses them rather than aggregating as if they were absent");
  }
}
