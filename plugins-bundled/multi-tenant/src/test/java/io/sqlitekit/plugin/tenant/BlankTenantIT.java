package io.sqlitekit.plugin.tenant;

import static io.sqlitekit.spi.filter.Filters.all;
import static io.sqlitekit.spi.filter.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.WriteOptions;
import io.sqlitekit.spi.error.TenantRequiredException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.testsupport.MutableClock;
import io.sqlitekit.testsupport.SqliteFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A blank tenant id (an empty header, an unset variable) is refused like a missing one on every operation, with
 * nothing read or written, unless {@code allowBlankTenant} is set explicitly.
 */
final class BlankTenantIT {
  /** A tenant-owned row. */
  public record Doc(String id, String organizationId, String name, Long n) {
  }

  static final TableDef DOCS = TableDef.of("docs", Column.text("id").primaryKey(), Column.text("organizationId"),
      Column.text("name"), Column.integer("n"));

  @TempDir
  Path dir;

  /** Every repository operation, each a call that would read or write when given a real tenant. */
  static Map<String, Consumer<StandardRepo<Doc, String>>> everyOperation() {
    Map<String, Consumer<StandardRepo<Doc, String>>> ops = new LinkedHashMap<>();
    Sort byId = Sort.by(SortField.asc("id"));
    ops.put("getById", r -> r.getById("a1"));
    ops.put("getById projection", r -> r.getById("a1", Projection.include("name")));
    ops.put("getByIds", r -> r.getByIds(List.of("a1")));
    ops.put("getOne", r -> r.getOne(eq("id", "a1")));
    ops.put("findAll", r -> r.findAll(all()));
    ops.put("getAll offset", r -> r.getAll(PageRequest.first()));
    ops.put("getAll keyset", r -> r.getAll(KeysetRequest.first(byId, 5)));
    ops.put("stream", r -> {
      try (Stream<Doc> s = r.stream(all(), StreamOptions.defaults())) {
        s.collect(Collectors.toList());
      }
    });
    ops.put("count", r -> r.count(all()));
    ops.put("exists", r -> r.exists(all()));
    ops.put("distinct", r -> r.distinct("name", all()));
    ops.put("aggregate", r -> r.aggregate(AggregateRequest.of("n", Measure.count())));
    ops.put("create", r -> r.create(new Doc("x1", null, "x", 1L)));
    ops.put("createMany", r -> r.createMany(List.of(new Doc("x2", null, "x", 1L), new Doc("x3", null, "x", 1L))));
    ops.put("update", r -> r.update("a1", Update.set("name", "pwned")));
    ops.put("update options", r -> r.update("a1", Update.set("name", "pwned"), WriteOptions.none()));
    ops.put("updateMany", r -> r.updateMany(eq("id", "a1"), Update.set("name", "pwned")));
    ops.put("findOneAndUpdate", r -> r.findOneAndUpdate(eq("id", "a1"), Update.set("name", "pwned"),
        FindOneAndUpdateOptions.defaults()));
    ops.put("findOneAndUpdate upsert", r -> r.findOneAndUpdate(eq("id", "x4"), Update.set("name", "x"),
        FindOneAndUpdateOptions.defaults().withUpsert(true)));
    ops.put("upsert", r -> r.upsert(new Doc("a1", null, "pwned", 9L)));
    ops.put("upsert on conflict", r -> r.upsert(new Doc("a1", null, "pwned", 9L), UpsertOptions.onConflict("id")));
    ops.put("increment", r -> r.increment("a1", "n", 5));
    ops.put("delete", r -> r.delete("a1"));
    ops.put("deleteMany", r -> r.deleteMany(eq("id", "a1")));
    ops.put("getOrCreate", r -> r.getOrCreate(eq("id", "x5"), new Doc("x5", null, "x", 1L)));
    ops.put("batch insert", r -> r.batch(b -> List.of(b.insert(new Doc("x6", null, "x", 1L)))));
    ops.put("batch upsert", r -> r.batch(b -> List.of(b.upsert(new Doc("a1", null, "pwned", 1L)))));
    ops.put("batch update", r -> r.batch(b -> List.of(b.update("a1", Update.set("name", "pwned")))));
    ops.put("batch delete", r -> r.batch(b -> List.of(b.delete("a1"))));
    ops.put("withTransaction", r -> r.withTransaction(t -> t.findAll(all())));
    return ops;
  }

