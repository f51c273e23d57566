package io.sqlitekit.spi.table;

/**
 * How a column's Java value maps to its stored SQLite value.
 *
 * @since 0.1.0
 */
public enum ColumnMode {
  /** As stored: {@code String} for TEXT, {@code Long} for INTEGER, {@code Double} for REAL, {@code byte[]} for BLOB. */
  PLAIN(null),
  /** {@code Boolean} stored as INTEGER 0/1. */
  BOOLEAN(StorageClass.INTEGER),
  /** {@code Instant} stored as ISO-8601 UTC TEXT with exactly three fraction digits, so text order is time order. */
  TIMESTAMP_ISO(StorageClass.TEXT),
  /** {@code Instant} stored as INTEGER epoch milliseconds. */
  TIMESTAMP_MILLIS(StorageClass.INTEGER),
  /** {@code Instant} stored as INTEGER epoch seconds (sub-second parts are truncated). */
  TIMESTAMP_SECONDS(StorageClass.INTEGER),
  /** An {@code Enum} constant stored as its name in TEXT. */
  ENUM(StorageClass.TEXT),
  /** A {@code UUID} stored as its canonical lower-case TEXT form. */
  UUID(StorageClass.TEXT),
  /** Any value stored as JSON TEXT through the kit's {@link io.sqlitekit.spi.json.JsonCodec}. */
  JSON(StorageClass.TEXT);

  private final StorageClass requiredStorage;

  ColumnMode(StorageClass requiredStorage) {
    this.requiredStorage = requiredStorage;
  }

  /**
   * Returns the storage class this mode requires.
   *
   * @return the storage class, or null when any storage class is allowed ({@link #PLAIN})
   */
  public StorageClass requiredStorage() {
    return requiredStorage;
  }
}
