package io.sqlitekit.spi.plugin;

import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mutable state of one repository call as hooks see it. Before-hooks may rewrite the scope filter,
 * the rows to insert, the update and the batch statements; after- and error-hooks see the final state.
 *
 * <p>A context belongs to one call on one thread and is not thread-safe. Field names in it are property
 * keys; values are Java values (before codecs).
 *
 * @since 0.1.0
 */
public interface HookContext {
  /**
   * Returns the operation.
   *
   * @return the operation
   */
  Operation operation();

  /**
   * Returns the table.
   *
   * @return the definition
   */
  TableDef table();

  /**
   * Returns the effective call context (repository view merged over the thread's context).
   *
   * @return the context
   */
  CallContext callContext();

  /**
   * Returns the primary key for operations by id (getById, update, delete, increment).
   *
   * @return the key, or empty
   */
  Optional<Object> id();

  /**
   * Returns the scope filter: the one source of truth for which rows the call reads or writes. For operations by
   * id it is AND-ed with the key match; for filtered operations it is the caller's filter (for getAll and
   * aggregate, the request's filter). Policy plugins narrow it with {@code setFilter(and(filter(), scope))}. A
   * request that carries a filter ({@link io.sqlitekit.spi.PageRequest}, {@link io.sqlitekit.spi.KeysetRequest},
   * {@link io.sqlitekit.spi.AggregateRequest}) always carries this filter when read through {@link #request()},
   * and {@link #setRequest} with such a request sets this filter to the request's.
   *
   * @return the filter; {@link io.sqlitekit.spi.filter.Filters#all()} when unscoped
   */
  Filter filter();

  /**
   * Replaces the scope filter.
   *
   * @param filter the new filter
   */
  void setFilter(Filter filter);

  /**
   * Returns the rows an insert path will write: one for create, upsert, getOrCreate and an upserting
   * findOneAndUpdate, many for createMany; empty for other operations. The list and its maps are
   * mutable; hooks stamp fields by putting entries.
   *
   * @return the mutable rows
   */
  List<Map<String, Object>> rows();

  /**
   * Returns the update of update, updateMany, findOneAndUpdate and increment (as an {@code inc}), and
   * of a delete that a plugin converted to an update.
   *
   * @return the update, or {@link Update#empty()}
   */
  Update update();

  /**
   * Replaces the update.
   *
   * @param update the new update
   */
  void setUpdate(Update update);

  /**
   * Turns a delete or deleteMany into an update of the same scope (soft delete). The result of the call
   * stays a delete result: true / the number of rows marked.
   *
   * @param update the update to apply instead of deleting
   * @throws IllegalStateException if the operation is not DELETE or DELETE_MANY
   */
  void convertDeleteToUpdate(Update update);

  /**
   * Returns whether a plugin converted this delete into an update.
   *
   * @return true after {@link #convertDeleteToUpdate(Update)}
   */
  boolean deleteConvertedToUpdate();

  /**
   * Returns the statements of a batch (empty for other operations).
   *
   * @return the statements
   */
  List<BatchStatement> batchStatements();

  /**
   * Rewrites this repository's statements of a batch, one by one, leaving other tables' statements alone; the
   * statements are replaced only if a rewrite returned a different statement. This is the one loop every policy
   * plugin needs for batches: pass the same per-statement rule the plugin applies to the single call of the
   * statement's kind (insert, upsert, update, delete).
   *
   * @param rewrite returns the statement to run instead (or the same one)
   * @since 0.2.0 (abstract since 0.3.0: the hook engine of the shared layer implements it)
   */
  void rewriteBatch(java.util.function.UnaryOperator<BatchStatement> rewrite);

