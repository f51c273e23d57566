package io.sqlitekit.support.json;

import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.json.JsonCodecException;
import io.sqlitekit.spi.table.Timestamps;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON codec every kit falls back to when none is configured or discovered, so a JSON column stores the
 * same text in every kit. Small and strict: maps, lists, arrays, strings, numbers, booleans, null, enums,
 * instants and public records (written as objects). Reading targets {@code Object}, {@code Map},
 * {@code List}, {@code String}, boxed numbers and {@code Boolean}.
 *
 * <p>Thread-safe and stateless.
 *
 * @since 0.2.0
 */
public final class MiniJson implements JsonCodec {
  /** The shared instance; stateless. */
  public static final MiniJson INSTANCE = new MiniJson();

  private MiniJson() {
  }

  @Override
  public String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb, 0);
    return sb.toString();
  }

  private void write(Object v, StringBuilder sb, int depth) {
    if (depth > 64) {
      throw fail("JSON value nested deeper than 64 levels (cycle?)");
    }
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String || v instanceof Character || v instanceof java.util.UUID) {
      string(v.toString(), sb);
    } else if (v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Double || v instanceof Float) {
      sb.append(formatDouble(((Number) v).doubleValue()));
    } else if (v instanceof Number) {
      sb.append(v);
    } else if (v instanceof Enum) {
      string(((Enum<?>) v).name(), sb);
    } else if (v instanceof java.time.Instant) {
      string(Timestamps.format((java.time.Instant) v), sb);
    } else if (v instanceof Map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw fail("JSON object keys must be strings");
        }
        sb.append(first ? "" : ",");
        first = false;
        string((String) e.getKey(), sb);
        sb.append(':');
        write(e.getValue(), sb, depth + 1);
      }
      sb.append('}');
    } else if (v instanceof Collection) {
      sb.append('[');
      boolean first = true;
      for (Object o : (Collection<?>) v) {
        sb.append(first ? "" : ",");
        first = false;
        write(o, sb, depth + 1);
      }
      sb.append(']');
    } else if (v.getClass().isArray() && !(v instanceof byte[])) {
      sb.append('[');
      for (int i = 0; i < Array.getLength(v); i++) {
        sb.append(i == 0 ? "" : ",");
        write(Array.get(v, i), sb, depth + 1);
      }
      sb.append(']');
    } else if (v instanceof Record) {
      Map<String, Object> m = new LinkedHashMap<>();
      try {
        for (RecordComponent rc : v.getClass().getRecordComponents()) {
          m.put(rc.getName(), rc.getAccessor().invoke(v));
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new JsonCodecException("record " + v.getClass().getSimpleName() + " is not accessible", JsonCodecException.NO_OFFSET, e);
      }
      write(m, sb, depth + 1);
    } else {
      throw fail("cannot write a " + v.getClass().getSimpleName() + " as JSON");
    }
  }

  /**
   * Formats a double the way every sqlitekit codec writes it: plain decimal digits, no exponent, no trailing
   * zeros ({@code 1.0} is {@code 1}, {@code 1e20} is {@code 100000000000000000000}), so one value always
   * becomes one text whichever codec wrote it.
   *
   * @param d the value
   * @return the JSON number text
   * @throws JsonCodecException if the value is NaN or infinite, which JSON cannot represent
   */
  public static String formatDouble(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw fail("JSON cannot represent " + d);
    }
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  private static JsonCodecException fail(String message) {
    return new JsonCodecException(message, JsonCodecException.NO_OFFSET, null);
  }

  private static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        case '\b': sb.append("\\b"); break;
        case '\f': sb.append("\\f"); break;
        default:
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  @Override
  public Object read(String json, Type type) {
    Parser p = new Parser(json);
    p.ws();
    Object v = p.value(0);
    p.ws();
    if (p.pos != json.length()) {
      throw p.error("trailing characters");
    }
    return fit(v, type);
  }

  /**
   * Fits a value of the built-in model (what {@code read(json, Object.class)} returns) to a simple target
   * type: {@code Object}, {@code Map}, {@code List}, {@code String}, {@code Boolean}, {@code Long},
   * {@code Integer}, {@code Double} or {@code BigDecimal}. Numbers convert only when no digit is lost.
   * Shared with library-backed codecs so both give the same answer for these targets.
   *
   * @param v the value, possibly null
   * @param type the target type; null means {@code Object}
   * @return the value, converted
   * @throws JsonCodecException if the value does not fit the type
   */
  public static Object fit(Object v, Type type) {
    if (type == null || type == Object.class) {
      return v;
    }
    if (type instanceof Class) {
      Class<?> c = (Class<?>) type;
      if (v == null || c.isInstance(v)) {
        return v;
      }
      if (v instanceof Number) {
        Number n = (Number) v;
        try {
          if (c == Long.class || c == long.class) {
            return exact(n).longValueExact();
          } else if (c == Integer.class || c == int.class) {
            return exact(n).intValueExact();
          } else if (c == Double.class || c == double.class) {
            return n.doubleValue();
          } else if (c == BigDecimal.class) {
            return exact(n);
          }
        } catch (ArithmeticException e) {
          throw fail("JSON number " + n + " does not fit " + c.getSimpleName() + " exactly");
        }
      }
    }
    throw fail("JSON value does not fit " + type.getTypeName());
  }

  private static BigDecimal exact(Number n) {
    return n instanceof BigDecimal ? (BigDecimal) n : new BigDecimal(n.toString());
  }

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    JsonCodecException error(String what) {
      return new JsonCodecException("invalid JSON at offset " + pos + ": " + what, pos, null);
    }

    void ws() {
      // JSON's four whitespace characters only (RFC 8259), as every JSON library reads it.
      while (pos < s.length() && " \t\n\r".indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
    }

    Object value(int depth) {
      if (depth > 256) {
        throw error("nested too deeply");
      }
      if (pos >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(pos);
      if (c == '{') {
        pos++;
        Map<String, Object> m = new LinkedHashMap<>();
        ws();
        if (peek('}')) {
          pos++;
          return m;
        }
        while (true) {
          ws();
          if (!peek('"')) {
            throw error("expected a string key");
          }
          String k = str();
          ws();
          expect(':');
          ws();
          m.put(k, value(depth + 1));
          ws();
          if (peek(',')) {
            pos++;
          } else {
            expect('}');
            return m;
          }
        }
      } else if (c == '[') {
        pos++;
        List<Object> l = new ArrayList<>();
        ws();
        if (peek(']')) {
          pos++;
          return l;
        }
        while (true) {
          ws();
          l.add(value(depth + 1));
          ws();
          if (peek(',')) {
            pos++;
          } else {
            expect(']');
            return l;
          }
        }
      } else if (c == '"') {
        return str();
      } else if (s.startsWith("true", pos)) {
        pos += 4;
        return Boolean.TRUE;
      } else if (s.startsWith("false", pos)) {
        pos += 5;
        return Boolean.FALSE;
      } else if (s.startsWith("null", pos)) {
        pos += 4;
        return null;
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        return number();
      }
      throw error("unexpected character '" + c + "'");
    }

    boolean peek(char c) {
      return pos < s.length() && s.charAt(pos) == c;
    }

    void expect(char c) {
      if (!peek(c)) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    String str() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (pos >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(pos++);
        if (c == '"') {
          return sb.toString();
        } else if (c == '\\') {
          if (pos >= s.length()) {
            throw error("unterminated escape");
          }
          char e = s.charAt(pos++);
          switch (e) {
            case '"': sb.append('"'); break;
            case '\\': sb.append('\\'); break;
            case '/': sb.append('/'); break;
            case 'b': sb.append('\b'); break;
            case 'f': sb.append('\f'); break;
            case 'n': sb.append('\n'); break;
            case 'r': sb.append('\r'); break;
            case 't': sb.append('\t'); break;
            case 'u':
              if (pos + 4 > s.length()) {
                throw error("short unicode escape");
              }
              int cp = 0;
              for (int k = 0; k < 4; k++) {
                int d = Character.digit(s.charAt(pos), 16);
                if (d < 0) {
                  throw error("bad unicode escape");
                }
                cp = cp * 16 + d;
                pos++;
              }
              sb.append((char) cp);
              break;
            default:
              throw error("bad escape '\\" + e + "'");
          }
        } else if (c < 0x20) {
          throw error("control character in string");
        } else {
          sb.append(c);
        }
      }
    }

    /** RFC 8259 number grammar: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}. */
    Object number() {
      int start = pos;
      if (peek('-')) {
        pos++;
      }
      if (peek('0')) {
        pos++;
      } else if (digits() == 0) {
        throw error("bad number");
      }
      boolean frac = false;
      if (peek('.')) {
        pos++;
        frac = true;
        if (digits() == 0) {
          throw error("bad number: digits expected after '.'");
        }
      }
      if (peek('e') || peek('E')) {
        pos++;
        frac = true;
        if (peek('+') || peek('-')) {
          pos++;
        }
        if (digits() == 0) {
          throw error("bad number: digits expected in the exponent");
        }
      }
      String t = s.substring(start, pos);
      if (!frac) {
        BigInteger bi = new BigInteger(t);
        return bi.bitLength() < 64 ? (Object) bi.longValue() : new BigDecimal(bi);
      }
      double d = Double.parseDouble(t);
      if (Double.isInfinite(d)) {
        pos = start;
        throw error("number out of the range of a double");
      }
      return d;
    }

    private int digits() {
      int from = pos;
      while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
        pos++;
      }
      return pos - from;
    }
  }
}
