package io.sqlitekit.d1.client.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Internal, not API, may change: a one-pass scan of SQL text with SQLite's lexical rules that finds the
 * parameter placeholders, counts the statements and tells a read from a write.
 *
 * <p>Why: D1's HTTP API takes parameters as strings only, so the client writes every non-string value into
 * the text as a literal and must know exactly where each {@code ?} is; D1 binds NULL to a placeholder it
 * got no value for, so the count must be checked before sending; a multi-statement text accepts
 * parameters on its last statement only; and only reads may be retried.
 *
 * <p>Rules: string literals ({@code '…'}), quoted identifiers ({@code "…"}, {@code `…`}, {@code […]}) and
 * comments ({@code --}, {@code /* *\/}) hide everything. {@code ?} takes the next number after the largest
 * so far, {@code ?NNN} takes NNN (SQLite's numbering). Inside {@code CREATE [TEMP] TRIGGER}, semicolons
 * between {@code BEGIN} and the matching {@code END} belong to the trigger ({@code CASE … END} nests).
 */
public final class SqlText {
  /** SQLite's default SQLITE_MAX_VARIABLE_NUMBER; a larger ?NNN is a syntax error there anyway. */
  static final int MAX_PARAMETER_NUMBER = 32766;

  private SqlText() {}

  /**
   * One placeholder: the characters {@code [start, end)} of the text and the parameter number (1-based).
   *
   * @param start offset of the {@code ?}
   * @param end offset just after the placeholder
   * @param number the 1-based parameter number it refers to
   */
  public record Placeholder(int start, int end, int number) {}

  /**
   * What a scan found.
   *
   * @param placeholders every placeholder in text order
   * @param parameterCount the largest parameter number used, 0 without placeholders
   * @param statementCount the non-empty statements, 0 for text with only whitespace, comments and semicolons
   * @param readOnly true when the text is exactly one statement that cannot write: {@code SELECT},
   *     {@code VALUES}, {@code EXPLAIN}, or {@code WITH} without INSERT/UPDATE/DELETE/REPLACE
   * @param openBlockComment true when the text ends inside a {@code /*} comment (SQLite accepts that, but
   *     text appended after it would vanish into the comment)
   * @param endOfLastStatement offset just after the last character of the last statement, before trailing
   *     semicolons, whitespace and comments
   */
  public record Scan(List<Placeholder> placeholders, int parameterCount, int statementCount, boolean readOnly,
      boolean openBlockComment, int endOfLastStatement) {}

  /**
   * Scans {@code sql}.
   *
   * @param sql the SQL text
   * @return what it contains
   * @throws IllegalArgumentException for an unterminated string literal or quoted identifier, a named
   *     parameter ({@code :name}, {@code @name}, {@code $name}: this client binds by position only) or a
   *     {@code ?NNN} out of SQLite's range
   */
  public static Scan scan(String sql) {
    List<Placeholder> placeholders = new ArrayList<>();
    int maxNumber = 0;
    int statements = 0;
    boolean inStatement = false;
    int tokenIndex = 0;
    boolean trigger = false;
    boolean sawTemp = false;
    int depth = 0;
    String firstWord = null;
    boolean writesInside = false;
    boolean openComment = false;
    int lastEnd = 0;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
        i++;
        continue;
      }
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? n : eol + 1;
        continue;
      }
      if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        if (end < 0) {
          openComment = true;
          i = n;
        } else {
          i = end + 2;
        }
        continue;
      }
      if (c == ';') {
        if (depth == 0) {
          inStatement = false;
          tokenIndex = 0;
          trigger = false;
          sawTemp = false;
        } else {
          lastEnd = i + 1;
        }
        i++;
        continue;
      }
      if (!inStatement) {
        inStatement = true;
        statements++;
        firstWord = null;
        writesInside = false;
      }
      int start = i;
      if (c == '\'' || c == '"' || c == '`') {
        i = skipQuoted(sql, i, c);
      } else if (c == '[') {
        int end = sql.indexOf(']', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated [identifier] starting at offset " + i);
        }
        i = end + 1;
      } else if (c == '?') {
        i++;
        int digitsStart = i;
        while (i < n && isAsciiDigit(sql.charAt(i))) {
          i++;
        }
        int number;
        if (i == digitsStart) {
          number = maxNumber + 1;
        } else {
          number = parseNumber(sql, digitsStart, i);
        }
        maxNumber = Math.max(maxNumber, number);
        placeholders.add(new Placeholder(start, i, number));
      } else if ((c == ':' || c == '@' || c == '$') && i + 1 < n && isIdChar(sql.charAt(i + 1))) {
        throw new IllegalArgumentException("named parameter at offset " + i
            + ": this client binds by position only, use ? or ?NNN");
      } else if (isIdStart(c)) {
        while (i < n && isIdChar(sql.charAt(i))) {
          i++;
        }
        String word = sql.substring(start, i).toUpperCase(Locale.ROOT);
        if (firstWord == null) {
          firstWord = word;
        }
        if (word.equals("INSERT") || word.equals("UPDATE") || word.equals("DELETE")
            || word.equals("REPLACE")) {
          writesInside = true;
        }
        if (tokenIndex == 1 || (tokenIndex == 2 && sawTemp)) {
          if (word.equals("TRIGGER")) {
            trigger = true;
          } else if (tokenIndex == 1 && (word.equals("TEMP") || word.equals("TEMPORARY"))) {
            sawTemp = true;
          }
        }
        if (tokenIndex == 0 && !word.equals("CREATE")) {
          tokenIndex = 100; // not a CREATE: no trigger detection needed
        }
        if (trigger) {
          if (word.equals("BEGIN") || word.equals("CASE")) {
            depth++;
          } else if (word.equals("END") && depth > 0) {
            depth--;
          }
        }
      } else if (isAsciiDigit(c)) {
        while (i < n && (isIdChar(sql.charAt(i)) || sql.charAt(i) == '.')) {
          i++;
        }
      } else {
        i++;
      }
      if (firstWord == null) {
        firstWord = "";
      }
      tokenIndex++;
      lastEnd = i;
    }
    boolean readOnly = statements == 1 && firstWord != null && (firstWord.equals("SELECT")
        || firstWord.equals("VALUES") || firstWord.equals("EXPLAIN")
        || firstWord.equals("WITH") && !writesInside);
    return new Scan(List.copyOf(placeholders), maxNumber, statements, readOnly, openComment, lastEnd);
  }

  private static int parseNumber(String sql, int from, int to) {
    if (to - from > 5) {
      throw new IllegalArgumentException("parameter number at offset " + (from - 1) + " is out of range 1.."
          + MAX_PARAMETER_NUMBER);
    }
    int v = Integer.parseInt(sql.substring(from, to));
    if (v < 1 || v > MAX_PARAMETER_NUMBER) {
      throw new IllegalArgumentException("parameter number at offset " + (from - 1) + " is out of range 1.."
          + MAX_PARAMETER_NUMBER);
    }
    return v;
  }

  private static int skipQuoted(String sql, int i, char quote) {
    int j = i + 1;
    int n = sql.length();
    while (j < n) {
      if (sql.charAt(j) == quote) {
        if (j + 1 < n && sql.charAt(j + 1) == quote) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    throw new IllegalArgumentException((quote == '\'' ? "unterminated string literal" : "unterminated quoted "
        + "identifier") + " starting at offset " + i);
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** SQLite's identifier start: ASCII letters, underscore, and every character above U+007F. */
  private static boolean isIdStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c > 0x7F;
  }

  /** SQLite's identifier characters: the start set plus digits and {@code $}. */
  private static boolean isIdChar(char c) {
    return isIdStart(c) || isAsciiDigit(c) || c == '$';
  }
}
