package io.sqlitekit.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.DateBucket;
import io.sqlitekit.spi.Lookup;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.error.QueryParseException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dotted paths into the server's lookups in aggregate queries: allowed ones attach their lookup, others fail. */
class AggregateLookupParamsTest {
  static final TableDef CUSTOMERS = TableDef.of("customers", Column.text("id").primaryKey(),
      Column.text("region"), Column.bool("vip"), Column.integer("score"), Column.timestamp("since"),
      Column.text("secret"));
  static final Lookup CUSTOMER = Lookup.one("customer", CUSTOMERS, "customerId", "id")
      .select("id", "region", "vip", "score", "since");
  static final Lookup REFERRER = Lookup.one("referrer", CUSTOMERS, "referrerId", "id");
  static final LookupParams LOOKUPS = LookupParams.of(CUSTOMER, REFERRER,
      Lookup.many("orders", CUSTOMERS, "id", "customerId"));
  static final AggregateOptions AGG = AggregateOptions.defaults()
      .withGroupFields("status", "customer.region", "customer.vip", "referrer.region")
      .withMeasureFields("amount", "customer.score")
      .withBucketFields("customer.since");
  static final AggregateQueryParser PARSER = AggregateQueryParser.of(QueryOptions.defaults(), AGG, LOOKUPS);

  @Test
  void allowedPaths_attachTheirLookupOnce_inTheServersOrder() {
    AggregateRequest r = PARSER.parse("groupBy=customer.region,referrer.region&measure.s=sum(customer.score)"
        + "&bucket.month=customer.since,month&sort=-s,customer.region").request();
    assertEquals(List.of(CUSTOMER, REFERRER), r.lookups());
    assertEquals(List.of("customer.region", "referrer.region"), r.groupBy());
    assertEquals(Measure.sum("customer.score"), r.measures().get("s"));
    assertEquals(DateBucket.of("customer.since", DateBucket.Unit.MONTH), r.dateBuckets().get("month"));
    assertEquals(Sort.parse("-s,customer.region"), r.sort());
  }

  @Test
  void noPath_noLookup() {
    AggregateRequest r = PARSER.parse("groupBy=status&measure.n=count()").request();
    assertEquals(List.of(), r.lookups());
  }

  @Test
  void havingOnADottedKey_isTypedByTheForeignColumn() {
    AggregateRequest r = PARSER.parse("groupBy=customer.vip&measure.n=count()&having.customer.vip=true")
        .request();
    assertEquals(Filters.eq("customer.vip", true), r.having());
    assertEquals(List.of(CUSTOMER), r.lookups());
  }

  @Test
  void pathsNotAllowed_failNamingTheParameter() {
    assertEquals("groupBy", assertThrows(QueryParseException.class,
        () -> PARSER.parse("groupBy=customer.secret&measure.n=count()")).parameter());
    assertEquals("groupBy", assertThrows(QueryParseException.class,
        () -> PARSER.parse("groupBy=orders.region&measure.n=count()")).parameter());
    assertEquals("measure.s", assertThrows(QueryParseException.class,
        () -> PARSER.parse("measure.s=sum(referrer.score)")).parameter());
    assertEquals("bucket.d", assertThrows(QueryParseException.class,
        () -> PARSER.parse("bucket.d=referrer.since,day&measure.n=count()")).parameter());
    assertEquals("sort", assertThrows(QueryParseException.class,
        () -> PARSER.parse("groupBy=status&measure.n=count()&sort=customer.region")).parameter(),
        "sort names output keys: a path that is not a group key is refused");
    assertEquals("having.customer.region", assertThrows(QueryParseException.class,
        () -> PARSER.parse("groupBy=status&measure.n=count()&having.customer.region=x")).parameter());
  }

  @Test
  void serverConfiguration_ofPaths_isChecked() {
    IllegalArgumentException noLookup = assertThrows(IllegalArgumentException.class,
        () -> AggregateQueryParser.of(QueryOptions.defaults(), AggregateOptions.defaults()
            .withGroupFields("customer.region")));
    assertTrue(noLookup.getMessage().contains("customer.region"), noLookup.getMessage());
    assertThrows(IllegalArgumentException.class, () -> AggregateQueryParser.of(QueryOptions.defaults(),
        AggregateOptions.defaults().withGroupFields("orders.region"), LOOKUPS), "one-to-many");
    assertThrows(IllegalArgumentException.class, () -> AggregateQueryParser.of(QueryOptions.defaults(),
        AggregateOptions.defaults().withMeasureFields("customer.nope"), LOOKUPS), "no such foreign field");
    assertThrows(IllegalArgumentException.class, () -> AggregateQueryParser.of(QueryOptions.defaults(),
        AggregateOptions.defaults().withBucketFields("customer.secret"), LOOKUPS), "not selected");
    assertThrows(IllegalArgumentException.class, () -> AggregateOptions.defaults().withGroupFields("a.b.c"));
  }
}
