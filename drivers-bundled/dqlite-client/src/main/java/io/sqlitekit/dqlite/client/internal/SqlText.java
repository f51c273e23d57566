package io.sqlitekit.dqlite.client.internal;

import java.util.Locale;

/**
 * Internal, not API, may change: counts the statements in SQL text with SQLite's lexical rules.
 *
 * <p>Why: dqlite's {@code PREPARE} and {@code QUERY_SQL} compile only the first statement and drop the
 * rest without a word, and {@code EXEC_SQL} binds parameters to the first statement only. The connection
 * uses this count to send several statements through {@code EXEC_SQL} and to refuse parameters or a query
 * that would silently lose statements.
 *
 * <p>Rules: string literals ({@code '…'}), quoted identifiers ({@code "…"}, {@code `…`}, {@code […]}) and
 * comments ({@code --}, {@code /* *\/}) hide semicolons. Inside {@code CREATE [TEMP] TRIGGER}, semicolons
 * between {@code BEGIN} and the matching {@code END} belong to the trigger ({@code CASE … END} nests).
 */
public final class SqlText {
  private SqlText() {}

  /**
   * Counts the non-empty statements in {@code sql}.
   *
   * @param sql the SQL text
   * @return 0 for text with nothing but whitespace, comments and semicolons; otherwise the statement count
   */
  public static int statementCount(String sql) {
    int count = 0;
    boolean inStatement = false;
    int tokenIndex = 0;
    boolean trigger = false;
    boolean sawTemp = false;
    int depth = 0;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
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
        i = end < 0 ? n : end + 2;
        continue;
      }
      if (c == ';') {
        if (depth == 0) {
          inStatement = false;
          tokenIndex = 0;
          trigger = false;
          sawTemp = false;
        }
        i++;
        continue;
      }
      if (!inStatement) {
        inStatement = true;
        count++;
      }
      if (c == '\'' || c == '"' || c == '`') {
        i = skipQuoted(sql, i, c);
        tokenIndex++;
        continue;
      }
      if (c == '[') {
        int end = sql.indexOf(']', i + 1);
        i = end < 0 ? n : end + 1;
        tokenIndex++;
        continue;
      }
      if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
            || sql.charAt(i) == '$')) {
          i++;
        }
        String word = sql.substring(start, i).toUpperCase(Locale.ROOT);
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
        tokenIndex++;
        continue;
      }
      i++;
      tokenIndex++;
    }
    return count;
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
    return n;
  }
}
