package io.sqlitekit.query.internal;

import io.sqlitekit.spi.error.QueryParseException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Internal, not API, may change. Splits a raw {@code application/x-www-form-urlencoded} query string into
 * parameters, strictly: {@code +} is a space, {@code %XX} a byte, the bytes must be UTF-8, and a broken
 * escape is an error rather than being passed through (which {@link java.net.URLDecoder} would do for bad
 * UTF-8).
 */
public final class QueryStrings {
  private QueryStrings() {
  }

  /**
   * Decodes a raw query string into parameters.
   *
   * @param raw the query string, with or without a leading {@code ?}
   * @return decoded names to their values, names in first-seen order, values in arrival order
   * @throws QueryParseException if a name or value is not valid percent-encoded UTF-8
   */
  public static Map<String, List<String>> decode(String raw) {
    String s = raw.startsWith("?") ? raw.substring(1) : raw;
    Map<String, List<String>> out = new LinkedHashMap<>();
    int start = 0;
    while (start <= s.length()) {
      int end = s.indexOf('&', start);
      if (end < 0) {
        end = s.length();
      }
      if (end > start) {
        String segment = s.substring(start, end);
        int eq = segment.indexOf('=');
        String rawName = eq < 0 ? segment : segment.substring(0, eq);
        String name = component(rawName, rawName);
        String value = eq < 0 ? "" : component(segment.substring(eq + 1), name);
        out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
      }
      start = end + 1;
    }
    return out;
  }

  private static String component(String text, String parameter) {
    if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
      return requireWellFormed(text, parameter);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '%') {
        int hi = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw new QueryParseException(Names.display(parameter),
              "parameter " + Names.quote(parameter) + " has a '%' that is not followed by two hexadecimal digits");
        }
        bytes.write(hi << 4 | lo);
        i += 3;
      } else if (c == '+') {
        bytes.write(' ');
        i++;
      } else {
        int j = i;
        while (j < text.length() && text.charAt(j) != '%' && text.charAt(j) != '+') {
          j++;
        }
        bytes.writeBytes(requireWellFormed(text.substring(i, j), parameter).getBytes(StandardCharsets.UTF_8));
        i = j;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new QueryParseException(Names.display(parameter),
          "parameter " + Names.quote(parameter) + " is not valid UTF-8 after percent-decoding");
    }
  }

  /** Rejects lone surrogates, which cannot be encoded and would otherwise turn into '?' silently. */
  private static String requireWellFormed(String text, String parameter) {
    try {
      StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
      return text;
    } catch (CharacterCodingException e) {
      throw new QueryParseException(Names.display(parameter),
          "parameter " + Names.quote(parameter) + " contains an unpaired surrogate");
    }
  }
}
