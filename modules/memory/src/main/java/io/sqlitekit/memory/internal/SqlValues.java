package io.sqlitekit.memory.internal;

import io.sqlitekit.spi.table.StorageClass;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/**
 * Internal, not API, may change. SQLite value semantics over storage values ({@code null}, {@code Long},
 * {@code Double}, {@code String}, {@code byte[]}): ordering, equality, text conversion, LIKE matching,
 * arithmetic and column affinity.
 *
 * @since 0.1.0
 */
public final class SqlValues {
  /** SQLite's value order: NULL, then numbers (numerically), then TEXT (BINARY), then BLOB (memcmp). */
  public static final Comparator<Object> ORDER = SqlValues::compare;

  private SqlValues() {
  }

  private static int rank(Object v) {
    if (v == null) {
      return 0;
    }
    if (v instanceof Number) {
      return 1;
    }
    if (v instanceof String) {
      return 2;
    }
    return 3;
  }

  /**
   * Compares two storage values in SQLite order.
   *
   * @param a a value, possibly null
   * @param b a value, possibly null
   * @return negative, zero or positive
   */
  public static int compare(Object a, Object b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    switch (ra) {
      case 0:
        return 0;
      case 1:
        return compareNumbers((Number) a, (Number) b);
      case 2:
        return compareText((String) a, (String) b);
      default:
        return Arrays.compareUnsigned((byte[]) a, (byte[]) b);
    }
  }

  private static int compareNumbers(Number a, Number b) {
    boolean ai = a instanceof Long || a instanceof Integer || a instanceof Short || a instanceof Byte;
    boolean bi = b instanceof Long || b instanceof Integer || b instanceof Short || b instanceof Byte;
    if (ai && bi) {
      return Long.compare(a.longValue(), b.longValue());
    }
    if (!ai && !bi) {
      return Double.compare(a.doubleValue(), b.doubleValue()) == 0 ? 0
          : (a.doubleValue() < b.doubleValue() ? -1 : 1);
    }
    // Mixed integer/real: exact comparison, so that large integers are not rounded to a double first.
    return toDecimal(a).compareTo(toDecimal(b));
  }

  private static BigDecimal toDecimal(Number n) {
    if (n instanceof Double || n instanceof Float) {
      return new BigDecimal(n.doubleValue());
    }
    return BigDecimal.valueOf(n.longValue());
  }

