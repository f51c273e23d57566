package io.sqlitekit.support.rules;

import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.DateBucket;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.support.page.KeysetCursors;
import io.sqlitekit.support.page.KeysetFilters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.ColumnMode;
import io.sqlitekit.spi.table.StorageClass;
import io.sqlitekit.spi.table.TableDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rules of aggregate requests that do not depend on how a kit stores rows, written once so both kits refuse
 * the same requests with the same messages, order the same way and page the same way: field checks, the codec
 * of each output key, the default and total orders, and the keyset cursor over group rows.
 *
 * @since 0.3.0
 */
public final class AggregateRules {
  /** The largest aggregate page. */
  public static final int MAX_PAGE_LIMIT = 1000;

  private AggregateRules() {
  }

  /**
   * Checks every field a request names against the table: group fields, measure fields (numeric for percentile
   * and standard deviations), bucket fields (text or numbers holding timestamps), and time zones against what
   * the kit supports.
   *
   * @param table the table
   * @param r the request
   * @param zones whether buckets in a time zone other than UTC are supported
   * @throws ValidationException naming the first bad field
   * @throws OperationNotSupportedException for a zoned bucket when {@code zones} is false
   */
  public static void validate(TableDef table, AggregateRequest r, boolean zones) {
    for (String g : r.groupBy()) {
      table.require(g);
    }
    for (Map.Entry<String, DateBucket> e : r.dateBuckets().entrySet()) {
      DateBucket b = e.getValue();
      Column c = table.require(b.field());
      boolean ok = c.storage() != StorageClass.BLOB && (c.mode() == ColumnMode.PLAIN
          || c.mode() == ColumnMode.TIMESTAMP_ISO || c.mode() == ColumnMode.TIMESTAMP_MILLIS
          || c.mode() == ColumnMode.TIMESTAMP_SECONDS);
      if (!ok) {
        throw new ValidationException(b.field(), String.format(Locale.ROOT,
            "date bucket \"%s\" over field \"%s\" of table \"%s\": the field must hold timestamps (text or "
                + "epoch numbers), not %s values", e.getKey(), b.field(), table.name(),
            c.mode() == ColumnMode.PLAIN ? c.storage() : c.mode()));
      }
      if (!b.utc() && !zones) {
        throw new OperationNotSupportedException(String.format(Locale.ROOT,
            "date bucket \"%s\" in time zone %s: this repository's database cannot bucket in a time zone other "
                + "than UTC (no %s function); use UTC or a driver that registers it", e.getKey(),
            b.zone().getId(), DateBucket.SQL_FUNCTION));
      }
    }
    for (Map.Entry<String, Measure> e : r.measures().entrySet()) {
      Measure m = e.getValue();
      if (m.field() == null) {
        continue;
      }
      Column c = table.require(m.field());
      if (m.op().numericOnly() && c.storage() != StorageClass.INTEGER && c.storage() != StorageClass.REAL) {
        throw new ValidationException(m.field(), String.format(Locale.ROOT,
            "measure \"%s\" (%s) needs a numeric field; field \"%s\" of table \"%s\" stores %s", e.getKey(),
            m.op().name().toLowerCase(Locale.ROOT), m.field(), table.name(), c.storage()));
      }
    }
  }

  /**
   * Returns whether a bucket field's numbers are epoch seconds (otherwise milliseconds).
   *
   * @param c the field's column
   * @return true for a {@link ColumnMode#TIMESTAMP_SECONDS} column
   */
  public static boolean epochSeconds(Column c) {
    return c.mode() == ColumnMode.TIMESTAMP_SECONDS;
  }

  /**
   * Returns the codec of every output key, in output order: a group field's own column, a bucket as text, a
   * count as integer, a sum, average, percentile or standard deviation as real, a min or max as its field's
   * column. Each column is named by its key.
   *
   * @param table the table
   * @param r the request
   * @return key to column, in output order
   */
  public static Map<String, Column> outputColumns(TableDef table, AggregateRequest r) {
    Map<String, Column> out = new LinkedHashMap<>();
    for (String g : r.groupBy()) {
      out.put(g, table.require(g));
    }
    for (String alias : r.dateBuckets().keySet()) {
      out.put(alias, Column.text(alias));
    }
    for (Map.Entry<String, Measure> e : r.measures().entrySet()) {
      Measure m = e.getValue();
      switch (m.op()) {
        case COUNT:
        case COUNT_DISTINCT:
          out.put(e.getKey(), Column.integer(e.getKey()));
          break;
        case MIN:
        case MAX:
          out.put(e.getKey(), renamed(table.require(m.field()), e.getKey()));
          break;
        default:
          out.put(e.getKey(), Column.real(e.getKey()));
          break;
      }
    }
    return out;
  }

