package io.sqlitekit.it.d1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.Batch;
import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.plugin.softdelete.SoftDeleteOptions;
import io.sqlitekit.plugin.softdelete.SoftDeletePlugin;
import io.sqlitekit.plugin.tenant.TenantOptions;
import io.sqlitekit.plugin.tenant.TenantPlugin;
import io.sqlitekit.plugin.tenant.Tenants;
import io.sqlitekit.plugin.timestamp.TimestampOptions;
import io.sqlitekit.plugin.timestamp.TimestampPlugin;
import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.ReturnDocument;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.testsupport.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches and read-then-write calls on a kit whose driver has no interactive transactions (the D1 driver, or
 * xerial reporting the same), checked against the same calls on an ordinary xerial kit: the same results, the
 * same rows in the tables afterwards, the same typed errors, and nothing at all applied when a call fails. The
 * scenarios run in {@link NoTransactionsKitIT} (every machine) and {@link D1DriverIT} (the real local D1).
 */
abstract class AtomicScenarios {
  static final TableDef DOCS = TableDef.of("ab_docs", Column.text("id").primaryKey(),
      Column.text("name").notNull().unique(), Column.integer("n"), Column.real("r"));
  static final TableDef STOCK = TableDef.of("ab_stock", Column.text("id").primaryKey(), Column.integer("qty"));
  static final TableDef AUTO = TableDef.of("ab_auto", Column.integer("id").primaryKey(),
      Column.text("name").unique());
  static final TableDef TENANTED = TableDef.of("ab_tenanted", Column.text("id").primaryKey(),
      Column.text("name").notNull(), Column.integer("n"), Column.text("organizationId"),
      Column.timestamp("deletedAt"), Column.timestamp("createdAt"), Column.timestamp("updatedAt"));

  /** Where the reference kits' files go. */
  @TempDir
  Path referenceDir;
  private int opened;

  /**
   * Opens the kit under test on an empty database.
   *
   * @param b a builder with the scenario's plugins and clock set; the subclass adds the URL
   * @return the kit
   */
  abstract SqliteKit openUnderTest(SqliteKit.Builder b);

  /** The kit under test and the reference kit, with the same plugins, clock and tables. */
  private final class Pair implements AutoCloseable {
    final SqliteKit kit;
    final SqliteKit ref;

    Pair(boolean plugins) {
      MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
      kit = openUnderTest(builder(plugins, clock));
      ref = builder(plugins, clock).url("jdbc:sqlite:" + referenceDir.resolve("ref-" + (opened++) + ".db")).build();
      for (SqliteKit k : List.of(kit, ref)) {
        for (TableDef t : List.of(DOCS, STOCK, AUTO, TENANTED)) {
          k.createTable(t);
        }
      }
    }

    private SqliteKit.Builder builder(boolean plugins, MutableClock clock) {
      SqliteKit.Builder b = SqliteKit.builder().clock(clock);
      if (plugins) {
        b.plugin(TenantPlugin.create(TenantOptions.defaults()))
            .plugin(SoftDeletePlugin.create(SoftDeleteOptions.defaults()))
            .plugin(TimestampPlugin.create(TimestampOptions.defaults()));
      }
      return b;
    }

    /** Runs the call on both kits; asserts the same outcome (value or exception type) and the same tables. */
    <R> Object both(Function<SqliteKit, R> call) {
      Object a = outcome(kit, call);
      Object b = outcome(ref, call);
      assertEquals(b, a, "outcome on the kit under test vs the xerial kit");
      for (TableDef t : List.of(DOCS, STOCK, AUTO, TENANTED)) {
        assertEquals(table(ref, t), table(kit, t), "table " + t.name() + " afterwards");
      }
      return a;
    }

    private <R> Object outcome(SqliteKit k, Function<SqliteKit, R> call) {
      try {
        return call.apply(k);
      } catch (RepositoryException e) {
        return e.getClass().getSimpleName();
      }
    }

    @Override
    public void close() {
      kit.close();
      ref.close();
    }
  }

