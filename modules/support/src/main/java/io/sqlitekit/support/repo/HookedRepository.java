package io.sqlitekit.support.repo;

import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.BatchBuilder;
import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.CountStrategy;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.FindOptions;
import io.sqlitekit.spi.GetOrCreateResult;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.TransactionWork;
import io.sqlitekit.spi.UpdateResult;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.WriteOptions;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.support.hook.CallState;
import io.sqlitekit.support.hook.HookEngine;
import io.sqlitekit.support.rules.AggregateRules;
import io.sqlitekit.support.rules.WriteRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A {@link StandardRepo} whose calls run through a {@link HookEngine}: the one copy of the per-operation
 * orchestration every kit shares. Each public method checks its arguments, builds the call's
 * {@link CallState} (the {@code HookContext} plugins see: operation, key, scope filter, rows, update,
 * request, batch statements), runs the hooks around the execution when any listens to the operation, and
 * calls the kit's execution method with what the before-hooks left in the state: the scope filter, the
 * rows, the update and the request. The contract's request rules (scope refusal, page limit, upsert
 * seeding, total order) are applied here, so every kit applies them at the same point of a call.
 *
 * <p>A kit implements only the execution methods, which receive already-rewritten inputs and know nothing of
 * hooks. Without a hook on an operation the call costs what the execution costs plus one {@link CallState}:
 * the engine is not entered.
 *
 * @param <T> the entity type
 * @param <ID> the primary-key type
 * @since 0.2.0
 */
public abstract class HookedRepository<T, ID> implements StandardRepo<T, ID> {
  private final TableDef table;
  private final String pkName;
  private final RowMapper<T> mapper;
  private final HookEngine engine;
  private final CallContext view;
  private final int maxPageLimit;
  private final ContractOperations<T, ID> ops = new ContractOperations<>(this);

  /**
   * Creates a repository view.
   *
   * @param table the table
   * @param mapper the entity mapper
   * @param engine the repository's hooks (shared by all its views)
   * @param view the context this view carries, merged over the thread's context when hooks read it
   * @param maxPageLimit the largest page a paged read may ask for
   */
  protected HookedRepository(TableDef table, RowMapper<T> mapper, HookEngine engine, CallContext view,
      int maxPageLimit) {
    this.table = Objects.requireNonNull(table, "table");
    this.pkName = table.primaryKey().name();
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.view = Objects.requireNonNull(view, "view");
    this.maxPageLimit = maxPageLimit;
  }

  // ---------------------------------------------------------------- what a kit provides

  /**
   * Creates the hook state of one call, bound to the kit's transactions (its driver's, or its own).
   *
   * @param op the operation
   * @return a new state
   */
  protected abstract CallState newCallState(Operation op);

  /**
   * Runs a body in one write transaction of the kit, joining the current thread's transaction if there is
   * one: rolled back when it throws (the exception propagates unchanged), committed when the outermost returns.
   *
   * @param body the body
   * @param <R> the result type
   * @return the body's result
   */
  protected abstract <R> R inWriteTransaction(Supplier<R> body);

  /**
   * Inserts one row in a write transaction.
   *
   * @param row the row's fields (mutable, owned by the call)
   * @return the stored entity
   */
  protected abstract T insertOne(Map<String, Object> row);

  /**
   * Inserts rows in one write transaction, checking every row before writing any.
   *
   * @param rows the rows, at least one
   * @return the stored entities in order
   */
  protected abstract List<T> insertAll(List<Map<String, Object>> rows);

  /**
   * Reads the row with a key inside a scope.
   *
   * @param id the key
   * @param projection the fields to return
   * @param scope the scope filter
   * @return the entity, or empty
   */
  protected abstract Optional<T> readById(Object id, Projection projection, Filter scope);

  /**
   * Reads the rows with the given keys inside a scope, in key order.
   *
   * @param ids the keys, at least one
   * @param scope the scope filter
   * @return the entities
   */
  protected abstract List<T> readByIds(List<Object> ids, Filter scope);

