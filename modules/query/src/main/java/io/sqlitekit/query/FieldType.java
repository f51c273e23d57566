package io.sqlitekit.query;

/**
 * How the text of a filter value is turned into a Java value for a field. A value that does not fit its type
 * is rejected with a {@link io.sqlitekit.spi.error.QueryParseException}, never passed on as text.
 *
 * @since 0.1.0
 */
public enum FieldType {
  /**
   * A decimal number: {@code 42} and {@code -7} become {@code Long}; {@code 1.5}, {@code 2e3} become
   * {@code Double}. Hexadecimal, {@code NaN}, {@code Infinity}, blanks and integers beyond 64 bits are rejected.
   */
  NUMBER,
  /** A 64-bit integer in decimal ({@code Long}); fractions, exponents and overflow are rejected. */
  INTEGER,
  /** {@code true}/{@code false}/{@code 1}/{@code 0}, letter case ignored ({@code Boolean}). */
  BOOLEAN,
  /**
   * An ISO-8601 date or instant ({@code java.time.Instant}): {@code 2026-04-01} (UTC midnight),
   * {@code 2026-04-01T10:15:30Z}, {@code 2026-04-01T12:15:30+02:00}, or a date-time without an offset,
   * which is read as <em>UTC</em> (not the server's zone). Seconds and fractions are optional.
   */
  DATE,
  /** Text, used as given (after percent-decoding). */
  STRING
}
