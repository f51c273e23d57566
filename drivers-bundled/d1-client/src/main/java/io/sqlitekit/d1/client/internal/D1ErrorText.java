package io.sqlitekit.d1.client.internal;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Internal, not API, may change: reads D1's error strings.
 *
 * <p>D1 reports a failed statement as text only, for example (all measured on the local D1):
 * <pre>
 * D1_ERROR: UNIQUE constraint failed: t.u: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_UNIQUE)
 * D1_ERROR: near "SELEC": syntax error at offset 0: SQLITE_ERROR
 * D1_ERROR: no such table: nope: SQLITE_ERROR
 * D1_ERROR: To execute a transaction, please use the state.storage.transaction() … APIs instead of …
 * </pre>
 * This class pulls the SQLite result code names out of such text and turns them into numbers, and
 * recognises the transient failures Cloudflare documents as worth a retry.
 */
public final class D1ErrorText {
  private static final Pattern CODE = Pattern.compile("\\bSQLITE_[A-Z]+(?:_[A-Z]+)*\\b");
  private static final Pattern EXTENDED = Pattern.compile("\\(extended: (SQLITE_[A-Z]+(?:_[A-Z]+)*)\\)");
  private static final Pattern D1_PREFIX = Pattern.compile("^(D1_[A-Z_]+):\\s*");
  /** The trailing ": SQLITE_X (extended: SQLITE_X_Y)" D1 appends, removed from the human message. */
  private static final Pattern TRAILER =
      Pattern.compile(":\\s*SQLITE_[A-Z_]+(?:\\s*\\(extended: SQLITE_[A-Z_]+\\))?\\s*$");

  private static final Map<String, Integer> PRIMARY = Map.ofEntries(
      Map.entry("SQLITE_ERROR", 1), Map.entry("SQLITE_INTERNAL", 2), Map.entry("SQLITE_PERM", 3),
      Map.entry("SQLITE_ABORT", 4), Map.entry("SQLITE_BUSY", 5), Map.entry("SQLITE_LOCKED", 6),
      Map.entry("SQLITE_NOMEM", 7), Map.entry("SQLITE_READONLY", 8), Map.entry("SQLITE_INTERRUPT", 9),
      Map.entry("SQLITE_IOERR", 10), Map.entry("SQLITE_CORRUPT", 11), Map.entry("SQLITE_NOTFOUND", 12),
      Map.entry("SQLITE_FULL", 13), Map.entry("SQLITE_CANTOPEN", 14), Map.entry("SQLITE_PROTOCOL", 15),
      Map.entry("SQLITE_EMPTY", 16), Map.entry("SQLITE_SCHEMA", 17), Map.entry("SQLITE_TOOBIG", 18),
      Map.entry("SQLITE_CONSTRAINT", 19), Map.entry("SQLITE_MISMATCH", 20), Map.entry("SQLITE_MISUSE", 21),
      Map.entry("SQLITE_NOLFS", 22), Map.entry("SQLITE_AUTH", 23), Map.entry("SQLITE_FORMAT", 24),
      Map.entry("SQLITE_RANGE", 25), Map.entry("SQLITE_NOTADB", 26), Map.entry("SQLITE_NOTICE", 27),
      Map.entry("SQLITE_WARNING", 28));

  /** Extended codes (primary | n << 8) from sqlite3.h that a statement on D1 can plausibly produce. */
  private static final Map<String, Integer> EXTENDED_CODES = Map.ofEntries(
      Map.entry("SQLITE_ERROR_MISSING_COLLSEQ", 257), Map.entry("SQLITE_ERROR_RETRY", 513),
      Map.entry("SQLITE_ERROR_SNAPSHOT", 769), Map.entry("SQLITE_ABORT_ROLLBACK", 516),
      Map.entry("SQLITE_BUSY_RECOVERY", 261), Map.entry("SQLITE_BUSY_SNAPSHOT", 517),
      Map.entry("SQLITE_BUSY_TIMEOUT", 773), Map.entry("SQLITE_LOCKED_SHAREDCACHE", 262),
      Map.entry("SQLITE_LOCKED_VTAB", 518), Map.entry("SQLITE_READONLY_RECOVERY", 264),
      Map.entry("SQLITE_READONLY_CANTLOCK", 520), Map.entry("SQLITE_READONLY_ROLLBACK", 776),
      Map.entry("SQLITE_READONLY_DBMOVED", 1032), Map.entry("SQLITE_READONLY_CANTINIT", 1288),
      Map.entry("SQLITE_READONLY_DIRECTORY", 1544), Map.entry("SQLITE_CORRUPT_VTAB", 267),
      Map.entry("SQLITE_CORRUPT_SEQUENCE", 523), Map.entry("SQLITE_CORRUPT_INDEX", 779),
      Map.entry("SQLITE_AUTH_USER", 279),
      Map.entry("SQLITE_CONSTRAINT_CHECK", 275), Map.entry("SQLITE_CONSTRAINT_COMMITHOOK", 531),
      Map.entry("SQLITE_CONSTRAINT_FOREIGNKEY", 787), Map.entry("SQLITE_CONSTRAINT_FUNCTION", 1043),
      Map.entry("SQLITE_CONSTRAINT_NOTNULL", 1299), Map.entry("SQLITE_CONSTRAINT_PRIMARYKEY", 1555),
      Map.entry("SQLITE_CONSTRAINT_TRIGGER", 1811), Map.entry("SQLITE_CONSTRAINT_UNIQUE", 2067),
      Map.entry("SQLITE_CONSTRAINT_VTAB", 2323), Map.entry("SQLITE_CONSTRAINT_ROWID", 2579),
      Map.entry("SQLITE_CONSTRAINT_PINNED", 2835), Map.entry("SQLITE_CONSTRAINT_DATATYPE", 3091));

