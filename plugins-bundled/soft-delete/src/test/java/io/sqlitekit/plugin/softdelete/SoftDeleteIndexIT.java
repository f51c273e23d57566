package io.sqlitekit.plugin.softdelete;

import static io.sqlitekit.spi.filter.Filters.and;
import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.gt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.testsupport.MutableClock;
import io.sqlitekit.testsupport.SchemaProbe;
import io.sqlitekit.testsupport.SqliteFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The partial-index helpers of {@link SoftDeletes} executed on a real SQLite file (WAL): the index SQLite stores
 * (unique, partial, columns by SQL name), what it enforces among live and deleted rows, and that the statements
 * the plugin-scoped repository actually runs (recorded by the kit's statement listener, a
 * {@link SchemaProbe.Recorder}) are planned with it, per {@code EXPLAIN QUERY PLAN}.
 */
final class SoftDeleteIndexIT {
  /** An account; {@code org} and {@code deletedAt} have other SQL names, as indexes must use those. */
  public record Account(String id, String org, String email, Long n, Instant deletedAt) {
  }

  static final TableDef ACCOUNTS = TableDef.of("accounts", Column.text("id").primaryKey(),
      Column.text("org").sqlName("org_id"), Column.text("email"), Column.integer("n"),
      Column.timestamp("deletedAt").sqlName("deleted_at"));
  private static final String UNIQUE = "uq_accounts_org_email_active";
  private static final CallContext INCLUDE_DELETED = CallContext.of(SoftDeletes.INCLUDE_DELETED, true);

  @TempDir
  Path dir;

  private final SchemaProbe.Recorder recorder = new SchemaProbe.Recorder();
  private Path file;
  private SqliteKit kit;
  private StandardRepo<Account, String> accounts;

  @BeforeEach
  void open() {
    file = dir.resolve("idx.db");
    kit = SqliteKit.builder().url("jdbc:sqlite:" + file).statementListener(recorder)
        .clock(new MutableClock(Instant.parse("2026-03-01T10:00:00Z"))).plugins("soft-delete").build();
    kit.createTable(ACCOUNTS);
    accounts = kit.repository(ACCOUNTS, Account.class);
  }

  @AfterEach
  void close() {
    kit.close();
  }

  private void assertSearchesWith(String index, Consumer<StandardRepo<Account, String>> call) {
    SchemaProbe.assertSearchesWith("accounts", index, SchemaProbe.plansOf(recorder, file,
        () -> call.accept(accounts)));
  }

  private Account live(String id, String org, String email) {
    return accounts.create(new Account(id, org, email, 1L, null));
  }

  @Test
  void uniqueActiveIndex_isAPartialUniqueIndexOnSqlNames_createdOnce() {
    String ddl = SoftDeletes.uniqueActiveIndexSql(ACCOUNTS, "org", "email");
    kit.execute(ddl);
    kit.execute(ddl);
    SchemaProbe.Index idx = SchemaProbe.index(file, UNIQUE).orElseThrow();
    assertEquals(new SchemaProbe.Index(UNIQUE, "accounts", true, true, List.of("org_id", "email")), idx);
  }

  @Test
  void uniqueActiveIndex_uniqueAmongLiveRows_deletedRowsNeverConflict() {
    kit.execute(SoftDeletes.uniqueActiveIndexSql(ACCOUNTS, "org", "email"));
    live("a", "o1", "x@");
    assertThrows(DuplicateKeyException.class, () -> live("a2", "o1", "x@"), "a second live x@ in o1");
    assertEquals("b", live("b", "o2", "x@").id(), "the key is the pair: another org may use x@");
    assertThrows(DuplicateKeyException.class, () -> accounts.update("b", Update.set("org", "o1")),
        "an update cannot make a live duplicate either");

    assertTrue(accounts.delete("a"));
    assertEquals("a2", live("a2", "o1", "x@").id(), "a deleted x@ does not block a new one");
    assertTrue(accounts.delete("a2"));
    assertEquals("a3", live("a3", "o1", "x@").id(), "nor do two deleted ones");
    assertEquals(3, SqliteFiles.raw(file, "accounts", "org_id = 'o1' AND email = 'x@'").size());

    assertThrows(DuplicateKeyException.class, () -> SoftDeletes.restore(accounts, "a"),
        "restoring a row whose key a live row now holds would make a live duplicate");
    assertNotNull(accounts.withContext(INCLUDE_DELETED).getById("a").orElseThrow().deletedAt(),
        "the failed restore left the row deleted");

    Account hit = accounts.upsert(new Account("zz", "o1", "x@", 9L, null), UpsertOptions.onConflict("org", "email"));
    assertEquals("a3", hit.id(), "the upsert targets the partial index and lands on the one live row");
    assertEquals(9L, hit.n());
  }

