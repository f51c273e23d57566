package io.sqlitekit.spi.error;

/**
 * Makes caller-supplied text (field, sort and projection names, table names from cursors, option names and
 * values, ids) safe to echo in an error message: every kit module formats such text through here, so a
 * hostile name can neither forge log lines nor inject markup into a page that renders the message unescaped.
 *
 * <p>{@link #quote} wraps the text in double quotes and escapes, inside them, {@code "} and the backslash with
 * a backslash, and replaces every character that could change how the message is displayed by a six-character
 * escape (backslash, {@code u}, four hex digits): C0 and C1 controls (CR, LF, ESC, NEL, …), format characters
 * (bidi embeddings, overrides and isolates, zero-width characters, BOM), U+2028/U+2029 and unpaired
 * surrogates. Text longer than {@value #MAX_CHARS} characters is cut there and marked with {@code ...} and its
 * full length. Angle brackets and ampersands are kept: they are harmless in logs, and a page must escape
 * messages like any other text.
 *
 * <pre>
 * Messages.quote("age")                  returns  "age"
 * Messages.quote("a" + '\n' + "b")       returns  "a&#92;u000ab"
 * Messages.quote("x".repeat(10_000))     returns  "xx…x..." (10000 chars), with 64 x
 * </pre>
 *
 * @since 0.1.0
 */
public final class Messages {
  /** The number of characters of a caller-supplied text that a message shows. */
  public static final int MAX_CHARS = 64;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Messages() {
  }

  /**
   * Returns the text double-quoted, escaped and truncated for an error message.
   *
   * @param text the caller-supplied text, possibly null
   * @return the quoted text, or {@code null} (unquoted) when {@code text} is null
   */
  public static String quote(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 24).append('"');
    boolean cut = append(sb, text, true);
    sb.append('"');
    if (cut) {
      sb.append(" (").append(text.length()).append(" chars)");
    }
    return sb.toString();
  }

  /**
   * Returns the text escaped and truncated like {@link #quote} but without the surrounding quotes and without
   * escaping quotes; for places that hold a name on its own, such as the path of an
   * {@link ErrorDetail}.
   *
   * @param text the caller-supplied text, possibly null
   * @return the cleaned text, or null when {@code text} is null
   */
  public static String sanitize(String text) {
    if (text == null) {
      return null;
    }
    if (text.length() <= MAX_CHARS && safe(text)) {
      return text;
    }
    StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 8);
    append(sb, text, false);
    return sb.toString();
  }

  private static boolean safe(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (unsafe(text, i) || text.charAt(i) == '\\') {
        return false;
      }
    }
    return true;
  }

  /** Appends the escaped first {@link #MAX_CHARS} characters; returns whether the text was cut. */
  private static boolean append(StringBuilder sb, String text, boolean escapeQuotes) {
    int end = Math.min(text.length(), MAX_CHARS);
    if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))
        && Character.isLowSurrogate(text.charAt(end))) {
      // Never split a pair: half of it would itself be escaped as an unpaired surrogate.
      end--;
    }
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (escapeQuotes && (c == '"' || c == '\\')) {
        sb.append('\\').append(c);
      } else if (!escapeQuotes && c == '\\') {
        sb.append("\\\\");
      } else if (unsafe(text, i)) {
        sb.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
            .append(HEX[c & 0xf]);
      } else {
        sb.append(c);
      }
    }
    boolean cut = end < text.length();
    if (cut) {
      sb.append("...");
    }
    return cut;
  }

  private static boolean unsafe(String text, int i) {
    char c = text.charAt(i);
    if (c >= 0x20 && c < 0x7f) {
      return false;
    }
    switch (Character.getType(c)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
        return true;
      case Character.SURROGATE:
        if (Character.isHighSurrogate(c)) {
          return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
      default:
        return false;
    }
  }
}
