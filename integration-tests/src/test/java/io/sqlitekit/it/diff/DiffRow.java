package io.sqlitekit.it.diff;

import java.time.Instant;

/**
 * The row type of the differential table {@link DiffSchema#TABLE}: one component per column codec.
 *
 * @param id the primary key
 * @param s free text with LIKE metacharacters, mixed case and non-ASCII characters
 * @param t short text with many duplicates
 * @param n an integer
 * @param r a real
 * @param b a boolean
 * @param ts an ISO-8601 timestamp
 * @param c an enum
 * @param code unique text
 */
public record DiffRow(String id, String s, String t, Long n, Double r, Boolean b, Instant ts, Color c, String code) {

  /** The enum column's type. */
  public enum Color {
    /** Stored as {@code RED}. */
    RED,
    /** Stored as {@code GREEN}. */
    GREEN,
    /** Stored as {@code BLUE}. */
    BLUE
  }
}
