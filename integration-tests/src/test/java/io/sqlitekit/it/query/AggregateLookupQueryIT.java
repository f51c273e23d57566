package io.sqlitekit.it.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.memory.MemoryKit;
import io.sqlitekit.query.AggregateOptions;
import io.sqlitekit.query.AggregateQueryParser;
import io.sqlitekit.query.LookupParams;
import io.sqlitekit.query.ParsedAggregate;
import io.sqlitekit.query.QueryOptions;
import io.sqlitekit.spi.CountStrategy;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.Lookup;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * URL aggregate parameters naming dotted paths into a server-allowed lookup, end to end: parsed once, run on the
 * SQLite kit (a WAL file) and on the in-memory kit, with the groups computed here and equal pages and cursors
 * on both.
 */
final class AggregateLookupQueryIT {
  private static final TableDef CUSTOMERS = TableDef.of("customers", Column.text("id").primaryKey(),
      Column.text("region"), Column.bool("vip"));
  private static final TableDef ORDERS = TableDef.of("orders", Column.integer("id").primaryKey(),
      Column.text("customerId"), Column.integer("amount"));
  private static final AggregateQueryParser PARSER = AggregateQueryParser.of(QueryOptions.defaults(),
      AggregateOptions.defaults().withGroupFields("customer.region", "customer.vip").withMeasureFields("amount"),
      LookupParams.of(Lookup.one("customer", CUSTOMERS, "customerId", "id")));

  @TempDir
  Path dir;

  private static void seed(StandardRepo<Map<String, Object>, Object> customers,
      StandardRepo<Map<String, Object>, Object> orders) {
    customers.create(Map.of("id", "c1", "region", "north", "vip", true));
    customers.create(Map.of("id", "c2", "region", "south", "vip", false));
    customers.create(Map.of("id", "c3", "region", "north", "vip", false));
    String[] owner = {"c1", "c2", "c3", "c9"};
    for (int i = 0; i < 20; i++) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("id", (long) i + 1);
      o.put("customerId", owner[i % 4]);
      o.put("amount", (long) i);
      orders.create(o);
    }
  }

  private static List<Object> run(StandardRepo<Map<String, Object>, Object> orders) {
    ParsedAggregate byRegion = PARSER.parse("groupBy=customer.region&measure.total=sum(amount)"
        + "&measure.n=count()&sort=-total&limit=2");
    OffsetPage<Map<String, Object>> first = byRegion.offsetPage(orders, CountStrategy.EXACT);
    List<Object> walked = new ArrayList<>();
    String after = null;
    do {
      ParsedAggregate page = PARSER.parse("groupBy=customer.vip&measure.n=count()&having.customer.vip[ne]=false"
          + "&sort=customer.vip&limit=1" + (after == null ? "" : "&after=" + after));
      KeysetPage<Map<String, Object>> p = page.keysetPage(orders);
      p.items().forEach(r -> walked.add(new ArrayList<>(r.values())));
      after = p.nextCursor();
    } while (after != null);
    return List.of(first.items(), first.total(), walked);
  }

  @Test
  void dottedPaths_sameGroupsOnBothKits() {
    try (SqliteKit sqlite = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("shop.db")).build();
        MemoryKit memory = MemoryKit.create()) {
      sqlite.createTable(CUSTOMERS);
      sqlite.createTable(ORDERS);
      seed(sqlite.documents(CUSTOMERS), sqlite.documents(ORDERS));
      seed(memory.documents(CUSTOMERS), memory.documents(ORDERS));
      List<Object> a = run(sqlite.documents(ORDERS));
      List<Object> b = run(memory.documents(ORDERS));
      assertEquals(a, b, "both kits");
      // north: c1 (0,4,8,12,16) + c3 (2,6,10,14,18) = 90 over 10 orders; south: c2 = 45 over 5; c9 misses: 55.
      Map<String, Object> north = new LinkedHashMap<>();
      north.put("customer.region", "north");
      north.put("total", 90L);
      north.put("n", 10L);
      Map<String, Object> miss = new LinkedHashMap<>();
      miss.put("customer.region", null);
      miss.put("total", 55L);
      miss.put("n", 5L);
      assertEquals(List.of(north, miss), a.get(0));
      assertEquals(3L, a.get(1));
      assertEquals(List.of(List.of(true, 5L)), a.get(2),
          "vip groups: c2 and c3 (not vip) are removed by having, and so is the miss (NULL != false is unknown)");
    }
  }
}
