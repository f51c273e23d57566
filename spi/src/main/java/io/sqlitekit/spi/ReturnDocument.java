package io.sqlitekit.spi;

/**
 * Which image of the row {@code findOneAndUpdate} returns.
 *
 * @since 0.1.0
 */
public enum ReturnDocument {
  /** The row as it was before the update. */
  BEFORE,
  /** The row as it is after the update (the default). */
  AFTER
}
