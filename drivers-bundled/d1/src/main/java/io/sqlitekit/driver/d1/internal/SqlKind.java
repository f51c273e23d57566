package io.sqlitekit.driver.d1.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Internal, not API, may change. Tells reading statements from writing ones by their leading keyword, the
 * same rule the D1 client uses for its retries: {@code SELECT}, {@code VALUES}, {@code EXPLAIN}, a
 * {@code WITH} without a data-changing keyword, and a {@code PRAGMA} without {@code =} read; everything else
 * writes. Conservative on purpose: a statement it cannot classify counts as a write.
 */
final class SqlKind {
  private static final Pattern WRITE_WORD = Pattern.compile("\\b(INSERT|UPDATE|DELETE|REPLACE)\\b");
  private static final Pattern WRITE_START = Pattern.compile("(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER"
      + "|REINDEX|VACUUM|ANALYZE|BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|ATTACH|DETACH)\\b");
  private static final Pattern PLAIN_INSERT = Pattern.compile(
      "INSERT\\s+INTO\\s+[^;]*?\\bVALUES\\s*\\([^;]*\\)\\s*;?\\s*", Pattern.DOTALL);

  private SqlKind() {
  }

  /**
   * Returns whether a statement only reads.
   *
   * @param sql one statement
   * @return true for a read
   */
  static boolean isRead(String sql) {
    String t = strip(sql).toUpperCase(Locale.ROOT);
    if (t.startsWith("SELECT") || t.startsWith("VALUES") || t.startsWith("EXPLAIN")) {
      return true;
    }
    if (t.startsWith("WITH")) {
      return !WRITE_WORD.matcher(t).find();
    }
    return t.startsWith("PRAGMA") && t.indexOf('=') < 0;
  }

  /**
   * Returns whether a statement certainly writes: it starts with a data-changing, schema or transaction keyword,
   * is a {@code WITH} that changes data, or a {@code PRAGMA} that sets a value. A read session refuses these; a
   * text that fits neither this nor {@link #isRead} (a typo) goes to D1, which answers with its own error.
   *
   * @param sql one statement
   * @return true for a certain write
   */
  static boolean isKnownWrite(String sql) {
    String t = strip(sql).toUpperCase(Locale.ROOT);
    if (t.startsWith("WITH")) {
      return WRITE_WORD.matcher(t).find();
    }
    if (t.startsWith("PRAGMA")) {
      return t.indexOf('=') >= 0;
    }
    return WRITE_START.matcher(t).lookingAt();
  }

  /**
   * Returns whether a statement is a plain one-row {@code INSERT INTO … VALUES (…)} (no {@code OR} clause, no
   * upsert, no {@code RETURNING}, no second row), which changes exactly one row when it succeeds.
   *
   * @param sql one statement
   * @return true for such an insert
   */
  static boolean isPlainInsert(String sql) {
    String t = strip(sql).toUpperCase(Locale.ROOT);
    return PLAIN_INSERT.matcher(t).matches() && !t.contains(" ON CONFLICT") && !t.contains("RETURNING")
        && !t.contains("),") && !t.contains(") ,") && !t.contains("SELECT");
  }

  /** Drops leading white space and comments. */
  private static String strip(String sql) {
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int e = sql.indexOf('\n', i);
        i = e < 0 ? n : e + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int e = sql.indexOf("*/", i + 2);
        i = e < 0 ? n : e + 2;
      } else {
        break;
      }
    }
    return sql.substring(i);
  }
}
