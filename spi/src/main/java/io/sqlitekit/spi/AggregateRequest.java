package io.sqlitekit.spi;

import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A grouped aggregation: {@code SELECT groupBy..., measures... WHERE filter GROUP BY groupBy HAVING having
 * ORDER BY sort LIMIT limit OFFSET offset}.
 *
 * <p>Result rows are maps keyed by group field then measure alias, in that order. A scalar aggregation
 * (no groupBy) over no rows returns one row ({@code count} 0, other measures null); a grouped one returns
 * no rows. In {@code having} and {@code sort}, a name that is a measure alias refers to the measure;
 * otherwise it must be a field.
 *
 * @param filter the rows aggregated
 * @param groupBy the group fields, possibly empty
 * @param measures alias to measure, at least one, in output order
 * @param having a filter over groups, or {@link Filters#all()}
 * @param sort the order of result rows
 * @param limit the maximum number of result rows, or 0 for no limit
 * @param offset result rows to skip
 * @since 0.1.0
 */
public record AggregateRequest(Filter filter, List<String> groupBy, Map<String, Measure> measures, Filter having,
    Sort sort, int limit, long offset) {
  /**
   * Validates the request.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if there is no measure, an alias collides with a group field,
   *     or limit/offset is negative
   */
  public AggregateRequest {
    Objects.requireNonNull(filter, "filter");
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
    return new AggregateRequest(filter, groupBy, m, having, sort, limit, offset);
  }

  /**
   * Returns a copy grouped by the fields.
   *
   * @param fields the group fields
   * @return the new request
   */
  public AggregateRequest groupBy(String... fields) {
    return new AggregateRequest(filter, List.of(fields), measures, having, sort, limit, offset);
  }

  /**
   * Returns a copy with a row filter.
   *
   * @param newFilter the filter
   * @return the new request
   */
  public AggregateRequest where(Filter newFilter) {
    return new AggregateRequest(newFilter, groupBy, measures, having, sort, limit, offset);
  }

  /**
   * Returns a copy with a group filter.
   *
   * @param newHaving the filter over groups and measure aliases
   * @return the new request
   */
  public AggregateRequest having(Filter newHaving) {
    return new AggregateRequest(filter, groupBy, measures, newHaving, sort, limit, offset);
  }

  /**
   * Returns a copy with a result order.
   *
   * @param newSort the order over group fields and aliases
   * @return the new request
   */
  public AggregateRequest orderBy(Sort newSort) {
    return new AggregateRequest(filter, groupBy, measures, having, newSort, limit, offset);
  }

  /**
   * Returns a copy with a row limit and offset.
   *
   * @param newLimit the limit, 0 for none
   * @param newOffset the offset
   * @return the new request
   */
  public AggregateRequest page(int newLimit, long newOffset) {
    return new AggregateRequest(filter, groupBy, measures, having, sort, newLimit, newOffset);
  }
}
