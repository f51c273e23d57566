package io.sqlitekit.spi;

import java.util.Set;

/**
 * One optional capability of a repository implementation: an operation it may refuse with
 * {@link io.sqlitekit.spi.error.OperationNotSupportedException}, or a behaviour it may or may not have. A
 * repository reports its set through {@link MinimalRepo#capabilities()}; the conformance TCK gates its scenarios
 * on the same constants, so an implementation, its TCK harness and the contract tests use one vocabulary.
 *
 * @since 0.2.0
 */
public enum Capability {
  /** {@code withTransaction} is atomic. */
  TRANSACTIONS,
  /** A nested {@code withTransaction} is a savepoint (inner rollback keeps the outer work); implies
   * {@link #TRANSACTIONS}. */
  NESTED_TRANSACTIONS,
  /** {@code upsert}, and {@code findOneAndUpdate} with upsert. */
  UPSERT,
  /** Unique and primary-key violations raise {@link io.sqlitekit.spi.error.DuplicateKeyException}. */
  DUPLICATE_KEY_ERROR,
  /** {@code distinct}. */
  DISTINCT,
  /** {@code aggregate}. */
  AGGREGATE,
  /** {@code getOrCreate}. */
  GET_OR_CREATE,
  /** {@code count} and {@code exists}. */
  COUNT_AND_EXISTS,
  /** Expected-version writes (optimistic concurrency). */
  OPTIMISTIC_CONCURRENCY,
  /** Keyset {@code getAll}. */
  KEYSET_PAGINATION,
  /** {@code stream}. */
  STREAMING,
  /** The {@link io.sqlitekit.spi.filter.Regex} filter. */
  REGEX_FILTER,
  /** The {@link io.sqlitekit.spi.filter.Raw} filter (SQL text). */
  RAW_FILTER,
  /** {@code batch}. */
  BATCH,
  /**
   * Aggregate v2: date buckets (UTC), per-measure filters, percentile, standard deviations, top-N, and
   * {@code aggregatePage} / {@code aggregateKeyset}.
   *
   * @since 0.3.0
   */
  AGGREGATE_EXTENDED,
  /**
   * Date buckets labelled in a time zone other than UTC; implies {@link #AGGREGATE_EXTENDED}. Without it a
   * zoned bucket is refused, never silently computed in UTC.
   *
   * @since 0.3.0
   */
  DATE_BUCKET_TIMEZONE,
  /**
   * Lookup reads ({@code lookupPage} / {@code lookupKeyset}): portable joins with the foreign table's policy
   * plugins and codecs applied; and one-to-one lookups inside aggregates ({@link AggregateRequest#lookup},
   * dotted paths). Without it an aggregate with lookups is refused, never run as if they were absent.
   *
   * @since 0.3.0
   */
  LOOKUPS,
  /**
   * {@code claim} and {@code claimVersion}: take the next matching row and change it atomically (a job-queue
   * primitive).
   *
   * @since 0.3.0
   */
  CLAIM,
  /**
   * {@code applyTransition}: a guarded state change in one statement.
   *
   * @since 0.3.0
   */
  APPLY_TRANSITION,
  /**
   * {@code purgeByFilter}: physical deletion of the matching rows.
   *
   * @since 0.3.0
   */
  PURGE_BY_FILTER,
  /**
   * {@code archiveByFilter}: matching rows moved to an archive table in one transaction; implies
   * {@link #TRANSACTIONS}.
   *
   * @since 0.3.0
   */
  ARCHIVE_BY_FILTER,
  /**
   * {@code bulkWrite}: mixed operations in one transaction with per-operation results; implies
   * {@link #TRANSACTIONS}.
   *
   * @since 0.3.0
   */
  BULK_WRITE,
  /**
   * {@code updatePipeline} / {@code updateManyPipeline}: several updates applied in order as one write.
   *
   * @since 0.3.0
   */
  UPDATE_PIPELINE,
  /**
   * {@code getAll(PageRequest, CountStrategy)} with {@link CountStrategy#NONE}: offset pages without a count.
   *
   * @since 0.3.0
   */
  PAGE_WITHOUT_COUNT,
  /**
   * The implementation retries transient conflicts itself; without it the caller retries. A policy rather than
   * an operation, so {@link Capabilities#full()} leaves it out.
   */
  MANAGED_RETRY;

  /**
   * Returns whether this capability is about changing data (a write operation, a transaction, or a behaviour only
   * writes have). A read-only repository, such as one over a view, reports none of these; every other
   * capability is a read and stays available on it.
   *
   * @return true for the write capabilities
   * @since 0.3.0
   */
  public boolean writes() {
    switch (this) {
      case TRANSACTIONS:
      case NESTED_TRANSACTIONS:
      case UPSERT:
      case DUPLICATE_KEY_ERROR:
      case GET_OR_CREATE:
      case OPTIMISTIC_CONCURRENCY:
      case BATCH:
      case CLAIM:
      case APPLY_TRANSITION:
      case PURGE_BY_FILTER:
      case ARCHIVE_BY_FILTER:
      case BULK_WRITE:
      case UPDATE_PIPELINE:
        return true;
      default:
        return false;
    }
  }

  /**
   * Returns the capabilities this one cannot exist without; {@link Capabilities} always contains them along
   * with this one.
   *
   * @return the directly implied capabilities, unmodifiable; empty for most
   */
  public Set<Capability> implies() {
    switch (this) {
      case NESTED_TRANSACTIONS:
        return Set.of(TRANSACTIONS);
      case AGGREGATE_EXTENDED:
        return Set.of(AGGREGATE);
      case DATE_BUCKET_TIMEZONE:
        return Set.of(AGGREGATE_EXTENDED);
      case ARCHIVE_BY_FILTER:
      case BULK_WRITE:
        return Set.of(TRANSACTIONS);
      default:
        return Set.of();
    }
  }
}
