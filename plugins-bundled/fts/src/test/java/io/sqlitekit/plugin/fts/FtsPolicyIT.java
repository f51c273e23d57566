package io.sqlitekit.plugin.fts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.plugin.softdelete.SoftDeletePlugin;
import io.sqlitekit.plugin.softdelete.SoftDeleteOptions;
import io.sqlitekit.plugin.softdelete.SoftDeletes;
import io.sqlitekit.plugin.tenant.TenantOptions;
import io.sqlitekit.plugin.tenant.TenantPlugin;
import io.sqlitekit.plugin.tenant.Tenants;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.TenantRequiredException;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search is a repository call like findAll: the tenant plugin scopes it (and refuses it without a tenant),
 * soft-deleted rows stay hidden unless the call context asks for them, and other hooks see it as
 * {@link Operation#SEARCH} with the request.
 */
final class FtsPolicyIT {
  /** A tenant-owned, soft-deletable post. */
  public record Post(Long id, String organizationId, String text, Instant deletedAt) {
  }

  static final TableDef POSTS = TableDef.of("posts", Column.integer("id").primaryKey(),
      Column.text("organizationId"), Column.text("text"), Column.timestamp("deletedAt"));

  @TempDir
  Path dir;

  @Test
  void tenantsNeverSeeEachOthersHits_andDeletedRowsAreHidden() {
    List<String> seen = new ArrayList<>();
    RepositoryPlugin spy = new RepositoryPlugin() {
      @Override
      public String name() {
        return "spy";
      }

      @Override
      public void install(HookRegistry registry) {
        registry.before(EnumSet.of(Operation.SEARCH), HookPriority.OBSERVABILITY,
            ctx -> seen.add(ctx.operation() + " " + ctx.request().orElseThrow().getClass().getSimpleName() + " "
                + ctx.filter()));
      }
    };
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("policy.db"))
        .plugin(TenantPlugin.create(TenantOptions.defaults()))
        .plugin(SoftDeletePlugin.create(SoftDeleteOptions.defaults())).plugin(spy).build()) {
      kit.createTable(POSTS);
      SqliteRepository<Post, Long> posts = kit.repository(POSTS, Post.class,
          List.of(FtsPlugin.create(FtsOptions.of("text"))));
      StandardRepo<Post, Long> a = Tenants.forTenant(posts, "A");
      StandardRepo<Post, Long> b = Tenants.forTenant(posts, "B");
      a.create(new Post(1L, null, "shared secret words", null));
      a.create(new Post(2L, null, "secret of tenant a", null));
      b.create(new Post(3L, null, "shared secret words", null));
      b.create(new Post(4L, null, "another secret", null));

      assertEquals(List.of(1L, 2L), ids(a, "secret"));
      assertEquals(List.of(3L, 4L), ids(b, "secret"));
      assertEquals(List.of(), ids(b, "tenant"));
      // A filter naming the other tenant cannot widen the scope: it is AND-ed with the tenant's own.
      assertEquals(List.of(), FtsPlugin.search(a).search(SearchRequest.of("secret")
          .filter(io.sqlitekit.spi.filter.Filters.eq("organizationId", "B"))).entities());
      assertThrows(TenantRequiredException.class, () -> FtsPlugin.search(posts).search("secret"));

      a.delete(1L);
      assertEquals(List.of(2L), ids(a, "secret"));
      assertEquals(List.of(1L, 2L), ids(a.withContext(CallContext.of(SoftDeletes.INCLUDE_DELETED, true)), "secret"));
      assertEquals(List.of(1L, 2L, 3L, 4L), ids(Tenants.bypass(posts).withContext(
          CallContext.of(SoftDeletes.INCLUDE_DELETED, true)), "secret"));
      assertEquals("SEARCH SearchRequest", seen.get(0).substring(0, "SEARCH SearchRequest".length()));
    }
  }

  private static List<Long> ids(StandardRepo<Post, Long> repo, String query) {
    return FtsPlugin.search(repo).search(query).entities().stream().map(Post::id).sorted()
        .collect(Collectors.toList());
  }
}
