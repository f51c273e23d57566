package io.sqlitekit.memory.internal;

import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Internal, not API, may change. Column defaults as SQLite applies them on INSERT: a {@code defaultValue}
 * through the column codec, or one of the {@code defaultSql} expressions the in-memory kit understands
 * (literals, {@code NULL}, {@code TRUE}/{@code FALSE}, {@code CURRENT_TIMESTAMP}, {@code CURRENT_DATE},
 * {@code CURRENT_TIME}, optionally in parentheses). Any other expression is rejected when the table is
 * registered, never guessed at.
 *
 * @since 0.1.0
 */
public final class Defaults {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Defaults() {
  }

  /**
   * Checks that every {@code defaultSql} of the table can be evaluated in memory.
   *
   * @param table the table
   * @throws ConfigurationException naming the column and table otherwise
   */
  public static void check(TableDef table) {
    for (Column c : table.columns()) {
      if (c.defaultSql() != null && !supported(c.defaultSql())) {
        throw new ConfigurationException(String.format(Locale.ROOT,
            "column \"%s\" of table \"%s\" has a SQL default the in-memory kit cannot evaluate; supported: "
                + "literals, NULL, TRUE, FALSE, CURRENT_TIMESTAMP, CURRENT_DATE, CURRENT_TIME", c.name(),
            table.name()));
      }
    }
  }

  private static String strip(String sql) {
    String s = sql.trim();
    while (s.length() >= 2 && s.charAt(0) == '(' && s.charAt(s.length() - 1) == ')') {
      s = s.substring(1, s.length() - 1).trim();
    }
    return s;
  }

  private static boolean supported(String sql) {
    return literal(strip(sql), Clock.systemUTC()) != UNSUPPORTED;
  }

  private static final Object UNSUPPORTED = new Object();

  private static Object literal(String s, Clock clock) {
    String upper = s.toUpperCase(Locale.ROOT);
    switch (upper) {
      case "NULL":
        return null;
      case "TRUE":
        return 1L;
      case "FALSE":
        return 0L;
      case "CURRENT_TIMESTAMP":
        return TIMESTAMP.format(clock.instant());
      case "CURRENT_DATE":
        return DATE.format(clock.instant());
      case "CURRENT_TIME":
        return TIME.format(clock.instant());
      default:
        break;
    }
    if (s.length() >= 2 && s.charAt(0) == '\'' && s.charAt(s.length() - 1) == '\'') {
      String body = s.substring(1, s.length() - 1);
      if (body.replace("''", "").indexOf('\'') >= 0) {
        return UNSUPPORTED;
      }
      return body.replace("''", "'");
    }
    Number n = SqlValues.parseNumber(s);
    return n == null || !s.matches("[-+]?[0-9.eE+-]+") ? UNSUPPORTED : n;
  }

  /**
   * Returns the stored default of a column, or null when it has none.
   *
   * @param c the column
   * @param json the JSON codec, possibly null
   * @param clock the kit's clock
   * @return the storage value
   */
  public static Object value(Column c, JsonCodec json, Clock clock) {
    if (c.defaultValue() != null) {
      return c.toSql(c.defaultValue(), json);
    }
    if (c.defaultSql() != null) {
      Object v = literal(strip(c.defaultSql()), clock);
      return v == UNSUPPORTED ? null : SqlValues.affinity(c.storage(), v);
    }
    return null;
  }
}