  /** Every row of a table, as stored, in key order. */
  static List<Map<String, Object>> table(SqliteKit k, TableDef t) {
    return k.driver().read(s -> s.query("SELECT * FROM \"" + t.name() + "\" ORDER BY id", List.of(), rs -> {
      List<Map<String, Object>> out = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < rs.columnCount(); i++) {
          Object v = rs.getObject(i);
          m.put(rs.columnName(i), v instanceof Integer ? Long.valueOf((Integer) v) : v);
        }
        out.add(m);
      }
      return out;
    }));
  }

  static Map<String, Object> doc(String id, String name, Long n) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (id != null) {
      m.put("id", id);
    }
    m.put("name", name);
    if (n != null) {
      m.put("n", n);
    }
    return m;
  }

  private static Map<String, Object> stock(String id, long qty) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("qty", qty);
    return m;
  }

  /** The acceptance case: a batch failing on its third statement leaves no trace of the first two. */
  @Test
  void batchFailingOnItsThirdStatement_leavesNoTrace_aGoodOneCommitsAll() {
    try (Pair p = new Pair(false)) {
      p.both(k -> k.documents(DOCS).create(doc("x", "taken", 1L)));
      Object failed = p.both(k -> k.documents(DOCS).batch(b -> List.of(b.insert(doc("a", "Ann", 1L)),
          b.update("x", Update.inc("n", 5)), b.insert(doc("c", "taken", 3L)))));
      assertEquals("DuplicateKeyException", failed);
      assertEquals(List.of(doc("x", "taken", 1L)), p.kit.documents(DOCS).findAll(Filters.all()).stream()
          .map(m -> doc((String) m.get("id"), (String) m.get("name"), (Long) m.get("n"))).toList());
      Object ok = p.both(k -> k.documents(DOCS).batch(b -> List.of(b.insert(doc("a", "Ann", 1L)),
          b.insert(doc("b", "Bob", null)), b.update("x", Update.inc("n", 5).withSet("r", 2.5)),
          b.update("missing", Update.set("n", 1L)), b.update("a", Update.setOnInsert(Map.of("n", 9L))),
          b.upsert(doc("b", "Bea", 7L)), b.upsert(doc("d", "Dot", 4L)), b.delete("a"), b.delete("missing"),
          b.insert(doc("a", "Ann again", 2L)))));
      @SuppressWarnings("unchecked")
      List<BatchResult<Map<String, Object>>> results = (List<BatchResult<Map<String, Object>>>) ok;
      assertEquals(10, results.size());
      assertEquals(List.of(1L, 1L, 1L, 0L, 1L, 1L, 1L, 1L, 0L, 1L),
          results.stream().map(BatchResult::changes).toList());
      assertEquals(6L, results.get(2).rows().get(0).get("n"));
      assertEquals(4, p.kit.documents(DOCS).count(Filters.all()));
    }
  }

  /** Batch.run across repositories: one atomic script on a driver without transactions. */
  @Test
  void crossRepositoryBatch_allOrNothing() {
    try (Pair p = new Pair(false)) {
      p.both(k -> k.documents(STOCK).create(stock("s1", 10)));
      Object failed = p.both(k -> Batch.run(k, b -> List.of(b.on(k.documents(DOCS)).insert(doc("o1", "order", 1L)),
          b.on(k.documents(STOCK)).update("s1", Update.inc("qty", -1)),
          b.on(k.documents(DOCS)).insert(doc("o2", "order", 2L)))));
      assertEquals("DuplicateKeyException", failed);
      assertEquals(10L, p.kit.documents(STOCK).getById("s1").orElseThrow().get("qty"));
      assertEquals(0, p.kit.documents(DOCS).count(Filters.all()));
      Object ok = p.both(k -> Batch.run(k, b -> List.of(b.on(k.documents(DOCS)).insert(doc("o1", "order", 1L)),
          b.on(k.documents(STOCK)).update("s1", Update.inc("qty", -1)), b.on(k.documents(STOCK)).delete("none"),
          b.on(k.documents(DOCS)).update("o1", Update.set("name", "paid")))));
      assertEquals(4, ((List<?>) ok).size());
      assertEquals(9L, p.kit.documents(STOCK).getById("s1").orElseThrow().get("qty"));
    }
  }

  /** The overflow probe of an increment runs inside the request: refused, typed, nothing applied. */
  @Test
  void incrementOverflowInABatch_refusedTyped_nothingApplied() {
    try (Pair p = new Pair(false)) {
      // Written as SQL: D1 cannot read such an integer back exactly, so a create (which returns the row) would fail.
      for (SqliteKit k : List.of(p.kit, p.ref)) {
        k.execute("INSERT INTO ab_docs (id, name, n) VALUES ('x', 'big', " + (Long.MAX_VALUE - 1) + ");");
      }
      ValidationException e = assertThrows(ValidationException.class, () -> p.kit.documents(DOCS).batch(b -> List.of(
          b.insert(doc("a", "Ann", 1L)), b.update("x", Update.inc("n", 5)))));
      assertTrue(e.getMessage().contains("64-bit"), e.getMessage());
      assertEquals("n", e.field());
      assertThrows(ValidationException.class, () -> p.ref.documents(DOCS).batch(b -> List.of(
          b.insert(doc("a", "Ann", 1L)), b.update("x", Update.inc("n", 5)))));
      assertEquals(1, p.kit.documents(DOCS).count(Filters.all()));
      assertEquals(1, p.kit.documents(DOCS).count(Filters.gt("n", Long.MAX_VALUE - 2)));
    }
  }

  /** Multi-tenant, soft-delete and timestamp apply to batch statements as on the xerial kit. */
  @Test
  void pluginsApplyToBatchStatements() {
    try (Pair p = new Pair(true)) {
      CallContext t1 = CallContext.of(Tenants.TENANT_ID, "t1");
      CallContext t2 = CallContext.of(Tenants.TENANT_ID, "t2");
      p.both(k -> k.documents(TENANTED).withContext(t2).create(doc("foreign", "theirs", 1L)));
      p.both(k -> k.documents(TENANTED).withContext(t1).batch(b -> List.of(b.insert(doc("a", "Ann", 1L)),
          b.insert(doc("b", "Bob", 2L)), b.update("a", Update.inc("n", 1)), b.delete("b"),
          b.update("foreign", Update.set("name", "stolen")), b.delete("foreign"), b.upsert(doc("c", "Cid", 3L)))));
      Object outside = p.both(k -> k.documents(TENANTED).withContext(t1).batch(b -> List.of(
          b.insert(doc("d", "Dan", 4L)), b.upsert(doc("foreign", "mine now", 9L)))));
      assertEquals("DuplicateKeyException", outside);
      List<Map<String, Object>> rows = table(p.kit, TENANTED);
      assertEquals(List.of("a", "b", "c", "foreign"), rows.stream().map(m -> m.get("id")).toList());
      assertEquals("t1", rows.get(0).get("organizationId"));
      assertTrue(rows.get(0).get("createdAt") != null && rows.get(0).get("updatedAt") != null, rows.toString());
      assertTrue(rows.get(1).get("deletedAt") != null, "soft-deleted in the batch: " + rows);
      assertEquals("theirs", rows.get(3).get("name"));
    }
  }

  /** findOneAndUpdate, getOrCreate, increments and updateMany: the same results, with plugins applied. */
  @Test
  void readThenWrite_sameResults() {
    try (Pair p = new Pair(true)) {
      CallContext t1 = CallContext.of(Tenants.TENANT_ID, "t1");
      CallContext t2 = CallContext.of(Tenants.TENANT_ID, "t2");
      Function<SqliteKit, StandardRepo<Map<String, Object>, Object>> r1 = k -> k.documents(TENANTED).withContext(t1);
      Function<SqliteKit, StandardRepo<Map<String, Object>, Object>> r2 = k -> k.documents(TENANTED).withContext(t2);
      p.both(k -> r1.apply(k).createMany(List.of(doc("a", "Ann", 1L), doc("b", "Bob", 5L), doc("c", "Cid", 3L))));
      p.both(k -> r2.apply(k).create(doc("z", "Zed", 100L)));
      FindOneAndUpdateOptions byNDesc = FindOneAndUpdateOptions.defaults().withSort(Sort.by(SortField.desc("n")));
      Object after = p.both(k -> r1.apply(k).findOneAndUpdate(Filters.gte("n", 2L), Update.inc("n", 10), byNDesc));
      assertEquals(15L, ((Map<?, ?>) ((Optional<?>) after).orElseThrow()).get("n"));
      Object before = p.both(k -> r1.apply(k).findOneAndUpdate(Filters.gte("n", 2L), Update.set("name", "Top"),
          byNDesc.returning(ReturnDocument.BEFORE)));
      assertEquals("Bob", ((Map<?, ?>) ((Optional<?>) before).orElseThrow()).get("name"));
      assertEquals(Optional.empty(), p.both(k -> r1.apply(k).findOneAndUpdate(Filters.eq("name", "Zed"),
          Update.set("n", 0L), FindOneAndUpdateOptions.defaults())));
      p.both(k -> r1.apply(k).findOneAndUpdate(Filters.eq("name", "New"), Update.set("n", 7L),
          FindOneAndUpdateOptions.defaults().withUpsert(true)));
      assertEquals(false, p.both(k -> r1.apply(k).getOrCreate(Filters.eq("name", "Ann"), doc("x", "Ann", 0L))
          .created()));
      assertEquals(true, p.both(k -> r2.apply(k).getOrCreate(Filters.eq("name", "Ann"), doc("y", "Ann", 0L))
          .created()));
      p.both(k -> r1.apply(k).increment("a", "n", 2));
      p.both(k -> r1.apply(k).updateMany(Filters.all(), Update.inc("n", 1)));
      p.both(k -> r1.apply(k).increment("z", "n", 1));
      assertEquals(100L, p.kit.documents(TENANTED).withContext(t2).getById("z").orElseThrow().get("n"));
    }
  }

  /** The overflow probe of single-statement increments runs inside the request on D1: typed, nothing applied. */
  @Test
  void incrementOverflow_singleCalls_refusedTyped_nothingApplied() {
    try (Pair p = new Pair(false)) {
      for (SqliteKit k : List.of(p.kit, p.ref)) {
        k.execute("INSERT INTO ab_docs (id, name, n) VALUES ('x', 'big', " + (Long.MAX_VALUE - 1) + ");"
            + "INSERT INTO ab_docs (id, name, n) VALUES ('y', 'small', 1);");
      }
      for (SqliteKit k : List.of(p.kit, p.ref)) {
        StandardRepo<Map<String, Object>, Object> r = k.documents(DOCS);
        assertThrows(ValidationException.class, () -> r.increment("x", "n", 5));
        assertThrows(ValidationException.class, () -> r.updateMany(Filters.all(), Update.inc("n", 5)));
        assertThrows(ValidationException.class, () -> r.findOneAndUpdate(Filters.eq("name", "big"),
            Update.inc("n", 5), FindOneAndUpdateOptions.defaults()));
        assertEquals(1, r.count(Filters.gt("n", Long.MAX_VALUE - 2)));
        assertEquals(1L, r.getById("y").orElseThrow().get("n"));
      }
      for (SqliteKit k : List.of(p.kit, p.ref)) {
        assertEquals(2L, k.documents(DOCS).increment("y", "n", 1).orElseThrow().get("n"));
      }
    }
  }

  /** createMany of rows that need one statement each (generated keys) is one atomic script, not refused. */
  @Test
  void createManyWithGeneratedKeys_atomic() {
    try (Pair p = new Pair(false)) {
      Object ok = p.both(k -> k.documents(AUTO).createMany(List.of(doc(null, "x", null), doc(null, "y", null))));
      assertEquals(2, ((List<?>) ok).size());
      Object failed = p.both(k -> k.documents(AUTO).createMany(List.of(doc(null, "z", null), doc(null, "w", null),
          doc(null, "x", null))));
      assertEquals("DuplicateKeyException", failed);
      assertEquals(2, p.kit.documents(AUTO).count(Filters.all()));
    }
  }

  /** getByIds of more ids than D1 takes parameters: same rows, key order, missing ids skipped. */
  @Test
  void getByIds_ofManyIds() {
    try (Pair p = new Pair(false)) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        rows.add(doc(String.format("k%03d", i), "name " + i, (long) i));
      }
      p.both(k -> k.documents(DOCS).createMany(rows).size());
      List<Object> ids = new ArrayList<>();
      for (int i = 299; i >= 0; i -= 2) {
        ids.add(String.format("k%03d", i));
      }
      for (int i = 0; i < 100; i++) {
        ids.add("absent" + i);
      }
      assertEquals(250, ids.size());
      Object got = p.both(k -> k.documents(DOCS).getByIds(ids));
      List<?> list = (List<?>) got;
      assertEquals(150, list.size());
      assertEquals("k001", ((Map<?, ?>) list.get(0)).get("id"));
      assertEquals("k299", ((Map<?, ?>) list.get(149)).get("id"));
    }
  }
}