  private static Column renamed(Column c, String name) {
    return new Column(name, name, c.storage(), c.mode(), c.javaType(), false, false, false, false, null, null);
  }

  /**
   * Returns the order of an aggregate's rows: its sort, or the group keys ascending when it has none.
   *
   * @param r the request
   * @return the order
   */
  public static Sort order(AggregateRequest r) {
    return r.sort().isEmpty() && !r.groupKeys().isEmpty()
        ? new Sort(r.groupKeys().stream().map(SortField::asc).collect(Collectors.toList()))
        : r.sort();
  }

  /**
   * Returns a total order of an aggregate's rows for paging: its order, then each group key it lacks,
   * ascending (the group keys identify a row).
   *
   * @param r the request
   * @return the total order; empty for a scalar aggregate without a sort
   * @throws ValidationException if a sort key is not a group key or measure alias
   */
  public static Sort totalOrder(AggregateRequest r) {
    List<String> outputs = new ArrayList<>(r.groupKeys());
    outputs.addAll(r.measures().keySet());
    Sort sort = order(r);
    for (SortField f : sort.fields()) {
      if (!outputs.contains(f.field())) {
        throw new ValidationException(f.field(), String.format(Locale.ROOT,
            "a paged aggregate sorts by group fields, date bucket aliases and measure aliases; \"%s\" is none "
                + "of them (known: %s)", f.field(), outputs));
      }
    }
    for (String k : r.groupKeys()) {
      if (sort.fields().stream().noneMatch(f -> f.field().equals(k))) {
        sort = sort.thenBy(SortField.asc(k));
      }
    }
    return sort;
  }

  /**
   * Checks the page parameters and that the request carries no limit or offset of its own.
   *
   * @param r the request
   * @param page the 1-based page, or 1 for keyset pages
   * @param limit the page size
   * @throws ValidationException for a page below 1, a limit outside 1 to {@link #MAX_PAGE_LIMIT}, or a
   *     request with a limit or offset
   */
  public static void checkPage(AggregateRequest r, int page, int limit) {
    if (page < 1) {
      throw new ValidationException("page", "page must be a positive integer, was " + page);
    }
    if (limit < 1 || limit > MAX_PAGE_LIMIT) {
      throw new ValidationException("limit", String.format(Locale.ROOT,
          "limit must be between 1 and %d, was %d", MAX_PAGE_LIMIT, limit));
    }
    if (r.limit() != 0 || r.offset() != 0) {
      throw new ValidationException("limit", "a paged aggregate request must not carry its own limit or offset");
    }
  }

  /**
   * Returns the filter over output keys selecting the rows after a keyset cursor.
   *
   * @param table the table
   * @param r the request
   * @param totalOrder its {@link #totalOrder}
   * @param cursor the cursor, or null for the first page
   * @return the filter, {@link Filters#all()} for the first page
   * @throws io.sqlitekit.spi.error.InvalidCursorException for a cursor of another aggregate or an edited one
   */
  public static Filter after(TableDef table, AggregateRequest r, Sort totalOrder, String cursor) {
    if (cursor == null) {
      return Filters.all();
    }
    List<Object> values = KeysetCursors.decodeTuple(cursor, binding(table), totalOrder,
        sortColumns(table, r, totalOrder));
    return KeysetFilters.after(totalOrder, values);
  }

  /**
   * Returns the cursor after an aggregate row.
   *
   * @param table the table
   * @param r the request
   * @param totalOrder its {@link #totalOrder}
   * @param row the last row of the page, decoded
   * @return the cursor
   */
  public static String cursor(TableDef table, AggregateRequest r, Sort totalOrder, Map<String, Object> row) {
    List<Object> values = new ArrayList<>();
    for (SortField f : totalOrder.fields()) {
      values.add(row.get(f.field()));
    }
    return KeysetCursors.encodeTuple(binding(table), totalOrder, sortColumns(table, r, totalOrder), values);
  }

  private static String binding(TableDef table) {
    return "aggregate over " + table.name();
  }

  private static List<Column> sortColumns(TableDef table, AggregateRequest r, Sort totalOrder) {
    Map<String, Column> out = outputColumns(table, r);
    List<Column> cols = new ArrayList<>();
    for (SortField f : totalOrder.fields()) {
      cols.add(out.get(f.field()));
    }
    return cols;
  }
}