  /**
   * Reads the first matching row in the options' order.
   *
   * @param scope the filter
   * @param options the options (order by {@link #total} of their sort)
   * @return the entity, or empty
   */
  protected abstract Optional<T> readFirst(Filter scope, FindOptions options);

  /**
   * Reads matching rows in the options' order, limit and offset.
   *
   * @param scope the filter
   * @param options the options (order by {@link #total} of their sort)
   * @return the entities
   */
  protected abstract List<T> readAll(Filter scope, FindOptions options);

  /**
   * Reads one offset page and the total in one snapshot.
   *
   * @param scope the filter
   * @param request the request (order by {@link #total} of its sort)
   * @param limit the checked page size
   * @return the page
   */
  protected abstract OffsetPage<T> readPage(Filter scope, PageRequest request, int limit);

  /**
   * Reads one keyset page.
   *
   * @param scope the filter
   * @param request the request
   * @param limit the checked page size
   * @return the page
   */
  protected abstract KeysetPage<T> readKeysetPage(Filter scope, KeysetRequest request, int limit);

  /**
   * Opens a lazy keyset walk over matching rows.
   *
   * @param scope the filter
   * @param options the options
   * @return the stream
   */
  protected abstract Stream<T> readStream(Filter scope, StreamOptions options);

  /**
   * Counts matching rows.
   *
   * @param scope the filter
   * @return the count
   */
  protected abstract long countWhere(Filter scope);

  /**
   * Returns whether any row matches.
   *
   * @param scope the filter
   * @return true if one does
   */
  protected abstract boolean existsWhere(Filter scope);

  /**
   * Reads a field's distinct values among matching rows (NULL first, then in SQLite order).
   *
   * @param field the field as the request names it
   * @param scope the filter
   * @return the decoded values
   */
  protected abstract List<Object> distinctValues(String field, Filter scope);

  /**
   * Updates the row with a key inside a scope in a write transaction.
   *
   * @param id the key
   * @param scope the scope filter
   * @param update the update (not yet checked against the table)
   * @param expectedVersion the version the row must have, or null
   * @return the updated entity, or empty when no row in scope has the key
   */
  protected abstract Optional<T> updateById(Object id, Filter scope, Update update, Long expectedVersion);

  /**
   * Deletes the row with a key inside a scope, or updates it when a hook turned the delete into an update.
   *
   * @param id the key
   * @param scope the scope filter
   * @param asUpdate the update a hook converted the delete into, or null
   * @return whether a row was deleted (or updated)
   */
  protected abstract boolean deleteById(Object id, Filter scope, Update asUpdate);

  /**
   * Applies an update to every matching row in a write transaction (the caller's filter is already known
   * to be scoped).
   *
   * @param scope the filter
   * @param update the update (not yet checked against the table)
   * @return the rows matched and changed
   */
  protected abstract UpdateResult updateWhere(Filter scope, Update update);

  /**
   * Deletes every matching row, or updates them when a hook turned the delete into an update.
   *
   * @param scope the filter
   * @param asUpdate the update a hook converted the delete into, or null
   * @return the rows deleted (or updated)
   */
  protected abstract long deleteWhere(Filter scope, Update asUpdate);

  /**
   * Updates the first matching row in one write transaction, or inserts {@code insertIfNone} when none
   * matches and it is given.
   *
   * @param scope the filter
   * @param update the update (not yet checked against the table)
   * @param options the options (order by {@link #total} of their sort)
   * @param insertIfNone the row an upsert inserts (its seed plus the update's sets), or null
   * @return the entity before or after, or empty
   */
  protected abstract Optional<T> updateFirst(Filter scope, Update update, FindOneAndUpdateOptions options,
      Map<String, Object> insertIfNone);

  /**
   * Inserts a row or, on a conflict, updates the conflicting row when it is inside the scope.
   *
   * @param row the row's fields
   * @param options the conflict target
   * @param conflictUpdate the update hooks want on a conflict, empty for "every non-key field of the row"
   * @param scope the scope the conflicting row must be in
   * @return the stored entity
   */
  protected abstract T upsertOne(Map<String, Object> row, UpsertOptions options, Update conflictUpdate,
      Filter scope);

