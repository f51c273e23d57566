package io.sqlitekit.spi;

import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A grouped aggregation: {@code SELECT groupBy..., buckets..., measures... WHERE filter GROUP BY groupBy,
 * buckets HAVING having}, then top-N, {@code ORDER BY sort LIMIT limit OFFSET offset}.
 *
 * <p>Result rows are maps keyed by group field, then date-bucket alias, then measure alias, in that order. A
 * scalar aggregation (no group field, no bucket) over no rows returns one row ({@code count} 0, other measures
 * null); a grouped one returns no rows. In {@code having} and {@code sort}, a name that is a measure or bucket
 * alias refers to it; otherwise it must be a group field (a request using a date bucket, a measure filter, a
 * percentile, a standard deviation or top-N accepts only group fields and aliases there). Without a sort, rows
 * come in group-key order.
 *
 * <p>Every name is checked: an unknown field, a bucket alias that collides with a group field or a measure alias,
 * or a top-N key that is not a group key or alias is a {@link ValidationException} naming it.
 *
 * <p>With {@link #lookup lookups}, a field may also be a dotted path {@code as.field} into a joined table; an
 * unknown lookup name or foreign field is a {@link ValidationException} naming the path.
 *
 * @param filter the rows aggregated
 * @param groupBy the group fields, possibly empty
 * @param measures alias to measure, at least one, in output order
 * @param having a filter over groups, or {@link Filters#all()}
 * @param sort the order of result rows
 * @param limit the maximum number of result rows, or 0 for no limit
 * @param offset result rows to skip
 * @param dateBuckets alias to date bucket, group keys after {@code groupBy}, in output order; possibly empty
 * @param topN the per-partition row limit applied after {@code having}, or null for none
 * @param lookups one-to-one joins whose foreign fields the request may name as {@code as.field} (see
 *     {@link #lookup}); possibly empty
 * @since 0.1.0
 */
public record AggregateRequest(Filter filter, List<String> groupBy, Map<String, Measure> measures, Filter having,
    Sort sort, int limit, long offset, Map<String, DateBucket> dateBuckets, TopN topN, List<Lookup> lookups) {
  /**
   * Validates the request.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if there is no measure, a measure alias collides with a group field,
   *     or limit/offset is negative
   * @throws ValidationException if a bucket alias collides with a group field or measure alias, or a top-N
   *     key is not a group key (partition) or output key (sort)
   */
  public AggregateRequest {
    Objects.requireNonNull(filter, "filter");
    lookups = List.copyOf(Objects.requireNonNull(lookups, "lookups"));
    groupBy = List.copyOf(Objects.requireNonNull(groupBy, "groupBy"));
    Objects.requireNonNull(measures, "measures");
    if (measures.isEmpty()) {
      throw new IllegalArgumentException("an aggregate request needs at least one measure");
    }
    Map<String, Measure> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Measure> e : measures.entrySet()) {
      if (groupBy.contains(e.getKey())) {
        throw new IllegalArgumentException("measure alias \"" + e.getKey() + "\" collides with a group field");
      }
      copy.put(Objects.requireNonNull(e.getKey(), "alias"), Objects.requireNonNull(e.getValue(), "measure"));
    }
    measures = Collections.unmodifiableMap(copy);
    Objects.requireNonNull(having, "having");
    Objects.requireNonNull(sort, "sort");
    if (limit < 0 || offset < 0) {
      throw new IllegalArgumentException("limit and offset must be >= 0");
    }
    Map<String, DateBucket> buckets = new LinkedHashMap<>();
    for (Map.Entry<String, DateBucket> e : Objects.requireNonNull(dateBuckets, "dateBuckets").entrySet()) {
      String alias = Objects.requireNonNull(e.getKey(), "bucket alias");
      if (groupBy.contains(alias) || measures.containsKey(alias)) {
        throw new ValidationException(alias, String.format(Locale.ROOT,
            "date bucket alias \"%s\" collides with a %s of the same name", alias,
            groupBy.contains(alias) ? "group field" : "measure alias"));
      }
      buckets.put(alias, Objects.requireNonNull(e.getValue(), "bucket"));
    }
    dateBuckets = Collections.unmodifiableMap(buckets);
    if (topN != null) {
      for (String k : topN.partitionBy()) {
        if (!groupBy.contains(k) && !dateBuckets.containsKey(k)) {
          throw new ValidationException("topN.partitionBy", String.format(Locale.ROOT,
              "topN.partitionBy \"%s\" is not a group field or date bucket alias of the request", k));
        }
      }
      for (SortField f : topN.sortBy().fields()) {
        if (!groupBy.contains(f.field()) && !dateBuckets.containsKey(f.field())
            && !measures.containsKey(f.field())) {
          throw new ValidationException("topN.sortBy", String.format(Locale.ROOT,
              "topN.sortBy \"%s\" is not a group field, date bucket alias or measure alias of the request",
              f.field()));
        }
      }
    }
  }

  /**
   * A request without date buckets or top-N.
   *
   * @param filter the rows aggregated
   * @param groupBy the group fields
   * @param measures alias to measure
   * @param having the group filter
   * @param sort the result order
   * @param limit the row limit, 0 for none
   * @param offset rows to skip
   */
  public AggregateRequest(Filter filter, List<String> groupBy, Map<String, Measure> measures, Filter having,
      Sort sort, int limit, long offset) {
    this(filter, groupBy, measures, having, sort, limit, offset, Map.of(), null, List.of());
  }

  /**
   * A request without lookups.
   *
   * @param filter the rows aggregated
   * @param groupBy the group fields
   * @param measures alias to measure
   * @param having the group filter
   * @param sort the result order
   * @param limit the row limit, 0 for none
   * @param offset rows to skip
   * @param dateBuckets alias to date bucket
   * @param topN the top-N, or null
   * @throws ValidationException as the canonical constructor
   * @since 0.3.0
   */
  public AggregateRequest(Filter filter, List<String> groupBy, Map<String, Measure> measures, Filter having,
      Sort sort, int limit, long offset, Map<String, DateBucket> dateBuckets, TopN topN) {
    this(filter, groupBy, measures, having, sort, limit, offset, dateBuckets, topN, List.of());
  }

  /**
   * Returns the group keys: the group fields, then the date-bucket aliases.
   *
   * @return the keys, in output order
   * @since 0.3.0
   */
  public List<String> groupKeys() {
    List<String> keys = new ArrayList<>(groupBy);
    keys.addAll(dateBuckets.keySet());
    return keys;
  }

  /**
   * Returns whether the request uses a feature beyond grouping by fields with unfiltered count, sum, avg,
   * min and max: a date bucket, a measure filter, a percentile or standard deviation, or top-N.
   *
   * @return true when it does
   * @since 0.3.0
   */
  public boolean extended() {
    return !dateBuckets.isEmpty() || topN != null
        || measures.values().stream().anyMatch(m -> m.filtered() || m.op().numericOnly());
  }

  /**
   * Starts a request with one measure over every row.
   *
   * @param alias the measure's output key
   * @param measure the measure
   * @return the request
   */
  public static AggregateRequest of(String alias, Measure measure) {
    Map<String, Measure> m = new LinkedHashMap<>();
    m.put(alias, measure);
    return new AggregateRequest(Filters.all(), List.of(), m, Filters.all(), Sort.unsorted(), 0, 0);
  }

  /**
   * Returns a copy with another measure appended.
   *
   * @param alias the output key
   * @param measure the measure
   * @return the new request
   */
  public AggregateRequest measure(String alias, Measure measure) {
    Map<String, Measure> m = new LinkedHashMap<>(measures);
    m.put(alias, measure);
    return new AggregateRequest(filter, groupBy, m, having, sort, limit, offset, dateBuckets, topN, lookups);
  }

  /**
   * Returns a copy grouped by the fields.
   *
   * @param fields the group fields
   * @return the new request
   */
  public AggregateRequest groupBy(String... fields) {
    return new AggregateRequest(filter, List.of(fields), measures, having, sort, limit, offset, dateBuckets,
        topN, lookups);
  }

  /**
   * Returns a copy with a row filter.
   *
   * @param newFilter the filter
   * @return the new request
   */
  public AggregateRequest where(Filter newFilter) {
    return new AggregateRequest(newFilter, groupBy, measures, having, sort, limit, offset, dateBuckets, topN, lookups);
  }

  /**
   * Returns a copy with a group filter.
   *
   * @param newHaving the filter over groups and measure aliases
   * @return the new request
   */
  public AggregateRequest having(Filter newHaving) {
    return new AggregateRequest(filter, groupBy, measures, newHaving, sort, limit, offset, dateBuckets, topN, lookups);
  }

  /**
   * Returns a copy with a result order.
   *
   * @param newSort the order over group fields and aliases
   * @return the new request
   */
  public AggregateRequest orderBy(Sort newSort) {
    return new AggregateRequest(filter, groupBy, measures, having, newSort, limit, offset, dateBuckets, topN, lookups);
  }

  /**
   * Returns a copy with a row limit and offset.
   *
   * @param newLimit the limit, 0 for none
   * @param newOffset the offset
   * @return the new request
   */
  public AggregateRequest page(int newLimit, long newOffset) {
    return new AggregateRequest(filter, groupBy, measures, having, sort, newLimit, newOffset, dateBuckets,
        topN, lookups);
  }

  /**
   * Returns a copy with a date bucket appended to the group keys.
   *
   * @param alias the bucket's output key
   * @param bucket the bucket
   * @return the new request
   * @throws ValidationException if the alias collides with a group field or measure alias
   * @since 0.3.0
   */
  public AggregateRequest bucket(String alias, DateBucket bucket) {
    Map<String, DateBucket> b = new LinkedHashMap<>(dateBuckets);
    b.put(alias, bucket);
    return new AggregateRequest(filter, groupBy, measures, having, sort, limit, offset, b, topN, lookups);
  }

  /**
   * Returns a copy keeping only the top rows of each partition.
   *
   * @param newTopN the top-N, or null for none
   * @return the new request
   * @throws ValidationException if a top-N key is not a group key or alias
   * @since 0.3.0
   */
  public AggregateRequest topN(TopN newTopN) {
    return new AggregateRequest(filter, groupBy, measures, having, sort, limit, offset, dateBuckets, newTopN,
        lookups);
  }

  /**
   * Returns a copy with a one-to-one lookup appended: every field of the request (filter, group fields, measure
   * fields and filters, bucket fields, having and sort through the group keys) may then name a field of the
   * joined table as {@code as.field}.
   *
   * <p>Each base row joins at most one foreign row, the first by primary key among those whose
   * {@code foreignField} equals the row's {@code localField}, that match the lookup's {@code where} and that the
   * foreign table's policy plugins let the caller read; on a miss every {@code as.field} is null. So a lookup
   * never changes how many base rows are aggregated. A one-to-many lookup ({@link Lookup#many}) is refused by
   * the kit with a {@link ValidationException}: it would count a base row once per match. Result rows keep a
   * dotted group key as one flat key ({@code "as.field"}), decoded by the foreign column's codec.
   *
   * @param lookup a one-to-one lookup whose name is unique in the request
   * @return the new request
   * @since 0.3.0
   */
  public AggregateRequest lookup(Lookup lookup) {
    List<Lookup> l = new ArrayList<>(lookups);
    l.add(Objects.requireNonNull(lookup, "lookup"));
    return new AggregateRequest(filter, groupBy, measures, having, sort, limit, offset, dateBuckets, topN, l);
  }
}
