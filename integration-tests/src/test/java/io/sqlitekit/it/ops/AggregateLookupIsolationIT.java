package io.sqlitekit.it.ops;

import static io.sqlitekit.spi.filter.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.memory.MemoryKit;
import io.sqlitekit.plugin.softdelete.SoftDeletes;
import io.sqlitekit.plugin.tenant.Tenants;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.CountStrategy;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.Lookup;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Aggregates with lookups under the multi-tenant and soft-delete plugins, on both kits: three tenants whose
 * orders point at customers of other tenants (by id) and share customer codes with them (a join on a
 * non-unique field, where another tenant's customer has the smallest key), and soft-deleted customers. Every
 * joined value a tenant's aggregate returns must come from that tenant's own live customers: 0 leaks, and the
 * orders are each counted once whatever they join.
 */
final class AggregateLookupIsolationIT {
  static final TableDef CUSTOMERS = new TableDef("customers", List.of(Column.text("id").primaryKey(),
      Column.text("organizationId"), Column.text("code"), Column.text("region"), Column.bool("vip"),
      Column.timestamp("deletedAt")), null);
  static final TableDef ORDERS = new TableDef("orders", List.of(Column.text("id").primaryKey(),
      Column.text("organizationId"), Column.text("customerId"), Column.text("customerCode"),
      Column.integer("amount"), Column.timestamp("deletedAt")), null);
  private static final List<String> TENANTS = List.of("A", "B", "C");

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "memory"})
  void tenants_neverAggregateOverAnotherTenantsJoinedRows(String kind) throws Exception {
    AutoCloseable kit = null;
    try {
      StandardRepo<Map<String, Object>, Object> customers;
      StandardRepo<Map<String, Object>, Object> orders;
      if (kind.equals("sqlite")) {
        SqliteKit k = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("shop.db"))
            .plugins("multi-tenant", "soft-delete").build();
        kit = k;
        k.createTable(CUSTOMERS);
        k.createTable(ORDERS);
        customers = k.documents(CUSTOMERS);
        orders = k.documents(ORDERS);
      } else {
        MemoryKit k = MemoryKit.builder().plugins("multi-tenant", "soft-delete").build();
        kit = k;
        customers = k.documents(CUSTOMERS);
        orders = k.documents(ORDERS);
      }
      run(customers, orders);
    } finally {
      if (kit != null) {
        kit.close();
      }
    }
  }

  private static Map<String, Object> row(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static void run(StandardRepo<Map<String, Object>, Object> customers,
      StandardRepo<Map<String, Object>, Object> orders) {
    // Customer keys sort "0…" (tenant C) before "1…" (B) before "2…" (A): a join that ignored the tenant would
    // pick another tenant's customer for a shared code.
    Map<String, String> prefix = Map.of("A", "2", "B", "1", "C", "0");
    for (String t : TENANTS) {
      StandardRepo<Map<String, Object>, Object> c = Tenants.forTenant(customers, t);
      String p = prefix.get(t);
      c.create(row("id", p + "-c1", "code", "shared", "region", t + "-north", "vip", true));
      c.create(row("id", p + "-c2", "code", "k2", "region", t + "-south", "vip", false));
      c.create(row("id", p + "-c3", "code", "gone", "region", t + "-deleted", "vip", true));
      assertTrue(c.delete(p + "-c3"), "soft-deleted");
      StandardRepo<Map<String, Object>, Object> o = Tenants.forTenant(orders, t);
      int n = 0;
      for (String other : TENANTS) {
        String q = prefix.get(other);
        // Own and foreign customer ids, the shared code, and the soft-deleted customer, for every tenant.
        for (String cust : List.of(q + "-c1", q + "-c2", q + "-c3")) {
          o.create(row("id", t + "-o" + n++, "customerId", cust, "customerCode", cust.endsWith("c1") ? "shared"
              : cust.endsWith("c3") ? "gone" : "k2", "amount", (long) (10 * n)));
        }
      }
    }
    Lookup byId = Lookup.one("cust", CUSTOMERS, "customerId", "id");
    Lookup byCode = Lookup.one("coded", CUSTOMERS, "customerCode", "code");
    int leaks = 0;
    int joined = 0;
    for (String t : TENANTS) {
      StandardRepo<Map<String, Object>, Object> o = Tenants.forTenant(orders, t);
      AggregateRequest r = AggregateRequest.of("n", Measure.count()).measure("total", Measure.sum("amount"))
          .measure("vips", Measure.count().where(eq("cust.vip", true)))
          .lookup(byId).lookup(byCode).groupBy("cust.region", "coded.region");
      List<Map<String, Object>> rows = o.aggregate(r);
      long counted = 0;
      for (Map<String, Object> g : rows) {
        counted += (Long) g.get("n");
        for (String key : List.of("cust.region", "coded.region")) {
          Object region = g.get(key);
          if (region != null) {
            joined++;
            if (!((String) region).startsWith(t + "-") || ((String) region).endsWith("-deleted")) {
              leaks++;
            }
          }
        }
      }
      assertEquals(9, counted, t + ": each of its 9 orders counted once");
      // Own customers by id: c1 (north) and c2 (south) join; foreign ids and the soft-deleted c3 miss. By
      // code: "shared" and "k2" join the tenant's own customers; "gone" misses (only soft-deleted rows).
      Map<List<Object>, Long> byGroup = new LinkedHashMap<>();
      rows.forEach(g -> byGroup.put(java.util.Arrays.asList(g.get("cust.region"), g.get("coded.region")),
          (Long) g.get("n")));
      Map<List<Object>, Long> expected = new LinkedHashMap<>();
      expected.put(java.util.Arrays.asList(null, null), 3L);
      expected.put(java.util.Arrays.asList(null, t + "-north"), 2L);
      expected.put(java.util.Arrays.asList(null, t + "-south"), 2L);
      expected.put(java.util.Arrays.asList(t + "-north", t + "-north"), 1L);
      expected.put(java.util.Arrays.asList(t + "-south", t + "-south"), 1L);
      assertEquals(expected, byGroup, t);
      long vips = rows.stream().mapToLong(g -> (Long) g.get("vips")).sum();
      assertEquals(1L, vips, t + ": only its own live vip customer (c1) counts");

      // Pages and keyset pages see the same groups.
      AggregateRequest regions = AggregateRequest.of("n", Measure.count()).lookup(byId).groupBy("cust.region")
          .orderBy(Sort.parse("-n"));
      assertEquals(3, o.aggregatePage(regions, 1, 10, CountStrategy.EXACT).total());
      List<Object> walked = new ArrayList<>();
      String after = null;
      do {
        KeysetPage<Map<String, Object>> page = o.aggregateKeyset(regions, after, 1);
        page.items().forEach(g -> walked.add(g.get("cust.region")));
        after = page.nextCursor();
      } while (after != null);
      assertEquals(java.util.Arrays.asList(null, t + "-north", t + "-south"), walked, t);

      // The lookup's own context can ask for soft-deleted customers; other tenants stay out.
      List<Map<String, Object>> withDeleted = o.aggregate(AggregateRequest.of("n", Measure.count())
          .lookup(byId.context(CallContext.of(SoftDeletes.INCLUDE_DELETED, true))).groupBy("cust.region"));
      List<Object> seen = new ArrayList<>();
      withDeleted.forEach(g -> seen.add(g.get("cust.region")));
      assertEquals(java.util.Arrays.asList(null, t + "-deleted", t + "-north", t + "-south"), seen, t);
    }
    assertEquals(0, leaks, "joined values of another tenant or of a soft-deleted customer");
    assertTrue(joined >= 3 * 4, "the joins joined at all: " + joined);
    assertNull(Tenants.bypass(orders).aggregate(AggregateRequest.of("n", Measure.count()).lookup(byId)
        .groupBy("cust.region")).get(0).get("cust.region"), "bypass still groups misses under null first");
  }
}
