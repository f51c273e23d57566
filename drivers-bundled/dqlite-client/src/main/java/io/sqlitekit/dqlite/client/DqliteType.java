package io.sqlitekit.dqlite.client;

import java.util.Locale;

/**
 * The value type codes of dqlite's protocol, shared by parameters and row values.
 *
 * <p>The server chooses {@link #UNIXTIME}, {@link #ISO8601} and {@link #BOOLEAN} for a row value from the
 * column's <em>declared</em> type ({@code DATETIME}/{@code DATE}/{@code TIMESTAMP}, {@code BOOLEAN}), not
 * from the value, and the mapping is lossy: a NULL in such a column comes back as {@code ISO8601 ""} or
 * {@code BOOLEAN false}, and a REAL in a {@code DATETIME} column aborts the server node. Prefer
 * {@code INTEGER}/{@code TEXT} declarations.
 *
 * @since 0.1.0
 */
public enum DqliteType {
  /** 64-bit signed integer; Java {@code Long}. */
  INTEGER(1),
  /** IEEE 754 double; Java {@code Double}. */
  FLOAT(2),
  /** UTF-8 text; Java {@code String}. */
  TEXT(3),
  /** Bytes; Java {@code byte[]}. */
  BLOB(4),
  /** SQL NULL; Java {@code null}. */
  NULL(5),
  /** Seconds since the epoch, from an integer in a date/time column; Java {@code Long}. */
  UNIXTIME(9),
  /** Date/time text from a date/time column ({@code ""} for NULL); Java {@code String}. */
  ISO8601(10),
  /** From a {@code BOOLEAN} column ({@code false} for NULL); Java {@code Boolean}. */
  BOOLEAN(11);

  private final int code;

  DqliteType(int code) {
    this.code = code;
  }

  /**
   * The wire code.
   *
   * @return the code, 1 to 11
   */
  public int code() {
    return code;
  }

  /**
   * Finds a type by its wire code.
   *
   * @param code the wire code
   * @return the type
   * @throws IllegalArgumentException if no type has that code
   */
  public static DqliteType ofCode(int code) {
    for (DqliteType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new IllegalArgumentException(String.format(Locale.ROOT, "unknown dqlite type code %d", code));
  }
}
