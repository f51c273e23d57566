package io.sqlitekit.d1.client.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Internal, not API, may change: writes Java values as SQLite literals that read back as exactly the same
 * value.
 *
 * <p>Why: D1's HTTP API binds parameters as strings only (its schema says {@code params: string[]}; the
 * local explorer answers anything else with {@code 400 Invalid input}), so a number, NULL or blob would
 * arrive as TEXT. Written into the SQL text as a literal it keeps its storage class. Every literal is
 * self-delimiting: negative numbers are parenthesised, so {@code 1-?} with -5 becomes {@code 1-(-5)}, never
 * the comment {@code 1--5}.
 *
 * <p>Doubles: SQLite's text-to-double conversion (as built into the local D1) is exact for 17 significant
 * digits between about 1e-80 and 1e116 and wrong by one unit in the last place outside it (measured with
 * random bit patterns). Inside a safe band the literal is the 17-digit decimal; outside it the value is
 * written as a 17-digit mantissa in [1, 2) times powers of two, each inside the band. Multiplying by a power
 * of two is exact in IEEE arithmetic, and the factors are ordered so that only the last product can be
 * subnormal, so SQLite computes exactly the original value.
 */
public final class Literals {
  /** |d| in [1e-60, 1e100): written as one decimal literal (a margin inside the measured exact band). */
  static final double PLAIN_MIN = 1e-60;
  static final double PLAIN_MAX = 1e100;
  /** Largest power of two used as one factor; 2^±190 lies well inside the exact band. */
  static final int STEP = 190;
  private static final MathContext SEVENTEEN = new MathContext(17, RoundingMode.HALF_EVEN);

  private Literals() {}

  /**
   * Appends the literal for a long: {@code 42}, {@code (-7)}, and {@code (-9223372036854775807-1)} for
   * {@link Long#MIN_VALUE}, whose digits alone SQLite would read as a REAL (9223372036854775808 overflows
   * before the minus applies).
   *
   * @param sb where to append
   * @param v the value
   */
  public static void appendLong(StringBuilder sb, long v) {
    if (v == Long.MIN_VALUE) {
      sb.append("(-9223372036854775807-1)");
    } else if (v < 0) {
      sb.append('(').append(v).append(')');
    } else {
      sb.append(v);
    }
  }

  /**
   * Appends the literal for a finite double; see the class comment.
   *
   * @param sb where to append
   * @param d the value
   * @throws IllegalArgumentException for NaN or an infinity: SQLite stores NaN as NULL, and D1 returns an
   *     infinity as JSON {@code null}, so either would come back changed
   */
  public static void appendDouble(StringBuilder sb, double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("D1 cannot round-trip " + d + " (NaN is stored as NULL and an infinity "
          + "comes back as null)");
    }
    boolean negative = Math.copySign(1.0, d) < 0;
    double a = Math.abs(d);
    sb.append('(');
    if (negative) {
      sb.append('-');
    }
    if (a == 0.0 || (a >= PLAIN_MIN && a < PLAIN_MAX)) {
      sb.append(decimal(a));
    } else {
      int e = Math.getExponent(a);
      double mantissa;
      if (e < Double.MIN_EXPONENT) { // subnormal: normalise the mantissa first (exact, it only shifts bits)
        e = Math.getExponent(a * 0x1p64) - 64;
      }
      mantissa = Math.scalb(a, -e); // in [1, 2), exact
      sb.append(decimal(mantissa));
      // Largest steps first while the running product stays normal, the remainder last.
      int step = e > 0 ? STEP : -STEP;
      int remaining = e;
      while (Math.abs(remaining) > STEP) {
        sb.append('*').append(decimal(Math.scalb(1.0, step)));
        remaining -= step;
      }
      if (remaining != 0) {
        sb.append('*').append(decimal(Math.scalb(1.0, remaining)));
      }
    }
    sb.append(')');
  }

  /** 17 significant digits always identify a double; SQLite accumulates up to 19 digits exactly. */
  static String decimal(double a) {
    if (a == 0.0) {
      return "0.0";
    }
    String s = new BigDecimal(a).round(SEVENTEEN).stripTrailingZeros().toString();
    // BigDecimal writes 1E+2 or 100; keep a '.' or an exponent so SQLite reads a REAL, not an INTEGER.
    if (s.indexOf('.') < 0 && s.indexOf('E') < 0) {
      s = s + ".0";
    } else if (s.indexOf('.') < 0) {
      int ePos = s.indexOf('E');
      s = s.substring(0, ePos) + ".0" + s.substring(ePos);
    }
    return s;
  }

  /**
   * Appends {@code X'…'} with the bytes in hexadecimal.
   *
   * @param sb where to append
   * @param bytes the blob
   */
  public static void appendBlob(StringBuilder sb, byte[] bytes) {
    sb.append("X'");
    for (byte b : bytes) {
      sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    sb.append('\'');
  }

  /**
   * Appends a string literal, {@code 'it''s'}. Inside SQLite's single quotes only the quote itself is
   * special, so doubling it is the complete escape.
   *
   * @param sb where to append
   * @param s the text
   * @throws IllegalArgumentException if the text contains U+0000: SQLite's tokenizer ends the SQL text there
   */
  public static void appendString(StringBuilder sb, String s) {
    if (s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a text value containing U+0000 cannot be written into SQL text "
          + "(SQLite stops reading there); send it as a single statement's parameter or as a blob");
    }
    sb.append('\'');
    int from = 0;
    for (int q = s.indexOf('\''); q >= 0; q = s.indexOf('\'', from)) {
      sb.append(s, from, q + 1).append('\'');
      from = q + 1;
    }
    sb.append(s, from, s.length()).append('\'');
  }
}