  /**
   * Failures Cloudflare's D1 documentation lists as transient ("retry the query"), matched in lower case.
   * None of them carries an SQLite code. Not observed on the local D1; covered by the fake-server tests.
   */
  private static final String[] TRANSIENT = {
    "network connection lost",
    "caused object to be reset",
    "reset because its code was updated",
    "d1 db is overloaded",
    "due to transient issue",
    "because client disconnected",
  };

  private D1ErrorText() {}

  /**
   * What an error string says.
   *
   * @param d1Prefix the {@code D1_…} tag it started with, or null
   * @param primaryName e.g. {@code SQLITE_CONSTRAINT}, or null when the text names no code
   * @param extendedName e.g. {@code SQLITE_CONSTRAINT_UNIQUE}, or null
   * @param primaryCode the primary result code, or -1
   * @param extendedCode the extended result code, the primary one when D1 named no extended code, or -1
   * @param message the text without the {@code D1_…:} tag and the trailing code names
   * @param transientFailure true for a failure Cloudflare documents as transient
   */
  public record Parsed(String d1Prefix, String primaryName, String extendedName, int primaryCode,
      int extendedCode, String message, boolean transientFailure) {
    /**
     * Whether the text is a definite answer about the statement (the database ran it and said no), as
     * opposed to a failure somewhere on the way.
     *
     * @return true when it names an SQLite code or carries a {@code D1_…} tag and is not transient
     */
    public boolean definite() {
      return !transientFailure && (primaryCode >= 0 || d1Prefix != null);
    }
  }

  /**
   * Parses one error string.
   *
   * @param text the message from D1's {@code errors[].message}
   * @return the parts
   */
  public static Parsed parse(String text) {
    String message = text.trim();
    String prefix = null;
    Matcher p = D1_PREFIX.matcher(message);
    if (p.find()) {
      prefix = p.group(1);
      message = message.substring(p.end());
    }
    String extendedName = null;
    Matcher x = EXTENDED.matcher(text);
    if (x.find()) {
      extendedName = x.group(1);
    }
    String primaryName = null;
    Matcher c = CODE.matcher(text);
    while (c.find()) {
      String name = c.group();
      if (PRIMARY.containsKey(name)) {
        primaryName = name; // the last primary name wins: D1 appends it after the SQLite message
      }
    }
    if (primaryName == null && extendedName != null) {
      primaryName = primaryOf(extendedName);
    }
    int primary = primaryName == null ? -1 : PRIMARY.get(primaryName);
    int extended = primary;
    if (extendedName != null) {
      Integer e = EXTENDED_CODES.get(extendedName);
      extended = e != null ? e : -1;
    }
    message = TRAILER.matcher(message).replaceFirst("").trim();
    String lower = text.toLowerCase(Locale.ROOT);
    boolean transientFailure = false;
    for (String t : TRANSIENT) {
      if (lower.contains(t)) {
        transientFailure = true;
        break;
      }
    }
    return new Parsed(prefix, primaryName, extendedName, primary, extended, message, transientFailure);
  }

  /** The primary name an extended name starts with, or null: SQLITE_CONSTRAINT_X → SQLITE_CONSTRAINT. */
  private static String primaryOf(String extendedName) {
    String best = null;
    for (String p : PRIMARY.keySet()) {
      if (extendedName.startsWith(p + "_") && (best == null || p.length() > best.length())) {
        best = p;
      }
    }
    return best;
  }

  /**
   * The number of a result code name, primary or extended.
   *
   * @param name e.g. {@code SQLITE_CONSTRAINT_UNIQUE}
   * @return the code, or -1 if unknown
   */
  public static int codeOf(String name) {
    Integer v = PRIMARY.get(name);
    if (v == null) {
      v = EXTENDED_CODES.get(name);
    }
    return v == null ? -1 : v;
  }
}
