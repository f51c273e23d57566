package io.sqlitekit.support.rules;

import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.error.QueryParseException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.And;
import io.sqlitekit.spi.filter.Eq;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.MatchAll;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.ColumnMode;
import io.sqlitekit.spi.table.StorageClass;
import io.sqlitekit.spi.table.TableDef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Request and write rules of the repository contract that do not depend on how a kit stores rows, written
 * once so every kit refuses and shapes the same requests the same way, with the same messages.
 *
 * @since 0.2.0
 */
public final class WriteRules {
  private WriteRules() {
  }

  /**
   * Refuses a bulk write ({@code updateMany}, {@code deleteMany}, {@code findOneAndUpdate}) whose caller gave
   * the match-everything filter: touching every row must be spelled out.
   *
   * @param callerFilter the filter as the caller passed it (before plugins add their scope)
   * @param operation the operation's name, for the message
   * @throws ValidationException if the filter matches every row
   */
  public static void requireScoped(Filter callerFilter, String operation) {
    if (callerFilter instanceof MatchAll) {
      throw new ValidationException(operation + " refuses an empty filter (it would touch every row); pass an "
          + "explicit filter");
    }
  }

  /**
   * Resolves a page's limit: the contract's default when absent, refused above the kit's maximum.
   *
   * @param limit the requested limit, or null
   * @param max the kit's maximum page size
   * @return the limit to use
   * @throws QueryParseException (parameter {@code limit}) if the limit exceeds {@code max}
   */
  public static int pageLimit(Integer limit, int max) {
    int l = limit == null ? PageRequest.DEFAULT_LIMIT : limit;
    if (l > max) {
      throw new QueryParseException("limit", String.format(Locale.ROOT, "limit must be at most %d, was %d", max, l));
    }
    return l;
  }

  /**
   * The row an upserting {@code findOneAndUpdate} inserts when nothing matches: the filter's top-level
   * {@code eq} leaves, then {@code setOnInsert}, {@code set} and the {@code inc} deltas (each later source
   * wins).
   *
   * @param filter the caller's filter
   * @param update the update
   * @return a new mutable row map
   */
  public static Map<String, Object> upsertSeed(Filter filter, Update update) {
    Map<String, Object> row = new LinkedHashMap<>();
    List<Filter> leaves = filter instanceof And ? ((And) filter).children() : List.of(filter);
    for (Filter f : leaves) {
      if (f instanceof Eq) {
        row.put(((Eq) f).field(), ((Eq) f).value());
      }
    }
    row.putAll(update.setOnInsert());
    row.putAll(update.set());
    row.putAll(update.inc());
    return row;
  }

  /**
   * The refusal of a NULL for a NOT NULL column without a default.
   *
   * @param table the table
   * @param column the column
   * @return the exception, naming the field
   */
  public static ValidationException notNull(TableDef table, Column column) {
    return new ValidationException(column.name(), String.format(Locale.ROOT,
        "field \"%s\" on table \"%s\" is NOT NULL and has no default", column.name(), table.name()));
  }

  /**
   * Whether {@code Update.inc} may target the column: a plain INTEGER or REAL column (not a boolean,
   * timestamp or other mode stored as a number).
   *
   * @param column the column
   * @return true if it can be incremented
   */
  public static boolean numeric(Column column) {
    return column.mode() == ColumnMode.PLAIN
        && (column.storage() == StorageClass.INTEGER || column.storage() == StorageClass.REAL);
  }

  /**
   * Validates an update before anything is written: not empty, known fields, the primary key untouched
   * (except as an insert-only seed), no NULL into a NOT NULL column, values of the column's type, and
   * increments only of numeric columns by a number (never NaN).
   *
   * @param table the table
   * @param columns resolves a field to its column, throwing the kit's unknown-field {@link ValidationException}
   * @param update the update
   * @param json the codec for JSON-mode columns
   * @throws ValidationException naming the offending field
   */
  public static void validateUpdate(TableDef table, Function<String, Column> columns, Update update,
      JsonCodec json) {
    if (update.isEmpty()) {
      throw new ValidationException(String.format(Locale.ROOT, "update on table \"%s\" is empty", table.name()));
    }
    String pkName = table.primaryKey().name();
    for (String f : update.fields()) {
      columns.apply(f);
      if (f.equals(pkName) && !update.setOnInsert().containsKey(f)) {
        throw new ValidationException(f, String.format(Locale.ROOT,
            "the primary key \"%s\" of table \"%s\" cannot be updated", f, table.name()));
      }
    }
    for (Map.Entry<String, Object> e : update.set().entrySet()) {
      Column c = columns.apply(e.getKey());
      if (e.getValue() == null && c.isNotNull()) {
        throw notNull(table, c);
      }
      c.toSql(e.getValue(), json);
    }
    for (String f : update.unset()) {
      Column c = columns.apply(f);
      if (c.isNotNull()) {
        throw notNull(table, c);
      }
    }
    for (Map.Entry<String, Number> e : update.inc().entrySet()) {
      Column c = columns.apply(e.getKey());
      if (!numeric(c)) {
        throw new ValidationException(c.name(), String.format(Locale.ROOT,
            "field \"%s\" on table \"%s\" is not numeric and cannot be incremented", c.name(), table.name()));
      }
      // An increment by NaN has no result to store, even where the column stores a NaN value as NULL.
      c.toSqlOperand(e.getValue(), json);
    }
  }

  /**
   * The refusal of an increment that would take a row outside the 64-bit integer range (SQLite would turn
   * the sum into a REAL silently); both kits refuse with this message and write nothing.
   *
   * @param table the table
   * @param column the incremented column
   * @param delta the increment
   * @return the exception, naming the field
   */
  public static ValidationException incrementOverflow(TableDef table, Column column, long delta) {
    return new ValidationException(column.name(), String.format(Locale.ROOT,
        "incrementing field %s on table %s would take a row it updates %s the 64-bit integer range; nothing"
            + " was written", Messages.quote(column.name()), Messages.quote(table.name()),
        delta > 0 ? "above" : "below"));
  }
}
