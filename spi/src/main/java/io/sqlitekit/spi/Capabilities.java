package io.sqlitekit.spi;

/**
 * What a repository implementation supports. The conformance TCK gates its scenarios on these flags and
 * checks that unsupported operations fail cleanly with
 * {@link io.sqlitekit.spi.error.OperationNotSupportedException} and change nothing.
 *
 * @param transactions {@code withTransaction} is atomic
 * @param nestedTransactions nested {@code withTransaction} uses savepoints
 * @param upsert {@code upsert} and {@code findOneAndUpdate} with upsert are supported
 * @param duplicateKeyError unique violations raise {@link io.sqlitekit.spi.error.DuplicateKeyException}
 * @param distinct {@code distinct} is supported
 * @param aggregate {@code aggregate} is supported
 * @param getOrCreate {@code getOrCreate} is supported
 * @param countAndExists {@code count} and {@code exists} are supported
 * @param optimisticConcurrency expected-version writes are supported
 * @param keysetPagination keyset {@code getAll} is supported
 * @param streaming {@code stream} is supported
 * @param regexFilter the {@link io.sqlitekit.spi.filter.Regex} filter is supported
 * @param rawFilter the {@link io.sqlitekit.spi.filter.Raw} filter is supported
 * @param batch {@code batch} is supported
 * @param managedRetry whether the implementation retries transient conflicts itself ({@code managed});
 *     false means the caller must retry ({@code caller})
 * @since 0.1.0
 */
public record Capabilities(boolean transactions, boolean nestedTransactions, boolean upsert,
    boolean duplicateKeyError, boolean distinct, boolean aggregate, boolean getOrCreate, boolean countAndExists,
    boolean optimisticConcurrency, boolean keysetPagination, boolean streaming, boolean regexFilter,
    boolean rawFilter, boolean batch, boolean managedRetry) {

  /**
   * Everything supported; the caller retries transient conflicts.
   *
   * @return the full capability set
   */
  public static Capabilities full() {
    return new Capabilities(true, true, true, true, true, true, true, true, true, true, true, true, true, true,
        false);
  }
}
