package io.sqlitekit.query.internal;

import io.sqlitekit.query.AggregateOptions;
import io.sqlitekit.query.FieldType;
import io.sqlitekit.spi.DateBucket;
import io.sqlitekit.spi.Lookup;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.table.Column;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Internal, not API, may change. The dotted paths ({@code lookup.field}) an aggregate query may name: only
 * fields the server allow-listed in {@link AggregateOptions} whose lookup the server offered, one-to-one. A
 * query names paths only; the lookups they need are attached by the server's definitions.
 */
final class AggregatePaths {
  private final Map<String, Lookup> lookups;

  /**
   * Checks the server's configuration: every dotted allowed field names an offered one-to-one lookup and a
   * field of its table that the lookup selects.
   *
   * @throws IllegalArgumentException naming the first dotted field that does not
   */
  AggregatePaths(AggregateOptions options, Map<String, Lookup> lookups) {
    this.lookups = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(lookups));
    Set<String> all = new LinkedHashSet<>(options.groupFields());
    all.addAll(options.measureFields());
    all.addAll(options.bucketFields());
    for (String f : all) {
      int dot = f.indexOf('.');
      if (dot < 0) {
        continue;
      }
      Lookup l = lookups.get(f.substring(0, dot));
      String field = f.substring(dot + 1);
      if (l == null || l.many() || foreign(l, field) == null) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "allowed aggregate field \"%s\" needs an allowed one-to-one lookup \"%s\" whose table has (and "
                + "selects) field \"%s\"; allowed lookups: %s", f, f.substring(0, dot), field, lookups.keySet()));
      }
    }
  }

  private static Column foreign(Lookup l, String field) {
    Column c = l.from().column(field).orElse(null);
    return c == null || !l.select().isAll() && l.select().fields().contains(field) != l.select().include() ? null
        : c;
  }

  /**
   * Returns the lookups the query's paths use, in the server's order.
   *
   * @param groupBy the group fields
   * @param measures the measures
   * @param buckets the date buckets
   * @return the lookups, possibly none
   */
  List<Lookup> used(List<String> groupBy, Collection<Measure> measures, Collection<DateBucket> buckets) {
    Set<String> names = new LinkedHashSet<>();
    groupBy.forEach(f -> names.add(prefix(f)));
    measures.forEach(m -> names.add(m.field() == null ? null : prefix(m.field())));
    buckets.forEach(b -> names.add(prefix(b.field())));
    List<Lookup> out = new ArrayList<>();
    lookups.forEach((name, l) -> {
      if (names.contains(name)) {
        out.add(l);
      }
    });
    return out;
  }

  /**
   * Returns the filter type of a dotted group key in {@code having}, from its foreign column; null for a field
   * that is not a path.
   *
   * @param key the group key
   * @return the type, or null
   */
  FieldType type(String key) {
    int dot = key.indexOf('.');
    Lookup l = dot < 0 ? null : lookups.get(key.substring(0, dot));
    Column c = l == null ? null : foreign(l, key.substring(dot + 1));
    if (c == null) {
      return null;
    }
    switch (c.mode()) {
      case BOOLEAN:
        return FieldType.BOOLEAN;
      case TIMESTAMP_ISO:
      case TIMESTAMP_MILLIS:
      case TIMESTAMP_SECONDS:
        return FieldType.DATE;
      default:
        switch (c.storage()) {
          case INTEGER:
            return FieldType.INTEGER;
          case REAL:
            return FieldType.NUMBER;
          default:
            return FieldType.STRING;
        }
    }
  }

  private static String prefix(String field) {
    int dot = field.indexOf('.');
    return dot < 0 ? null : field.substring(0, dot);
  }
}
