package io.sqlitekit.plugin.tenant;

import static io.sqlitekit.spi.filter.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.spi.GetOrCreateResult;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.error.DataAccessException;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.testsupport.MutableClock;
import io.sqlitekit.testsupport.SqliteFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenant-scoped unique keys ({@link TenantIndexes}) on a real SQLite file (WAL): two tenants may hold the same
 * value, one tenant only once, and the duplicate-key oracle a global unique index opens is closed. Tenant A owns
 * a1 "alpha"; every test ends with A's rows exactly as they were.
 */
final class TenantUniqueIndexIT {
  /** A tenant-owned row with a slug that is unique per tenant. */
  public record Doc(String id, String organizationId, String slug, Long n) {
  }

  static final TableDef DOCS = TableDef.of("docs", Column.text("id").primaryKey(),
      Column.text("organizationId").sqlName("org_id"), Column.text("slug"), Column.integer("n"));
  private static final String INDEX = "uq_docs_organizationId_slug";

  @TempDir
  Path dir;

  private Path file;
  private SqliteKit kit;
  private StandardRepo<Doc, String> a;
  private StandardRepo<Doc, String> b;
  private List<String> rawA;

  @BeforeEach
  void open() {
    file = dir.resolve("uq.db");
    kit = Kits.open(file, new MutableClock(Instant.parse("2026-03-01T00:00:00Z")), "multi-tenant");
    Kits.create(kit, DOCS);
    kit.execute(TenantIndexes.uniqueWithinTenantSql(DOCS, "slug"));
    StandardRepo<Doc, String> repo = kit.repository(DOCS, Doc.class);
    a = Tenants.forTenant(repo, "A");
    b = Tenants.forTenant(repo, "B");
    a.create(new Doc("a1", null, "alpha", 1L));
    rawA = SqliteFiles.raw(file, "docs", "org_id = 'A'");
  }

  @AfterEach
  void close() {
    try {
      assertEquals(rawA, SqliteFiles.raw(file, "docs", "org_id = 'A'"), "tenant A's rows are untouched");
    } finally {
      kit.close();
    }
  }

