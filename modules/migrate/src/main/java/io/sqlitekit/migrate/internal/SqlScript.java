package io.sqlitekit.migrate.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Internal, not API, may change. Splits an SQL script into single statements.
 *
 * <p>Why split at all: executing statement by statement lets a failure name the statement that failed
 * (index and first line), which a single multi-statement exec cannot do.
 *
 * <p>Splitting: a {@code ;} ends a statement unless it is inside a string, a quoted identifier, a
 * comment, or the body of {@code CREATE [TEMP] TRIGGER ... BEGIN ... END}. The trigger rule is the
 * state machine of SQLite's own {@code sqlite3_complete()}, so a script splits exactly where the SQLite
 * shell would execute it. Statements consisting only of comments and whitespace are dropped. drizzle-kit
 * scripts are first cut at every {@code --> statement-breakpoint} marker, as drizzle's own migrator does.
 */
public final class SqlScript {
  /** The marker drizzle-kit writes between statements. */
  public static final String DRIZZLE_BREAKPOINT = "--> statement-breakpoint";

  private static final int TK_SEMI = 0;
  private static final int TK_WS = 1;
  private static final int TK_OTHER = 2;
  private static final int TK_EXPLAIN = 3;
  private static final int TK_CREATE = 4;
  private static final int TK_TEMP = 5;
  private static final int TK_TRIGGER = 6;
  private static final int TK_END = 7;

  // sqlite3_complete() transitions: [state][token]; state 1 = at the start of a statement.
  private static final int[][] TRANS = {
      {1, 0, 2, 3, 4, 2, 2, 2},
      {1, 1, 2, 3, 4, 2, 2, 2},
      {1, 2, 2, 2, 2, 2, 2, 2},
      {1, 3, 3, 2, 4, 2, 2, 2},
      {1, 4, 2, 2, 2, 4, 5, 2},
      {6, 5, 5, 5, 5, 5, 5, 5},
      {6, 6, 5, 5, 5, 5, 5, 7},
      {1, 7, 5, 5, 5, 5, 5, 5},
  };

  /**
   * One statement of a script.
   *
   * @param sql the statement text, including its terminating semicolon when it had one
   * @param line the 1-based line in the script where the statement's first token starts
   */
  public record Statement(String sql, int line) {
    /**
     * Returns the statement's first line, shortened to 120 characters, for error messages.
     *
     * @return the first non-blank line of the statement text
     */
    public String firstLine() {
      String s = sql.strip();
      int nl = s.indexOf('\n');
      String first = (nl < 0 ? s : s.substring(0, nl)).strip();
      return first.length() > 120 ? first.substring(0, 117) + "..." : first;
    }
  }

  private SqlScript() {}

  /**
   * Splits a script.
   *
   * @param script the SQL text
   * @param drizzleBreakpoints whether to cut at {@link #DRIZZLE_BREAKPOINT} markers first
   * @return the statements in order, possibly empty
   */
  public static List<Statement> split(String script, boolean drizzleBreakpoints) {
    Objects.requireNonNull(script, "script");
    List<Statement> out = new ArrayList<>();
    if (!drizzleBreakpoints) {
      splitChunk(script, 0, 1, out);
      return out;
    }
    int from = 0;
    int line = 1;
    while (true) {
      int at = script.indexOf(DRIZZLE_BREAKPOINT, from);
      int end = at < 0 ? script.length() : at;
      splitChunk(script.substring(from, end), 0, line, out);
      if (at < 0) {
        return out;
      }
      line += countLines(script, from, at + DRIZZLE_BREAKPOINT.length());
      from = at + DRIZZLE_BREAKPOINT.length();
    }
  }

  private static int countLines(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  private static void splitChunk(String s, int offset, int firstLine, List<Statement> out) {
    int state = 0;
    int start = offset;
    int contentStart = -1;
    int i = offset;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      int token;
      int next;
      if (Character.isWhitespace(c)) {
        token = TK_WS;
        next = i + 1;
      } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
        int eol = s.indexOf('\n', i);
        next = eol < 0 ? n : eol + 1;
        token = TK_WS;
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int close = s.indexOf("*/", i + 2);
        next = close < 0 ? n : close + 2;
        token = TK_WS;
      } else if (c == '\'' || c == '"' || c == '`') {
        next = skipQuoted(s, i, c);
        token = TK_OTHER;
      } else if (c == '[') {
        int close = s.indexOf(']', i + 1);
        next = close < 0 ? n : close + 1;
        token = TK_OTHER;
      } else if (c == ';') {
        token = TK_SEMI;
        next = i + 1;
      } else if (isIdentifierChar(c)) {
        next = i + 1;
        while (next < n && isIdentifierChar(s.charAt(next))) {
          next++;
        }
        token = keyword(s.substring(i, next));
      } else {
        token = TK_OTHER;
        next = i + 1;
      }
      if (token != TK_WS && token != TK_SEMI && contentStart < 0) {
        contentStart = i;
      }
      state = TRANS[state][token];
      if (token == TK_SEMI && state == 1) {
        if (contentStart >= 0) {
          out.add(new Statement(s.substring(contentStart, next), firstLine + countLines(s, 0, contentStart)));
        }
        start = next;
        contentStart = -1;
      }
      i = next;
    }
    if (contentStart >= 0 && start < n) {
      out.add(new Statement(s.substring(contentStart, n).strip(), firstLine + countLines(s, 0, contentStart)));
    }
  }

  private static int skipQuoted(String s, int i, char quote) {
    int j = i + 1;
    while (j < s.length()) {
      if (s.charAt(j) == quote) {
        if (j + 1 < s.length() && s.charAt(j + 1) == quote) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return s.length();
  }

  private static boolean isIdentifierChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 0x7f;
  }

  private static int keyword(String word) {
    switch (word.toUpperCase(Locale.ROOT)) {
      case "CREATE":
        return TK_CREATE;
      case "TEMP":
      case "TEMPORARY":
        return TK_TEMP;
      case "TRIGGER":
        return TK_TRIGGER;
      case "END":
        return TK_END;
      case "EXPLAIN":
        return TK_EXPLAIN;
      default:
        return TK_OTHER;
    }
  }
}
