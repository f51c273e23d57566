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
}
