package io.sqlitekit.memory.internal;

import io.sqlitekit.memory.internal.FilterEvaluator.Predicate;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Internal, not API, may change. Row helpers every part of the memory kit's execution uses: compiling a
 * filter over a table, ordering, selecting and slicing stored rows, and decoding them.
 */
public final class Rows {
  private Rows() {}

  /**
   * Compiles a filter over a table's fields.
   *
   * @param t the table
   * @param f the filter
   * @param json the JSON codec
   * @return the predicate
   */
  public static Predicate where(TableDef t, Filter f, JsonCodec json) {
    Objects.requireNonNull(f, "filter");
    return FilterEvaluator.compile(f, t::require, json, "table " + Messages.quote(t.name()));
  }

  /**
   * Returns a comparator of stored rows in a sort's order, resolving each field first (so an unknown field is
   * refused before any row is read).
   *
   * @param sort the order
   * @param resolver resolves (and so checks) a field
   * @return the comparator; all rows equal for an empty sort
   */
  public static Comparator<Map<String, Object>> comparator(Sort sort, Function<String, ?> resolver) {
    Comparator<Map<String, Object>> cmp = null;
    for (SortField f : sort.fields()) {
      resolver.apply(f.field());
      String key = f.field();
      Comparator<Map<String, Object>> one = (a, b) -> SqlValues.compare(a.get(key), b.get(key));
      if (f.descending()) {
        one = one.reversed();
      }
      cmp = cmp == null ? one : cmp.thenComparing(one);
    }
    return cmp == null ? (a, b) -> 0 : cmp;
  }


  /**
   * Returns the matching rows of a table in the given order; ties keep primary-key order (the table's natural
   * order).
   *
   * @param table the table
   * @param p the predicate
   * @param order the order
   * @return a new list
   */
  public static List<Map<String, Object>> select(Store.Table table, Predicate p,
      Comparator<Map<String, Object>> order) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> r : table.rows()) {
      if (p.test(r)) {
        out.add(r);
      }
    }
    out.sort(order);
    return out;
  }

  /**
   * Returns the rows an SQL {@code LIMIT}/{@code OFFSET} keeps.
   *
   * @param rows the rows
   * @param limit the limit, 0 for none
   * @param offset the offset
   * @param <E> the element type
   * @return a view of the kept rows
   */
  public static <E> List<E> slice(List<E> rows, int limit, long offset) {
    int from = (int) Math.min(offset, rows.size());
    int to = limit > 0 ? (int) Math.min((long) from + limit, rows.size()) : rows.size();
    return rows.subList(from, to);
  }

  /**
   * Returns a copy of a blob value (the store never shares a mutable array with a caller), or the value.
   *
   * @param v a stored value
   * @return the value, blobs copied
   */
  public static Object copyBlob(Object v) {
    return v instanceof byte[] ? ((byte[]) v).clone() : v;
  }

  /**
   * Decodes the given columns of a stored row into entity field values.
   *
   * @param stored the stored row
   * @param cols the columns
   * @param json the JSON codec
   * @return a new mutable map in column order
   */
  public static Map<String, Object> decode(Map<String, Object> stored, List<Column> cols, JsonCodec json) {
    Map<String, Object> m = new LinkedHashMap<>(cols.size() * 2);
    for (Column c : cols) {
      m.put(c.name(), c.fromSql(copyBlob(stored.get(c.name())), json));
    }
    return m;
  }

  /**
   * Encodes a key the way the table stores it.
   *
   * @param t the table
   * @param id the key
   * @param json the JSON codec
   * @return the stored key
   */
  public static Object encodeId(TableDef t, Object id, JsonCodec json) {
    Objects.requireNonNull(id, "id");
    return t.primaryKey().toSql(id, json);
  }
}
