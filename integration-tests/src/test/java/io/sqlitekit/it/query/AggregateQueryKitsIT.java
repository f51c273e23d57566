package io.sqlitekit.it.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.memory.MemoryKit;
import io.sqlitekit.query.AggregateOptions;
import io.sqlitekit.query.AggregateQueryParser;
import io.sqlitekit.query.FieldType;
import io.sqlitekit.query.ParsedAggregate;
import io.sqlitekit.query.QueryOptions;
import io.sqlitekit.spi.CountStrategy;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * URL aggregate parameters end to end: parsed once into an {@code AggregateRequest}, run on the SQLite kit
 * (a WAL file) and on the in-memory kit over the same rows, with the same groups, pages and cursors on both,
 * and the values checked against sums computed here.
 */
final class AggregateQueryKitsIT {
  private static final TableDef ORDERS = TableDef.of("orders",
      Column.integer("id").primaryKey(),
      Column.text("region").notNull(),
      Column.text("status").notNull(),
      Column.real("amount"),
      Column.timestamp("createdAt").notNull());

  private static final AggregateQueryParser PARSER = AggregateQueryParser.of(
      QueryOptions.defaults().withFilterField("status", FieldType.STRING).withFilterField("amount", FieldType.NUMBER),
      AggregateOptions.defaults().withGroupFields("region", "status").withMeasureFields("amount")
          .withBucketFields("createdAt"));

  @TempDir
  Path dir;

  /** 60 orders over 3 regions, 2 statuses and 3 Paris days (hours chosen to cross UTC midnight). */
  private static List<Map<String, Object>> rows() {
    String[] regions = {"north", "south", "west"};
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", (long) i + 1);
      r.put("region", regions[i % 3]);
      r.put("status", i % 4 == 0 ? "void" : "paid");
      r.put("amount", (double) (i * 7 % 50));
      r.put("createdAt", Instant.parse("2026-03-10T20:00:00Z").plusSeconds(3600L * 3 * (i % 24)));
      out.add(r);
    }
    return out;
  }

  private static double expectedPaidTotal(String region) {
    double sum = 0;
    for (Map<String, Object> r : rows()) {
      if (r.get("region").equals(region) && r.get("status").equals("paid")) {
        sum += (Double) r.get("amount");
      }
    }
    return sum;
  }

  @Test
  void parsedAggregate_sameResultsOnBothKits() {
    try (SqliteKit sqlite = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("agg.db")).build();
        MemoryKit memory = MemoryKit.create()) {
      sqlite.createTable(ORDERS);
      StandardRepo<Map<String, Object>, Object> a = sqlite.documents(ORDERS);
      StandardRepo<Map<String, Object>, Object> b = memory.documents(ORDERS);
      for (Map<String, Object> r : rows()) {
        a.create(new LinkedHashMap<>(r));
        b.create(new LinkedHashMap<>(r));
      }

      ParsedAggregate byRegion = PARSER.parse("status[ne]=void&groupBy=region&measure.total=sum(amount)"
          + "&measure.n=count()&measure.big=count()&measure.big.where.amount[gte]=25&sort=region");
      List<Map<String, Object>> rows = a.aggregate(byRegion.request());
      assertEquals(rows, b.aggregate(byRegion.request()));
      assertEquals(3, rows.size());
      for (Map<String, Object> row : rows) {
        assertEquals(expectedPaidTotal((String) row.get("region")), ((Number) row.get("total")).doubleValue(),
            row.toString());
      }

      ParsedAggregate buckets = PARSER.parse("groupBy=region&bucket.day=createdAt,day,Europe/Paris"
          + "&measure.total=sum(amount)&measure.p50=percentile(amount,0.5)&having.total[gt]=0"
          + "&sort=day,region&limit=4");
      OffsetPage<Map<String, Object>> p1 = buckets.offsetPage(a, CountStrategy.EXACT);
      assertEquals(p1, buckets.offsetPage(b, CountStrategy.EXACT));
      assertEquals(4, p1.items().size());
      assertEquals(p1.total(), a.aggregate(buckets.request()).size(), "total counts every group");

      // A keyset walk from the parsed cursor parameters, page by page, identical on both kits.
      String after = null;
      List<Map<String, Object>> walked = new ArrayList<>();
      for (int guard = 0; guard < 20; guard++) {
        ParsedAggregate page = PARSER.parse("groupBy=region&bucket.day=createdAt,day,Europe/Paris"
            + "&measure.total=sum(amount)&sort=day,region&limit=4" + (after == null ? "" : "&after=" + after));
        KeysetPage<Map<String, Object>> ka = page.keysetPage(a);
        assertEquals(ka, page.keysetPage(b));
        walked.addAll(ka.items());
        if (!ka.hasMore()) {
          break;
        }
        after = ka.nextCursor();
      }
      assertEquals(a.aggregate(PARSER.parse("groupBy=region&bucket.day=createdAt,day,Europe/Paris"
          + "&measure.total=sum(amount)&sort=day,region").request()), walked);

      ParsedAggregate top = PARSER.parse("groupBy=region,status&measure.total=sum(amount)&topN=1"
          + "&topN.sort=-total&topN.partitionBy=status&topN.ties=row_number&sort=status");
      List<Map<String, Object>> best = a.aggregate(top.request());
      assertEquals(best, b.aggregate(top.request()));
      assertEquals(2, best.size(), "one region per status");

      // A keyset page needs a sort; both kits refuse the parsed request alike.
      ParsedAggregate keysetWithoutSort = PARSER.parse("groupBy=region&measure.n=count()&after=x");
      assertThrows(ValidationException.class, () -> keysetWithoutSort.keysetPage(a));
      assertThrows(ValidationException.class, () -> keysetWithoutSort.keysetPage(b));
    }
  }
}
