package io.sqlitekit.spi;

/**
 * Options of a write by id.
 *
 * @param expectedVersion the version the row must have for the write to apply (optimistic concurrency),
 *     or null for an unconditional write. A stale version throws
 *     {@link io.sqlitekit.spi.error.VersionConflictException}; a missing row is still a miss. On success
 *     the version column is incremented.
 * @since 0.1.0
 */
public record WriteOptions(Long expectedVersion) {
  private static final WriteOptions NONE = new WriteOptions(null);

  /**
   * Unconditional write.
   *
   * @return the options without a version check
   */
  public static WriteOptions none() {
    return NONE;
  }

  /**
   * Write only if the row is at this version.
   *
   * @param version the expected version
   * @return the options
   */
  public static WriteOptions ifVersion(long version) {
    return new WriteOptions(version);
  }
}
