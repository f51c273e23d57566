package io.sqlitekit.spi.table;

/**
 * The SQLite storage class (declared type affinity) of a column.
 *
 * @since 0.1.0
 */
public enum StorageClass {
  /** TEXT affinity. */
  TEXT,
  /** INTEGER affinity (64-bit signed). */
  INTEGER,
  /** REAL affinity (64-bit IEEE float). */
  REAL,
  /** BLOB (no affinity): bytes. */
  BLOB;

  /**
   * Returns the type name used in DDL.
   *
   * @return {@code TEXT}, {@code INTEGER}, {@code REAL} or {@code BLOB}
   */
  public String sqlType() {
    return name();
  }
}
