package io.sqlitekit.plugin.tenant;

import static io.sqlitekit.spi.filter.Filters.all;
import static io.sqlitekit.spi.filter.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.plugin.softdelete.SoftDeletes;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.GetOrCreateResult;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.UpdateResult;
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
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Soft delete and tenant scope on one repository (real SQLite file, WAL), both enabled by name. Tenant A owns
 * a1 (live) and a2 (deleted); B owns b1 (live) and b2 (deleted). Every method called as B sees only b1.
 */
final class TenantWithSoftDeleteIT {
  /** A tenant-owned, soft-deletable row. */
  public record Doc(String id, String organizationId, String name, Long n, Instant deletedAt) {
  }

  static final TableDef DOCS = TableDef.of("docs", Column.text("id").primaryKey(), Column.text("organizationId"),
      Column.text("name"), Column.integer("n"), Column.timestamp("deletedAt"));

  @TempDir
  Path dir;

  private Path file;
  private SqliteKit kit;
  private StandardRepo<Doc, String> repo;
  private List<String> rawA;

  @BeforeEach
  void open() {
    file = dir.resolve("both.db");
    kit = Kits.open(file, new MutableClock(Instant.parse("2026-03-01T00:00:00Z")), "multi-tenant", "soft-delete");
    Kits.create(kit, DOCS);
    repo = kit.repository(DOCS, Doc.class);
    for (String t : List.of("A", "B")) {
      StandardRepo<Doc, String> r = Tenants.forTenant(repo, t);
      String p = t.toLowerCase(java.util.Locale.ROOT);
      r.create(new Doc(p + "1", null, "same", 1L, null));
      r.create(new Doc(p + "2", null, "same", 2L, null));
      assertEquals(true, r.delete(p + "2"));
    }
    rawA = SqliteFiles.raw(file, "docs", "organizationId = 'A'");
  }

  @AfterEach
  void verify() {
    try {
      assertEquals(rawA, SqliteFiles.raw(file, "docs", "organizationId = 'A'"), "tenant A untouched");
    } finally {
      kit.close();
    }
  }

  private static Object norm(Object r) {
    if (r instanceof Optional) {
      return ((Optional<?>) r).map(TenantWithSoftDeleteIT::norm);
    }
    if (r instanceof Doc) {
      return ((Doc) r).id();
    }
    if (r instanceof List) {
      return ((List<?>) r).stream().map(TenantWithSoftDeleteIT::norm).map(String::valueOf).sorted()
          .collect(Collectors.toList());
    }
    if (r instanceof OffsetPage) {
      return norm(((OffsetPage<?>) r).items()) + " total=" + ((OffsetPage<?>) r).total();
    }
    if (r instanceof KeysetPage) {
      return norm(((KeysetPage<?>) r).items());
    }
    if (r instanceof GetOrCreateResult) {
      return norm(((GetOrCreateResult<?>) r).doc()) + " created=" + ((GetOrCreateResult<?>) r).created();
    }
    if (r instanceof UpdateResult) {
      return "matched=" + ((UpdateResult) r).matchedCount();
    }
    if (r instanceof BatchResult) {
      return "changes=" + ((BatchResult<?>) r).changes();
    }
    if (r instanceof Map) {
      return ((Map<?, ?>) r).values().stream().map(v -> v instanceof Number ? ((Number) v).longValue() : v)
          .collect(Collectors.toList());
    }
    if (r instanceof Number && !(r instanceof Long)) {
      return ((Number) r).longValue();
    }
    return r;
  }

  private static Arguments c(String name, Function<StandardRepo<Doc, String>, Object> call, Object expected) {
    return Arguments.of(name, call, expected);
  }