  /** The index's columns per {@code pragma_index_info}, if {@code pragma_index_list} lists it as unique. */
  private static Optional<List<String>> uniqueIndexColumns(Path file, String table, String index) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        PreparedStatement list = c.prepareStatement(
            "SELECT 1 FROM pragma_index_list(?) WHERE name = ? AND \"unique\" = 1 AND partial = 0");
        PreparedStatement info = c.prepareStatement("SELECT name FROM pragma_index_info(?) ORDER BY seqno")) {
      list.setString(1, table);
      list.setString(2, index);
      try (ResultSet rs = list.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
      }
      info.setString(1, index);
      List<String> cols = new ArrayList<>();
      try (ResultSet rs = info.executeQuery()) {
        while (rs.next()) {
          cols.add(rs.getString(1));
        }
      }
      return Optional.of(cols);
    } catch (SQLException e) {
      throw new AssertionError("schema read failed", e);
    }
  }

  /** The detail lines of {@code EXPLAIN QUERY PLAN sql}, parameters unbound. */
  private static List<String> plan(Path file, String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql);
        ResultSet rs = ps.executeQuery()) {
      List<String> lines = new ArrayList<>();
      while (rs.next()) {
        lines.add(rs.getString("detail"));
      }
      return lines;
    } catch (SQLException e) {
      throw new AssertionError("EXPLAIN QUERY PLAN failed for " + sql, e);
    }
  }

  @Test
  void index_isUniqueOnTenantThenFields_bySqlName_andServesScopedLookups() {
    kit.execute(TenantIndexes.uniqueWithinTenantSql(DOCS, "slug"));
    assertEquals(Optional.of(List.of("org_id", "slug")), uniqueIndexColumns(file, "docs", INDEX));
    // The shape the kit renders for b.getOne(eq("slug", s)): the plugin ANDs its scope after the filter.
    assertEquals(List.of("SEARCH docs USING INDEX " + INDEX + " (org_id=? AND slug=?)"),
        plan(file, "SELECT \"id\", \"org_id\", \"slug\", \"n\" FROM \"docs\" WHERE (\"slug\" = ? AND \"org_id\" = ?)"
            + " ORDER BY \"id\" ASC LIMIT 1"));
  }

  @Test
  void twoTenantsMayHoldTheSameValue_oneTenantOnlyOnce() {
    assertEquals("B", b.create(new Doc("b1", null, "alpha", 2L)).organizationId(), "B's alpha is no conflict");
    assertThrows(DuplicateKeyException.class, () -> a.create(new Doc("a2", null, "alpha", 3L)));
    assertThrows(DuplicateKeyException.class, () -> b.create(new Doc("b2", null, "alpha", 3L)));
    b.create(new Doc("b3", null, "beta", 0L));
    assertThrows(DuplicateKeyException.class, () -> b.update("b3", Update.set("slug", "alpha")),
        "an update cannot make a duplicate within the tenant either");
    assertThrows(DuplicateKeyException.class, () -> b.createMany(List.of(new Doc("b4", null, "gamma", 0L),
        new Doc("b5", null, "gamma", 0L))));
    assertEquals(Optional.empty(), b.getById("b4"), "createMany is all-or-nothing");
    assertEquals(List.of("b1", "b3"), b.findAll(io.sqlitekit.spi.filter.Filters.all()).stream().map(Doc::id)
        .sorted().toList());
  }

  @Test
  void getOrCreate_withGlobalUniqueValue_revealsOtherTenant_withTenantIndex_doesNot() {
    TableDef global = TableDef.of("global_docs", Column.text("id").primaryKey(),
        Column.text("organizationId").sqlName("org_id"), Column.text("slug").unique(), Column.integer("n"));
    Kits.create(kit, global);
    StandardRepo<Doc, String> g = kit.repository(global, Doc.class);
    Tenants.forTenant(g, "A").create(new Doc("a1", null, "alpha", 1L));
    assertThrows(DuplicateKeyException.class, () -> Tenants.forTenant(g, "B").getOrCreate(eq("slug", "alpha"),
        new Doc("g1", null, "alpha", 0L)), "the oracle: B learns that some tenant has alpha");
    StandardRepo<Doc, String> gb = Tenants.forTenant(g, "B");
    gb.create(new Doc("g2", null, "beta", 0L));
    assertThrows(DuplicateKeyException.class, () -> gb.update("g2", Update.set("slug", "alpha")),
        "an update probes the same way");

    GetOrCreateResult<Doc> r = b.getOrCreate(eq("slug", "alpha"), new Doc("b1", null, "alpha", 0L));
    assertTrue(r.created(), "with the tenant-scoped index B simply gets its own alpha");
    assertEquals("B", r.doc().organizationId());
    GetOrCreateResult<Doc> again = b.getOrCreate(eq("slug", "alpha"), new Doc("b2", null, "alpha", 0L));
    assertFalse(again.created());
    assertEquals("b1", again.doc().id());
  }

  @Test
  void upsertOnTenantAndField_insertsPerTenant_thenUpdatesTheOwnRow() {
    Doc inserted = b.upsert(new Doc("b1", null, "alpha", 7L), UpsertOptions.onConflict("organizationId", "slug"));
    assertEquals("b1", inserted.id(), "A's alpha is no conflict for B: a new row");
    assertEquals("B", inserted.organizationId());
    Doc updated = b.upsert(new Doc("other-id", null, "alpha", 8L), UpsertOptions.onConflict("organizationId",
        "slug"));
    assertEquals("b1", updated.id(), "the conflict is with B's own alpha, which is updated");
    assertEquals(8L, updated.n());
    Doc reordered = b.upsert(new Doc("x", null, "alpha", 9L), UpsertOptions.onConflict("slug", "organizationId"));
    assertEquals("b1", reordered.id(), "the conflict target may list the columns in any order");
    assertEquals(9L, reordered.n());
    assertEquals(1, b.count(eq("slug", "alpha")));
  }

  @Test
  void upsertNamingOnlyTheField_matchesNoIndex_andFailsTyped() {
    DataAccessException e = assertThrows(DataAccessException.class,
        () -> b.upsert(new Doc("b1", null, "alpha", 7L), UpsertOptions.onConflict("slug")));
    assertTrue(e.getMessage().contains("ON CONFLICT clause does not match"), e.getMessage());
    assertEquals(Optional.empty(), b.getById("b1"));
  }

  @Test
  void primaryKeysStayGlobal_aTenantIndexDoesNotChangeThat() {
    assertThrows(DuplicateKeyException.class, () -> b.create(new Doc("a1", null, "zeta", 0L)),
        "primary keys are unique across tenants: use keys that reveal nothing");
    assertThrows(DuplicateKeyException.class, () -> b.upsert(new Doc("a1", null, "zeta", 0L),
        UpsertOptions.onConflict("organizationId", "slug")), "the conflict target does not cover the key");
    assertEquals(Optional.empty(), b.getById("a1"));
  }
}
