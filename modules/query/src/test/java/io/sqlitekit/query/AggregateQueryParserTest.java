package io.sqlitekit.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.DateBucket;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.TopN;
import io.sqlitekit.spi.error.ErrorCode;
import io.sqlitekit.spi.error.QueryParseException;
import io.sqlitekit.spi.filter.Filters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AggregateQueryParserTest {
  static final QueryOptions FILTERS = QueryOptions.defaults()
      .withFilterField("status", FieldType.STRING)
      .withFilterField("amount", FieldType.NUMBER)
      .withFilterField("region", FieldType.STRING)
      .withMaxLimit(100);
  static final AggregateOptions AGG = AggregateOptions.defaults()
      .withGroupFields("region", "status")
      .withMeasureFields("amount", "userId")
      .withBucketFields("createdAt")
      .withMaxMeasures(4);
  static final AggregateQueryParser PARSER = AggregateQueryParser.of(FILTERS, AGG);

  @Test
  void everyParameter_becomesTheTypedRequest() {
    ParsedAggregate q = PARSER.parse("status[ne]=void&groupBy=region&bucket.day=createdAt,day,Europe/Paris"
        + "&measure.total=sum(amount)&measure.paid=sum(amount)&measure.paid.where.status=paid"
        + "&measure.paid.where.amount[gt]=0&measure.p90=percentile(amount,0.9)&measure.n=count()"
        + "&having.total[gte]=100&sort=-total,region&topN=3&topN.sort=-total&topN.partitionBy=day"
        + "&topN.ties=dense_rank&page=2&limit=10");
    AggregateRequest expected = new AggregateRequest(Filters.ne("status", "void"), List.of("region"),
        Map.of("total", Measure.sum("amount")), Filters.all(), Sort.unsorted(), 0, 0, Map.of(), null)
        .measure("paid", Measure.sum("amount").where(Filters.and(Filters.eq("status", "paid"),
            Filters.gt("amount", 0L))))
        .measure("p90", Measure.percentile("amount", 0.9))
        .measure("n", Measure.count())
        .bucket("day", DateBucket.of("createdAt", DateBucket.Unit.DAY).inZone("Europe/Paris"))
        .having(Filters.gte("total", 100L))
        .orderBy(Sort.parse("-total,region"))
        .topN(TopN.of(3, Sort.parse("-total"), "day").withTies(TopN.Ties.DENSE_RANK));
    assertEquals(expected, q.request());
    assertEquals(List.of("total", "paid", "p90", "n"), List.copyOf(q.request().measures().keySet()),
        "measures keep the query's order");
    assertEquals(2, q.page());
    assertEquals(10, q.limit());
    assertFalse(q.isKeyset());
  }

  @Test
  void customBins_keysetCursor_andDefaults() {
    ParsedAggregate q = PARSER.parse("bucket.slot=createdAt,every+15+minute&measure.n=count(userId)&sort=slot"
        + "&after=abc_-1");
    assertEquals(Map.of("slot", DateBucket.every("createdAt", 15, DateBucket.Unit.MINUTE)),
        q.request().dateBuckets());
    assertEquals(Measure.count("userId"), q.request().measures().get("n"));
    assertEquals(Optional.of("abc_-1"), q.after());
    assertTrue(q.isKeyset());
    assertEquals(FILTERS.defaultLimit(), q.limit());
    assertEquals(Filters.all(), q.request().filter());
    assertEquals(Filters.all(), q.request().having());
    assertEquals(null, q.request().topN());
  }

  @Test
  void decodedParameters_parseLikeTheQueryString() {
    assertEquals(PARSER.parse("groupBy=status&measure.u=countDistinct(userId)&having.status=paid").request(),
        PARSER.parse(Map.of("groupBy", List.of("status"), "measure.u", List.of("countDistinct(userId)"),
            "having.status", List.of("paid"))).request());
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("groupBy=region", "measure"),
        Arguments.of("measure.n=count()&groupBy=secret", "groupBy"),
        Arguments.of("measure.n=count()&groupBy=region,region", "groupBy"),
        Arguments.of("measure.n=median(amount)", "measure.n"),
        Arguments.of("measure.n=sum(secret)", "measure.n"),
        Arguments.of("measure.n=sum()", "measure.n"),
        Arguments.of("measure.1n=count()", "measure.1n"),
        Arguments.of("measure.p=percentile(amount)", "measure.p"),
        Arguments.of("measure.p=percentile(amount,1.5)", "measure.p"),
        Arguments.of("measure.s=sum(amount,0.5)", "measure.s"),
        Arguments.of("measure.n=count()&measure.n=count()", "measure.n"),
        Arguments.of("measure.a=count()&measure.b=count()&measure.c=count()&measure.d=count()&measure.e=count()",
            "measure.e"),
        Arguments.of("measure.n=count()&measure.m.where.status=paid", "measure.m.where"),
        Arguments.of("measure.n=count()&measure.n.where.secret=1", "measure.n.where.secret"),
        Arguments.of("measure.n=count()&measure.n.where.amount[gt]=abc", "measure.n.where.amount[gt]"),
        Arguments.of("measure.n=count()&bucket.d=createdAt", "bucket.d"),
        Arguments.of("measure.n=count()&bucket.d=secret,day", "bucket.d"),
        Arguments.of("measure.n=count()&bucket.d=createdAt,fortnight", "bucket.d"),
        Arguments.of("measure.n=count()&bucket.d=createdAt,every+0+day", "bucket.d"),
        Arguments.of("measure.n=count()&bucket.d=createdAt,every+2+year", "bucket.d"),
        Arguments.of("measure.n=count()&bucket.d=createdAt,every+5000+day", "bucket.d"),
        Arguments.of("measure.n=count()&bucket.d=createdAt,day,Mars/Olympus", "bucket.d"),
        Arguments.of("measure.n=count()&groupBy=region&bucket.region=createdAt,day", "bucket.region"),
        Arguments.of("measure.region=count()&groupBy=region", "measure.region"),
        Arguments.of("measure.n=count()&having.total[gt]=1", "having.total[gt]"),
        Arguments.of("measure.n=count()&having.n[gt]=many", "having.n[gt]"),
        Arguments.of("measure.n=count()&having.n[regex]=x", "having.n[regex]"),
        Arguments.of("measure.n=count()&sort=-total", "sort"),
        Arguments.of("measure.n=count()&sort=n,n", "sort"),
        Arguments.of("measure.n=count()&topN=0", "topN"),
        Arguments.of("measure.n=count()&topN=3", "topN.sort"),
        Arguments.of("measure.n=count()&topN.sort=-n", "topN.sort"),
        Arguments.of("measure.n=count()&topN=3&topN.sort=-n&topN.partitionBy=status", "topN.partitionBy"),
        Arguments.of("measure.n=count()&topN=3&topN.sort=-n&topN.ties=dense", "topN.ties"),
        Arguments.of("measure.n=count()&topN.limit=3", "topN.limit"),
        Arguments.of("measure.n=count()&select=n", "select"),
        Arguments.of("measure.n=count()&limit=1000", "limit"),
        Arguments.of("measure.n=count()&page=2&after=abc", "after"),
        Arguments.of("measure.n=count()&secret=1", "secret"),
        Arguments.of("measure.n=count()&groupBy=region&groupBy=status", "groupBy"));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void badInput_isAQueryParseException_namingTheParameter(String query, String parameter) {
    QueryParseException e = assertThrows(QueryParseException.class, () -> PARSER.parse(query), query);
    assertEquals(parameter, e.parameter(), query + ": " + e.getMessage());
    assertEquals(ErrorCode.QUERY_PARSE_ERROR, e.code());
  }
}