  /**
   * Compares text by Unicode code point, which is the order of SQLite's BINARY collation on UTF-8.
   *
   * @param a text
   * @param b text
   * @return negative, zero or positive
   */
  public static int compareText(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /**
   * Returns whether two non-null storage values are equal under SQLite's {@code =} ({@code 1 = 1.0}).
   *
   * @param a a value
   * @param b a value
   * @return true if equal
   */
  public static boolean same(Object a, Object b) {
    return compare(a, b) == 0;
  }

  /**
   * Converts a storage value to text the way SQLite does for LIKE, GLOB and functions.
   *
   * @param v a non-null storage value
   * @return the text
   */
  public static String text(Object v) {
    if (v instanceof String) {
      return (String) v;
    }
    if (v instanceof byte[]) {
      return new String((byte[]) v, StandardCharsets.UTF_8);
    }
    if (v instanceof Double || v instanceof Float) {
      return realText(((Number) v).doubleValue());
    }
    return String.valueOf(((Number) v).longValue());
  }

  private static String realText(double d) {
    if (Double.isInfinite(d)) {
      return d > 0 ? "Inf" : "-Inf";
    }
    // SQLite prints REAL with %!.15g: always a decimal point or exponent.
    String s = String.format(Locale.ROOT, "%.15g", d);
    String mantissa = s;
    String exp = "";
    int e = s.indexOf('e');
    if (e >= 0) {
      mantissa = s.substring(0, e);
      exp = s.substring(e);
    }
    if (mantissa.indexOf('.') >= 0) {
      mantissa = mantissa.replaceAll("0+$", "");
      if (mantissa.endsWith(".")) {
        mantissa = mantissa + "0";
      }
    }
    if (!exp.isEmpty()) {
      int n = Integer.parseInt(exp.substring(1));
      exp = String.format(Locale.ROOT, "e%s%02d", n < 0 ? "-" : "+", Math.abs(n));
    }
    return mantissa + exp;
  }

  /**
   * SQLite's LIKE with {@code \} as the escape character: {@code %} any run, {@code _} one character;
   * case-insensitive mode folds ASCII letters only. A pattern ending in a lone escape matches nothing.
   *
   * @param value the text
   * @param pattern the pattern
   * @param caseSensitive whether letter case must match exactly
   * @return true if the text matches
   */
  public static boolean like(String value, String pattern, boolean caseSensitive) {
    int[] v = value.codePoints().toArray();
    int[] p = pattern.codePoints().toArray();
    return likeAt(v, 0, p, 0, caseSensitive);
  }

  private static boolean likeAt(int[] v, int vi, int[] p, int pi, boolean cs) {
    while (pi < p.length) {
      int c = p[pi];
      if (c == '%') {
        while (pi < p.length && (p[pi] == '%' || p[pi] == '_')) {
          if (p[pi] == '_') {
            if (vi >= v.length) {
              return false;
            }
            vi++;
          }
          pi++;
        }
        if (pi == p.length) {
          return true;
        }
        for (int k = vi; k <= v.length; k++) {
          if (likeAt(v, k, p, pi, cs)) {
            return true;
          }
        }
        return false;
      }
      if (c == '_') {
        if (vi >= v.length) {
          return false;
        }
        vi++;
        pi++;
        continue;
      }
      if (c == '\\') {
        pi++;
        if (pi >= p.length) {
          return false;
        }
        c = p[pi];
      }
      if (vi >= v.length || !charEquals(v[vi], c, cs)) {
        return false;
      }
      vi++;
      pi++;
    }
    return vi == v.length;
  }

  private static boolean charEquals(int a, int b, boolean cs) {
    if (a == b) {
      return true;
    }
    return !cs && a < 128 && b < 128 && Character.toLowerCase(a) == Character.toLowerCase(b);
  }

  /**
   * Adds two numbers the way SQLite's {@code +} does: integer + integer is an integer (overflowing to
   * REAL), anything with a REAL is REAL.
   *
   * @param a a number
   * @param b a number
   * @return the sum as {@code Long} or {@code Double}
   */
  public static Number add(Number a, Number b) {
    if (isInteger(a) && isInteger(b)) {
      try {
        return Math.addExact(a.longValue(), b.longValue());
      } catch (ArithmeticException e) {
        return (double) a.longValue() + (double) b.longValue();
      }
    }
    return a.doubleValue() + b.doubleValue();
  }

  /**
   * Returns whether a number is an integer storage value.
   *
   * @param n the number
   * @return true for integral boxed types
   */
  public static boolean isInteger(Number n) {
    return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
  }

  /**
   * Applies a column's type affinity to a value computed by the engine (defaults, sums), as SQLite does
   * when it stores a value.
   *
   * @param storage the column's storage class
   * @param v the value, possibly null
   * @return the stored value
   */
  public static Object affinity(StorageClass storage, Object v) {
    if (v == null) {
      return null;
    }
    switch (storage) {
      case INTEGER:
        if (v instanceof Double) {
          double d = (Double) v;
          if (d == Math.rint(d) && Math.abs(d) < 9.2e18) {
            return (long) d;
          }
          return v;
        }
        if (v instanceof String) {
          Number n = parseNumber((String) v);
          return n == null ? v : affinity(storage, n);
        }
        return v instanceof Number ? (Object) ((Number) v).longValue() : v;
      case REAL:
        if (v instanceof Number) {
          return ((Number) v).doubleValue();
        }
        if (v instanceof String) {
          Number n = parseNumber((String) v);
          return n == null ? v : (Object) n.doubleValue();
        }
        return v;
      case TEXT:
        return v instanceof Number ? text(v) : v;
      case BLOB:
      default:
        return v;
    }
  }

  /**
   * Parses well-formed numeric text.
   *
   * @param s the text
   * @return a {@code Long} or {@code Double}, or null if the text is not a number
   */
  public static Number parseNumber(String s) {
    String t = s.trim();
    if (t.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      // not an integer; try a real below
    }
    try {
      if (t.chars().anyMatch(Character::isLetter) && !t.toLowerCase(Locale.ROOT).matches("[-+0-9.]*e[-+]?[0-9]+")) {
        return null;
      }
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
