package io.sqlitekit.memory.internal;

import io.sqlitekit.memory.internal.FilterEvaluator.Predicate;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.error.DataAccessException;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.util.ArrayList;
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
import java.util.stream.Collectors;

/** Internal, not API, may change. The memory kit's aggregate query: grouping, measures and HAVING. */
public final class Aggregation {
  private Aggregation() {}

  /**
   * Runs an aggregate over a table's rows in scope, as the SQLite kit's GROUP BY query would: groups in key
   * order, HAVING over the group row, then order, limit and offset; values decoded by their columns.
   *
   * @param store the store (read under its lock)
   * @param table the table
   * @param request the request
   * @param scope the scope filter
   * @param json the JSON codec
   * @return the result rows
   */
  public static List<Map<String, Object>> run(Store store, Store.Table table, AggregateRequest request, Filter scope,
      JsonCodec json) {
    TableDef def = table.def();
    Map<String, Column> derived = new HashMap<>();
    for (String g : request.groupBy()) {
      derived.put(g, def.require(g));
    }
    Map<String, Column> measureColumns = new HashMap<>();
    for (Map.Entry<String, Measure> e : request.measures().entrySet()) {
      Measure m = e.getValue();
      Column fc = m.field() == null ? null : def.require(m.field());
      measureColumns.put(e.getKey(), fc);
      switch (m.op()) {
        case COUNT:
        case COUNT_DISTINCT:
          derived.put(e.getKey(), Column.integer("count"));
          break;
        case SUM:
          derived.put(e.getKey(), Column.real("sum"));
          break;
        case AVG:
          derived.put(e.getKey(), Column.real("avg"));
          break;
        default:
          derived.put(e.getKey(), fc);
          break;
      }
    }
    String label = "aggregate over table " + Messages.quote(def.name());
    Function<String, Column> resolver = field -> {
      Column c = derived.get(field);
      if (c == null) {
        throw new ValidationException(field, String.format(Locale.ROOT,
            "unknown field %s on %s; known fields: %s", Messages.quote(field), label,
            new TreeSet<>(derived.keySet())));
      }
      return c;
    };
    Predicate p = Rows.where(def, scope, json);
    Predicate having = FilterEvaluator.compile(request.having(), resolver, json, label);
    Sort sort = request.sort().isEmpty() && !request.groupBy().isEmpty()
        ? new Sort(request.groupBy().stream().map(SortField::asc).collect(Collectors.toList()))
        : request.sort();
    Comparator<Map<String, Object>> order = Rows.comparator(sort, resolver);
    List<Map<String, Object>> results = store.read(() -> {
      TreeMap<List<Object>, List<Map<String, Object>>> groups = new TreeMap<>(keyOrder());
      if (request.groupBy().isEmpty()) {
        groups.put(List.of(), new ArrayList<>());
      }
      for (Map<String, Object> r : table.rows()) {
        if (!p.test(r)) {
          continue;
        }
        List<Object> k = new ArrayList<>(request.groupBy().size());
        for (String g : request.groupBy()) {
          k.add(r.get(g));
        }
        groups.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
      }
      List<Map<String, Object>> out = new ArrayList<>(groups.size());
      for (Map.Entry<List<Object>, List<Map<String, Object>>> g : groups.entrySet()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < request.groupBy().size(); i++) {
          row.put(request.groupBy().get(i), g.getKey().get(i));
        }
        for (Map.Entry<String, Measure> e : request.measures().entrySet()) {
          row.put(e.getKey(), measure(e.getValue(), g.getValue()));
        }
        if (having.test(row)) {
          out.add(row);
        }
      }
      return out;
    });
    results.sort(order);
    List<Map<String, Object>> page = Rows.slice(results, request.limit(), request.offset());
    List<Map<String, Object>> decoded = new ArrayList<>(page.size());
    for (Map<String, Object> row : page) {
      Map<String, Object> d = new LinkedHashMap<>();
      for (String g : request.groupBy()) {
        d.put(g, def.require(g).fromSql(row.get(g), json));
      }
      for (Map.Entry<String, Measure> e : request.measures().entrySet()) {
        Object v = row.get(e.getKey());
        Measure.Op op = e.getValue().op();
        if ((op == Measure.Op.MIN || op == Measure.Op.MAX) && v != null) {
          v = measureColumns.get(e.getKey()).fromSql(v, json);
        }
        d.put(e.getKey(), v);
      }
      decoded.add(d);
    }
    return decoded;
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
      case MIN:
        return values.isEmpty() ? null : Collections.min(values, SqlValues.ORDER);
      case MAX:
      default:
        return values.isEmpty() ? null : Collections.max(values, SqlValues.ORDER);
    }
  }
}
