package io.sqlitekit.plugin.tenant;

import static io.sqlitekit.spi.filter.Filters.all;
import static io.sqlitekit.spi.filter.Filters.isNotNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.ContextKey;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.TenantRequiredException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.testsupport.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Non-default options through the real repository: optional tenant, data injection, own resolver. */
final class TenantOptionsIT {
  private static final ContextKey<String> ORG = ContextKey.of("org", String.class);

  @TempDir
  Path dir;

  private SqliteKit open(String name, TenantOptions options) {
    SqliteKit kit = Kits.open(dir.resolve(name), new MutableClock(Instant.EPOCH), TenantPlugin.create(options));
    Kits.create(kit, TenantIsolationIT.DOCS);
    return kit;
  }

  @Test
  void notRequired_unscopedWithoutTenant_butNoMoves() {
    try (SqliteKit kit = open("open.db", TenantOptions.defaults().withRequireTenant(false))) {
      StandardRepo<TenantIsolationIT.Doc, String> repo = kit.repository(TenantIsolationIT.DOCS,
          TenantIsolationIT.Doc.class);
      Tenants.forTenant(repo, "A").create(new TenantIsolationIT.Doc("a1", null, "x", 1L));
      TenantIsolationIT.Doc loose = repo.create(new TenantIsolationIT.Doc("n1", "B", "x", 1L));
      assertNull(loose.organizationId(), "a payload tenant is not trusted without data injection");
      assertEquals(2, repo.count(all()), "no tenant: unscoped");
      assertEquals(1, Tenants.forTenant(repo, "A").count(all()));
      assertThrows(ValidationException.class, () -> repo.updateMany(isNotNull("id"), Update.set("organizationId", "A")));
      assertEquals("A", Tenants.bypass(repo).getById("a1").orElseThrow().organizationId());
    }
  }

  @Test
  void dataInjection_payloadTenantHonouredOnlyWithoutContextTenant() {
    try (SqliteKit kit = open("inject.db", TenantOptions.defaults().withAllowDataInjection(true))) {
      StandardRepo<TenantIsolationIT.Doc, String> repo = kit.repository(TenantIsolationIT.DOCS,
          TenantIsolationIT.Doc.class);
      assertEquals(List.of("B", "C"), repo.createMany(List.of(new TenantIsolationIT.Doc("b1", "B", "x", 1L),
          new TenantIsolationIT.Doc("c1", "C", "x", 1L))).stream().map(TenantIsolationIT.Doc::organizationId)
          .collect(java.util.stream.Collectors.toList()));
      assertEquals("A", Tenants.forTenant(repo, "A").create(new TenantIsolationIT.Doc("a1", "B", "x", 1L))
          .organizationId());
      assertThrows(TenantRequiredException.class, () -> repo.create(new TenantIsolationIT.Doc("z", null, "x", 1L)));
      assertThrows(TenantRequiredException.class, () -> repo.count(all()), "reads still need a tenant");
    }
  }

  @Test
  void ownResolver() {
    try (SqliteKit kit = open("resolver.db", TenantOptions.defaults().withResolver(c -> c.get(ORG)))) {
      StandardRepo<TenantIsolationIT.Doc, String> repo = kit.repository(TenantIsolationIT.DOCS,
          TenantIsolationIT.Doc.class);
      StandardRepo<TenantIsolationIT.Doc, String> q = repo.withContext(CallContext.of(ORG, "Q"));
      assertEquals("Q", q.create(new TenantIsolationIT.Doc("q1", null, "x", 1L)).organizationId());
      assertEquals(1, q.count(all()));
      assertThrows(TenantRequiredException.class, () -> Tenants.forTenant(repo, "Q").count(all()));
    }
  }

  @Test
  void softDeleteDeclaresItRunsAfterTenantScope_kitOrdersThem() {
    java.util.List<io.sqlitekit.spi.filter.Filter> seen = new java.util.ArrayList<>();
    io.sqlitekit.spi.plugin.RepositoryPlugin recorder = new io.sqlitekit.spi.plugin.RepositoryPlugin() {
      @Override
      public String name() {
        return "test-recorder";
      }

      @Override
      public void install(io.sqlitekit.spi.plugin.HookRegistry r) {
        r.before(java.util.EnumSet.of(io.sqlitekit.spi.plugin.Operation.COUNT),
            io.sqlitekit.spi.plugin.HookPriority.VALIDATION, ctx -> seen.add(ctx.filter()));
      }
    };
    io.sqlitekit.spi.table.TableDef def = TenantIsolationIT.DOCS.withColumn(
        io.sqlitekit.spi.table.Column.timestamp("deletedAt"));
    try (SqliteKit kit = Kits.open(dir.resolve("order.db"), new MutableClock(Instant.EPOCH), "soft-delete",
        "multi-tenant", recorder)) {
      Kits.create(kit, def);
      Tenants.forTenant(kit.documents(def), "B").count(all());
    }
    assertEquals(List.of(io.sqlitekit.spi.filter.Filters.and(io.sqlitekit.spi.filter.Filters.eq("organizationId", "B"),
        io.sqlitekit.spi.filter.Filters.isNull("deletedAt"))), seen,
        "enabled as soft-delete, multi-tenant: the tenant scope still applies first");
  }

  /** Thread-bound tenants on concurrent threads (WAL, one writer): no call ever runs under another thread's tenant. */
  @Test
  void threadBoundTenants_concurrentWriters_neverMix() throws Exception {
    try (SqliteKit kit = open("threads.db", TenantOptions.defaults())) {
      StandardRepo<TenantIsolationIT.Doc, String> repo = kit.repository(TenantIsolationIT.DOCS,
          TenantIsolationIT.Doc.class);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
      try {
        List<java.util.concurrent.Future<Long>> futures = new java.util.ArrayList<>();
        for (String t : List.of("T1", "T2", "T3", "T4")) {
          futures.add(pool.submit(() -> Tenants.call(t, () -> {
            long seenOthers = 0;
            for (int i = 0; i < 50; i++) {
              repo.create(new TenantIsolationIT.Doc(t + "-" + i, null, "x", (long) i));
              seenOthers += repo.findAll(all()).stream().filter(d -> !d.organizationId().equals(t)).count();
            }
            return seenOthers;
          })));
        }
        for (java.util.concurrent.Future<Long> f : futures) {
          assertEquals(0L, f.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdownNow();
      }
      for (String t : List.of("T1", "T2", "T3", "T4")) {
        assertEquals(50, Tenants.forTenant(repo, t).count(all()));
        assertEquals(50, Tenants.bypass(repo).count(io.sqlitekit.spi.filter.Filters.eq("organizationId", t)));
      }
    }
  }
}
