package io.sqlitekit.core.internal.render;

import io.sqlitekit.spi.error.ValidationException;
import java.util.Locale;

/**
 * Internal, not API, may change. Checks that a raw filter fragment is one self-contained expression before
 * it is wrapped in parentheses and AND-ed with the predicates that plugins add (tenant, soft-delete, TTL).
 *
 * <p>The scanner follows SQLite's lexical rules for what can hide text from the parser: string and blob
 * literals ({@code '…'} with {@code ''} escapes), quoted identifiers ({@code "…"}, {@code `…`},
 * {@code [ … ]}) and comments. Outside those it refuses every token that lets a fragment reach past its own
 * parentheses: a {@code )} that closes more than the fragment opened, an unclosed {@code (}, a {@code ;},
 * a comment (which could swallow the closing parenthesis and the scope predicate after it) and an
 * unterminated literal or identifier. Numbered and named parameters ({@code ?1}, {@code :x}, {@code @x},
 * {@code $x}) are refused because they renumber the positional parameters that follow the fragment, which
 * are the scope predicates' values. A subquery ({@code SELECT}) reads its table without any plugin's scope,
 * so it is refused unless the kit allows it explicitly.
 *
 * <p>Messages give offsets, never the fragment's text: the text is caller input and may hold anything.
 */
public final class RawSqlScanner {
  private RawSqlScanner() {
  }

  /**
   * Validates a raw fragment and counts its positional {@code ?} placeholders.
   *
   * @param sql the fragment
   * @param table the table name, for messages
   * @param allowSubqueries whether a {@code SELECT} keyword may appear outside literals
   * @return the number of {@code ?} placeholders outside literals, identifiers and comments
   * @throws ValidationException if the fragment could escape its parentheses or renumber parameters
   */
  public static int validate(String sql, String table, boolean allowSubqueries) {
    int placeholders = 0;
    int depth = 0;
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      switch (c) {
        case '\'':
        case '"':
        case '`':
          i = skipQuoted(sql, i, c, table);
          continue;
        case '[':
          i = skipBracketed(sql, i, table);
          continue;
        case '(':
          depth++;
          break;
        case ')':
          if (--depth < 0) {
            throw refuse(table, i, "closes a parenthesis it did not open");
          }
          break;
        case ';':
          throw refuse(table, i, "contains a statement separator ';'");
        case '-':
          if (i + 1 < n && sql.charAt(i + 1) == '-') {
            throw refuse(table, i, "contains a comment '--'");
          }
          break;
        case '/':
          if (i + 1 < n && sql.charAt(i + 1) == '*') {
            throw refuse(table, i, "contains a comment '/*'");
          }
          break;
        case '?':
          if (i + 1 < n && isDigit(sql.charAt(i + 1))) {
            throw refuse(table, i, "uses a numbered parameter; use plain '?' placeholders");
          }
          placeholders++;
          break;
        case ':':
        case '@':
        case '$':
          throw refuse(table, i, "uses a named parameter; use plain '?' placeholders");
        default:
          if (isWordStart(c)) {
            int end = wordEnd(sql, i);
            if (!allowSubqueries && end - i == 6 && sql.regionMatches(true, i, "select", 0, 6)) {
              throw refuse(table, i, "contains a subquery (SELECT), which would read rows outside the scope "
                  + "that plugins add; allow it with SqliteKit.builder().allowRawSubqueries(true)");
            }
            i = end;
            continue;
          }
          break;
      }
      i++;
    }
    if (depth != 0) {
      throw refuse(table, n, "leaves " + depth + " parenthesis(es) open");
    }
    return placeholders;
  }

  /** A quoted literal or identifier; a doubled quote character is an escaped one. */
  private static int skipQuoted(String sql, int start, char quote, String table) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    throw refuse(table, start, "has an unterminated " + (quote == '\'' ? "string literal" : "quoted identifier"));
  }

  /** SQLite's MS-style {@code [identifier]}: no escapes, ends at the first {@code ]}. */
  private static int skipBracketed(String sql, int start, String table) {
    int end = sql.indexOf(']', start + 1);
    if (end < 0) {
      throw refuse(table, start, "has an unterminated [identifier]");
    }
    return end + 1;
  }

  /**
   * SQLite's identifier characters: letters, digits, {@code _}, {@code $} after the first character, and
   * every non-ASCII character. Consuming whole words keeps {@code a$b} from reading as a parameter and
   * {@code selected} from reading as {@code SELECT}.
   */
  private static int wordEnd(String sql, int start) {
    int i = start + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (!(isWordStart(c) || isDigit(c) || c == '$')) {
        break;
      }
      i++;
    }
    return i;
  }

  private static boolean isWordStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static ValidationException refuse(String table, int offset, String problem) {
    return new ValidationException(String.format(Locale.ROOT,
        "raw filter on table \"%s\" %s (at offset %d); a raw filter must be one self-contained boolean "
            + "expression with '?' placeholders for its values", table, problem, offset));
  }
}
