package io.sqlitekit.support.page;

import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.filter.Or;
import io.sqlitekit.spi.table.TableDef;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Builds the keyset predicate: the {@link Filter} that selects the rows strictly after a given row in a total
 * sort order.
 *
 * <p>The predicate is made only of ordinary Filter IR nodes ({@code Eq}, {@code Gt}, {@code Lt},
 * {@code Exists}, {@code And}, {@code Or}), so every repository renders or evaluates it with the code it
 * already has, and plugins that rewrite filters see nothing unusual. NULLs sort first in ascending order and
 * last in descending order (SQLite's rule), and the predicate treats them explicitly, so rows whose sort
 * values are NULL are neither skipped nor repeated. For one ascending key {@code a} followed by the primary
 * key {@code id}, after the row {@code (A, P)}:
 *
 * <pre>{@code
 * A not null:  a > A  OR  (a = A AND id > P)
 * A null:      a IS NOT NULL  OR  (a IS NULL AND id > P)
 * }</pre>
 *
 * <p>and for a descending key, where NULLs come last:
 *
 * <pre>{@code
 * A not null:  a < A  OR  a IS NULL  OR  (a = A AND id > P)
 * A null:      a IS NULL AND id > P
 * }</pre>
 *
 * <p>Longer sorts nest the same way: key {@code i} is compared only among rows equal on keys
 * {@code 0..i-1}.
 *
 * <p>Thread-safe: the class is stateless.
 *
 * @since 0.1.0
 */
public final class KeysetFilters {
  private KeysetFilters() {
  }

  /**
   * Returns the filter selecting the rows strictly after {@code lastValues} in {@code totalSort} order.
   *
   * @param totalSort a total order: its last key must be unique (the repository appends the primary key)
   * @param lastValues the sort-key values of the last row already returned, one per key, in order (as
   *     returned by {@link KeysetCursors#decode}); elements may be null
   * @return the predicate, to be AND-ed with the request's own filter
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the sort is empty or the number of values differs from the number
   *     of keys
   */
  public static Filter after(Sort totalSort, List<Object> lastValues) {
    return build(null, totalSort, lastValues);
  }

  /**
   * Returns the same predicate as {@link #after(Sort, List)}, shaped so that SQLite can serve it from an index
   * on the leading sort key: NULL branches are left out for NOT NULL columns, and when the first value is
   * non-NULL the disjunction is led by a range on the first key, for example
   * {@code a >= A AND (a > A OR (a = A AND id > P))}. Without that leading range SQLite evaluates the
   * disjunction row by row and a keyset page costs a scan of the table.
   *
   * @param table the table, for NOT NULL constraints
   * @param totalSort a total order ending with a unique key
   * @param lastValues the sort-key values of the last row already returned
   * @return the predicate
   * @throws io.sqlitekit.spi.error.ValidationException if a sort field is not a column of the table
   * @throws IllegalArgumentException if the sort is empty or the number of values differs from the number of keys
   */
  public static Filter after(TableDef table, Sort totalSort, List<Object> lastValues) {
    Objects.requireNonNull(table, "table");
    Filter predicate = build(table, totalSort, lastValues);
    SortField first = totalSort.fields().get(0);
    Object value = lastValues.get(0);
    if (value == null || !(predicate instanceof Or)) {
      return predicate;
    }
    if (!first.descending()) {
      return Filters.and(Filters.gte(first.field(), value), predicate);
    }
    if (table.require(first.field()).isNotNull()) {
      return Filters.and(Filters.lte(first.field(), value), predicate);
    }
    return predicate;
  }

  private static Filter build(TableDef table, Sort totalSort, List<Object> lastValues) {
    Objects.requireNonNull(totalSort, "totalSort");
    Objects.requireNonNull(lastValues, "lastValues");
    List<SortField> keys = totalSort.fields();
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a keyset sort needs at least one key");
    }
    if (keys.size() != lastValues.size()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "sort %s has %d keys but %d values were given", io.sqlitekit.spi.error.Messages.quote(
              totalSort.toString()), keys.size(), lastValues.size()));
    }
    // Built from the last key outwards: after(i) = strictlyAfter(i) OR (equal(i) AND after(i + 1)).
    int last = keys.size() - 1;
    Filter tail = strictlyAfter(keys.get(last), lastValues.get(last), notNull(table, keys.get(last)));
    for (int i = last - 1; i >= 0; i--) {
      SortField key = keys.get(i);
      Object value = lastValues.get(i);
      tail = Filters.or(strictlyAfter(key, value, notNull(table, key)),
          Filters.and(equalTo(key.field(), value), tail));
    }
    return tail;
  }

  private static boolean notNull(TableDef table, SortField key) {
    return table != null && table.require(key.field()).isNotNull();
  }

  private static Filter equalTo(String field, Object value) {
    return value == null ? Filters.isNull(field) : Filters.eq(field, value);
  }

  private static Filter strictlyAfter(SortField key, Object value, boolean notNull) {
    String field = key.field();
    if (!key.descending()) {
      // Ascending, NULLs first: after a value come larger values; after NULL come all non-NULL values.
      return value == null ? Filters.isNotNull(field) : Filters.gt(field, value);
    }
    // Descending, NULLs last: after a value come smaller values and the NULLs; nothing sorts after NULL.
    if (value == null) {
      return Filters.none();
    }
    return notNull ? Filters.lt(field, value) : Filters.or(Filters.lt(field, value), Filters.isNull(field));
  }
}
