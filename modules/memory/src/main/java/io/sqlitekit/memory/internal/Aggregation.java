package io.sqlitekit.memory.internal;

import io.sqlitekit.memory.internal.FilterEvaluator.Predicate;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.DateBucket;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.TopN;
import io.sqlitekit.spi.error.DataAccessException;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.support.repo.AggregateJoins;
import io.sqlitekit.support.rules.AggregateRules;
import io.sqlitekit.support.rules.DateBucketLabels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Internal, not API, may change. The memory kit's aggregate query: grouping by fields and date buckets,
 * measures (with their own filters, percentiles and deviations), HAVING, top-N, a keyset position, order and
 * slice, with the SQLite kit's semantics and the shared {@link AggregateRules}.
 */
public final class Aggregation {
  private Aggregation() {}

  /**
   * Runs an aggregate over a table's rows in scope, as the SQLite kit's GROUP BY query would: groups in key
   * order, HAVING over the group row, top-N, the position filter, then order, limit and offset; values decoded
   * by their columns.
   *
   * @param store the store (read under its lock)
   * @param table the table
   * @param request the request
   * @param scope the scope filter
   * @param after a filter over the output keys applied after top-N (a keyset position)
   * @param json the JSON codec
   * @return the result rows
   */
  public static List<Map<String, Object>> run(Store store, Store.Table table, AggregateRequest request, Filter scope,
      Filter after, JsonCodec json) {
    return run(store, table.def(), table::rows, request, scope, after, json);
  }

  /**
   * Runs an aggregate with lookups over the joined rows of a table ({@link JoinedRows}), as {@link #run} does
   * over a table's own rows.
   *
   * @param store the store (read under its lock)
   * @param table the base table
   * @param joins the request's resolved lookups
   * @param request the request
   * @param scope the scope filter
   * @param after a filter over the output keys applied after top-N (a keyset position)
   * @param json the JSON codec
   * @return the result rows; dotted group keys decoded by the foreign columns
   */
  public static List<Map<String, Object>> run(Store store, Store.Table table, AggregateJoins joins,
      AggregateRequest request, Filter scope, Filter after, JsonCodec json) {
    return run(store, joins.table(), JoinedRows.of(store, table, joins, json), request, scope, after, json);
  }

  /**
   * Counts the rows an aggregate with lookups returns, ignoring its order, limit and offset.
   *
   * @param store the store
   * @param table the base table
   * @param joins the request's resolved lookups
   * @param request the request
   * @param scope the scope filter
   * @param json the JSON codec
   * @return the number of rows
   */
  public static long count(Store store, Store.Table table, AggregateJoins joins, AggregateRequest request,
      Filter scope, JsonCodec json) {
    return rows(store, joins.table(), JoinedRows.of(store, table, joins, json), request, scope, Filters.all(),
        json).size();
  }

  private static List<Map<String, Object>> run(Store store, TableDef def,
      Supplier<Collection<Map<String, Object>>> source, AggregateRequest request, Filter scope, Filter after,
      JsonCodec json) {
    List<Map<String, Object>> results = rows(store, def, source, request, scope, after, json);
    results.sort(Rows.comparator(AggregateRules.order(request), resolver(def, request)));
    List<Map<String, Object>> page = Rows.slice(results, request.limit(), request.offset());
    List<Map<String, Object>> decoded = new ArrayList<>(page.size());
    for (Map<String, Object> row : page) {
      Map<String, Object> d = new LinkedHashMap<>();
      for (String g : request.groupBy()) {
        d.put(g, def.require(g).fromSql(row.get(g), json));
      }
      for (String b : request.dateBuckets().keySet()) {
        d.put(b, row.get(b));
      }
      for (Map.Entry<String, Measure> e : request.measures().entrySet()) {
        Object v = row.get(e.getKey());
        Measure.Op op = e.getValue().op();
        if ((op == Measure.Op.MIN || op == Measure.Op.MAX) && v != null) {
          v = def.require(e.getValue().field()).fromSql(v, json);
        }
        d.put(e.getKey(), v);
      }
      decoded.add(d);
    }
    return decoded;
  }

  /**
   * Counts the rows an aggregate returns, ignoring its order, limit and offset.
   *
   * @param store the store
   * @param table the table
   * @param request the request
   * @param scope the scope filter
   * @param json the JSON codec
   * @return the number of rows
   */
  public static long count(Store store, Store.Table table, AggregateRequest request, Filter scope, JsonCodec json) {
    return rows(store, table.def(), table::rows, request, scope, Filters.all(), json).size();
  }