  /**
   * Applies a plugin's single-call before-hook to each of this repository's statements of a batch, so a batch
   * statement gets exactly the policy of the call it stands for without the plugin writing that policy twice:
   * the hook sees an INSERT as {@link Operation#CREATE} (its data as the one row), an UPSERT as
   * {@link Operation#UPSERT} (data as the row, the conflict update as the update, the scope as the filter), an
   * UPDATE as {@link Operation#UPDATE} and a DELETE as {@link Operation#DELETE} (key as the id, scope as the
   * filter, {@link #convertDeleteToUpdate} turning it into an update statement). What the hook rewrites becomes
   * the statement. The call context, attributes and transaction are the batch's; there is no request.
   *
   * <pre>{@code
   * BeforeHook scope = ctx -> ctx.setFilter(and(ctx.filter(), live));
   * registry.before(Operation.scoped(), HookPriority.POLICY, scope);
   * registry.before(EnumSet.of(Operation.BATCH), HookPriority.POLICY, ctx -> ctx.applyToBatch(scope));
   * }</pre>
   *
   * @param singleCallHook the hook the plugin registers for single calls; it should check
   *     {@link #operation()} as it does there
   * @throws IllegalStateException if called on a context that is not a batch
   * @since 0.2.0 (abstract since 0.3.0: the hook engine of the shared layer implements it)
   */
  void applyToBatch(BeforeHook singleCallHook);

  /**
   * Replaces the statements of a batch.
   *
   * @param statements the new statements, same count and order
   * @throws IllegalArgumentException if the count changes
   */
  void setBatchStatements(List<BatchStatement> statements);

  /**
   * Returns the operation's request object, for hooks that need it in their key or log: for example
   * {@link io.sqlitekit.spi.PageRequest}, {@link io.sqlitekit.spi.KeysetRequest},
   * {@link io.sqlitekit.spi.FindOptions}, {@link io.sqlitekit.spi.AggregateRequest}, the distinct field
   * name, or {@link io.sqlitekit.spi.UpsertOptions}.
   *
   * @return the request, or empty
   */
  Optional<Object> request();

  /**
   * Returns the operation's request object if it is of the given type: the typed form of {@link #request()}.
   *
   * <pre>{@code
   * boolean upsert = ctx.request(FindOneAndUpdateOptions.class).map(FindOneAndUpdateOptions::upsert).orElse(false);
   * }</pre>
   *
   * @param type the request type the hook understands
   * @param <R> the request type
   * @return the request, or empty when there is none or it has another type
   * @since 0.2.0
   */
  default <R> Optional<R> request(Class<R> type) {
    java.util.Objects.requireNonNull(type, "type");
    return request().filter(type::isInstance).map(type::cast);
  }

  /**
   * Replaces the request object (same type), for example to rewrite upsert conflict options. A request that
   * carries a filter (page, keyset and aggregate requests) also replaces the scope {@link #filter()} with its
   * own, so a hook that rewrites the request's filter is honoured; derive the new request from
   * {@link #request()}, whose filter already includes what earlier hooks narrowed.
   *
   * @param request the new request
   * @throws IllegalArgumentException if the type differs from the original request's
   */
  void setRequest(Object request);

  /**
   * Returns scratch space shared by the hooks of this call (for example a cache key).
   *
   * @return the mutable attributes
   */
  Map<String, Object> attributes();

  /**
   * Ends a read before it reaches the database, with this result (a cache hit). After-hooks still run.
   *
   * @param result the result the call returns; must have the operation's result type
   * @throws IllegalStateException if the operation is a write
   */
  void shortCircuit(Object result);

  /**
   * Returns whether a before-hook short-circuited this call.
   *
   * @return true after {@link #shortCircuit(Object)}
   */
  boolean isShortCircuited();

  /**
   * Returns whether the call runs inside a caller's transaction ({@code withTransaction}).
   *
   * @return true inside a transaction
   */
  boolean inTransaction();

  /**
   * Runs an action after the outermost transaction commits, or at once when there is none. Actions of
   * a rolled-back transaction are discarded. Cache invalidation uses it so that no reader can re-cache
   * a value that is about to be rolled back.
   *
   * @param action the action
   */
  void afterCommit(Runnable action);

  /**
   * Runs an action when the outermost transaction ends, committed or rolled back, or at once when there
   * is none. Cache invalidation also uses it to drop values cached inside a rolled-back transaction.
   *
   * @param action the action
   */
  void afterCompletion(Runnable action);
}
