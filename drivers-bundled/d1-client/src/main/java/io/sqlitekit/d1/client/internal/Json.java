package io.sqlitekit.d1.client.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Internal, not API, may change: a small strict JSON reader and a string writer, enough for D1's request
 * and response bodies.
 *
 * <p>Why our own: the module must need nothing but {@code java.base} and {@code java.net.http}. Why numbers
 * stay text ({@link Num}): D1 sends 64-bit integers as JavaScript numbers, so the caller must see the digits
 * D1 printed to tell an exact value from a possibly rounded one; a parser that produced {@code double} or
 * {@code long} would already have decided.
 *
 * <p>Values: objects become {@link LinkedHashMap} (member order kept, a repeated name is an error), arrays
 * {@link ArrayList}, strings {@link String}, {@code true}/{@code false} {@link Boolean}, {@code null} Java
 * {@code null}, numbers {@link Num}.
 */
public final class Json {
  /** Deeper nesting than D1 ever sends (4 levels) is refused instead of risking the stack. */
  static final int MAX_DEPTH = 64;

  private final String text;
  private int pos;

  private Json(String text) {
    this.text = text;
  }

  /**
   * A JSON number as the text it was written with.
   *
   * @param text the number's characters, valid JSON number syntax
   */
  public record Num(String text) {
    /**
     * Whether the text has neither fraction nor exponent, e.g. {@code 42} or {@code -9223372036854776000}.
     *
     * @return true for integer syntax
     */
    public boolean integral() {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '.' || c == 'e' || c == 'E') {
          return false;
        }
      }
      return true;
    }
  }

  /** The body is not JSON; the message says where, never what the body contained beyond that spot. */
  public static final class JsonException extends Exception {
    private static final long serialVersionUID = 1L;

    JsonException(String message) {
      super(message);
    }
  }

  /**
   * Parses one JSON value that must fill the whole text (whitespace around it allowed).
   *
   * @param text the JSON text
   * @return the value, see the class comment for the Java types
   * @throws JsonException if the text is not exactly one JSON value
   */
  public static Object parse(String text) throws JsonException {
    Json p = new Json(text);
    p.skipWs();
    Object v = p.value(0);
    p.skipWs();
    if (p.pos != text.length()) {
      throw p.error("trailing characters after the JSON value");
    }
    return v;
  }

  private Object value(int depth) throws JsonException {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH);
    }
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return null;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character");
    }
  }

  private Map<String, Object> object(int depth) throws JsonException {
    pos++; // {
    Map<String, Object> map = new LinkedHashMap<>();
    skipWs();
    if (peek() == '}') {
      pos++;
      return map;
    }
    while (true) {
      skipWs();
      if (peek() != '"') {
        throw error("expected a member name");
      }
      String name = string();
      skipWs();
      expect(':');
      skipWs();
      Object v = value(depth + 1);
      if (map.containsKey(name)) {
        throw error("repeated member name");
      }
      map.put(name, v);
      skipWs();
      char c = next();
      if (c == '}') {
        return map;
      }
      if (c != ',') {
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> array(int depth) throws JsonException {
    pos++; // [
    List<Object> list = new ArrayList<>();
    skipWs();
    if (peek() == ']') {
      pos++;
      return list;
    }
    while (true) {
      skipWs();
      list.add(value(depth + 1));
      skipWs();
      char c = next();
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        throw error("expected ',' or ']'");
      }
    }
  }

  private String string() throws JsonException {
    pos++; // opening quote
    StringBuilder sb = null;
    int start = pos;
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        String s = sb == null ? text.substring(start, pos) : sb.append(text, start, pos).toString();
        pos++;
        return s;
      }
      if (c < 0x20) {
        throw error("control character in string");
      }
      if (c != '\\') {
        pos++;
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder();
      }
      sb.append(text, start, pos);
      pos++;
      char e = next();
      switch (e) {
        case '"':
        case '\\':
        case '/':
          sb.append(e);
          break;
        case 'b':
          sb.append('\b');
          break;
        case 'f':
          sb.append('\f');
          break;
        case 'n':
          sb.append('\n');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 't':
          sb.append('\t');
          break;
        case 'u':
          if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
          }
          int cp = 0;
          for (int k = 0; k < 4; k++) {
            int d = Character.digit(text.charAt(pos + k), 16);
            if (d < 0) {
              throw error("bad \\u escape");
            }
            cp = cp * 16 + d;
          }
          pos += 4;
          sb.append((char) cp);
          break;
        default:
          throw error("bad escape");
      }
      start = pos;
    }
  }

  private Num number() throws JsonException {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("bad number");
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw error("bad number fraction");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("bad number exponent");
      }
      digits();
    }
    return new Num(text.substring(start, pos));
  }

  private void digits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private void literal(String word) throws JsonException {
    if (!text.startsWith(word, pos)) {
      throw error("unexpected character");
    }
    pos += word.length();
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private char next() throws JsonException {
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    return text.charAt(pos++);
  }

  private void expect(char c) throws JsonException {
    if (next() != c) {
      pos--;
      throw error("expected '" + c + "'");
    }
  }

  private void skipWs() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private JsonException error(String what) {
    return new JsonException(what + " at offset " + pos);
  }

  /**
   * Appends {@code s} as a JSON string literal. Characters below U+0020, {@code "} and {@code \} are
   * escaped; everything else is written as it is (the body is UTF-8). A lone surrogate is written as a
   * {@code \}{@code u} escape, which is valid JSON; callers that must not send one refuse it earlier.
   *
   * @param sb where to append
   * @param s the string
   */
  public static void writeString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20 || Character.isSurrogate(c) && !pairedAt(s, i)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  /** Whether the surrogate at {@code i} is half of a valid pair. */
  static boolean pairedAt(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