  /**
   * Returns the first matching row in key order, or inserts the row, in one write transaction.
   *
   * @param scope the filter
   * @param row the row to insert when none matches
   * @return the entity and whether it was created
   */
  protected abstract GetOrCreateResult<T> firstOrInsert(Filter scope, Map<String, Object> row);

  /**
   * Runs an aggregate.
   *
   * @param request the request
   * @param scope the filter
   * @param after a filter over the output keys applied after top-N and before the sort and limit (a keyset
   *     page's position), or {@link io.sqlitekit.spi.filter.Filters#all()}
   * @return the result rows
   */
  protected abstract List<Map<String, Object>> aggregateRows(AggregateRequest request, Filter scope,
      Filter after);

  /**
   * Counts the rows an aggregate returns (ignoring its sort, limit and offset).
   *
   * @param request the request
   * @param scope the filter
   * @return the number of result rows
   */
  protected abstract long aggregateCount(AggregateRequest request, Filter scope);

  /**
   * Runs batch statements in order in one write transaction.
   *
   * @param statements the statements, at least one
   * @return one result per statement
   */
  protected abstract List<BatchResult<T>> runBatch(List<BatchStatement> statements);

  /**
   * Takes the first matching row in the given order and applies the update to it, atomically with respect to
   * every other write of the kit ({@code claim}). The default is the {@code findOneAndUpdate} execution.
   *
   * @param scope the filter with the policy scope
   * @param update the update (not yet checked against the table)
   * @param order the total order
   * @return the row after the update, or empty when none matches
   */
  protected Optional<T> claimFirst(Filter scope, Update update, Sort order) {
    return updateFirst(scope, update, new io.sqlitekit.spi.FindOneAndUpdateOptions(order,
        io.sqlitekit.spi.ReturnDocument.AFTER, false, null), null);
  }

  /**
   * Copies every matching row into the archive table and deletes them, in one write transaction
   * ({@code archiveByFilter}); the archive was found compatible by the shared rules. The default refuses.
   *
   * @param scope the filter with the policy scope
   * @param archive the archive table
   * @return the rows moved
   */
  protected long archiveWhere(Filter scope, TableDef archive) {
    throw new io.sqlitekit.spi.error.OperationNotSupportedException(getClass().getSimpleName()
        + " cannot archive rows");
  }

  /** The largest page a paged read may ask for. */
  final int maxPageLimit() {
    return maxPageLimit;
  }

  // ---------------------------------------------------------------- what subclasses share

  /**
   * Returns the entity mapper.
   *
   * @return the mapper
   */
  protected final RowMapper<T> mapper() {
    return mapper;
  }

  /**
   * Returns the repository's hooks.
   *
   * @return the engine
   */
  protected final HookEngine engine() {
    return engine;
  }

  /**
   * Returns the context this view carries; plugins read it merged over the thread's context.
   *
   * @return the context
   */
  protected final CallContext view() {
    return view;
  }

  /** Runs a call through the hooks only when any listens to its operation: no engine work otherwise. */
  <R> R run(CallState ctx, Supplier<R> exec) {
    if (!engine.hasHooks(ctx.operation())) {
      return exec.get();
    }
    return engine.run(ctx, exec);
  }

  /**
   * Returns an entity's fields as a new mutable map that only the caller holds (hooks may rewrite it).
   *
   * @param entity the entity
   * @return its fields, without nulls when the mapper says null means absent
   */
  protected final Map<String, Object> fieldsOf(T entity) {
    Objects.requireNonNull(entity, "entity");
    return mapper.toSuppliedFields(entity);
  }

  /** One entity's fields as the mutable row list of an insert call; hooks stamp fields into it. */
  private List<Map<String, Object>> ownRows(T entity) {
    List<Map<String, Object>> rows = new ArrayList<>(1);
    rows.add(fieldsOf(entity));
    return rows;
  }

