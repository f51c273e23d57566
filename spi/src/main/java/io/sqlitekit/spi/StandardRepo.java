package io.sqlitekit.spi;

import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.update.Update;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The full repository contract over one table. Application code is written against it once; the SQLite
 * kit and the in-memory kit both implement it, and the conformance TCK certifies any implementation.
 *
 * <p><b>Thread safety:</b> implementations are thread-safe; calls may block (JDBC).
 *
 * <p><b>Misses</b> are values: {@code Optional.empty()}, {@code false}, 0 or an empty list. <b>Failures</b>
 * are {@link io.sqlitekit.spi.error.RepositoryException}s with a stable code; a failed call changes
 * nothing. Unknown fields in filters, sorts, projections and updates are validation errors, never a
 * silently empty result.
 *
 * <p><b>Atomicity:</b> every single call is atomic. {@code createMany}, {@code updateMany},
 * {@code deleteMany}, {@code findOneAndUpdate}, {@code getOrCreate} and {@code batch} are all-or-nothing.
 * {@code withTransaction} groups calls; nested transactions use savepoints where
 * {@code capabilities()} includes {@link Capability#NESTED_TRANSACTIONS}.
 *
 * <p><b>Policy:</b> plugins (tenant scope, soft delete, TTL…) apply to every method, including bulk
 * writes, {@code distinct}, {@code increment}, {@code aggregate}, {@code batch}, streams and the repository
 * bound inside a transaction.
 *
 * @param <T> the entity type (a record or a {@code Map<String, Object>} document)
 * @param <ID> the primary-key type
 * @since 0.1.0
 */
public interface StandardRepo<T, ID> extends MinimalRepo<T, ID> {

  /**
   * Returns a view of this repository whose calls carry the given context (tenant, actor, flags), merged
   * over the thread's {@link CallContext#current()}.
   *
   * @param context the context
   * @return the view; cheap to create
   */
  StandardRepo<T, ID> withContext(CallContext context);

  /**
   * Inserts rows atomically: either all are stored or none.
   *
   * @param entities the rows
   * @return the stored rows in input order; empty for empty input
   * @throws io.sqlitekit.spi.error.DuplicateKeyException on a clash (nothing stored)
   */
  List<T> createMany(List<T> entities);

  /**
   * Reads a row by primary key with a projection.
   *
   * @param id the key
   * @param projection the fields to return
   * @return the row, or empty
   */
  Optional<T> getById(ID id, Projection projection);

  /**
   * Reads the rows with these keys; missing keys are skipped.
   *
   * @param ids the keys
   * @return the rows found, in primary-key order
   */
  List<T> getByIds(Collection<ID> ids);

  /**
   * Returns the first row matching the filter in primary-key order.
   *
   * @param filter the filter
   * @return the row, or empty
   */
  Optional<T> getOne(Filter filter);

  /**
   * Returns the first row matching the filter in the given order, with a projection.
   *
   * @param filter the filter
   * @param options sort and projection (limit and offset are ignored)
   * @return the row, or empty
   */
  Optional<T> getOne(Filter filter, FindOptions options);

  /**
   * Returns the rows matching the filter with sort, limit, offset and projection. The order is total and the
   * same in every implementation: an unsorted request is returned in primary-key order, and rows that tie on
   * the sort keys are ordered by primary key in the direction of the last key ({@link Sort#total}).
   *
   * @param filter the filter
   * @param options the options
   * @return the rows
   */
  List<T> findAll(Filter filter, FindOptions options);

  /**
   * Returns one offset page.
   *
   * @param request the request
   * @return the page with total, pages, hasNext and hasPrev
   * @throws io.sqlitekit.spi.error.QueryParseException if the limit exceeds the repository's maximum
   */
  OffsetPage<T> getAll(PageRequest request);

  /**
   * Returns one keyset page.
   *
   * @param request the request
   * @return the page with the next cursor
   * @throws io.sqlitekit.spi.error.InvalidCursorException if the cursor is malformed, tampered with or
   *     bound to another sort or table
   */
  KeysetPage<T> getAll(KeysetRequest request);

  /**
   * Streams every matching row in keyset batches with constant memory. The stream holds no connection
   * between batches but must still be closed (use try-with-resources).
   *
   * @param filter the filter
   * @param options order, batch size and projection
   * @return a lazy stream
   */
  Stream<T> stream(Filter filter, StreamOptions options);

  /**
   * Returns whether any row matches.
   *
   * @param filter the filter
   * @return true if at least one row matches
   */
  boolean exists(Filter filter);

  /**
   * Returns the distinct values of a field among matching rows, NULL included once if present, in
   * ascending order (NULL first).
   *
   * @param field the field
   * @param filter the filter
   * @return the values, decoded by the column codec
   */
  List<Object> distinct(String field, Filter filter);

  /**
   * Applies an update by key with options such as an expected version.
   *
   * @param id the key
   * @param update the change
   * @param options the options
   * @return the updated row, or empty on a miss
   * @throws io.sqlitekit.spi.error.VersionConflictException if the row exists at another version
   */
  Optional<T> update(ID id, Update update, WriteOptions options);

  /**
   * Applies an update to every matching row atomically.
   *
   * @param filter the filter; {@link io.sqlitekit.spi.filter.Filters#all()} is refused
   * @param update the change
   * @return matched and modified counts
   * @throws io.sqlitekit.spi.error.ValidationException for an empty filter or an empty update
   */
  UpdateResult updateMany(Filter filter, Update update);

  /**
   * Deletes every matching row atomically.
   *
   * @param filter the filter; {@link io.sqlitekit.spi.filter.Filters#all()} is refused
   * @return the number of rows deleted
   * @throws io.sqlitekit.spi.error.ValidationException for an empty filter
   */
  long deleteMany(Filter filter);

  /**
   * Atomically finds the first matching row (by the options' sort), updates it and returns it.
   *
   * @param filter the filter; {@link io.sqlitekit.spi.filter.Filters#all()} is refused
   * @param update the change
   * @param options sort, returned image, upsert and expected version
   * @return the row before or after the update, the inserted row on upsert, or empty on a miss
   */
  Optional<T> findOneAndUpdate(Filter filter, Update update, FindOneAndUpdateOptions options);

  /**
   * Inserts the row or, on a primary-key conflict, updates the existing row with every non-key field
   * present in the entity.
   *
   * @param entity the row
   * @return the stored row
   */
  T upsert(T entity);

  /**
   * Inserts the row or, on a conflict with the given target, updates the existing row.
   *
   * @param entity the row
   * @param options the conflict target
   * @return the stored row
   */
  T upsert(T entity, UpsertOptions options);

  /**
   * Adds a delta to a numeric field of one row (NULL counts as 0).
   *
   * @param id the key
   * @param field the field
   * @param delta the delta
   * @return the updated row, or empty on a miss
   */
  Optional<T> increment(ID id, String field, Number delta);

  /**
   * Atomically returns the first row matching the filter, or inserts the entity when none does.
   *
   * @param filter the lookup filter
   * @param entity the row to insert on a miss
   * @return the row and whether it was created
   */
  GetOrCreateResult<T> getOrCreate(Filter filter, T entity);

  /**
   * Runs a grouped aggregation.
   *
   * @param request the request
   * @return result rows keyed by group field then measure alias
   * @throws io.sqlitekit.spi.error.OperationNotSupportedException when the request has
   *     {@link AggregateRequest#lookups() lookups} and the repository has no {@link Capability#LOOKUPS}
   */
  List<Map<String, Object>> aggregate(AggregateRequest request);

  /**
   * Runs an aggregate and returns one offset page of its rows. The request's sort is made total by appending
   * the group keys it lacks, so pages never overlap; its own limit and offset must be 0. With
   * {@link CountStrategy#EXACT} the page reports the number of group rows ({@code pages = 0} when there are
   * none); with {@link CountStrategy#NONE} no count runs, {@code total} and {@code pages} are 0 and
   * {@code hasNext} comes from reading one row more than the page.
   *
   * @param request the aggregate, with limit and offset 0
   * @param page the 1-based page
   * @param limit rows per page, 1 to 1000
   * @param count how the total is obtained
   * @return the page
   * @throws io.sqlitekit.spi.error.ValidationException for a bad page, limit, or a request with a limit/offset
   * @throws io.sqlitekit.spi.error.OperationNotSupportedException without {@link Capability#AGGREGATE_EXTENDED}
   * @since 0.3.0
   */
  default OffsetPage<Map<String, Object>> aggregatePage(AggregateRequest request, int page, int limit,
      CountStrategy count) {
    throw new io.sqlitekit.spi.error.OperationNotSupportedException(
        getClass().getSimpleName() + " does not page aggregates");
  }

  /**
   * Runs an aggregate and returns one keyset page of its rows: the cursor carries the sort-key tuple of the
   * page's last group row. The sort is required; its keys must be group fields, date-bucket aliases or measure
   * aliases, and the group keys it lacks are appended (ascending) so the order is total. The request's own
   * limit and offset must be 0.
   *
   * @param request the aggregate, with a sort and limit/offset 0
   * @param after the {@code next} cursor of the previous page, or null for the first page
   * @param limit rows per page, 1 to 1000
   * @return the page
   * @throws io.sqlitekit.spi.error.ValidationException for a missing sort, a sort key that is not an output key
   *     of the aggregate, or a bad limit
   * @throws io.sqlitekit.spi.error.InvalidCursorException for a cursor of another aggregate or an edited one
   * @throws io.sqlitekit.spi.error.OperationNotSupportedException without {@link Capability#AGGREGATE_EXTENDED}
   * @since 0.3.0
   */
  default KeysetPage<Map<String, Object>> aggregateKeyset(AggregateRequest request, String after, int limit) {
    throw new io.sqlitekit.spi.error.OperationNotSupportedException(
        getClass().getSimpleName() + " does not page aggregates");
  }

    /**
   * Reads one offset page of base rows with up to {@value Lookup#MAX_PER_READ} lookups attached to each
   * (portable joins). The base rows, their order, {@code total} and {@code pages} are exactly those of
   * {@link #getAll(PageRequest) getAll(request)}: one-to-many lookups never inflate the count. Each lookup's
   * rows are read as a direct read of its foreign table would read them (the kit's policy plugins and the
   * foreign column codecs apply). The local fields of the lookups are always read, whatever the projection.
   *
   * @param request the base filter, sort, page, limit and projection
   * @param lookups one to {@value Lookup#MAX_PER_READ} lookups with distinct names
   * @return the page
   * @throws io.sqlitekit.spi.error.ValidationException naming the field: no or too many lookups, a duplicate
   *     name or one equal to a base field, an unknown table or field
   * @throws io.sqlitekit.spi.error.OperationNotSupportedException when the kit has no lookups
   *     ({@link Capability#LOOKUPS})
   * @since 0.3.0
   */
  default OffsetPage<LookupRow<T>> lookupPage(PageRequest request, List<Lookup> lookups) {
    throw new io.sqlitekit.spi.error.OperationNotSupportedException(
        getClass().getSimpleName() + " does not read lookups");
  }

  /**
   * Reads one keyset page of base rows with lookups attached; the base rows and the cursor are exactly those
   * of {@link #getAll(KeysetRequest) getAll(request)}. Otherwise as {@link #lookupPage}.
   *
   * @param request the base filter, sort, cursor, limit and projection
   * @param lookups one to {@value Lookup#MAX_PER_READ} lookups with distinct names
   * @return the page
   * @throws io.sqlitekit.spi.error.ValidationException as {@link #lookupPage}
   * @throws io.sqlitekit.spi.error.OperationNotSupportedException when the kit has no lookups
   * @since 0.3.0
   */
  default KeysetPage<LookupRow<T>> lookupKeyset(KeysetRequest request, List<Lookup> lookups) {
    throw new io.sqlitekit.spi.error.OperationNotSupportedException(
        getClass().getSimpleName() + " does not read lookups");
  }

  /**
   * Atomically takes the first row matching the filter in the given order and applies the update to it: a
   * job-queue primitive. Concurrent claimers never take the same row, as long as the update makes the row stop
   * matching the filter (for example {@code status: pending -> running}). Runs as a
   * {@code findOneAndUpdate} for hooks and plugins (tenant scope, soft delete, timestamps, audit).
   *
   * @param filter the rows that may be claimed; {@link io.sqlitekit.spi.filter.Filters#all()} is allowed
   * @param sort which matching row comes first (made total by the primary key)
   * @param update the change; it must change something
   * @return the claimed row after the update, or empty when no row matches
   * @throws io.sqlitekit.spi.error.ValidationException for an update that changes nothing or names an
   *     unknown field
   * @throws io.sqlitekit.spi.error.OperationNotSupportedException without {@link Capability#CLAIM}
   * @since 0.3.0
   */
  default Optional<T> claim(Filter filter, Sort sort, Update update) {
    throw unsupported("claim");
  }

  /**
   * The optimistic variant of {@link #claim} for tables with a version field: reads the first matching row
   * without holding the write lock, then writes the update by key only if the row still has the version it
   * was read with (the version is incremented). A claimer that loses that race re-reads and tries the next
   * candidate, up to {@value #CLAIM_VERSION_ATTEMPTS} reads; so every row is still claimed at most once.
   * When every attempt lost (heavy contention), it throws
   * {@link io.sqlitekit.spi.error.VersionConflictException} having changed nothing; the caller retries.
   *
   * @param filter the rows that may be claimed
   * @param sort which matching row comes first
   * @param update the change; it must change something and must not name the version field
   * @return the claimed row after the update, or empty when no row matches
   * @throws io.sqlitekit.spi.error.ValidationException for a table without a version field, or a bad update
   * @throws io.sqlitekit.spi.error.VersionConflictException when every attempt lost its race
   * @throws io.sqlitekit.spi.error.OperationNotSupportedException without {@link Capability#CLAIM}
   * @since 0.3.0
   */
  default Optional<T> claimVersion(Filter filter, Sort sort, Update update) {
    throw unsupported("claimVersion");
  }

  /** How many candidates {@link #claimVersion} reads before giving up with a version conflict. */
  int CLAIM_VERSION_ATTEMPTS = 16;

  /**
   * Applies a guarded state change: sets the transition's field to its target state (and applies its further
   * changes) only if the field currently holds one of its from-states, in one conditional UPDATE. A row in
   * another state is not an error: the result says the transition did not apply and carries the row as it
   * is. Runs as an {@code update} for hooks and plugins.
   *
   * @param id the key
   * @param transition the state change
   * @return whether it applied, with the row
   * @throws io.sqlitekit.spi.error.ValidationException for an unknown field or a bad value
   * @throws io.sqlitekit.spi.error.OperationNotSupportedException without {@link Capability#APPLY_TRANSITION}
   * @since 0.3.0
   */
  default TransitionResult<T> applyTransition(ID id, Transition transition) {
    throw unsupported("applyTransition");
  }

  /**
   * Physically deletes every matching row, even where a soft-delete plugin would turn a delete into an update;
   * other scopes still apply (a tenant purges only its own rows; soft-deleted rows are purged only under the
   * soft-delete plugin's include-deleted context). Runs as a {@code deleteMany} for hooks.
   *
   * @param filter the rows to remove; {@link io.sqlitekit.spi.filter.Filters#all()} is refused
   * @return the number of rows removed
   * @throws io.sqlitekit.spi.error.ValidationException for an empty filter
   * @throws io.sqlitekit.spi.error.OperationNotSupportedException without {@link Capability#PURGE_BY_FILTER}
   * @since 0.3.0
   */
  default long purgeByFilter(Filter filter) {
    throw unsupported("purgeByFilter");
  }

  /**
   * Moves every matching row into an archive table in one transaction: the rows are copied, then deleted
   * physically (as {@link #purgeByFilter}). Either both happen or neither: a failure at any point leaves both
   * tables as they were; no row is lost or copied twice.
   *
   * <p>The archive table must already exist in the same database and be compatible: it has every column of
   * this table (same names and storage classes), and its other columns are nullable or have a default.
   *
   * @param filter the rows to move; {@link io.sqlitekit.spi.filter.Filters#all()} is refused
   * @param archive the archive table's definition
   * @return the number of rows moved
   * @throws io.sqlitekit.spi.error.ValidationException for an empty filter, a missing or incompatible archive
   *     table (naming the table and column)
   * @throws io.sqlitekit.spi.error.DuplicateKeyException when a moved row clashes with an archived one
   * @throws io.sqlitekit.spi.error.OperationNotSupportedException without {@link Capability#ARCHIVE_BY_FILTER}
   * @since 0.3.0
   */
  default long archiveByFilter(Filter filter, io.sqlitekit.spi.table.TableDef archive) {
    throw unsupported("archiveByFilter");
  }

  /**
   * Runs mixed operations in order in one transaction. Each operation is the single call it names, with
   * that call's checks, hooks and policy plugins; a later operation sees the earlier ones' writes. The first
   * failure rolls back every operation and is reported as a
   * {@link io.sqlitekit.spi.error.BulkWriteException} naming its index.
   *
   * @param ops the operations; an empty list does nothing
   * @return one outcome per operation
   * @throws io.sqlitekit.spi.error.BulkWriteException when an operation fails (nothing is applied)
   * @throws io.sqlitekit.spi.error.OperationNotSupportedException without {@link Capability#BULK_WRITE}
   * @since 0.3.0
   */
  default BulkWriteResult<T> bulkWrite(List<BulkOp<T, ID>> ops) {
    throw unsupported("bulkWrite");
  }

  /**
   * Applies several updates to one row, in order, as one write: later stages see earlier ones, so
   * {@code set(n, 5)} then {@code inc(n, 2)} stores 7, {@code inc} then {@code set} stores the set value,
   * and {@code unset} then {@code inc(n, 2)} stores 2. Runs as one {@code update} for hooks and plugins.
   *
   * @param id the key
   * @param stages the updates, at least one
   * @return the row after the update, or empty on a miss
   * @throws io.sqlitekit.spi.error.ValidationException for no stage, an {@code inc} of a non-numeric set
   *     value, or a bad update
   * @throws io.sqlitekit.spi.error.OperationNotSupportedException without {@link Capability#UPDATE_PIPELINE}
   * @since 0.3.0
   */
  default Optional<T> updatePipeline(ID id, List<Update> stages) {
    throw unsupported("updatePipeline");
  }

  /**
   * Applies several updates, in order, to every matching row as one {@code updateMany} (see
   * {@link #updatePipeline}).
   *
   * @param filter the rows; {@link io.sqlitekit.spi.filter.Filters#all()} is refused
   * @param stages the updates, at least one
   * @return matched and modified counts
   * @throws io.sqlitekit.spi.error.ValidationException as {@link #updatePipeline} and for an empty filter
   * @throws io.sqlitekit.spi.error.OperationNotSupportedException without {@link Capability#UPDATE_PIPELINE}
   * @since 0.3.0
   */
  default UpdateResult updateManyPipeline(Filter filter, List<Update> stages) {
    throw unsupported("updateManyPipeline");
  }

  /**
   * Returns one offset page, counting the matching rows or not. {@link CountStrategy#EXACT} is
   * {@link #getAll(PageRequest)}. With {@link CountStrategy#NONE} no count runs: the page reads one row more
   * than its size to learn {@code hasNext}, and reports {@code total = 0} and {@code pages = 0}.
   *
   * @param request the request
   * @param count how the total is obtained
   * @return the page
   * @throws io.sqlitekit.spi.error.OperationNotSupportedException for {@link CountStrategy#NONE} without
   *     {@link Capability#PAGE_WITHOUT_COUNT}
   * @since 0.3.0
   */
  default OffsetPage<T> getAll(PageRequest request, CountStrategy count) {
    if (count == CountStrategy.EXACT) {
      return getAll(request);
    }
    throw unsupported("getAll without a count");
  }

  /** The refusal of an optional operation this implementation lacks. */
  private io.sqlitekit.spi.error.OperationNotSupportedException unsupported(String operation) {
    return new io.sqlitekit.spi.error.OperationNotSupportedException(
        getClass().getSimpleName() + " does not support " + operation);
  }

  /**
   * Runs work in one transaction: commit when it returns, roll back when it throws (the exception
   * propagates unchanged). The repository passed to the work is bound to the transaction with every hook
   * and plugin active; a nested call uses a savepoint.
   *
   * @param work the body
   * @param <R> the result type
   * @return the body's result
   */
  <R> R withTransaction(TransactionWork<StandardRepo<T, ID>, R> work);

  /**
   * Builds statements and runs them atomically in one transaction, without per-statement hooks (policy
   * plugins still scope and stamp them); a failure anywhere leaves nothing applied.
   *
   * @param builder returns the statements to run, at least one
   * @return one result per statement, in order
   * @throws io.sqlitekit.spi.error.ValidationException if the builder returns no statement
   */
  List<BatchResult<T>> batch(Function<BatchBuilder<T, ID>, List<BatchStatement>> builder);

  /**
   * Returns the hook point extensions use to add their own reads (full-text or nearest-neighbour search)
   * under this repository's hooks and policy scope; see {@link ScopedReads}.
   *
   * @return the scoped reads of this repository view, or empty when the implementation cannot run
   *     extension SQL (the in-memory kit)
   * @since 0.2.0
   */
  default Optional<ScopedReads<T>> scopedReads() {
    return Optional.empty();
  }

  /**
   * Returns whether an exception (or any cause) is a UNIQUE or PRIMARY KEY violation.
   *
   * <p>The default recognises the kit's {@link io.sqlitekit.spi.error.DuplicateKeyException} anywhere in the
   * cause chain, and SQLite's own constraint codes in a driver exception that was not translated.
   *
   * @param error any throwable, possibly null
   * @return true for duplicate-key errors
   */
  default boolean isDuplicateKeyError(Throwable error) {
    return inCauseChain(error, io.sqlitekit.spi.error.DuplicateKeyException.class)
        || (error != null && io.sqlitekit.spi.error.SqliteResultCode.of(error).isDuplicateKey());
  }

  /**
   * Returns whether an exception (or any cause) is a transient busy/locked conflict that may be retried.
   *
   * <p>The default recognises the kit's {@link io.sqlitekit.spi.error.TransientConflictException} anywhere in
   * the cause chain, and SQLite's busy/locked codes in a driver exception that was not translated.
   *
   * @param error any throwable, possibly null
   * @return true for transient conflicts
   */
  default boolean isTransientConflictError(Throwable error) {
    return inCauseChain(error, io.sqlitekit.spi.error.TransientConflictException.class)
        || (error != null && io.sqlitekit.spi.error.SqliteResultCode.of(error).isTransient());
  }

  /** Whether {@code error} or one of its causes is a {@code type}; stops at a self-referencing cause. */
  private static boolean inCauseChain(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
