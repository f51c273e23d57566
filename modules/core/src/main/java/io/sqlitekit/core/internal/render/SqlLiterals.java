package io.sqlitekit.core.internal.render;

import java.util.List;
import java.util.Locale;

/**
 * Internal, not API, may change. Renders encoded values as SQL literals for the few places that cannot
 * bind parameters (DDL defaults, partial-index and conflict-target WHERE clauses).
 */
public final class SqlLiterals {
  private SqlLiterals() {
  }

  /**
   * Renders one encoded value.
   *
   * @param value {@code null}, a {@code String}, a {@code Number}, a {@code Boolean} or {@code byte[]}
   * @return the literal
   * @throws IllegalArgumentException for other types or non-finite numbers
   */
  public static String literal(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof String) {
      return "'" + ((String) value).replace("'", "''") + "'";
    }
    if (value instanceof Boolean) {
      return ((Boolean) value) ? "1" : "0";
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("non-finite number cannot be a SQL literal");
      }
      return Double.toString(d);
    }
    if (value instanceof Number) {
      return value.toString();
    }
    if (value instanceof byte[]) {
      StringBuilder sb = new StringBuilder("X'");
      for (byte b : (byte[]) value) {
        sb.append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
      return sb.append('\'').toString();
    }
    throw new IllegalArgumentException("cannot render a " + value.getClass().getSimpleName() + " as a SQL literal");
  }

  /**
   * Replaces each placeholder outside quotes with the literal of the matching parameter.
   *
   * @param sql SQL with {@code ?} placeholders
   * @param params the encoded parameters
   * @return SQL without placeholders
   */
  public static String inline(String sql, List<Object> params) {
    StringBuilder sb = new StringBuilder(sql.length() + 16);
    int p = 0;
    char quote = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
        sb.append(c);
      } else if (c == '\'' || c == '"') {
        quote = c;
        sb.append(c);
      } else if (c == '?') {
        sb.append(literal(params.get(p++)));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
