package io.sqlitekit.support.json;

import io.sqlitekit.spi.json.JsonCodec;
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
      throw new IllegalArgumentException("JSON value nested deeper than 64 levels (cycle?)");
    }
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String || v instanceof Character || v instanceof java.util.UUID) {
      string(v.toString(), sb);
    } else if (v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("JSON cannot represent " + d);
      }
      sb.append(BigDecimal.valueOf(d).stripTrailingZeros().toPlainString());
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
          throw new IllegalArgumentException("JSON object keys must be strings");
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
        throw new IllegalArgumentException("record " + v.getClass().getSimpleName() + " is not accessible", e);
      }
      write(m, sb, depth + 1);
    } else {
      throw new IllegalArgumentException("cannot write a " + v.getClass().getSimpleName() + " as JSON");
    }
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
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
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
        if (c == Long.class || c == long.class) {
          return n.longValue();
        } else if (c == Integer.class || c == int.class) {
          return n.intValue();
        } else if (c == Double.class || c == double.class) {
          return n.doubleValue();
        } else if (c == BigDecimal.class) {
          return new BigDecimal(n.toString());
        }
      }
    }
    throw new IllegalArgumentException("JSON value does not fit " + type.getTypeName());
  }

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + what);
    }

    void ws() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
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
              try {
                sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
              } catch (NumberFormatException ex) {
                throw error("bad unicode escape");
              }
              pos += 4;
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

    Object number() {
      int start = pos;
      if (peek('-')) {
        pos++;
      }
      boolean frac = false;
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c >= '0' && c <= '9') {
          pos++;
        } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || (c == '-' && pos > start)) {
          frac = true;
          pos++;
        } else {
          break;
        }
      }
      String t = s.substring(start, pos);
      try {
        if (!frac) {
          BigInteger bi = new BigInteger(t);
          return bi.bitLength() < 64 ? (Object) bi.longValue() : new BigDecimal(bi);
        }
        return Double.parseDouble(new BigDecimal(t).toString());
      } catch (NumberFormatException ex) {
        throw error("bad number \"" + t + "\"");
      }
    }
  }
}