  private void assertEveryOperationRefused(StandardRepo<Doc, String> blank, Path file) {
    List<String> before = SqliteFiles.raw(file, "docs", "1 = 1");
    List<String> notRefused = new ArrayList<>();
    everyOperation().forEach((name, op) -> {
      try {
        op.accept(blank);
        notRefused.add(name + " (no error)");
      } catch (TenantRequiredException e) {
        assertTrue(e.getMessage().contains("blank tenant id"), e.getMessage());
        assertEquals("tenant_required", e.toContract().code());
      } catch (RuntimeException e) {
        notRefused.add(name + " (" + e + ")");
      }
    });
    assertEquals(List.of(), notRefused, "operations that did not raise TenantRequiredException");
    assertEquals(before, SqliteFiles.raw(file, "docs", "1 = 1"), "nothing was written");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n", "\u00a0", "\u2003\u200b"})
  void blankContextTenant_refusedOnEveryOperation(String tenant) {
    try (SqliteKit kit = Kits.open(dir.resolve("blank.db"), new MutableClock(Instant.parse("2026-03-01T00:00:00Z")),
        "multi-tenant")) {
      Kits.create(kit, DOCS);
      StandardRepo<Doc, String> repo = kit.repository(DOCS, Doc.class);
      Tenants.forTenant(repo, "A").create(new Doc("a1", null, "alpha", 1L));
      assertEveryOperationRefused(repo.withContext(CallContext.of(Tenants.TENANT_ID, tenant)),
          dir.resolve("blank.db"));
      CallContext.run(CallContext.of(Tenants.TENANT_ID, tenant), () ->
          assertThrows(TenantRequiredException.class, () -> repo.findAll(all())));
    }
  }

  @Test
  void blankTenant_refusedEvenWhenATenantIsNotRequired() {
    // Without a tenant such calls run unscoped; a blank one must not slip into that and see every tenant.
    try (SqliteKit kit = Kits.open(dir.resolve("blank.db"), new MutableClock(Instant.parse("2026-03-01T00:00:00Z")),
        TenantPlugin.create(TenantOptions.defaults().withRequireTenant(false)))) {
      Kits.create(kit, DOCS);
      StandardRepo<Doc, String> repo = kit.repository(DOCS, Doc.class);
      Tenants.forTenant(repo, "A").create(new Doc("a1", null, "alpha", 1L));
      assertEquals(1, repo.count(all()), "no tenant: unscoped, as configured");
      assertEveryOperationRefused(repo.withContext(CallContext.of(Tenants.TENANT_ID, "")),
          dir.resolve("blank.db"));
    }
  }

  @Test
  void blankPayloadTenant_refusedWithDataInjection() {
    try (SqliteKit kit = Kits.open(dir.resolve("blank.db"), new MutableClock(Instant.parse("2026-03-01T00:00:00Z")),
        TenantPlugin.create(TenantOptions.defaults().withAllowDataInjection(true)))) {
      Kits.create(kit, DOCS);
      StandardRepo<Doc, String> repo = kit.repository(DOCS, Doc.class);
      repo.create(new Doc("a1", "A", "alpha", 1L));
      assertThrows(TenantRequiredException.class, () -> repo.create(new Doc("x1", "", "x", 1L)));
      assertThrows(TenantRequiredException.class, () -> repo.createMany(List.of(new Doc("x2", " ", "x", 1L))));
      assertThrows(TenantRequiredException.class, () -> repo.upsert(new Doc("x3", "", "x", 1L)));
      assertThrows(TenantRequiredException.class, () -> repo.getOrCreate(eq("id", "x4"), new Doc("x4", "", "x", 1L)));
      assertThrows(TenantRequiredException.class, () -> repo.batch(b -> List.of(b.insert(new Doc("x5", "", "x", 1L)))));
      assertThrows(TenantRequiredException.class, () -> repo.batch(b -> List.of(b.upsert(new Doc("x6", "", "x", 1L)))));
      assertEquals(List.of("a1"), Tenants.bypass(repo).findAll(all()).stream().map(Doc::id)
          .collect(Collectors.toList()));
    }
  }

  @Test
  void tenantsHelpers_refuseABlankIdWhereItIsBound() {
    try (SqliteKit kit = Kits.open(dir.resolve("blank.db"), new MutableClock(Instant.parse("2026-03-01T00:00:00Z")),
        "multi-tenant")) {
      Kits.create(kit, DOCS);
      StandardRepo<Doc, String> repo = kit.repository(DOCS, Doc.class);
      assertThrows(TenantRequiredException.class, () -> Tenants.forTenant(repo, ""));
      assertThrows(TenantRequiredException.class, () -> Tenants.forTenant(repo, "   "));
      assertThrows(TenantRequiredException.class, () -> Tenants.call("", () -> repo.count(all())));
      assertThrows(TenantRequiredException.class, () -> Tenants.run(" ", () -> repo.count(all())));
      assertThrows(NullPointerException.class, () -> Tenants.forTenant(repo, null));
      assertEquals(0, Tenants.forTenant(repo, " A ").count(all()), "text with content is a tenant as given");
    }
  }

  @Test
  void allowBlankTenant_makesBlankAnOrdinaryTenant() {
    for (Object plugin : List.<Object>of(TenantPlugin.create(TenantOptions.defaults().withAllowBlankTenant(true)),
        new io.sqlitekit.plugin.tenant.internal.TenantPluginProvider().create(Map.of("allowBlankTenant", "true")))) {
      Path file = dir.resolve("allowed-" + System.nanoTime() + ".db");
      try (SqliteKit kit = Kits.open(file, new MutableClock(Instant.parse("2026-03-01T00:00:00Z")), plugin)) {
        Kits.create(kit, DOCS);
        StandardRepo<Doc, String> repo = kit.repository(DOCS, Doc.class);
        StandardRepo<Doc, String> blank = repo.withContext(CallContext.of(Tenants.TENANT_ID, ""));
        Tenants.forTenant(repo, "A").create(new Doc("a1", null, "alpha", 1L));
        blank.create(new Doc("e1", "A", "empty", 2L));
        assertEquals(List.of("e1"), blank.findAll(all()).stream().map(Doc::id).collect(Collectors.toList()));
        assertEquals(Optional.empty(), blank.getById("a1"));
        assertEquals(List.of("id=String:e1 organizationId=String: name=String:empty n=Integer:2 "),
            SqliteFiles.raw(file, "docs", "id = 'e1'"), "stored with the blank tenant, not the payload's");
        assertThrows(TenantRequiredException.class, () -> repo.findAll(all()), "missing is still missing");
      }
    }
  }

  @Test
  void providerOption_isValidated() {
    var provider = new io.sqlitekit.plugin.tenant.internal.TenantPluginProvider();
    assertThrows(io.sqlitekit.spi.error.ConfigurationException.class,
        () -> provider.create(Map.of("allowBlankTenant", "yes")));
    assertEquals(TenantPlugin.create(TenantOptions.defaults()), provider.create(Map.of("allowBlankTenant", "false")));
    assertTrue(TenantOptions.isBlank("\u00a0\u2007\u202f\ufeff"));
    assertTrue(!TenantOptions.isBlank("a") && !TenantOptions.isBlank(1) && !TenantOptions.isBlank(null));
  }
}
