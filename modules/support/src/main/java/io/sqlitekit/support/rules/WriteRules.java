package io.sqlitekit.support.rules;

import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.error.QueryParseException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.And;
import io.sqlitekit.spi.filter.Eq;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.MatchAll;
import io.sqlitekit.spi.update.Update;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Request rules of the repository contract that do not depend on how a kit stores rows, written once so
 * every kit refuses and shapes the same requests the same way.
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
}
