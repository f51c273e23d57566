package io.sqlitekit.support.repo;

import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.BatchBuilder;
import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.BulkOp;
import io.sqlitekit.spi.BulkWriteResult;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.Capabilities;
import io.sqlitekit.spi.CountStrategy;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.FindOptions;
import io.sqlitekit.spi.GetOrCreateResult;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.Lookup;
import io.sqlitekit.spi.LookupRow;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.ScopedReads;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.TransactionWork;
import io.sqlitekit.spi.Transition;
import io.sqlitekit.spi.TransitionResult;
import io.sqlitekit.spi.UpdateResult;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.WriteOptions;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A {@link StandardRepo} that forwards every method, the optional (defaulted) ones included, to another
 * repository. A decorator (metrics, logging, a test double with one deliberate difference) extends it and
 * overrides only what it changes; everything else behaves exactly as the wrapped repository. So an optional
 * operation the delegate supports and advertises in {@link #capabilities()} is never refused by the decorator
 * through the interface's refusing default, and a new operation of the contract is forwarded here once instead
 * of in every decorator.
 *
 * <p>Every data operation (each method but {@link #table()}, {@link #capabilities()}, {@link #withContext},
 * {@link #scopedReads()} and the two error classifiers) runs through {@link #forward(String, Supplier)} with
 * its method name, so a decorator that observes calls overrides that one method and sees the operations added
 * later too.
 *
 * <p>Views are not wrapped by default: {@link #withContext} returns the delegate's view and
 * {@link #withTransaction} hands the work the delegate's transaction-bound repository. A decorator whose
 * behaviour must hold in views and transactions overrides both to wrap them.
 *
 * @param <T> the entity type
 * @param <ID> the primary-key type
 * @since 0.3.0
 */
public abstract class ForwardingStandardRepo<T, ID> implements StandardRepo<T, ID> {
  private final StandardRepo<T, ID> delegate;

  /**
   * Wraps a repository.
   *
   * @param delegate the repository every call goes to unless overridden
   * @throws NullPointerException if {@code delegate} is null
   */
  protected ForwardingStandardRepo(StandardRepo<T, ID> delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * Returns the wrapped repository.
   *
   * @return the repository given to the constructor
   */
  protected final StandardRepo<T, ID> delegate() {
    return delegate;
  }

  /**
   * Runs one forwarded data operation. The default just runs it; an override may observe, time or wrap the
   * call but must return (or throw) what {@code call} does to keep the contract.
   *
   * @param operation the {@link StandardRepo} method's name (overloads share it, e.g. {@code getAll})
   * @param call the forwarding call to the delegate
   * @param <R> the operation's result type (boxed for primitive results)
   * @return the operation's result
   */
  protected <R> R forward(String operation, Supplier<R> call) {
    return call.get();
  }

  @Override
  public TableDef table() {
    return delegate.table();
  }

  @Override
  public Capabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public StandardRepo<T, ID> withContext(CallContext context) {
    return delegate.withContext(context);
  }

  @Override
  public Optional<ScopedReads<T>> scopedReads() {
    return delegate.scopedReads();
  }

  @Override
  public boolean isDuplicateKeyError(Throwable error) {
    return delegate.isDuplicateKeyError(error);
  }

  @Override
  public boolean isTransientConflictError(Throwable error) {
    return delegate.isTransientConflictError(error);
  }

  @Override
  public T create(T entity) {
    return forward("create", () -> delegate.create(entity));
  }

  @Override
  public List<T> createMany(List<T> entities) {
    return forward("createMany", () -> delegate.createMany(entities));
  }

  @Override
  public Optional<T> getById(ID id) {
    return forward("getById", () -> delegate.getById(id));
  }

  @Override
  public Optional<T> getById(ID id, Projection projection) {
    return forward("getById", () -> delegate.getById(id, projection));
  }

  @Override
  public List<T> getByIds(Collection<ID> ids) {
    return forward("getByIds", () -> delegate.getByIds(ids));
  }

  @Override
  public Optional<T> getOne(Filter filter) {
    return forward("getOne", () -> delegate.getOne(filter));
  }

  @Override
  public Optional<T> getOne(Filter filter, FindOptions options) {
    return forward("getOne", () -> delegate.getOne(filter, options));
  }

  @Override
  public List<T> findAll(Filter filter) {
    return forward("findAll", () -> delegate.findAll(filter));
  }

  @Override
  public List<T> findAll(Filter filter, FindOptions options) {
    return forward("findAll", () -> delegate.findAll(filter, options));
  }

  @Override
  public OffsetPage<T> getAll(PageRequest request) {
    return forward("getAll", () -> delegate.getAll(request));
  }

  @Override
  public OffsetPage<T> getAll(PageRequest request, CountStrategy count) {
    return forward("getAll", () -> delegate.getAll(request, count));
  }

  @Override
  public KeysetPage<T> getAll(KeysetRequest request) {
    return forward("getAll", () -> delegate.getAll(request));
  }

  @Override
  public Stream<T> stream(Filter filter, StreamOptions options) {
    return forward("stream", () -> delegate.stream(filter, options));
  }

  @Override
  public long count(Filter filter) {
    return forward("count", () -> delegate.count(filter));
  }

  @Override
  public boolean exists(Filter filter) {
    return forward("exists", () -> delegate.exists(filter));
  }

  @Override
  public List<Object> distinct(String field, Filter filter) {
    return forward("distinct", () -> delegate.distinct(field, filter));
  }

  @Override
  public Optional<T> update(ID id, Update update) {
    return forward("update", () -> delegate.update(id, update));
  }

  @Override
  public Optional<T> update(ID id, Update update, WriteOptions options) {
    return forward("update", () -> delegate.update(id, update, options));
  }

  @Override
  public UpdateResult updateMany(Filter filter, Update update) {
    return forward("updateMany", () -> delegate.updateMany(filter, update));
  }

  @Override
  public boolean delete(ID id) {
    return forward("delete", () -> delegate.delete(id));
  }

  @Override
  public long deleteMany(Filter filter) {
    return forward("deleteMany", () -> delegate.deleteMany(filter));
  }

  @Override
  public Optional<T> findOneAndUpdate(Filter filter, Update update, FindOneAndUpdateOptions options) {
    return forward("findOneAndUpdate", () -> delegate.findOneAndUpdate(filter, update, options));
  }

  @Override
  public T upsert(T entity) {
    return forward("upsert", () -> delegate.upsert(entity));
  }

  @Override
  public T upsert(T entity, UpsertOptions options) {
    return forward("upsert", () -> delegate.upsert(entity, options));
  }

  @Override
  public Optional<T> increment(ID id, String field, Number delta) {
    return forward("increment", () -> delegate.increment(id, field, delta));
  }

  @Override
  public GetOrCreateResult<T> getOrCreate(Filter filter, T entity) {
    return forward("getOrCreate", () -> delegate.getOrCreate(filter, entity));
  }

  @Override
  public List<Map<String, Object>> aggregate(AggregateRequest request) {
    return forward("aggregate", () -> delegate.aggregate(request));
  }

  @Override
  public OffsetPage<Map<String, Object>> aggregatePage(AggregateRequest request, int page, int limit,
      CountStrategy count) {
    return forward("aggregatePage", () -> delegate.aggregatePage(request, page, limit, count));
  }

  @Override
  public KeysetPage<Map<String, Object>> aggregateKeyset(AggregateRequest request, String after, int limit) {
    return forward("aggregateKeyset", () -> delegate.aggregateKeyset(request, after, limit));
  }

  @Override
  public OffsetPage<LookupRow<T>> lookupPage(PageRequest request, List<Lookup> lookups) {
    return forward("lookupPage", () -> delegate.lookupPage(request, lookups));
  }

  @Override
  public KeysetPage<LookupRow<T>> lookupKeyset(KeysetRequest request, List<Lookup> lookups) {
    return forward("lookupKeyset", () -> delegate.lookupKeyset(request, lookups));
  }

  @Override
  public Optional<T> claim(Filter filter, Sort sort, Update update) {
    return forward("claim", () -> delegate.claim(filter, sort, update));
  }

  @Override
  public Optional<T> claimVersion(Filter filter, Sort sort, Update update) {
    return forward("claimVersion", () -> delegate.claimVersion(filter, sort, update));
  }

  @Override
  public TransitionResult<T> applyTransition(ID id, Transition transition) {
    return forward("applyTransition", () -> delegate.applyTransition(id, transition));
  }

  @Override
  public long purgeByFilter(Filter filter) {
    return forward("purgeByFilter", () -> delegate.purgeByFilter(filter));
  }

  @Override
  public long archiveByFilter(Filter filter, TableDef archive) {
    return forward("archiveByFilter", () -> delegate.archiveByFilter(filter, archive));
  }

  @Override
  public BulkWriteResult<T> bulkWrite(List<BulkOp<T, ID>> ops) {
    return forward("bulkWrite", () -> delegate.bulkWrite(ops));
  }

  @Override
  public Optional<T> updatePipeline(ID id, List<Update> stages) {
    return forward("updatePipeline", () -> delegate.updatePipeline(id, stages));
  }

  @Override
  public UpdateResult updateManyPipeline(Filter filter, List<Update> stages) {
    return forward("updateManyPipeline", () -> delegate.updateManyPipeline(filter, stages));
  }

  @Override
  public <R> R withTransaction(TransactionWork<StandardRepo<T, ID>, R> work) {
    return forward("withTransaction", () -> delegate.withTransaction(work));
  }

  @Override
  public List<BatchResult<T>> batch(Function<BatchBuilder<T, ID>, List<BatchStatement>> builder) {
    return forward("batch", () -> delegate.batch(builder));
  }
}
