package io.sqlitekit.sample.tckcertify;

import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.BatchBuilder;
import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.BatchStatement;
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
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.TransactionWork;
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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A third-party {@link StandardRepo}: it forwards every call to another repository and counts the calls per
 * method, the kind of decorator an application writes for metrics. Because it is an implementation of the
 * contract in its own right, it has to be certified like one; {@code TckCertifyIT} does that with the TCK.
 *
 * <p>Views ({@link #withContext}) and transaction-bound repositories are wrapped too and share the counters, so
 * a call counts the same whichever view it went through. Thread-safe when the delegate is.
 *
 * @param <T> the entity type
 * @param <ID> the key type
 */
public final class MeteredRepo<T, ID> implements StandardRepo<T, ID> {
  private final StandardRepo<T, ID> delegate;
  private final Map<String, LongAdder> calls;

  private MeteredRepo(StandardRepo<T, ID> delegate, Map<String, LongAdder> calls) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.calls = calls;
  }

  /**
   * Wraps a repository with fresh counters.
   *
   * @param delegate the repository that does the work
   * @param <T> the entity type
   * @param <ID> the key type
   * @return the metered repository
   */
  public static <T, ID> MeteredRepo<T, ID> over(StandardRepo<T, ID> delegate) {
    return new MeteredRepo<>(delegate, new ConcurrentHashMap<>());
  }

  /**
   * Returns the number of calls per method name so far, sorted by name.
   *
   * @return a snapshot
   */
  public Map<String, Long> calls() {
    Map<String, Long> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  private void count(String method) {
    calls.computeIfAbsent(method, k -> new LongAdder()).increment();
  }

  private MeteredRepo<T, ID> wrap(StandardRepo<T, ID> other) {
    return new MeteredRepo<>(other, calls);
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
    return wrap(delegate.withContext(context));
  }

  @Override
  public T create(T entity) {
    count("create");
    return delegate.create(entity);
  }

  @Override
  public List<T> createMany(List<T> entities) {
    count("createMany");
    return delegate.createMany(entities);
  }

  @Override
  public Optional<T> getById(ID id) {
    count("getById");
    return delegate.getById(id);
  }

  @Override
  public Optional<T> getById(ID id, Projection projection) {
    count("getById");
    return delegate.getById(id, projection);
  }

  @Override
  public List<T> getByIds(Collection<ID> ids) {
    count("getByIds");
    return delegate.getByIds(ids);
  }

  @Override
  public Optional<T> getOne(Filter filter) {
    count("getOne");
    return delegate.getOne(filter);
  }

  @Override
  public Optional<T> getOne(Filter filter, FindOptions options) {
    count("getOne");
    return delegate.getOne(filter, options);
  }

  @Override
  public List<T> findAll(Filter filter) {
    count("findAll");
    return delegate.findAll(filter);
  }

  @Override
  public List<T> findAll(Filter filter, FindOptions options) {
    count("findAll");
    return delegate.findAll(filter, options);
  }

  @Override
  public OffsetPage<T> getAll(PageRequest request) {
    count("getAll");
    return delegate.getAll(request);
  }

  @Override
  public KeysetPage<T> getAll(KeysetRequest request) {
    count("getAll");
    return delegate.getAll(request);
  }

  @Override
  public Stream<T> stream(Filter filter, StreamOptions options) {
    count("stream");
    return delegate.stream(filter, options);
  }

  @Override
  public long count(Filter filter) {
    count("count");
    return delegate.count(filter);
  }

  @Override
  public boolean exists(Filter filter) {
    count("exists");
    return delegate.exists(filter);
  }

  @Override
  public List<Object> distinct(String field, Filter filter) {
    count("distinct");
    return delegate.distinct(field, filter);
  }

  @Override
  public Optional<T> update(ID id, Update update) {
    count("update");
    return delegate.update(id, update);
  }

  @Override
  public Optional<T> update(ID id, Update update, WriteOptions options) {
    count("update");
    return delegate.update(id, update, options);
  }

  @Override
  public UpdateResult updateMany(Filter filter, Update update) {
    count("updateMany");
    return delegate.updateMany(filter, update);
  }

  @Override
  public boolean delete(ID id) {
    count("delete");
    return delegate.delete(id);
  }

  @Override
  public long deleteMany(Filter filter) {
    count("deleteMany");
    return delegate.deleteMany(filter);
  }

  @Override
  public Optional<T> findOneAndUpdate(Filter filter, Update update, FindOneAndUpdateOptions options) {
    count("findOneAndUpdate");
    return delegate.findOneAndUpdate(filter, update, options);
  }

  @Override
  public T upsert(T entity) {
    count("upsert");
    return delegate.upsert(entity);
  }

  @Override
  public T upsert(T entity, UpsertOptions options) {
    count("upsert");
    return delegate.upsert(entity, options);
  }

  @Override
  public Optional<T> increment(ID id, String field, Number delta) {
    count("increment");
    return delegate.increment(id, field, delta);
  }

  @Override
  public GetOrCreateResult<T> getOrCreate(Filter filter, T entity) {
    count("getOrCreate");
    return delegate.getOrCreate(filter, entity);
  }

  @Override
  public List<Map<String, Object>> aggregate(AggregateRequest request) {
    count("aggregate");
    return delegate.aggregate(request);
  }

  @Override
  public OffsetPage<Map<String, Object>> aggregatePage(AggregateRequest request, int page, int limit,
      CountStrategy countStrategy) {
    count("aggregatePage");
    return delegate.aggregatePage(request, page, limit, countStrategy);
  }

  @Override
  public KeysetPage<Map<String, Object>> aggregateKeyset(AggregateRequest request, String after, int limit) {
    count("aggregateKeyset");
    return delegate.aggregateKeyset(request, after, limit);
  }

  @Override
  public OffsetPage<LookupRow<T>> lookupPage(PageRequest request, List<Lookup> lookups) {
    count("lookupPage");
    return delegate.lookupPage(request, lookups);
  }

  @Override
  public KeysetPage<LookupRow<T>> lookupKeyset(KeysetRequest request, List<Lookup> lookups) {
    count("lookupKeyset");
    return delegate.lookupKeyset(request, lookups);
  }

  @Override
  public Optional<T> claim(Filter filter, io.sqlitekit.spi.Sort sort, Update update) {
    count("claim");
    return delegate.claim(filter, sort, update);
  }

  @Override
  public Optional<T> claimVersion(Filter filter, io.sqlitekit.spi.Sort sort, Update update) {
    count("claimVersion");
    return delegate.claimVersion(filter, sort, update);
  }

  @Override
  public io.sqlitekit.spi.TransitionResult<T> applyTransition(ID id, io.sqlitekit.spi.Transition transition) {
    count("applyTransition");
    return delegate.applyTransition(id, transition);
  }

  @Override
  public long purgeByFilter(Filter filter) {
    count("purgeByFilter");
    return delegate.purgeByFilter(filter);
  }

  @Override
  public long archiveByFilter(Filter filter, TableDef archive) {
    count("archiveByFilter");
    return delegate.archiveByFilter(filter, archive);
  }

  @Override
  public io.sqlitekit.spi.BulkWriteResult<T> bulkWrite(List<io.sqlitekit.spi.BulkOp<T, ID>> ops) {
    count("bulkWrite");
    return delegate.bulkWrite(ops);
  }

  @Override
  public Optional<T> updatePipeline(ID id, List<Update> stages) {
    count("updatePipeline");
    return delegate.updatePipeline(id, stages);
  }

  @Override
  public UpdateResult updateManyPipeline(Filter filter, List<Update> stages) {
    count("updateManyPipeline");
    return delegate.updateManyPipeline(filter, stages);
  }

  @Override
  public OffsetPage<T> getAll(PageRequest request, CountStrategy countStrategy) {
    count("getAll");
    return delegate.getAll(request, countStrategy);
  }

  @Override
  public <R> R withTransaction(TransactionWork<StandardRepo<T, ID>, R> work) {
    count("withTransaction");
    return delegate.withTransaction(tx -> work.run(wrap(tx)));
  }

  @Override
  public List<BatchResult<T>> batch(Function<BatchBuilder<T, ID>, List<BatchStatement>> builder) {
    count("batch");
    return delegate.batch(builder);
  }

  @Override
  public boolean isDuplicateKeyError(Throwable error) {
    return delegate.isDuplicateKeyError(error);
  }

  @Override
  public boolean isTransientConflictError(Throwable error) {
    return delegate.isTransientConflictError(error);
  }
}
