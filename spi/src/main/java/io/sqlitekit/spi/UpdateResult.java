package io.sqlitekit.spi;

/**
 * The outcome of {@code updateMany}. SQLite does not distinguish "matched but unchanged", so both counts
 * are the number of rows written, except that an update with nothing to change reports the matches with
 * {@code modifiedCount = 0}.
 *
 * @param matchedCount rows matching the filter
 * @param modifiedCount rows written
 * @since 0.1.0
 */
public record UpdateResult(long matchedCount, long modifiedCount) {
}
