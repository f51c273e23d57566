package io.sqlitekit.spi;

/**
 * How an offset page obtains its total.
 *
 * @since 0.3.0
 */
public enum CountStrategy {
  /** Count the matching rows: {@code total} and {@code pages} are exact. */
  EXACT,
  /** Count nothing: read one row more than the page to learn {@code hasNext}; {@code total} and {@code pages}
   * are 0. */
  NONE
}