  static Stream<Arguments> methods() {
    Sort byId = Sort.by(SortField.asc("id"));
    return Stream.of(
        c("getById own live", r -> r.getById("b1"), Optional.of("b1")),
        c("getById own deleted", r -> r.getById("b2"), Optional.empty()),
        c("getById other tenant", r -> r.getById("a1"), Optional.empty()),
        c("getByIds", r -> r.getByIds(List.of("a1", "a2", "b1", "b2")), List.of("b1")),
        c("getOne", r -> r.getOne(eq("name", "same")), Optional.of("b1")),
        c("findAll", r -> r.findAll(all()), List.of("b1")),
        c("getAll offset", r -> r.getAll(PageRequest.first()), "[b1] total=1"),
        c("getAll keyset", r -> r.getAll(KeysetRequest.first(byId, 10)), List.of("b1")),
        c("stream", r -> {
          try (Stream<Doc> s = r.stream(all(), StreamOptions.defaults())) {
            return s.collect(Collectors.toList());
          }
        }, List.of("b1")),
        c("count", r -> r.count(all()), 1L),
        c("exists deleted", r -> r.exists(eq("id", "b2")), false),
        c("distinct", r -> r.distinct("id", all()), List.of("b1")),
        c("aggregate", r -> r.aggregate(AggregateRequest.of("c", Measure.count())).get(0), List.of(1L)),
        c("update own deleted", r -> r.update("b2", Update.set("n", 9L)), Optional.empty()),
        c("update other tenant", r -> r.update("a1", Update.set("n", 9L)), Optional.empty()),
        c("update own live", r -> r.update("b1", Update.set("n", 9L)), Optional.of("b1")),
        c("updateMany", r -> r.updateMany(io.sqlitekit.spi.filter.Filters.isNotNull("id"), Update.set("n", 9L)), "matched=1"),
        c("findOneAndUpdate deleted", r -> r.findOneAndUpdate(eq("id", "b2"), Update.set("n", 9L),
            FindOneAndUpdateOptions.defaults()), Optional.empty()),
        c("findOneAndUpdate other", r -> r.findOneAndUpdate(eq("id", "a1"), Update.set("n", 9L),
            FindOneAndUpdateOptions.defaults()), Optional.empty()),
        c("increment deleted", r -> r.increment("b2", "n", 1), Optional.empty()),
        c("increment other", r -> r.increment("a1", "n", 1), Optional.empty()),
        c("delete deleted", r -> r.delete("b2"), false),
        c("delete other", r -> r.delete("a1"), false),
        c("delete own live", r -> r.delete("b1"), true),
        c("deleteMany", r -> r.deleteMany(io.sqlitekit.spi.filter.Filters.isNotNull("id")), 1L),
        c("getOrCreate finds own", r -> r.getOrCreate(eq("name", "same"), new Doc("b9", null, "same", 0L, null)),
            "b1 created=false"),
        c("upsert own", r -> r.upsert(new Doc("b1", null, "up", 0L, null)), "b1"),
        c("batch delete", r -> r.batch(x -> List.of(x.delete("b1"), x.delete("b2"), x.delete("a1"))),
            List.of("changes=0", "changes=0", "changes=1")),
        c("restore own", r -> SoftDeletes.restore(r, "b2"), Optional.of("b2")),
        c("restore other", r -> SoftDeletes.restore(r, "a2"), Optional.empty()),
        c("getDeleted", r -> SoftDeletes.getDeleted(r, PageRequest.first()), "[b2] total=1"),
        c("hardDelete other", r -> SoftDeletes.hardDelete(r, "a2"), false),
        c("tx-bound", r -> r.withTransaction(tx -> tx.findAll(all())), List.of("b1")),
        c("includeDeleted still tenant-scoped",
            r -> r.withContext(CallContext.of(SoftDeletes.INCLUDE_DELETED, true)).findAll(all()), List.of("b1", "b2")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methods")
  void asTenantB(String name, Function<StandardRepo<Doc, String>, Object> call, Object expected) {
    assertEquals(expected, norm(call.apply(Tenants.forTenant(repo, "B"))), name);
  }

  @org.junit.jupiter.api.Test
  void upsertAgainstUniqueActiveIndex_withTenantScope() {
    kit.execute(SoftDeletes.uniqueActiveIndexSql(DOCS, "organizationId", "name"));
    StandardRepo<Doc, String> b = Tenants.forTenant(repo, "B");
    Doc hit = b.upsert(new Doc("b5", null, "same", 7L, null),
        io.sqlitekit.spi.UpsertOptions.onConflict("organizationId", "name"));
    assertEquals("b1", hit.id(), "the live row of B with that name is updated; deleted b2 and A's rows are not");
    assertEquals(7L, hit.n());
    Doc fresh = b.upsert(new Doc("b6", null, "other", 1L, null),
        io.sqlitekit.spi.UpsertOptions.onConflict("organizationId", "name"));
    assertEquals("B", fresh.organizationId());
    assertEquals(2, b.count(all()));
  }
}
