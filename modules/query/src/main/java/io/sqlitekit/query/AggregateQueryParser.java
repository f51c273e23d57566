package io.sqlitekit.query;

import io.sqlitekit.query.internal.AggregateGrammar;
import io.sqlitekit.query.internal.QueryStrings;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parses URL parameters into an aggregate query ({@link ParsedAggregate}): the filter parameters of
 * {@link QueryParser} plus group keys, measures, date buckets, having, sort, top-N and the page.
 *
 * <pre>{@code
 * AggregateQueryParser parser = AggregateQueryParser.of(
 *     QueryOptions.defaults().withFilterField("status", FieldType.STRING),
 *     AggregateOptions.defaults().withGroupFields("region").withMeasureFields("amount")
 *         .withBucketFields("createdAt"));
 * ParsedAggregate q = parser.parse("groupBy=region&bucket.day=createdAt,day,Europe/Paris"
 *     + "&measure.total=sum(amount)&measure.paid=sum(amount)&measure.paid.where.status=paid"
 *     + "&having.total[gte]=100&sort=-total&limit=20");
 * OffsetPage<Map<String, Object>> page = q.offsetPage(orders, CountStrategy.EXACT);
 * }</pre>
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code groupBy=a,b}: group fields from {@link AggregateOptions#groupFields()}; with
 *       {@link #of(QueryOptions, AggregateOptions, LookupParams) lookups}, also allowed dotted paths
 *       {@code lookup.field} (as are measure and bucket fields; {@code having} and {@code sort} then name the
 *       dotted group key).</li>
 *   <li>{@code measure.<alias>=op(field)}: ops {@code count countDistinct sum avg min max stddev stddevPop},
 *       {@code count()} for rows, {@code percentile(field,p)} with p in [0, 1]; fields from
 *       {@link AggregateOptions#measureFields()}. At least one measure.</li>
 *   <li>{@code measure.<alias>.where.<field>[op]=v}: a filter on the rows that measure sees, with the filter
 *       grammar and allow-list; repeated predicates are AND-ed.</li>
 *   <li>{@code bucket.<alias>=field,interval[,timeZone]}: interval {@code minute hour day week month quarter
 *       year} or {@code every N minute|hour|day|week|month}; an IANA time zone id; fields from
 *       {@link AggregateOptions#bucketFields()}.</li>
 *   <li>{@code having.<key>[op]=v}: a predicate on a group key, bucket alias or measure alias (measures
 *       compare as numbers).</li>
 *   <li>{@code sort=-total,region}: over group keys, bucket aliases and measure aliases.</li>
 *   <li>{@code topN=N&topN.sort=-total[&topN.partitionBy=region][&topN.ties=rank|dense_rank|row_number]}.</li>
 *   <li>{@code page}, {@code limit}, {@code after} as in {@link QueryParser}; other parameters are filters.
 *       {@code select} and {@code search} are refused.</li>
 * </ul>
 *
 * <p>Every aggregate parameter except {@code having.*} and {@code measure.*.where.*} is given at most once.
 * Anything invalid fails the whole query with a {@link io.sqlitekit.spi.error.QueryParseException} naming
 * the parameter; nothing is dropped.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.3.0
 */
public final class AggregateQueryParser {
  private final AggregateGrammar grammar;

  private AggregateQueryParser(AggregateGrammar grammar) {
    this.grammar = grammar;
  }

  /**
   * Creates a parser.
   *
   * @param filters the filter parameters' options (filterable fields, operators, page sizes, limits)
   * @param options the aggregate allow-lists
   * @return the parser
   */
  public static AggregateQueryParser of(QueryOptions filters, AggregateOptions options) {
    return new AggregateQueryParser(new AggregateGrammar(Objects.requireNonNull(filters, "filters"),
        Objects.requireNonNull(options, "options")));
  }

  /**
   * Creates a parser whose allow-lists may name dotted paths ({@code customer.region}) into the server's
   * one-to-one lookups: a query naming such a path gets that lookup attached to its request, exactly as the
   * server defined it (foreign table, filter, context); a query can never name a lookup or foreign field the
   * server did not allow.
   *
   * <pre>{@code
   * LookupParams lookups = LookupParams.of(Lookup.one("customer", CUSTOMERS, "customerId", "id"));
   * AggregateQueryParser parser = AggregateQueryParser.of(QueryOptions.defaults(),
   *     AggregateOptions.defaults().withGroupFields("customer.region").withMeasureFields("amount"), lookups);
   * parser.parse("groupBy=customer.region&measure.total=sum(amount)&sort=-total");
   * }</pre>
   *
   * @param filters the filter parameters' options
   * @param options the aggregate allow-lists, dotted paths included
   * @param lookups the lookups dotted paths may go through
   * @return the parser
   * @throws IllegalArgumentException if an allowed dotted field names no allowed one-to-one lookup, or a field
   *     its table lacks or its {@code select} leaves out
   * @since 0.3.0
   */
  public static AggregateQueryParser of(QueryOptions filters, AggregateOptions options, LookupParams lookups) {
    return new AggregateQueryParser(new AggregateGrammar(Objects.requireNonNull(filters, "filters"),
        Objects.requireNonNull(options, "options"), Objects.requireNonNull(lookups, "lookups").allowed()));
  }

  /**
   * Parses already-decoded parameters.
   *
   * @param parameters names to values in arrival order
   * @return the parsed aggregate
   * @throws io.sqlitekit.spi.error.QueryParseException if any parameter is invalid; the exception names it
   */
  public ParsedAggregate parse(Map<String, List<String>> parameters) {
    return grammar.parse(parameters);
  }

  /**
   * Parses a raw query string ({@code application/x-www-form-urlencoded}), as {@link QueryParser#parse(String)}.
   *
   * @param rawQueryString the query string
   * @return the parsed aggregate
   * @throws io.sqlitekit.spi.error.QueryParseException if any parameter is invalid; the exception names it
   */
  public ParsedAggregate parse(String rawQueryString) {
    Objects.requireNonNull(rawQueryString, "rawQueryString");
    return grammar.parse(QueryStrings.decode(rawQueryString));
  }
}