  /**
   * Returns the order a read runs in: every read is totally ordered, ties breaking by primary key in the last
   * key's direction ({@link Sort#total}).
   *
   * @param sort the requested order
   * @return the total order
   */
  protected final Sort total(Sort sort) {
    return sort.total(pkName);
  }

  /**
   * Returns the builder {@link #batch} hands out: statements of this table from entities.
   *
   * @return a builder
   */
  protected final BatchBuilder<T, ID> batchBuilder() {
    return new BatchBuilder<>() {
      @Override
      public BatchStatement insert(T entity) {
        return BatchStatement.insert(table, fieldsOf(entity));
      }

      @Override
      public BatchStatement upsert(T entity) {
        return BatchStatement.upsert(table, fieldsOf(entity));
      }

      @Override
      public BatchStatement update(ID id, Update update) {
        return BatchStatement.update(table, Objects.requireNonNull(id, "id"), update);
      }

      @Override
      public BatchStatement delete(ID id) {
        return BatchStatement.delete(table, Objects.requireNonNull(id, "id"));
      }
    };
  }

  // ---------------------------------------------------------------- MinimalRepo

  @Override
  public final TableDef table() {
    return table;
  }

  @Override
  public final T create(T entity) {
    CallState ctx = newCallState(Operation.CREATE).withRowsOwned(ownRows(entity));
    return run(ctx, () -> insertOne(ctx.rows().get(0)));
  }

  @Override
  public final Optional<T> getById(ID id) {
    return getById(id, Projection.all());
  }

  @Override
  public final Optional<T> update(ID id, Update update) {
    return update(id, update, WriteOptions.none());
  }

  @Override
  public final boolean delete(ID id) {
    Objects.requireNonNull(id, "id");
    CallState ctx = newCallState(Operation.DELETE).withId(id);
    return run(ctx, () -> deleteById(id, ctx.filter(), ctx.deleteConvertedToUpdate() ? ctx.update() : null));
  }

  @Override
  public final List<T> findAll(Filter filter) {
    return findAll(filter, FindOptions.defaults());
  }

  @Override
  public final long count(Filter filter) {
    CallState ctx = newCallState(Operation.COUNT).withFilter(filter);
    return run(ctx, () -> countWhere(ctx.filter()));
  }

  // ---------------------------------------------------------------- StandardRepo

  @Override
  public final List<T> createMany(List<T> entities) {
    Objects.requireNonNull(entities, "entities");
    List<Map<String, Object>> rows = new ArrayList<>(entities.size());
    for (T e : entities) {
      rows.add(fieldsOf(e));
    }
    CallState ctx = newCallState(Operation.CREATE_MANY).withRowsOwned(rows);
    return run(ctx, () -> ctx.rows().isEmpty() ? List.of() : insertAll(ctx.rows()));
  }