  private static Function<String, Column> resolver(TableDef def, AggregateRequest request) {
    Map<String, Column> derived = AggregateRules.outputColumns(def, request);
    String label = "aggregate over table " + Messages.quote(def.name());
    return field -> {
      Column c = derived.get(field);
      if (c == null) {
        throw new ValidationException(field, String.format(Locale.ROOT,
            "unknown field %s on %s; known fields: %s", Messages.quote(field), label,
            new TreeSet<>(derived.keySet())));
      }
      return c;
    };
  }

  /** The unsorted output rows in stored form, after HAVING, top-N and the position filter. */
  private static List<Map<String, Object>> rows(Store store, TableDef def,
      Supplier<Collection<Map<String, Object>>> source, AggregateRequest request, Filter scope, Filter after,
      JsonCodec json) {
    AggregateRules.validate(def, request, true);
    Function<String, Column> resolver = resolver(def, request);
    String label = "aggregate over table " + Messages.quote(def.name());
    Predicate p = Rows.where(def, scope, json);
    Predicate having = FilterEvaluator.compile(request.having(), resolver, json, label);
    Predicate position = FilterEvaluator.compile(after, resolver, json, label);
    Map<String, Predicate> measureFilters = new HashMap<>();
    for (Map.Entry<String, Measure> e : request.measures().entrySet()) {
      if (e.getValue().filtered()) {
        measureFilters.put(e.getKey(), Rows.where(def, e.getValue().where(), json));
      }
    }
    List<Map.Entry<String, DateBucket>> buckets = new ArrayList<>(request.dateBuckets().entrySet());
    boolean[] seconds = new boolean[buckets.size()];
    for (int i = 0; i < seconds.length; i++) {
      seconds[i] = AggregateRules.epochSeconds(def.require(buckets.get(i).getValue().field()));
    }
    Comparator<Map<String, Object>> topOrder = request.topN() == null ? null
        : Rows.comparator(request.topN().sortBy(), resolver);
    List<String> keys = request.groupKeys();
    List<Map<String, Object>> out = store.read(() -> {
      TreeMap<List<Object>, List<Map<String, Object>>> groups = new TreeMap<>(keyOrder());
      if (keys.isEmpty()) {
        groups.put(List.of(), new ArrayList<>());
      }
      for (Map<String, Object> r : source.get()) {
        if (!p.test(r)) {
          continue;
        }
        List<Object> k = new ArrayList<>(keys.size());
        for (String g : request.groupBy()) {
          k.add(r.get(g));
        }
        for (int i = 0; i < seconds.length; i++) {
          DateBucket b = buckets.get(i).getValue();
          k.add(DateBucketLabels.label(b, r.get(b.field()), seconds[i]));
        }
        groups.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
      }
      List<Map<String, Object>> grouped = new ArrayList<>(groups.size());
      for (Map.Entry<List<Object>, List<Map<String, Object>>> g : groups.entrySet()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
          row.put(keys.get(i), g.getKey().get(i));
        }
        for (Map.Entry<String, Measure> e : request.measures().entrySet()) {
          Predicate only = measureFilters.get(e.getKey());
          List<Map<String, Object>> feed = g.getValue();
          if (only != null) {
            feed = new ArrayList<>();
            for (Map<String, Object> r : g.getValue()) {
              if (only.test(r)) {
                feed.add(r);
              }
            }
          }
          row.put(e.getKey(), measure(e.getValue(), feed));
        }
        if (having.test(row)) {
          grouped.add(row);
        }
      }
      return grouped;
    });
    if (request.topN() != null) {
      out = top(out, request.topN(), topOrder, keys);
    }
    List<Map<String, Object>> kept = new ArrayList<>(out.size());
    for (Map<String, Object> row : out) {
      if (position.test(row)) {
        kept.add(row);
      }
    }
    return kept;
  }

  /** Keeps the first rows of each partition, ranked as SQL's rank(), dense_rank() or row_number() would. */
  private static List<Map<String, Object>> top(List<Map<String, Object>> rows, TopN top,
      Comparator<Map<String, Object>> order, List<String> keys) {
    Map<List<Object>, List<Map<String, Object>>> partitions = new LinkedHashMap<>();
    for (Map<String, Object> row : rows) {
      List<Object> k = new ArrayList<>();
      for (String f : top.partitionBy()) {
        k.add(row.get(f));
      }
      partitions.computeIfAbsent(k, x -> new ArrayList<>()).add(row);
    }
    // Rows arrive in group-key order, so a stable sort breaks row_number ties by the group keys ascending.
    List<Map<String, Object>> kept = new ArrayList<>();
    for (List<Map<String, Object>> part : partitions.values()) {
      part.sort(order);
      long rank = 0;
      long dense = 0;
      for (int i = 0; i < part.size(); i++) {
        boolean tie = i > 0 && order.compare(part.get(i - 1), part.get(i)) == 0;
        if (!tie) {
          rank = i + 1;
          dense++;
        }
        long r = top.ties() == TopN.Ties.ROW_NUMBER ? i + 1 : top.ties() == TopN.Ties.DENSE_RANK ? dense : rank;
        if (r <= top.limit()) {
          kept.add(part.get(i));
        }
      }
    }
    return kept;
  }

  private static Comparator<List<Object>> keyOrder() {
    return (a, b) -> {
      for (int i = 0; i < a.size(); i++) {
        int c = SqlValues.compare(a.get(i), b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    };
  }

  private static Object measure(Measure m, List<Map<String, Object>> rows) {
    String f = m.field();
    List<Object> values = new ArrayList<>(rows.size());
    for (Map<String, Object> r : rows) {
      Object v = f == null ? 1L : r.get(f);
      if (v != null) {
        values.add(v);
      }
    }
    switch (m.op()) {
      case COUNT:
        return (long) values.size();
      case COUNT_DISTINCT: {
        TreeSet<Object> set = new TreeSet<>(SqlValues.ORDER);
        set.addAll(values);
        return (long) set.size();
      }
      case SUM:
      case AVG: {
        if (values.isEmpty()) {
          return null;
        }
        boolean integral = true;
        long lsum = 0;
        double dsum = 0;
        for (Object v : values) {
          Number n = v instanceof Number ? (Number) v
              : v instanceof String ? SqlValues.parseNumber((String) v) : null;
          if (n == null) {
            n = 0.0d;
          }
          if (integral && SqlValues.isInteger(n)) {
            try {
              lsum = Math.addExact(lsum, n.longValue());
            } catch (ArithmeticException e) {
              if (m.op() == Measure.Op.SUM) {
                throw new DataAccessException("integer overflow in sum(" + f + ")");
              }
              integral = false;
              dsum = (double) lsum + n.doubleValue();
              continue;
            }
          } else {
            if (integral) {
              integral = false;
              dsum = lsum;
            }
            dsum += n.doubleValue();
          }
        }
        if (m.op() == Measure.Op.AVG) {
          return (integral ? (double) lsum : dsum) / values.size();
        }
        return integral ? (Object) lsum : (Object) dsum;
      }
      case PERCENTILE:
        return percentile(values, m.p());
      case STDDEV:
      case STDDEV_POP:
        return deviation(values, m.op() == Measure.Op.STDDEV);
      case MIN:
        return values.isEmpty() ? null : Collections.min(values, SqlValues.ORDER);
      case MAX:
      default:
        return values.isEmpty() ? null : Collections.max(values, SqlValues.ORDER);
    }
  }

  /** Continuous percentile with SQLite's arithmetic: {@code lo + (h - floor(h)) * (hi - lo)}, h = (n-1)p. */
  private static Object percentile(List<Object> values, double p) {
    if (values.isEmpty()) {
      return null;
    }
    List<Object> sorted = new ArrayList<>(values);
    sorted.sort(SqlValues.ORDER);
    int n = sorted.size();
    double h = (n - 1) * p;
    long k = (long) h;
    double frac = h - (double) k;
    Object lo = sorted.get((int) k);
    Object hi = sorted.get((int) Math.min(k + 1, n - 1));
    double diff = lo instanceof Long && hi instanceof Long ? (double) ((Long) hi - (Long) lo)
        : ((Number) hi).doubleValue() - ((Number) lo).doubleValue();
    return ((Number) lo).doubleValue() + frac * diff;
  }

  /** Standard deviation around the mean, summed with compensation as SQLite sums reals; null when undefined. */
  private static Object deviation(List<Object> values, boolean sample) {
    int n = values.size();
    if (n == 0 || (sample && n < 2)) {
      return null;
    }
    double mean = mean(values);
    double sum = 0;
    double comp = 0;
    for (Object v : values) {
      double d = ((Number) v).doubleValue() - mean;
      double sq = d * d;
      double t = sum + sq;
      comp += Math.abs(sum) > Math.abs(sq) ? (sum - t) + sq : (sq - t) + sum;
      sum = t;
    }
    return Math.sqrt((sum + comp) / (sample ? n - 1 : n));
  }

  private static double mean(List<Object> values) {
    boolean integral = values.stream().allMatch(v -> v instanceof Long || v instanceof Integer);
    if (integral) {
      long s = 0;
      try {
        for (Object v : values) {
          s = Math.addExact(s, ((Number) v).longValue());
        }
        return (double) s / values.size();
      } catch (ArithmeticException e) {
        // falls through to the floating sum, as SQLite's avg() does on overflow
      }
    }
    double sum = 0;
    double comp = 0;
    for (Object v : values) {
      double x = ((Number) v).doubleValue();
      double t = sum + x;
      comp += Math.abs(sum) > Math.abs(x) ? (sum - t) + x : (x - t) + sum;
      sum = t;
    }
    return (sum + comp) / values.size();
  }
}