  @Test
  void uniqueActiveIndex_creationIgnoresDeletedDuplicates_butFailsOnLiveOnes() {
    live("a", "o1", "x@");
    live("b", "o1", "x@");
    assertTrue(accounts.delete("b"));
    kit.execute(SoftDeletes.uniqueActiveIndexSql(ACCOUNTS, "org", "email"));
    assertTrue(SchemaProbe.index(file, UNIQUE).isPresent(), "b is deleted: no live duplicate");

    kit.execute("DROP INDEX \"" + UNIQUE + "\";");
    live("c", "o1", "y@");
    live("d", "o1", "y@");
    assertThrows(DuplicateKeyException.class, () -> kit.execute(SoftDeletes.uniqueActiveIndexSql(ACCOUNTS, "org",
        "email")), "c and d are live duplicates");
    assertEquals(Optional.empty(), SchemaProbe.index(file, UNIQUE), "nothing half-created");
  }

  @Test
  void uniqueActiveIndex_servesEveryLiveRowQueryOfThePlugin() {
    kit.execute(SoftDeletes.uniqueActiveIndexSql(ACCOUNTS, "org", "email"));
    for (int i = 0; i < 50; i++) {
      live("r" + i, "o" + (i % 5), "u" + i + "@");
    }
    assertTrue(accounts.delete("r7"));
    Filter key = and(eq("org", "o1"), eq("email", "u6@"));
    assertSearchesWith(UNIQUE, r -> assertTrue(r.getOne(key).isPresent()));
    assertSearchesWith(UNIQUE, r -> assertEquals(1, r.findAll(key).size()));
    assertSearchesWith(UNIQUE, r -> assertEquals(10, r.count(eq("org", "o1"))));
    assertSearchesWith(UNIQUE, r -> assertTrue(r.exists(key)));
    assertSearchesWith(UNIQUE, r -> assertEquals(1, r.updateMany(key, Update.set("n", 2L)).modifiedCount()));
    assertSearchesWith(UNIQUE, r -> assertTrue(r.findOneAndUpdate(key, Update.inc("n", 1),
        FindOneAndUpdateOptions.defaults()).isPresent()));
    assertSearchesWith(UNIQUE, r -> assertFalse(r.getOrCreate(key, new Account("new", "o1", "u6@", 0L, null))
        .created()));
    assertSearchesWith(UNIQUE, r -> assertEquals(0, r.count(and(eq("org", "o2"), eq("email", "u7@")))));
    assertSearchesWith(UNIQUE, r -> assertEquals(1, r.deleteMany(key)));
  }

  @Test
  void uniqueActiveIndex_cannotServeQueriesThatIncludeDeletedRows() {
    kit.execute(SoftDeletes.uniqueActiveIndexSql(ACCOUNTS, "org", "email"));
    live("a", "o1", "x@");
    StandardRepo<Account, String> all = accounts.withContext(INCLUDE_DELETED);
    // Without deleted_at IS NULL in the query, the partial index lacks rows the query must see.
    SchemaProbe.assertNotUsed(UNIQUE, SchemaProbe.plansOf(recorder, file,
        () -> assertEquals(1, all.findAll(and(eq("org", "o1"), eq("email", "x@"))).size())));
  }

  @Test
  void activeIndex_isNonUniquePartial_andServesLiveRangeQueries() {
    kit.execute(SoftDeletes.activeIndexSql(ACCOUNTS, SoftDeleteOptions.defaults(), "n"));
    assertEquals(new SchemaProbe.Index("idx_accounts_n_active", "accounts", false, true, List.of("n")),
        SchemaProbe.index(file, "idx_accounts_n_active").orElseThrow());
    for (int i = 0; i < 40; i++) {
      accounts.create(new Account("r" + i, "o", "e" + i, (long) (i % 4), null));
    }
    assertEquals(10, accounts.count(eq("n", 3L)), "not unique: equal values are fine");
    assertSearchesWith("idx_accounts_n_active", r -> assertEquals(10, r.count(gt("n", 2L))));
    assertSearchesWith("idx_accounts_n_active", r -> assertEquals(10, r.findAll(eq("n", 0L)).size()));
  }

  @Test
  void indexesForAnotherDeletionField_followTheOptions() {
    TableDef docs = TableDef.of("docs", Column.text("id").primaryKey(), Column.text("slug"),
        Column.timestamp("removedAt").sqlName("removed_at"));
    SoftDeleteOptions options = SoftDeleteOptions.defaults().withField("removedAt");
    Path other = dir.resolve("other.db");
    try (SqliteKit k = SqliteKit.builder().url("jdbc:sqlite:" + other).statementListener(recorder)
        .plugin(SoftDeletePlugin.create(options)).build()) {
      k.createTable(docs);
      StandardRepo<Map<String, Object>, Object> repo = k.documents(docs);
      k.execute(SoftDeletes.uniqueActiveIndexSql(docs, options, "slug"));
      assertEquals(new SchemaProbe.Index("uq_docs_slug_active", "docs", true, true, List.of("slug")),
          SchemaProbe.index(other, "uq_docs_slug_active").orElseThrow());
      repo.create(Map.of("id", "1", "slug", "s"));
      assertThrows(DuplicateKeyException.class, () -> repo.create(Map.of("id", "2", "slug", "s")));
      assertTrue(repo.delete("1"));
      assertEquals("2", repo.create(Map.of("id", "2", "slug", "s")).get("id"));
      SchemaProbe.assertSearchesWith("docs", "uq_docs_slug_active", SchemaProbe.plansOf(recorder, other,
          () -> assertEquals("2", repo.getOne(eq("slug", "s")).orElseThrow().get("id"))));
    }
  }
}