  @Override
  public final Optional<T> getById(ID id, Projection projection) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(projection, "projection");
    CallState ctx = newCallState(Operation.GET_BY_ID).withId(id);
    if (!projection.isAll()) {
      // Hooks see a projection only when the caller chose one; the hot path wraps nothing.
      ctx.withRequest(projection);
    }
    return run(ctx, () -> {
      Object req = ctx.requestValue();
      return readById(id, req instanceof Projection ? (Projection) req : projection, ctx.filter());
    });
  }

  @Override
  public final List<T> getByIds(Collection<ID> ids) {
    Objects.requireNonNull(ids, "ids");
    List<Object> list = new ArrayList<>(ids.size());
    for (ID id : ids) {
      list.add(Objects.requireNonNull(id, "id"));
    }
    CallState ctx = newCallState(Operation.GET_BY_IDS).withRequest(list);
    return run(ctx, () -> list.isEmpty() ? List.of() : readByIds(list, ctx.filter()));
  }

  @Override
  public final Optional<T> getOne(Filter filter) {
    return getOne(filter, FindOptions.defaults());
  }

  @Override
  public final Optional<T> getOne(Filter filter, FindOptions options) {
    Objects.requireNonNull(options, "options");
    CallState ctx = newCallState(Operation.GET_ONE).withFilter(filter).withRequest(options);
    return run(ctx, () -> {
      FindOptions o = (FindOptions) ctx.request().orElse(options);
      return readFirst(ctx.filter(), o);
    });
  }

  @Override
  public final List<T> findAll(Filter filter, FindOptions options) {
    Objects.requireNonNull(options, "options");
    CallState ctx = newCallState(Operation.FIND_ALL).withFilter(filter).withRequest(options);
    return run(ctx, () -> {
      FindOptions o = (FindOptions) ctx.request().orElse(options);
      return readAll(ctx.filter(), o);
    });
  }

  @Override
  public final OffsetPage<T> getAll(PageRequest request) {
    Objects.requireNonNull(request, "request");
    CallState ctx = newCallState(Operation.GET_ALL).withFilter(request.filter()).withRequest(request);
    return run(ctx, () -> {
      PageRequest r = (PageRequest) ctx.request().orElse(request);
      int limit = WriteRules.pageLimit(r.limit(), maxPageLimit);
      return readPage(ctx.filter(), r, limit);
    });
  }

  @Override
  public final KeysetPage<T> getAll(KeysetRequest request) {
    Objects.requireNonNull(request, "request");
    CallState ctx = newCallState(Operation.GET_ALL).withFilter(request.filter()).withRequest(request);
    return run(ctx, () -> {
      KeysetRequest r = (KeysetRequest) ctx.request().orElse(request);
      return readKeysetPage(ctx.filter(), r, WriteRules.pageLimit(r.limit(), maxPageLimit));
    });
  }

  @Override
  public final Stream<T> stream(Filter filter, StreamOptions options) {
    Objects.requireNonNull(options, "options");
    CallState ctx = newCallState(Operation.STREAM).withFilter(filter).withRequest(options);
    return run(ctx, () -> readStream(ctx.filter(), (StreamOptions) ctx.request().orElse(options)));
  }

  @Override
  public final boolean exists(Filter filter) {
    CallState ctx = newCallState(Operation.EXISTS).withFilter(filter);
    return run(ctx, () -> existsWhere(ctx.filter()));
  }

  @Override
  public final List<Object> distinct(String field, Filter filter) {
    Objects.requireNonNull(field, "field");
    CallState ctx = newCallState(Operation.DISTINCT).withFilter(filter).withRequest(field);
    return run(ctx, () -> distinctValues((String) ctx.request().orElse(field), ctx.filter()));
  }

  @Override
  public final Optional<T> update(ID id, Update update, WriteOptions options) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(update, "update");
    Objects.requireNonNull(options, "options");
    CallState ctx = newCallState(Operation.UPDATE).withId(id).withUpdate(update).withRequest(options);
    return run(ctx, () -> {
      WriteOptions o = (WriteOptions) ctx.request().orElse(options);
      return updateById(id, ctx.filter(), ctx.update(), o.expectedVersion());
    });
  }

  @Override
  public final UpdateResult updateMany(Filter filter, Update update) {
    Objects.requireNonNull(update, "update");
    Objects.requireNonNull(filter, "filter");
    CallState ctx = newCallState(Operation.UPDATE_MANY).withFilter(filter).withUpdate(update);
    return run(ctx, () -> {
      // The caller's filter, not the hooks' scope: a tenant filter must not make "every row" acceptable.
      WriteRules.requireScoped(filter, "updateMany");
      return updateWhere(ctx.filter(), ctx.update());
    });
  }

  @Override
  public final long deleteMany(Filter filter) {
    Objects.requireNonNull(filter, "filter");
    CallState ctx = newCallState(Operation.DELETE_MANY).withFilter(filter);
    return run(ctx, () -> {
      WriteRules.requireScoped(filter, "deleteMany");
      return deleteWhere(ctx.filter(), ctx.deleteConvertedToUpdate() ? ctx.update() : null);
    });
  }

  @Override
  public final Optional<T> findOneAndUpdate(Filter filter, Update update, FindOneAndUpdateOptions options) {
    Objects.requireNonNull(update, "update");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(filter, "filter");
    CallState ctx = newCallState(Operation.FIND_ONE_AND_UPDATE).withFilter(filter).withUpdate(update)
        .withRequest(options);
    if (options.upsert()) {
      // The seed comes from the caller's filter and update; hooks see it as the row to insert.
      ctx.withRows(List.of(WriteRules.upsertSeed(filter, update)));
    }
    return run(ctx, () -> {
      WriteRules.requireScoped(filter, "findOneAndUpdate");
      FindOneAndUpdateOptions o = (FindOneAndUpdateOptions) ctx.request().orElse(options);
      Update u = ctx.update();
      Map<String, Object> insert = null;
      if (o.upsert() && !ctx.rows().isEmpty()) {
        // The (possibly stamped) seed, plus what hooks added to the update's set.
        insert = new LinkedHashMap<>(ctx.rows().get(0));
        u.set().forEach(insert::putIfAbsent);
      }
      return updateFirst(ctx.filter(), u, o, insert);
    });
  }

  @Override
  public final T upsert(T entity) {
    return upsert(entity, UpsertOptions.onPrimaryKey());
  }

  @Override
  public final T upsert(T entity, UpsertOptions options) {
    Objects.requireNonNull(options, "options");
    CallState ctx = newCallState(Operation.UPSERT).withRowsOwned(ownRows(entity)).withRequest(options);
    return run(ctx, () -> {
      UpsertOptions o = (UpsertOptions) ctx.request().orElse(options);
      return upsertOne(ctx.rows().get(0), o, ctx.update(), ctx.filter());
    });
  }

  @Override
  public final Optional<T> increment(ID id, String field, Number delta) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(delta, "delta");
    // Unknown, key or non-numeric fields and bad deltas are refused by the update checks, after the hooks ran.
    CallState ctx = newCallState(Operation.INCREMENT).withId(id).withUpdate(Update.inc(field, delta));
    return run(ctx, () -> updateById(id, ctx.filter(), ctx.update(), null));
  }

  @Override
  public final GetOrCreateResult<T> getOrCreate(Filter filter, T entity) {
    Objects.requireNonNull(filter, "filter");
    CallState ctx = newCallState(Operation.GET_OR_CREATE).withFilter(filter).withRowsOwned(ownRows(entity));
    return run(ctx, () -> firstOrInsert(ctx.filter(), ctx.rows().get(0)));
  }

  @Override
  public final List<Map<String, Object>> aggregate(AggregateRequest request) {
    Objects.requireNonNull(request, "request");
    CallState ctx = newCallState(Operation.AGGREGATE).withFilter(request.filter()).withRequest(request);
    return run(ctx, () -> aggregateRows((AggregateRequest) ctx.request().orElse(request), ctx.filter(),
        Filters.all()));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Runs as an {@link Operation#AGGREGATE} call: hooks see the request with its total order.
   */
  @Override
  public final OffsetPage<Map<String, Object>> aggregatePage(AggregateRequest request, int page, int limit,
      CountStrategy count) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(count, "count");
    AggregateRules.checkPage(request, page, limit);
    AggregateRequest ordered = request.orderBy(AggregateRules.totalOrder(request));
    CallState ctx = newCallState(Operation.AGGREGATE).withFilter(request.filter()).withRequest(ordered);
    return run(ctx, () -> {
      AggregateRequest r = (AggregateRequest) ctx.request().orElse(ordered);
      long offset = (long) (page - 1) * limit;
      if (count == CountStrategy.NONE) {
        List<Map<String, Object>> rows = aggregateRows(r.page(limit + 1, offset), ctx.filter(), Filters.all());
        boolean more = rows.size() > limit;
        return new OffsetPage<>(more ? rows.subList(0, limit) : rows, page, limit, 0, 0, more, page > 1);
      }
      List<Map<String, Object>> rows = aggregateRows(r.page(limit, offset), ctx.filter(), Filters.all());
      return OffsetPage.of(rows, page, limit, aggregateCount(r, ctx.filter()));
    });
  }

  /**
   * {@inheritDoc}
   *
   * <p>Runs as an {@link Operation#AGGREGATE} call: hooks see the request with its total order.
   */
  @Override
  public final KeysetPage<Map<String, Object>> aggregateKeyset(AggregateRequest request, String after,
      int limit) {
    Objects.requireNonNull(request, "request");
    AggregateRules.checkPage(request, 1, limit);
    if (request.sort().isEmpty()) {
      throw new ValidationException("sort", String.format(Locale.ROOT,
          "a keyset aggregate page over table \"%s\" needs a sort over group keys or measure aliases",
          table.name()));
    }
    Sort total = AggregateRules.totalOrder(request);
    AggregateRequest ordered = request.orderBy(total);
    // Dotted group keys decode through the joined table's columns.
    TableDef source = AggregateJoins.table(table, request);
    Filter position = AggregateRules.after(source, ordered, total, after);
    CallState ctx = newCallState(Operation.AGGREGATE).withFilter(request.filter()).withRequest(ordered);
    return run(ctx, () -> {
      AggregateRequest r = (AggregateRequest) ctx.request().orElse(ordered);
      List<Map<String, Object>> rows = aggregateRows(r.page(limit + 1, 0), ctx.filter(), position);
      if (rows.size() <= limit) {
        return new KeysetPage<>(rows, limit, null, false);
      }
      List<Map<String, Object>> items = rows.subList(0, limit);
      return new KeysetPage<>(items, limit, AggregateRules.cursor(source, r, total, items.get(limit - 1)), true);
    });
  }

  @Override
  public final Optional<T> claim(Filter filter, Sort sort, Update update) {
    return ops.claim(filter, sort, update);
  }

  @Override
  public final Optional<T> claimVersion(Filter filter, Sort sort, Update update) {
    return ops.claimVersion(filter, sort, update);
  }

  @Override
  public final io.sqlitekit.spi.TransitionResult<T> applyTransition(ID id, io.sqlitekit.spi.Transition transition) {
    return ops.applyTransition(id, transition);
  }

  @Override
  public final long purgeByFilter(Filter filter) {
    return ops.purgeByFilter(filter);
  }

  @Override
  public final long archiveByFilter(Filter filter, TableDef archive) {
    return ops.archiveByFilter(filter, archive);
  }

  @Override
  public final io.sqlitekit.spi.BulkWriteResult<T> bulkWrite(List<io.sqlitekit.spi.BulkOp<T, ID>> operations) {
    return ops.bulkWrite(operations);
  }

  @Override
  public final Optional<T> updatePipeline(ID id, List<Update> stages) {
    return update(id, ops.pipeline(stages));
  }

  @Override
  public final UpdateResult updateManyPipeline(Filter filter, List<Update> stages) {
    return updateMany(filter, ops.pipeline(stages));
  }

  @Override
  public final OffsetPage<T> getAll(PageRequest request, CountStrategy count) {
    Objects.requireNonNull(count, "count");
    return count == CountStrategy.EXACT ? getAll(request) : ops.pageWithoutCount(request);
  }

  /**
   * Returns a document repository of a table this kit knows, for the foreign side of a lookup read; kits
   * with lookups override it. The repository carries the kit's plugins for that table.
   *
   * @param table the foreign table
   * @return the repository, or {@code null} when the kit does not know the table
   */
  protected StandardRepo<Map<String, Object>, Object> lookupDocuments(TableDef table) {
    throw new io.sqlitekit.spi.error.OperationNotSupportedException(
        getClass().getSimpleName() + " does not read lookups");
  }

  /**
   * {@inheritDoc}
   *
   * <p>Runs the base page as a {@code getAll} call and each lookup as a {@code findAll} call of a document
   * repository of its foreign table, with this view's context merged with the lookup's.
   */
  @Override
  public final io.sqlitekit.spi.OffsetPage<io.sqlitekit.spi.LookupRow<T>> lookupPage(PageRequest request,
      List<io.sqlitekit.spi.Lookup> lookups) {
    return consistentRead(() -> LookupReads.page(this, mapper, request, lookups, this::lookupView, view));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Runs as {@link #lookupPage} does, over a keyset {@code getAll} call.
   */
  @Override
  public final KeysetPage<io.sqlitekit.spi.LookupRow<T>> lookupKeyset(KeysetRequest request,
      List<io.sqlitekit.spi.Lookup> lookups) {
    return consistentRead(() -> LookupReads.keyset(this, mapper, request, lookups, this::lookupView, view));
  }

  /**
   * Resolves an aggregate's lookups for the kit's execution: the joined table it runs over and each foreign
   * table's read scope, from that table's own hooks with this view's context merged with the lookup's.
   *
   * @param request the aggregate (as the hooks left it)
   * @return the joins; none when the request has no lookup
   * @throws ValidationException naming a bad lookup or path
   * @throws io.sqlitekit.spi.error.OperationNotSupportedException when the kit has no lookups
   * @since 0.3.0
   */
  protected final AggregateJoins aggregateJoins(AggregateRequest request) {
    return AggregateJoins.resolve(table, request, this::lookupView, view);
  }

  /**
   * Runs several reads of one call on one consistent view of the data where the kit can (the base page and
   * its lookups' reads); reads nested in the body must join it. By default each read stands alone.
   *
   * @param body the reads
   * @param <R> the result type
   * @return the body's result
   */
  protected <R> R consistentRead(Supplier<R> body) {
    return body.get();
  }

  private StandardRepo<Map<String, Object>, Object> lookupView(TableDef foreign, CallContext context) {
    StandardRepo<Map<String, Object>, Object> repo = lookupDocuments(foreign);
    return repo == null ? null : repo.withContext(context);
  }

  /**
   * Runs an extension's read ({@link io.sqlitekit.spi.ScopedReads}) as one {@link Operation#SEARCH} call:
   * the hooks see the filter and request, and the body gets the final scope and request.
   *
   * @param filter the caller's filter
   * @param request the extension's request
   * @param body runs the read with the final scope filter and request
   * @param <R> the result type
   * @return the body's result, after the hooks
   */
  protected final <R> R scopedRead(Filter filter, Object request, java.util.function.BiFunction<Filter, Object, R> body) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(body, "body");
    CallState ctx = newCallState(Operation.SEARCH).withFilter(filter).withRequest(request);
    return run(ctx, () -> body.apply(ctx.filter(), ctx.request().orElse(request)));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The repository passed to the body is this repository; its calls join the transaction.
   *
   * <p>On a repository over a view this is refused with {@link io.sqlitekit.spi.error.ReadOnlyException}
   * before any transaction opens and before the body runs: a view has nothing to write, and a read-only
   * repository reports no {@link io.sqlitekit.spi.Capability#TRANSACTIONS}. To read a view consistently with
   * other tables, read it inside a table repository's {@code withTransaction} or the kit's
   * {@code inTransaction}: its reads join that transaction.
   *
   * @throws io.sqlitekit.spi.error.ReadOnlyException if this repository is over a view
   */
  @Override
  public <R> R withTransaction(TransactionWork<StandardRepo<T, ID>, R> work) {
    Objects.requireNonNull(work, "work");
    io.sqlitekit.support.rules.ViewRules.requireWritable(table, "withTransaction");
    return inWriteTransaction(() -> work.run(this));
  }

  @Override
  public final List<BatchResult<T>> batch(Function<BatchBuilder<T, ID>, List<BatchStatement>> builder) {
    Objects.requireNonNull(builder, "builder");
    List<BatchStatement> statements = builder.apply(batchBuilder());
    if (statements == null || statements.isEmpty()) {
      throw new ValidationException(String.format(Locale.ROOT, "batch on table \"%s\" has no statement",
          table.name()));
    }
    CallState ctx = newCallState(Operation.BATCH).withBatch(statements);
    return run(ctx, () -> runBatch(ctx.batchStatements()));
  }
}
