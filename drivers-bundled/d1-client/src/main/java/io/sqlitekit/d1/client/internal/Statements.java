package io.sqlitekit.d1.client.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Internal, not API, may change: turns SQL text plus Java values into what D1's API accepts, which is SQL
 * text plus string parameters.
 *
 * <p>A single statement keeps its text values as bound parameters (so personal data stays out of the SQL
 * text that D1's query insights record) and gets every other value written in as a literal
 * ({@link Literals}). A batch is sent as one multi-statement text, and D1 binds parameters only to the last
 * statement of such a text ("When executing multiple SQL statements in a single call, only the last
 * statement can have parameters"), so there every value, text included, becomes a literal.
 */
public final class Statements {
  private Statements() {}

  /**
   * What to send.
   *
   * @param sql the SQL text to send
   * @param params the string parameters for its placeholders, in number order
   * @param readOnly true if the text is one statement that cannot write (then it may be retried)
   * @param statementCount the statements in the text
   */
  public record Prepared(String sql, List<String> params, boolean readOnly, int statementCount) {}

  /**
   * Prepares one statement.
   *
   * @param sql the SQL text: exactly one statement
   * @param params its values
   * @return what to send
   * @throws IllegalArgumentException for text that is not one statement, a parameter count that does not
   *     match the placeholders, or a value that cannot be sent
   */
  public static Prepared single(String sql, List<Object> params) {
    checkSqlText(sql, -1);
    SqlText.Scan scan = SqlText.scan(sql);
    if (scan.statementCount() == 0) {
      throw new IllegalArgumentException("no SQL statement in the text");
    }
    if (scan.statementCount() > 1) {
      throw new IllegalArgumentException("the text holds " + scan.statementCount() + " statements; execute "
          + "takes one, use batch for several (sent atomically)");
    }
    checkCount(scan, params, -1);
    if (scan.placeholders().isEmpty()) {
      return new Prepared(sql, List.of(), scan.readOnly(), 1);
    }
    // Text values stay parameters, renumbered 1..k in order of their original number.
    int[] newNumber = new int[scan.parameterCount() + 1];
    List<String> strings = new ArrayList<>();
    for (int n = 1; n <= scan.parameterCount(); n++) {
      Object v = params.get(n - 1);
      if (v instanceof String && used(scan, n)) {
        checkText((String) v, n, -1);
        strings.add((String) v);
        newNumber[n] = strings.size();
      }
    }
    StringBuilder sb = new StringBuilder(sql.length() + 16 * scan.placeholders().size());
    int from = 0;
    for (SqlText.Placeholder p : scan.placeholders()) {
      sb.append(sql, from, p.start());
      Object v = params.get(p.number() - 1);
      if (v instanceof String) {
        sb.append('?').append(newNumber[p.number()]);
      } else {
        appendLiteral(sb, v, p.number(), -1);
      }
      from = p.end();
    }
    sb.append(sql, from, sql.length());
    return new Prepared(sb.toString(), List.copyOf(strings), scan.readOnly(), 1);
  }

  /**
   * Prepares a batch as one text with every value written in.
   *
   * @param sqls the statements' texts
   * @param params each statement's values
   * @return what to send: no parameters
   * @throws IllegalArgumentException for an empty batch or statement, a count mismatch, or a value that
   *     cannot be written into SQL text (a string containing U+0000); the message names the statement
   */
  public static Prepared batch(List<String> sqls, List<List<Object>> params) {
    if (sqls.isEmpty()) {
      throw new IllegalArgumentException("an empty batch");
    }
    StringBuilder sb = new StringBuilder();
    int statements = 0;
    boolean readOnly = true;
    for (int s = 0; s < sqls.size(); s++) {
      String sql = sqls.get(s);
      List<Object> values = params.get(s);
      checkSqlText(sql, s);
      SqlText.Scan scan;
      try {
        scan = SqlText.scan(sql);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("batch statement " + s + ": " + e.getMessage(), e);
      }
      if (scan.statementCount() == 0) {
        throw new IllegalArgumentException("batch statement " + s + " holds no SQL statement");
      }
      checkCount(scan, values, s);
      statements += scan.statementCount();
      readOnly &= scan.readOnly();
      if (s > 0) {
        sb.append(";\n");
      }
      // Cut at the end of the last statement: a trailing "-- comment" or open "/*" would swallow the
      // separator and the next statement.
      int from = 0;
      for (SqlText.Placeholder p : scan.placeholders()) {
        sb.append(sql, from, p.start());
        appendLiteral(sb, values.get(p.number() - 1), p.number(), s);
        from = p.end();
      }
      sb.append(sql, from, scan.endOfLastStatement());
    }
    return new Prepared(sb.toString(), List.of(), readOnly && statements == 1, statements);
  }

  private static boolean used(SqlText.Scan scan, int number) {
    for (SqlText.Placeholder p : scan.placeholders()) {
      if (p.number() == number) {
        return true;
      }
    }
    return false;
  }

  private static void checkCount(SqlText.Scan scan, List<Object> params, int statement) {
    if (params.size() != scan.parameterCount()) {
      // D1 would bind NULL to a placeholder without a value, or refuse extra values; neither is wanted.
      throw new IllegalArgumentException(where(statement) + "the SQL has " + scan.parameterCount()
          + " parameter(s) but " + params.size() + " value(s) were given");
    }
  }

  private static void appendLiteral(StringBuilder sb, Object v, int number, int statement) {
    try {
      if (v == null) {
        sb.append("NULL");
      } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
        Literals.appendLong(sb, ((Number) v).longValue());
      } else if (v instanceof Double || v instanceof Float) {
        Literals.appendDouble(sb, ((Number) v).doubleValue());
      } else if (v instanceof Boolean) {
        sb.append((Boolean) v ? '1' : '0');
      } else if (v instanceof byte[]) {
        Literals.appendBlob(sb, (byte[]) v);
      } else if (v instanceof String) {
        checkText((String) v, number, statement);
        Literals.appendString(sb, (String) v);
      } else {
        throw new IllegalArgumentException("unsupported value type " + v.getClass().getName()
            + " (use null, Boolean, Byte, Short, Integer, Long, Float, Double, String or byte[])");
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where(statement) + "parameter " + number + ": " + e.getMessage(), e);
    }
  }

  private static void checkText(String s, int number, int statement) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i)) && !Json.pairedAt(s, i)) {
        // Java allows it, UTF-8 cannot carry it: D1 would store U+FFFD instead.
        throw new IllegalArgumentException(where(statement) + "parameter " + number + ": text with an "
            + "unpaired surrogate at index " + i + " cannot be sent as UTF-8");
      }
    }
  }

  private static void checkSqlText(String sql, int statement) {
    for (int i = 0; i < sql.length(); i++) {
      if (Character.isSurrogate(sql.charAt(i)) && !Json.pairedAt(sql, i)) {
        throw new IllegalArgumentException(where(statement) + "the SQL text has an unpaired surrogate at index "
            + i + ", which UTF-8 cannot carry");
      }
    }
  }

  private static String where(int statement) {
    return statement < 0 ? "" : "batch statement " + statement + ": ";
  }
}
