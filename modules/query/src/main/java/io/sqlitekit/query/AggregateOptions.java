package io.sqlitekit.query;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an {@link AggregateQueryParser} accepts beyond the filter parameters of its {@link QueryOptions}: the
 * fields a client may group by, measure and bucket, and how many measures and group keys one query may ask
 * for. Nothing is groupable, measurable or bucketable until allowed.
 *
 * <pre>{@code
 * AggregateOptions agg = AggregateOptions.defaults()
 *     .withGroupFields("region", "status")
 *     .withMeasureFields("amount", "latencyMs")
 *     .withBucketFields("createdAt");
 * }</pre>
 *
 * <p>A field may be a dotted path {@code lookup.field} into a joined table when the parser was given that
 * one-to-one lookup ({@link AggregateQueryParser#of(QueryOptions, AggregateOptions, LookupParams)}); the query
 * then attaches the lookup itself.
 *
 * <p>Immutable and thread-safe.
 *
 * @param groupFields the fields {@code groupBy} may name
 * @param measureFields the fields a measure may aggregate ({@code count()} needs none)
 * @param bucketFields the timestamp fields a date bucket may read
 * @param maxMeasures the largest number of measures
 * @param maxGroupKeys the largest number of group keys (group fields plus date buckets)
 * @param maxEvery the largest {@code N} of a custom bin {@code every N unit}
 * @since 0.3.0
 */
public record AggregateOptions(Set<String> groupFields, Set<String> measureFields, Set<String> bucketFields,
    int maxMeasures, int maxGroupKeys, int maxEvery) {
  /** A field, or a dotted path into one of the parser's lookups ({@code lookup.field}). */
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

  /**
   * Validates and copies the options.
   *
   * @throws NullPointerException if a set or element is null
   * @throws IllegalArgumentException if a limit is below 1 or a field name is not identifier-shaped (or two
   *     identifiers joined by a dot)
   */
  public AggregateOptions {
    groupFields = names(groupFields, "groupFields");
    measureFields = names(measureFields, "measureFields");
    bucketFields = names(bucketFields, "bucketFields");
    for (int n : new int[] {maxMeasures, maxGroupKeys, maxEvery}) {
      if (n < 1) {
        throw new IllegalArgumentException("aggregate option limits must be at least 1, was " + n);
      }
    }
  }

  /**
   * Nothing allowed yet; at most 10 measures, 5 group keys and bins of at most 1000 units.
   *
   * @return the options
   */
  public static AggregateOptions defaults() {
    return new AggregateOptions(Set.of(), Set.of(), Set.of(), 10, 5, 1000);
  }

  /**
   * Returns a copy that also allows grouping by these fields.
   *
   * @param fields the fields
   * @return the new options
   */
  public AggregateOptions withGroupFields(String... fields) {
    return new AggregateOptions(plus(groupFields, fields), measureFields, bucketFields, maxMeasures, maxGroupKeys,
        maxEvery);
  }

  /**
   * Returns a copy that also allows measures over these fields.
   *
   * @param fields the fields
   * @return the new options
   */
  public AggregateOptions withMeasureFields(String... fields) {
    return new AggregateOptions(groupFields, plus(measureFields, fields), bucketFields, maxMeasures, maxGroupKeys,
        maxEvery);
  }

  /**
   * Returns a copy that also allows date buckets over these timestamp fields.
   *
   * @param fields the fields
   * @return the new options
   */
  public AggregateOptions withBucketFields(String... fields) {
    return new AggregateOptions(groupFields, measureFields, plus(bucketFields, fields), maxMeasures, maxGroupKeys,
        maxEvery);
  }

  /**
   * Returns a copy with another measure limit.
   *
   * @param max the largest number of measures
   * @return the new options
   */
  public AggregateOptions withMaxMeasures(int max) {
    return new AggregateOptions(groupFields, measureFields, bucketFields, max, maxGroupKeys, maxEvery);
  }

  private static Set<String> plus(Set<String> base, String... more) {
    Set<String> out = new LinkedHashSet<>(base);
    out.addAll(List.of(more));
    return out;
  }

  private static Set<String> names(Set<String> in, String what) {
    Objects.requireNonNull(in, what);
    Set<String> out = new LinkedHashSet<>();
    for (String n : in) {
      Objects.requireNonNull(n, what + " element");
      if (!IDENTIFIER.matcher(n).matches()) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: \"%s\" is not a field name", what, n));
      }
      out.add(n);
    }
    return Collections.unmodifiableSet(out);
  }
}
