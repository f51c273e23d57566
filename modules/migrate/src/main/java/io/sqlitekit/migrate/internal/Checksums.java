package io.sqlitekit.migrate.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Internal, not API, may change. SHA-256 checksums of normalised SQL.
 *
 * <p>Normalisation: a leading byte-order mark is dropped, CRLF and CR become LF, trailing whitespace is
 * stripped from every line and trailing blank lines are dropped. So a checkout that converts line endings
 * or an editor that trims trailing spaces does not count as a changed migration; any other edit does.
 */
public final class Checksums {
  private Checksums() {}

  /**
   * Normalises SQL text as described in the class comment.
   *
   * @param sql the text
   * @return the normalised text
   */
  public static String normalise(String sql) {
    String s = sql.startsWith("\uFEFF") ? sql.substring(1) : sql;
    s = s.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder b = new StringBuilder(s.length());
    for (String line : s.split("\n", -1)) {
      b.append(line.stripTrailing()).append('\n');
    }
    int end = b.length();
    while (end > 0 && b.charAt(end - 1) == '\n') {
      end--;
    }
    return b.substring(0, end);
  }

  /**
   * Returns the lower-case hex SHA-256 of the normalised SQL.
   *
   * @param sql the text
   * @return 64 hex digits
   */
  public static String ofSql(String sql) {
    return sha256(normalise(sql));
  }

  /**
   * Returns the lower-case hex SHA-256 of the UTF-8 bytes of a string.
   *
   * @param text the text
   * @return 64 hex digits
   */
  public static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /**
   * Returns the negative tracking-table key of an entry identified by a label rather than by an undotted
   * version (a dotted version, a repeatable migration): 60 bits of the label's SHA-256, negated, so it is
   * stable across runs and never equals an undotted version (those are zero or positive).
   *
   * @param label e.g. {@code V:1.2.3} or {@code R:R__views}
   * @return a negative key
   */
  public static long trackingKey(String label) {
    return -1 - Long.parseLong(sha256(label).substring(0, 15), 16);
  }

  /**
   * Returns the tracking key of a repeatable migration.
   *
   * @param name the migration's name
   * @return a negative key
   */
  public static long repeatableKey(String name) {
    return trackingKey("R:" + name);
  }
}
