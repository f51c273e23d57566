package io.sqlitekit.driver.xerial.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.sqlite.Function;

/**
 * Internal, not API, may change. The SQL function {@code regexp(pattern, value)} behind SQLite's
 * {@code value REGEXP pattern} operator: Java {@link Pattern} syntax (inline flags such as {@code (?i)}
 * allowed), matching anywhere in the value ({@link java.util.regex.Matcher#find()}); a NULL pattern or
 * value gives NULL.
 *
 * <p>One instance per connection: SQLite calls it on the thread that runs the statement and a connection
 * is never used by two threads at once, so the small LRU pattern cache needs no locking.
 *
 * @since 0.1.0
 */
final class RegexpFunction extends Function {
  static final int CACHE_SIZE = 64;

  private final Map<String, Pattern> cache = new LinkedHashMap<>(32, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
      return size() > CACHE_SIZE;
    }
  };

  /**
   * Registers a fresh instance on a connection.
   *
   * @param connection the sqlite-jdbc connection
   * @throws SQLException if registration fails
   */
  static void register(Connection connection) throws SQLException {
    Function.create(connection, "regexp", new RegexpFunction(), 2, Function.FLAG_DETERMINISTIC);
  }

  @Override
  protected void xFunc() throws SQLException {
    String pattern = value_text(0);
    String value = value_text(1);
    if (pattern == null || value == null) {
      result();
      return;
    }
    result(compile(pattern).matcher(value).find() ? 1 : 0);
  }

  private Pattern compile(String pattern) throws SQLException {
    Pattern p = cache.get(pattern);
    if (p == null) {
      try {
        p = Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        // The description and index say what is wrong; the pattern itself is a bound value and stays out.
        throw new SQLException(String.format(Locale.ROOT, "invalid regular expression for REGEXP: %s near index %d",
            e.getDescription(), e.getIndex()), e);
      }
      cache.put(pattern, p);
    }
    return p;
  }
}
