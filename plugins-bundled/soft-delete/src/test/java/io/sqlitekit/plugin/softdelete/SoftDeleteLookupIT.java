package io.sqlitekit.plugin.softdelete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.Lookup;
import io.sqlitekit.spi.LookupRow;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.testsupport.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Soft delete on the foreign side of lookups (real SQLite file, WAL): deleted comments and authors are not
 * joined, as they are not read directly, unless the lookup's own context includes deleted rows; that context
 * never reaches the base read.
 */
final class SoftDeleteLookupIT {
  /** A post. */
  public record Post(String id, String authorId, String title, Instant deletedAt) {
  }

  /** A comment of a post. */
  public record Comment(String id, String postId, String body, Boolean flagged, Instant deletedAt) {
  }

  static final TableDef POSTS = TableDef.of("posts", Column.text("id").primaryKey(), Column.text("authorId"),
      Column.text("title"), Column.timestamp("deletedAt"));
  static final TableDef COMMENTS = TableDef.of("comments", Column.text("id").primaryKey(), Column.text("postId"),
      Column.text("body"), Column.bool("flagged"), Column.timestamp("deletedAt"));
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir
  Path dir;

  private SqliteKit kit;
  private StandardRepo<Post, String> posts;
  private StandardRepo<Comment, String> comments;

  @BeforeEach
  void open() {
    kit = Kits.open(dir.resolve("sd-lookups.db"), new MutableClock(T0), "soft-delete");
    Kits.create(kit, POSTS);
    Kits.create(kit, COMMENTS);
    posts = kit.repository(POSTS, Post.class);
    comments = kit.repository(COMMENTS, Comment.class);
    posts.createMany(List.of(new Post("p1", "p2", "one", null), new Post("p2", null, "two", null),
        new Post("p3", "p2", "three", null)));
    comments.createMany(List.of(new Comment("c1", "p1", "kept", false, null),
        new Comment("c2", "p1", "removed", true, null), new Comment("c3", "p2", "also removed", false, null)));
    assertTrue(comments.delete("c2"));
    assertTrue(comments.delete("c3"));
    assertTrue(posts.delete("p3"));
  }

  @AfterEach
  void close() {
    kit.close();
  }

  private OffsetPage<LookupRow<Post>> page(Lookup... lookups) {
    return posts.lookupPage(new PageRequest(Filters.all(), Sort.parse("id"), 1, 10, Projection.all()),
        List.of(lookups));
  }

  @Test
  void deletedForeignRows_areHidden() {
    OffsetPage<LookupRow<Post>> page = page(Lookup.many("comments", COMMENTS, "id", "postId"),
        Lookup.one("author", POSTS, "authorId", "id"));
    assertEquals(2, page.total(), "p3 is deleted: not a base row either");
    assertEquals(List.of("c1"), page.items().get(0).many("comments", Comment.class).stream().map(Comment::id)
        .toList());
    assertEquals(List.of(), page.items().get(1).many("comments"));
    assertEquals("p2", page.items().get(0).one("author", Post.class).id());
  }

  @Test
  void lookupContext_includesDeletedForeignRows_only() {
    CallContext withDeleted = CallContext.of(SoftDeletes.INCLUDE_DELETED, true);
    OffsetPage<LookupRow<Post>> page = page(
        Lookup.many("comments", COMMENTS, "id", "postId").context(withDeleted),
        Lookup.many("authored", POSTS, "id", "authorId").context(withDeleted).select("id", "deletedAt"));
    assertEquals(2, page.total(), "the lookup's context does not reach the base read");
    List<Comment> p1 = page.items().get(0).many("comments", Comment.class);
    assertEquals(List.of("c1", "c2"), p1.stream().map(Comment::id).toList());
    assertEquals(Boolean.TRUE, p1.get(1).flagged(), "decoded by the foreign column codec");
    assertEquals(T0, p1.get(1).deletedAt(), "the deletion instant, decoded");
    assertNull(p1.get(0).deletedAt());
    List<Map<String, Object>> authored = page.items().get(1).many("authored");
    assertEquals(List.of(Map.of("id", "p1"), Map.of("id", "p3", "deletedAt", T0)),
        authored.stream().map(m -> m.get("deletedAt") == null ? Map.of("id", m.get("id")) : m).toList());
  }
}
