package io.sqlitekit.core;

import io.sqlitekit.core.internal.exec.AggregateQuery;
import io.sqlitekit.core.internal.exec.AtomicBatch;
import io.sqlitekit.core.internal.exec.AtomicFindAndWrite;
import io.sqlitekit.core.internal.exec.BatchRunner;
import io.sqlitekit.core.internal.exec.BulkInsert;
import io.sqlitekit.core.internal.exec.KeysetQuery;
import io.sqlitekit.core.internal.exec.RowExecutor;
import io.sqlitekit.core.internal.exec.RowWrites;
import io.sqlitekit.core.internal.exec.Selection;
import io.sqlitekit.core.internal.exec.Selections;
import io.sqlitekit.core.internal.render.Rendered;
import io.sqlitekit.core.internal.render.StatementRenderer;
import io.sqlitekit.core.internal.render.WriteChecks;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.BatchBuilder;
import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.Capabilities;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.FindOptions;
import io.sqlitekit.spi.GetOrCreateResult;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.QueryScope;
import io.sqlitekit.spi.ScopedQuery;
import io.sqlitekit.spi.ScopedReads;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.ReturnDocument;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.UpdateResult;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.compile.SqlFragment;
import io.sqlitekit.spi.driver.Row;
import io.sqlitekit.spi.driver.SqlWork;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.filter.MatchAll;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.support.hook.CallState;
import io.sqlitekit.support.hook.HookEngine;
import io.sqlitekit.support.repo.HookedRepository;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The {@link StandardRepo} over one SQLite table. Obtain it from {@link SqliteKit#repository}.
 *
 * <p>Every call builds its SQL from the table definition (identifiers quoted, values bound and encoded by
 * the column codecs), runs the repository's plugin hooks around it, and executes through the kit's driver:
 * reads on a reader connection, writes in one {@code BEGIN IMMEDIATE} transaction each. Inside
 * {@link #withTransaction} or {@link SqliteKit#inTransaction} calls on the same thread join the
 * transaction. On a driver without interactive transactions (Cloudflare D1) transactions are refused, and every
 * call that needs several statements to be atomic (batches, {@code createMany}, {@code findOneAndUpdate},
 * {@code getOrCreate}, increments with their overflow check) runs as one atomic request
 * ({@link io.sqlitekit.spi.driver.SqlSession#atomic}).
 *
 * <p>This class is the façade: the shared orchestration (hook state, hooks, request rules) runs each
 * operation and calls the execution methods here, which put together this kit's parts (statement
 * rendering, row reading and the per-row writes, the bulk insert, keyset reads, aggregates and batches, all
 * in {@code io.sqlitekit.core.internal}).
 *
 * <p>Thread-safe and immutable; {@link #withContext} returns a cheap view.
 *
 * @param <T> the entity type (a record or a {@code Map<String, Object>} document)
 * @param <ID> the primary-key type
 * @since 0.1.0
 */
@SuppressWarnings("exports")
public final class SqliteRepository<T, ID> extends HookedRepository<T, ID> {
  // "exports": the shared layer stays out of this kit's API (not required transitively). Callers use the
  // inherited StandardRepo methods through this class, which needs no read edge to io.sqlitekit.support (the
  // quickstart module compiles and runs so); the supertype and the protected execution methods are internals.
  private final SqliteKit kit;
  private final Parts<T> parts;
  private final SqliteDriver driver;
  private final String pkName;
  private final StatementRenderer render;
  private final RowExecutor exec;
  private final RowWrites writes;
  private final Selections<T> selections;
  private final List<RepositoryPlugin> plugins;
  private volatile SqliteRepository<Map<String, Object>, Object> documentView;

  /** The parts over one table and mapper, shared by every context view of a repository. */
  private static final class Parts<T> {
    final StatementRenderer render;
    final RowExecutor exec;
    final RowWrites writes;
    final Selections<T> selections;
    final KeysetQuery<T> keyset;
    final AggregateQuery aggregate;
    final BatchRunner<T> batch;

    Parts(StatementRenderer render, RowMapper<T> mapper, SqliteDriver driver) {
      this.render = render;
      this.exec = new RowExecutor(render.json());
      this.writes = new RowWrites(render, exec, !driver.interactiveTransactions());
      this.selections = new Selections<>(render, mapper);
      selections.checkStorage(driver);
      this.keyset = new KeysetQuery<>(render, exec, selections, mapper, driver);
      this.aggregate = new AggregateQuery(render, driver);
      this.batch = new BatchRunner<>(writes, selections, mapper);
    }
  }

  SqliteRepository(SqliteKit kit, StatementRenderer render, RowMapper<T> mapper, HookEngine engine,
      List<RepositoryPlugin> plugins) {
    this(kit, new Parts<>(render, mapper, kit.driver()), mapper, engine, CallContext.empty(), plugins);
  }

  private SqliteRepository(SqliteKit kit, Parts<T> parts, RowMapper<T> mapper, HookEngine engine,
      CallContext view, List<RepositoryPlugin> plugins) {
    super(parts.render.model().table(), mapper, engine, view, kit.maxPageLimit());
    this.kit = kit;
    this.parts = parts;
    this.driver = kit.driver();
    this.render = parts.render;
    this.exec = parts.exec;
    this.writes = parts.writes;
    this.selections = parts.selections;
    this.pkName = table().primaryKey().name();
    this.plugins = plugins;
  }

  SqliteKit kit() {
    return kit;
  }

    /**
   * One read snapshot for a lookup page and its foreign reads, which join it on this thread; drivers without
   * interactive transactions (D1) run each read on its own.
   */
  @Override
  protected <R> R consistentRead(Supplier<R> body) {
    return driver.interactiveTransactions() ? driver.readSnapshot(session -> body.get()) : body.get();
  }

  /** A self-lookup reads through this repository's own plugins; another table through the kit's. */
  @Override
  protected StandardRepo<Map<String, Object>, Object> lookupDocuments(TableDef foreign) {
    return foreign.equals(table()) ? documentView() : kit.lookupDocuments(foreign);
  }

/** The same table as documents, sharing this repository's rendered shapes and hooks. */
  SqliteRepository<Map<String, Object>, Object> documentView() {
    SqliteRepository<Map<String, Object>, Object> d = documentView;
    if (d == null) {
      d = new SqliteRepository<>(kit, render, RowMapper.documents(), engine(), plugins);
      documentView = d;
    }
    return d;
  }

  /** The statement builder {@link #batch} hands out; {@link Batch} uses it for cross-repository batches. */
  BatchBuilder<T, ID> statements() {
    return batchBuilder();
  }

  private T toEntity(Map<String, Object> fields) {
    return mapper().fromFields(fields);
  }

  @Override
  public Capabilities capabilities() {
    Capabilities c = Capabilities.full();
    if (!driver.interactiveTransactions()) {
      // No transactions or savepoints (Cloudflare D1): refused up front. Batches run as one atomic script.
      c = c.without(io.sqlitekit.spi.Capability.TRANSACTIONS, io.sqlitekit.spi.Capability.NESTED_TRANSACTIONS);
    }
    // A database without REGEXP (dqlite, D1) refuses regex filters, so the repository must not claim them.
    if (!driver.supportsDateBucketFunction()) {
      // Zoned buckets need the driver's bucket function; UTC buckets are plain SQL everywhere.
      c = c.without(io.sqlitekit.spi.Capability.DATE_BUCKET_TIMEZONE);
    }
    c = driver.supportsRegexp() ? c : c.without(io.sqlitekit.spi.Capability.REGEX_FILTER);
    return io.sqlitekit.support.rules.ViewRules.capabilities(table(), c);
  }

  @Override
  public SqliteRepository<T, ID> withContext(CallContext context) {
    Objects.requireNonNull(context, "context");
    return new SqliteRepository<>(kit, parts, mapper(), engine(), view().merge(context), plugins);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The query's condition comes from this kit's filter rendering (or the kit's custom compiler), and its
   * work runs on the kit's driver, so it joins the current thread's transaction like any other call.
   */
  @Override
  public Optional<ScopedReads<T>> scopedReads() {
    return Optional.of(new ScopedReads<>() {
      @Override
      public TableDef table() {
        return SqliteRepository.this.table();
      }

      @Override
      public Optional<RepositoryPlugin> plugin(String name) {
        Objects.requireNonNull(name, "name");
        return plugins.stream().filter(p -> name.equals(p.name())).findFirst();
      }

      @Override
      public <R> R read(Filter filter, Object request, ScopedQuery<T, R> query) {
        Objects.requireNonNull(query, "query");
        return scopedRead(filter, request, (scope, req) -> query.run(new Scope(render.where(scope), req)));
      }
    });
  }

  /** What one scoped read works with; see {@link QueryScope}. */
  private final class Scope implements QueryScope<T> {
    private final SqlFragment where;
    private final Object request;

    Scope(Rendered where, Object request) {
      this.where = new SqlFragment(where.sql(), where.params());
      this.request = request;
    }

    @Override
    public Object request() {
      return request;
    }

    @Override
    public SqlFragment where() {
      return where;
    }

    @Override
    public String selectList() {
      return render.model().selectList();
    }

    @Override
    public T entity(Row row, int firstColumn) throws SQLException {
      Column[] cols = selections.allColumns();
      Object[] values = new Object[cols.length];
      for (int i = 0; i < cols.length; i++) {
        values[i] = exec.value(row, firstColumn + i, cols[i]);
      }
      return selections.all().build(values);
    }

    @Override
    public <R> R read(SqlWork<R> work) {
      return driver.read(work);
    }

    @Override
    public <R> R readSnapshot(SqlWork<R> work) {
      return driver.readSnapshot(work);
    }
  }

  /**
   * Returns the SELECT that {@code findAll(filter, FindOptions.sorted(sort))} runs, rendered by this
   * repository's filter renderer with its parameters encoded, for diagnostics such as a query plan
   * ({@code EXPLAIN QUERY PLAN}). Nothing runs. Plugins do not run either: a policy plugin's narrowing (tenant
   * scope, soft delete) is not in the statement, so pass it in the filter when the plan should include it.
   *
   * @param filter the filter
   * @param sort the order, possibly empty (the primary key is appended as tie-breaker, as reads do)
   * @return the SQL and its bound parameters
   * @throws io.sqlitekit.spi.error.ValidationException on an unknown field, a bad value or a bad raw fragment
   * @since 0.2.0
   */
  public io.sqlitekit.spi.compile.SqlFragment renderFind(Filter filter, Sort sort) {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(sort, "sort");
    Rendered w = render.where(filter);
    return new io.sqlitekit.spi.compile.SqlFragment(
        render.select(selections.all().sql(), w, total(sort), 0, 0), w.params());
  }

  @Override
  public String toString() {
    return "SqliteRepository[" + table().name() + "]";
  }

  // ---------------------------------------------------------------- execution (after the hooks)

  @Override
  protected CallState newCallState(Operation op) {
    return new CallState(op, table(), view(), driver, kit.writeOwner());
  }

  /**
   * Runs an execution's write: in the transaction the hook engine opened for this call when it opened one (so
   * the call has one transaction owner and no savepoint), else in a write transaction of its own.
   */
  private <R> R write(io.sqlitekit.spi.driver.SqlWork<R> work) {
    return kit.writeOwner().write(driver, work);
  }

  @Override
  protected <R> R inWriteTransaction(Supplier<R> body) {
    return kit.inTransaction(body);
  }

  @Override
  protected T insertOne(Map<String, Object> row) {
    BulkInsert.LocalRow local = BulkInsert.local(writes, row, selections);
    if (local == null) {
      return write(s -> toEntity(writes.insert(s, row)));
    }
    // Built before the statement runs: a row the entity cannot be built from is never written, so the insert
    // may commit on its own, as one statement without BEGIN, COMMIT or RETURNING.
    T entity = selections.all().build(local.stored());
    kit.writeOwner().writeStatement(driver, s -> s.update(local.sql(), local.params()));
    return entity;
  }

  @Override
  protected List<T> insertAll(List<Map<String, Object>> rows) {
    Selection<T> all = selections.all();
    return write(s -> {
      List<Object[]> stored = BulkInsert.insert(s, writes, rows, !driver.interactiveTransactions(), selections);
      List<T> out = new ArrayList<>(stored.size());
      for (Object[] values : stored) {
        out.add(all.build(values));
      }
      return out;
    });
  }

  @Override
  protected Optional<T> readById(Object id, Projection projection, Filter scope) {
    Selection<T> sel = selections.of(projection);
    Object encId = render.encodeId(id);
    String sql;
    List<Object> params;
    if (scope instanceof MatchAll) {
      sql = sel.byIdSql();
      params = List.of(encId);
    } else {
      Rendered w = render.byId(encId, scope);
      sql = "SELECT " + sel.sql() + " FROM " + render.model().quotedTable() + " WHERE " + w.sql();
      params = w.params();
    }
    return driver.readBrief(s -> exec.one(s, sql, params, sel));
  }

  @Override
  protected List<T> readByIds(List<Object> ids, Filter scope) {
    Rendered w = ids.size() > IDS_PER_LIST && jsonKeys() ? byJsonKeys(ids, scope)
        : render.where(Filters.and(Filters.in(pkName, ids), scope));
    Selection<T> sel = selections.all();
    String sql = render.select(sel.sql(), w, Sort.by(SortField.asc(pkName)), 0, 0);
    return driver.readBrief(s -> exec.list(s, sql, w.params(), sel));
  }

  /**
   * Longer key lists than this travel as one JSON array parameter ({@code IN (SELECT value FROM json_each(?))}):
   * one statement, the same order and the same skipped keys, within the bound-parameter limit of every driver
   * (Cloudflare D1 takes 100 per statement).
   */
  private static final int IDS_PER_LIST = 64;

  /** Whether the keys are numbers or text, which a JSON array carries exactly (blobs it cannot). */
  private boolean jsonKeys() {
    io.sqlitekit.spi.table.StorageClass st = render.model().primaryKey().storage();
    return st == io.sqlitekit.spi.table.StorageClass.INTEGER || st == io.sqlitekit.spi.table.StorageClass.TEXT;
  }

  private Rendered byJsonKeys(List<Object> ids, Filter scope) {
    List<Object> encoded = new ArrayList<>(ids.size());
    for (Object id : ids) {
      encoded.add(render.encodeId(id));
    }
    Rendered w = render.where(scope);
    List<Object> params = new ArrayList<>(w.params().size() + 1);
    params.add(io.sqlitekit.support.json.MiniJson.INSTANCE.write(encoded));
    params.addAll(w.params());
    return new Rendered(render.model().expr(pkName) + " IN (SELECT value FROM json_each(?))"
        + (w.matchesAll() ? "" : " AND " + w.sql()), params);
  }

  @Override
  protected Optional<T> readFirst(Filter scope, FindOptions o) {
    Selection<T> sel = selections.of(o.projection());
    Rendered w = render.where(scope);
    String sql = render.select(sel.sql(), w, total(o.sort()), 1, 0);
    return driver.readBrief(s -> exec.one(s, sql, w.params(), sel));
  }

  @Override
  protected List<T> readAll(Filter scope, FindOptions o) {
    Selection<T> sel = selections.of(o.projection());
    Rendered w = render.where(scope);
    String sql = render.select(sel.sql(), w, total(o.sort()), o.limit(), o.offset());
    return driver.readBrief(s -> exec.list(s, sql, w.params(), sel));
  }

  @Override
  protected OffsetPage<T> readPage(Filter scope, PageRequest r, int limit) {
    Selection<T> sel = selections.of(r.projection());
    Rendered w = render.where(scope);
    long offset = (long) (r.page() - 1) * limit;
    String sql = render.select(sel.sql(), w, total(r.sort()), limit, offset);
    String countSql = render.count(w);
    // One snapshot for the page and its total, so a concurrent commit is wholly in both or in neither.
    Object[] out = driver.readSnapshot(s -> new Object[] {exec.list(s, sql, w.params(), sel),
        exec.scalar(s, countSql, w.params())});
    @SuppressWarnings("unchecked")
    List<T> items = (List<T>) out[0];
    return OffsetPage.of(items, r.page(), limit, (Long) out[1]);
  }

  @Override
  protected KeysetPage<T> readKeysetPage(Filter scope, KeysetRequest r, int limit) {
    return parts.keyset.page(scope, r, limit);
  }

  @Override
  protected Stream<T> readStream(Filter scope, StreamOptions options) {
    return parts.keyset.stream(scope, options);
  }

  @Override
  protected long countWhere(Filter scope) {
    Rendered w = render.where(scope);
    return driver.readBrief(s -> exec.scalar(s, render.count(w), w.params()));
  }

  @Override
  protected boolean existsWhere(Filter scope) {
    Rendered w = render.where(scope);
    String sql = render.exists(w);
    return driver.readBrief(s -> exec.exists(s, sql, w.params()));
  }

  @Override
  protected List<Object> distinctValues(String field, Filter scope) {
    Column c = render.model().column(field);
    Rendered w = render.where(scope);
    String sql = render.distinct(c, w);
    return driver.readBrief(s -> exec.column(s, sql, w.params(), c));
  }

  @Override
  protected Optional<T> updateById(Object id, Filter scope, Update update, Long expectedVersion) {
    // Mapped inside the write: a row the entity cannot be built from rolls the update back.
    return write(s -> writes.update(s, id, scope, update, expectedVersion).map(this::toEntity));
  }

  @Override
  protected boolean deleteById(Object id, Filter scope, Update asUpdate) {
    return changeCount(asUpdate, s -> asUpdate != null ? writes.updateById(s, id, scope, asUpdate)
        : writes.deleteById(s, id, scope)) > 0;
  }

  @Override
  protected UpdateResult updateWhere(Filter scope, Update u) {
    WriteChecks.checkUpdate(render.model(), u, render.json());
    if (!u.changesExistingRows()) {
      Rendered w = render.where(scope);
      return write(s -> new UpdateResult(exec.scalar(s, render.count(w), w.params()), 0));
    }
    long n = changeCount(u, s -> writes.updateWhere(s, scope, u));
    return new UpdateResult(n, n);
  }

  @Override
  protected long deleteWhere(Filter scope, Update asUpdate) {
    if (asUpdate != null) {
      WriteChecks.checkUpdate(render.model(), asUpdate, render.json());
    }
    return changeCount(asUpdate, s -> asUpdate != null ? writes.updateWhere(s, scope, asUpdate)
        : writes.deleteWhere(s, scope));
  }

  /**
   * Runs an UPDATE or DELETE whose result is its change count. Nothing to decode, so it may commit on its own as
   * one statement, unless {@code update} increments a field: then the overflow probe runs first, in the same
   * transaction.
   */
  private long changeCount(Update update, SqlWork<Long> statement) {
    return update == null || update.inc().isEmpty() ? kit.writeOwner().writeStatement(driver, statement)
        : write(statement);
  }

  @Override
  protected Optional<T> updateFirst(Filter scope, Update u, FindOneAndUpdateOptions o,
      Map<String, Object> insertIfNone) {
    WriteChecks.checkUpdate(render.model(), u, render.json());
    Rendered w = render.where(scope);
    String sql = render.select(render.model().selectList(), w, total(o.sort()), 1, 0);
    if (!driver.interactiveTransactions()) {
      // No transaction to hold between the find and the write: both go in one atomic request.
      return driver.write(s -> {
        AtomicFindAndWrite.Found f = AtomicFindAndWrite.findOneAndUpdate(s, writes, sql, w.params(), u,
            o.expectedVersion(), insertIfNone);
        Optional<Map<String, Object>> r = f.before().isEmpty() ? f.inserted()
            : o.returnDocument() == ReturnDocument.BEFORE ? f.before() : f.after();
        return r.map(this::toEntity);
      });
    }
    return write(s -> {
      Optional<Map<String, Object>> found = exec.oneRow(s, sql, w.params(), writes.allColumns());
      if (found.isPresent()) {
        Object id = found.get().get(pkName);
        Optional<Map<String, Object>> after = writes.update(s, id, Filters.all(), u, o.expectedVersion());
        return (o.returnDocument() == ReturnDocument.BEFORE ? found : after).map(this::toEntity);
      }
      return insertIfNone == null ? Optional.<T>empty() : Optional.of(toEntity(writes.insert(s, insertIfNone)));
    });
  }

  @Override
  protected Optional<T> claimFirst(Filter scope, Update u, Sort order) {
    return write(s -> io.sqlitekit.core.internal.ops.ClaimStatement.claim(s, writes, scope, u, order))
        .map(this::toEntity);
  }

  @Override
  protected long archiveWhere(Filter scope, io.sqlitekit.spi.table.TableDef archive) {
    return write(s -> io.sqlitekit.core.internal.ops.ArchiveMove.move(s, writes, scope, archive));
  }

  @Override
  protected T upsertOne(Map<String, Object> row, UpsertOptions o, Update conflictUpdate, Filter scope) {
    for (String f : o.conflictFields()) {
      render.model().column(f);
    }
    return write(s -> toEntity(writes.upsert(s, row, o, conflictUpdate, scope)));
  }

  @Override
  protected GetOrCreateResult<T> firstOrInsert(Filter scope, Map<String, Object> row) {
    Rendered w = render.where(scope);
    String sql = render.select(render.model().selectList(), w, Sort.by(SortField.asc(pkName)), 1, 0);
    if (!driver.interactiveTransactions()) {
      // No transaction to hold between the find and the insert: both go in one atomic request.
      return driver.write(s -> {
        Map.Entry<Map<String, Object>, Boolean> r = AtomicFindAndWrite.getOrCreate(s, writes, sql, w.params(), row);
        return new GetOrCreateResult<>(toEntity(r.getKey()), r.getValue());
      });
    }
    return write(s -> {
      Optional<Map<String, Object>> found = exec.oneRow(s, sql, w.params(), writes.allColumns());
      if (found.isPresent()) {
        return new GetOrCreateResult<>(toEntity(found.get()), false);
      }
      return new GetOrCreateResult<>(toEntity(writes.insert(s, row)), true);
    });
  }

  @Override
  protected List<Map<String, Object>> aggregateRows(AggregateRequest request, Filter scope, Filter after) {
    return request.lookups().isEmpty() ? parts.aggregate.run(request, scope, after)
        : parts.aggregate.run(aggregateJoins(request), request, scope, after);
  }

  @Override
  protected long aggregateCount(AggregateRequest request, Filter scope) {
    return request.lookups().isEmpty() ? parts.aggregate.count(request, scope)
        : parts.aggregate.count(aggregateJoins(request), request, scope);
  }

  @Override
  protected List<BatchResult<T>> runBatch(List<BatchStatement> statements) {
    if (!driver.interactiveTransactions()) {
      // Each statement would commit on its own: the batch goes as one atomic script instead.
      return AtomicChain.runBatch(driver, new AtomicBatch.Part<>(writes, mapper(), statements));
    }
    return write(s -> parts.batch.run(s, statements));
  }
}
