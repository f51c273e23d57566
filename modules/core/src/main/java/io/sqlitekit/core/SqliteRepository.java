package io.sqlitekit.core;

import io.sqlitekit.core.internal.exec.AggregateQuery;
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
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.FindOptions;
import io.sqlitekit.spi.GetOrCreateResult;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.ReturnDocument;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.TransactionWork;
import io.sqlitekit.spi.UpdateResult;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.WriteOptions;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.filter.MatchAll;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.support.hook.CallState;
import io.sqlitekit.support.hook.HookEngine;
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
 * The {@link StandardRepo} over one SQLite table. Obtain it from {@link SqliteKit#repository}.
 *
 * <p>Every call builds its SQL from the table definition (identifiers quoted, values bound and encoded by
 * the column codecs), runs the repository's plugin hooks around it, and executes through the kit's driver:
 * reads on a reader connection, writes in one {@code BEGIN IMMEDIATE} transaction each. Inside
 * {@link #withTransaction} or {@link SqliteKit#inTransaction} calls on the same thread join the
 * transaction.
 *
 * <p>This class is the façade: it runs each operation's hooks around its parts (statement rendering, row
 * reading and the per-row writes, the bulk insert, keyset reads, aggregates and batches, all in
 * {@code io.sqlitekit.core.internal}).
 *
 * <p>Thread-safe and immutable; {@link #withContext} returns a cheap view.
 *
 * @param <T> the entity type (a record or a {@code Map<String, Object>} document)
 * @param <ID> the primary-key type
 * @since 0.1.0
 */
public final class SqliteRepository<T, ID> implements StandardRepo<T, ID> {
  private final SqliteKit kit;
  private final Parts<T> parts;
  private final RowMapper<T> mapper;
  private final HookEngine engine;
  private final CallContext view;
  private final SqliteDriver driver;
  private final TableDef table;
  private final String pkName;
  private final StatementRenderer render;
  private final RowExecutor exec;
  private final RowWrites writes;
  private final Selections<T> selections;
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
      this.writes = new RowWrites(render, exec);
      this.selections = new Selections<>(render, mapper);
      this.keyset = new KeysetQuery<>(render, exec, selections, mapper, driver);
      this.aggregate = new AggregateQuery(render, driver);
      this.batch = new BatchRunner<>(writes, selections.all(), mapper);
    }
  }

  SqliteRepository(SqliteKit kit, StatementRenderer render, RowMapper<T> mapper, HookEngine engine) {
    this(kit, new Parts<>(render, mapper, kit.driver()), mapper, engine, CallContext.empty());
  }

  private SqliteRepository(SqliteKit kit, Parts<T> parts, RowMapper<T> mapper, HookEngine engine,
      CallContext view) {
    this.kit = kit;
    this.parts = parts;
    this.mapper = mapper;
    this.engine = engine;
    this.view = view;
    this.driver = kit.driver();
    this.render = parts.render;
    this.exec = parts.exec;
    this.writes = parts.writes;
    this.selections = parts.selections;
    this.table = render.model().table();
    this.pkName = table.primaryKey().name();
  }

  SqliteKit kit() {
    return kit;
  }

  /** The same table as documents, sharing this repository's rendered shapes and hooks. */
  SqliteRepository<Map<String, Object>, Object> documentView() {
    SqliteRepository<Map<String, Object>, Object> d = documentView;
    if (d == null) {
      d = new SqliteRepository<>(kit, render, RowMapper.documents(), engine);
      documentView = d;
    }
    return d;
  }

  // ---------------------------------------------------------------- plumbing

  private CallState state(Operation op) {
    return new CallState(op, table, view, driver);
  }

  private <R> R run(CallState ctx, Supplier<R> exec) {
    if (!engine.hasHooks(ctx.operation())) {
      return exec.get();
    }
    return engine.run(ctx, exec);
  }

  private T toEntity(Map<String, Object> fields) {
    return mapper.fromFields(fields);
  }

  /** One entity's fields as the mutable row list of an insert call; fieldsOf's map belongs to the call alone. */
  private List<Map<String, Object>> ownRows(T entity) {
    List<Map<String, Object>> rows = new ArrayList<>(1);
    rows.add(fieldsOf(entity));
    return rows;
  }

  /** The entity's fields as a new mutable map that only the caller holds (hooks may rewrite it). */
  private Map<String, Object> fieldsOf(T entity) {
    Objects.requireNonNull(entity, "entity");
    Map<String, Object> fields = mapper.toFields(entity);
    // Hooks rewrite these maps and null removal changes them: copy unless the mapper built them for us.
    Map<String, Object> m = mapper.toFieldsReturnsFreshMap() ? fields : new LinkedHashMap<>(fields);
    if (mapper.nullMeansAbsent()) {
      m.values().removeIf(Objects::isNull);
    }
    return m;
  }

  /** Every read is totally ordered: ties break by primary key in the last key's direction (Sort.total). */
  private Sort total(Sort sort) {
    return sort.total(pkName);
  }

  // ---------------------------------------------------------------- MinimalRepo

  @Override
  public TableDef table() {
    return table;
  }

  @Override
  public Capabilities capabilities() {
    Capabilities c = Capabilities.full();
    if (!driver.interactiveTransactions()) {
      // No transactions, savepoints or atomic multi-statement batches: those calls are refused up front.
      c = c.without(Capability.TRANSACTIONS, Capability.NESTED_TRANSACTIONS, Capability.BATCH);
    }
    if (!driver.regexpFunction()) {
      // No REGEXP function in the database: regex filters are refused up front.
      c = c.without(Capability.REGEX_FILTER);
    }
    return c;
  }

  @Override
  public T create(T entity) {
    CallState ctx = state(Operation.CREATE).withRowsOwned(ownRows(entity));
    return run(ctx, () -> driver.write(s -> toEntity(writes.insert(s, ctx.rows().get(0)))));
  }

  @Override
  public Optional<T> getById(ID id) {
    return getById(id, Projection.all());
  }

  @Override
  public Optional<T> update(ID id, Update update) {
    return update(id, update, WriteOptions.none());
  }

  @Override
  public boolean delete(ID id) {
    Objects.requireNonNull(id, "id");
    CallState ctx = state(Operation.DELETE).withId(id);
    return run(ctx, () -> driver.write(s -> ctx.deleteConvertedToUpdate()
        ? writes.updateById(s, id, ctx.filter(), ctx.update()) > 0
        : writes.deleteById(s, id, ctx.filter()) > 0));
  }

  @Override
  public List<T> findAll(Filter filter) {
    return findAll(filter, FindOptions.defaults());
  }

  @Override
  public long count(Filter filter) {
    CallState ctx = state(Operation.COUNT).withFilter(filter);
    return run(ctx, () -> {
      Rendered w = render.where(ctx.filter());
      return driver.read(s -> exec.scalar(s, render.count(w), w.params()));
    });
  }

  // ---------------------------------------------------------------- StandardRepo

  @Override
  public SqliteRepository<T, ID> withContext(CallContext context) {
    Objects.requireNonNull(context, "context");
    return new SqliteRepository<>(kit, parts, mapper, engine, view.merge(context));
  }

  @Override
  public List<T> createMany(List<T> entities) {
    Objects.requireNonNull(entities, "entities");
    List<Map<String, Object>> rows = new ArrayList<>(entities.size());
    for (T e : entities) {
      rows.add(fieldsOf(e));
    }
    CallState ctx = state(Operation.CREATE_MANY).withRowsOwned(rows);
    return run(ctx, () -> {
      if (ctx.rows().isEmpty()) {
        return List.of();
      }
      Selection<T> all = selections.all();
      return driver.write(s -> {
        List<Object[]> stored = BulkInsert.insert(s, writes, ctx.rows(), !driver.interactiveTransactions());
        List<T> out = new ArrayList<>(stored.size());
        for (Object[] values : stored) {
          out.add(all.build(values));
        }
        return out;
      });
    });
  }

  @Override
  public Optional<T> getById(ID id, Projection projection) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(projection, "projection");
    CallState ctx = state(Operation.GET_BY_ID).withId(id);
    if (!projection.isAll()) {
      ctx.withRequest(projection);
    }
    return run(ctx, () -> {
      Object req = ctx.requestValue();
      Selection<T> sel = selections.of(req instanceof Projection ? (Projection) req : projection);
      Object encId = render.encodeId(id);
      String sql;
      List<Object> params;
      if (ctx.filter() instanceof MatchAll) {
        sql = sel.byIdSql();
        params = List.of(encId);
      } else {
        Rendered w = render.byId(encId, ctx.filter());
        sql = "SELECT " + sel.sql() + " FROM " + render.model().quotedTable() + " WHERE " + w.sql();
        params = w.params();
      }
      return driver.read(s -> exec.one(s, sql, params, sel));
    });
  }

  @Override
  public List<T> getByIds(Collection<ID> ids) {
    Objects.requireNonNull(ids, "ids");
    List<Object> list = new ArrayList<>(ids.size());
    for (ID id : ids) {
      list.add(Objects.requireNonNull(id, "id"));
    }
    CallState ctx = state(Operation.GET_BY_IDS).withRequest(list);
    return run(ctx, () -> {
      if (list.isEmpty()) {
        return List.of();
      }
      Rendered w = render.where(Filters.and(Filters.in(pkName, list), ctx.filter()));
      Selection<T> sel = selections.all();
      String sql = render.select(sel.sql(), w, Sort.by(SortField.asc(pkName)), 0, 0);
      return driver.read(s -> exec.list(s, sql, w.params(), sel));
    });
  }

  @Override
  public Optional<T> getOne(Filter filter) {
    return getOne(filter, FindOptions.defaults());
  }

  @Override
  public Optional<T> getOne(Filter filter, FindOptions options) {
    Objects.requireNonNull(options, "options");
    CallState ctx = state(Operation.GET_ONE).withFilter(filter).withRequest(options);
    return run(ctx, () -> {
      FindOptions o = (FindOptions) ctx.request().orElse(options);
      Selection<T> sel = selections.of(o.projection());
      Rendered w = render.where(ctx.filter());
      String sql = render.select(sel.sql(), w, total(o.sort()), 1, 0);
      return driver.read(s -> exec.one(s, sql, w.params(), sel));
    });
  }

  @Override
  public List<T> findAll(Filter filter, FindOptions options) {
    Objects.requireNonNull(options, "options");
    CallState ctx = state(Operation.FIND_ALL).withFilter(filter).withRequest(options);
    return run(ctx, () -> {
      FindOptions o = (FindOptions) ctx.request().orElse(options);
      Selection<T> sel = selections.of(o.projection());
      Rendered w = render.where(ctx.filter());
      String sql = render.select(sel.sql(), w, total(o.sort()), o.limit(), o.offset());
      return driver.read(s -> exec.list(s, sql, w.params(), sel));
    });
  }

  @Override
  public OffsetPage<T> getAll(PageRequest request) {
    Objects.requireNonNull(request, "request");
    CallState ctx = state(Operation.GET_ALL).withFilter(request.filter()).withRequest(request);
    return run(ctx, () -> {
      PageRequest r = (PageRequest) ctx.request().orElse(request);
      int limit = WriteRules.pageLimit(r.limit(), kit.maxPageLimit());
      Selection<T> sel = selections.of(r.projection());
      Rendered w = render.where(ctx.filter());
      long offset = (long) (r.page() - 1) * limit;
      String sql = render.select(sel.sql(), w, total(r.sort()), limit, offset);
      String countSql = render.count(w);
      // One snapshot for the page and its total, so a concurrent commit is wholly in both or in neither.
      Object[] out = driver.readSnapshot(s -> new Object[] {exec.list(s, sql, w.params(), sel),
          exec.scalar(s, countSql, w.params())});
      @SuppressWarnings("unchecked")
      List<T> items = (List<T>) out[0];
      return OffsetPage.of(items, r.page(), limit, (Long) out[1]);
    });
  }

  @Override
  public KeysetPage<T> getAll(KeysetRequest request) {
    Objects.requireNonNull(request, "request");
    CallState ctx = state(Operation.GET_ALL).withFilter(request.filter()).withRequest(request);
    return run(ctx, () -> {
      KeysetRequest r = (KeysetRequest) ctx.request().orElse(request);
      return parts.keyset.page(ctx.filter(), r, WriteRules.pageLimit(r.limit(), kit.maxPageLimit()));
    });
  }

  @Override
  public Stream<T> stream(Filter filter, StreamOptions options) {
    Objects.requireNonNull(options, "options");
    CallState ctx = state(Operation.STREAM).withFilter(filter).withRequest(options);
    return run(ctx, () -> parts.keyset.stream(ctx.filter(), (StreamOptions) ctx.request().orElse(options)));
  }

  @Override
  public boolean exists(Filter filter) {
    CallState ctx = state(Operation.EXISTS).withFilter(filter);
    return run(ctx, () -> {
      Rendered w = render.where(ctx.filter());
      String sql = render.exists(w);
      return driver.read(s -> exec.exists(s, sql, w.params()));
    });
  }

  @Override
  public List<Object> distinct(String field, Filter filter) {
    Objects.requireNonNull(field, "field");
    CallState ctx = state(Operation.DISTINCT).withFilter(filter).withRequest(field);
    return run(ctx, () -> {
      Column c = render.model().column((String) ctx.request().orElse(field));
      Rendered w = render.where(ctx.filter());
      String sql = render.distinct(c, w);
      return driver.read(s -> exec.column(s, sql, w.params(), c));
    });
  }

  @Override
  public Optional<T> update(ID id, Update update, WriteOptions options) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(update, "update");
    Objects.requireNonNull(options, "options");
    CallState ctx = state(Operation.UPDATE).withId(id).withUpdate(update).withRequest(options);
    return run(ctx, () -> {
      WriteOptions o = (WriteOptions) ctx.request().orElse(options);
      return driver.write(s -> writes.update(s, id, ctx.filter(), ctx.update(), o.expectedVersion()))
          .map(this::toEntity);
    });
  }

  @Override
  public UpdateResult updateMany(Filter filter, Update update) {
    Objects.requireNonNull(update, "update");
    Objects.requireNonNull(filter, "filter");
    CallState ctx = state(Operation.UPDATE_MANY).withFilter(filter).withUpdate(update);
    return run(ctx, () -> {
      WriteRules.requireScoped(filter, "updateMany");
      Update u = ctx.update();
      WriteChecks.checkUpdate(render.model(), u, render.json());
      return driver.write(s -> {
        if (!u.changesExistingRows()) {
          Rendered w = render.where(ctx.filter());
          return new UpdateResult(exec.scalar(s, render.count(w), w.params()), 0);
        }
        long n = writes.updateWhere(s, ctx.filter(), u);
        return new UpdateResult(n, n);
      });
    });
  }

  @Override
  public long deleteMany(Filter filter) {
    Objects.requireNonNull(filter, "filter");
    CallState ctx = state(Operation.DELETE_MANY).withFilter(filter);
    return run(ctx, () -> {
      WriteRules.requireScoped(filter, "deleteMany");
      return driver.write(s -> ctx.deleteConvertedToUpdate() ? writes.updateWhere(s, ctx.filter(), ctx.update())
          : writes.deleteWhere(s, ctx.filter()));
    });
  }

  @Override
  public Optional<T> findOneAndUpdate(Filter filter, Update update, FindOneAndUpdateOptions options) {
    Objects.requireNonNull(update, "update");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(filter, "filter");
    CallState ctx = state(Operation.FIND_ONE_AND_UPDATE).withFilter(filter).withUpdate(update).withRequest(options);
    if (options.upsert()) {
      ctx.withRows(List.of(WriteRules.upsertSeed(filter, update)));
    }
    return run(ctx, () -> {
      WriteRules.requireScoped(filter, "findOneAndUpdate");
      FindOneAndUpdateOptions o = (FindOneAndUpdateOptions) ctx.request().orElse(options);
      Update u = ctx.update();
      WriteChecks.checkUpdate(render.model(), u, render.json());
      Rendered w = render.where(ctx.filter());
      String sql = render.select(render.model().selectList(), w, total(o.sort()), 1, 0);
      return driver.write(s -> {
        Optional<Map<String, Object>> found = exec.oneRow(s, sql, w.params(), writes.allColumns());
        if (found.isPresent()) {
          Object id = found.get().get(pkName);
          Optional<Map<String, Object>> after = writes.update(s, id, Filters.all(), u, o.expectedVersion());
          return (o.returnDocument() == ReturnDocument.BEFORE ? found : after).map(this::toEntity);
        }
        if (!o.upsert() || ctx.rows().isEmpty()) {
          return Optional.<T>empty();
        }
        Map<String, Object> row = new LinkedHashMap<>(ctx.rows().get(0));
        u.set().forEach(row::putIfAbsent);
        return Optional.of(toEntity(writes.insert(s, row)));
      });
    });
  }

  @Override
  public T upsert(T entity) {
    return upsert(entity, UpsertOptions.onPrimaryKey());
  }

  @Override
  public T upsert(T entity, UpsertOptions options) {
    Objects.requireNonNull(options, "options");
    CallState ctx = state(Operation.UPSERT).withRowsOwned(ownRows(entity)).withRequest(options);
    return run(ctx, () -> {
      UpsertOptions o = (UpsertOptions) ctx.request().orElse(options);
      for (String f : o.conflictFields()) {
        render.model().column(f);
      }
      return driver.write(s -> toEntity(writes.upsert(s, ctx.rows().get(0), o, ctx.update(), ctx.filter())));
    });
  }

  @Override
  public Optional<T> increment(ID id, String field, Number delta) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(delta, "delta");
    // Unknown, key or non-numeric fields and bad deltas are refused by the update checks, after the hooks ran.
    CallState ctx = state(Operation.INCREMENT).withId(id).withUpdate(Update.inc(field, delta));
    return run(ctx, () -> driver.write(s -> writes.update(s, id, ctx.filter(), ctx.update(), null))
        .map(this::toEntity));
  }

  @Override
  public GetOrCreateResult<T> getOrCreate(Filter filter, T entity) {
    Objects.requireNonNull(filter, "filter");
    CallState ctx = state(Operation.GET_OR_CREATE).withFilter(filter).withRowsOwned(ownRows(entity));
    return run(ctx, () -> {
      Rendered w = render.where(ctx.filter());
      String sql = render.select(render.model().selectList(), w, Sort.by(SortField.asc(pkName)), 1, 0);
      return driver.write(s -> {
        Optional<Map<String, Object>> found = exec.oneRow(s, sql, w.params(), writes.allColumns());
        if (found.isPresent()) {
          return new GetOrCreateResult<>(toEntity(found.get()), false);
        }
        return new GetOrCreateResult<>(toEntity(writes.insert(s, ctx.rows().get(0))), true);
      });
    });
  }

  @Override
  public List<Map<String, Object>> aggregate(AggregateRequest request) {
    Objects.requireNonNull(request, "request");
    CallState ctx = state(Operation.AGGREGATE).withFilter(request.filter()).withRequest(request);
    return run(ctx, () -> parts.aggregate.run((AggregateRequest) ctx.request().orElse(request), ctx.filter()));
  }

  @Override
  public <R> R withTransaction(TransactionWork<StandardRepo<T, ID>, R> work) {
    Objects.requireNonNull(work, "work");
    return kit.inTransaction(scope -> work.run(this));
  }

  /** The statement builder {@link #batch} hands out; {@link Batch} uses it for cross-repository batches. */
  BatchBuilder<T, ID> batchBuilder() {
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

  @Override
  public List<BatchResult<T>> batch(Function<BatchBuilder<T, ID>, List<BatchStatement>> builder) {
    Objects.requireNonNull(builder, "builder");
    List<BatchStatement> statements = builder.apply(batchBuilder());
    if (statements == null || statements.isEmpty()) {
      throw new ValidationException(String.format(Locale.ROOT, "batch on table \"%s\" has no statement",
          table.name()));
    }
    if (!driver.interactiveTransactions()) {
      kit.requireTransactions("batches (several writes committed together) are");
    }
    CallState ctx = state(Operation.BATCH).withBatch(statements);
    return run(ctx, () -> driver.write(s -> parts.batch.run(s, ctx.batchStatements())));
  }

  @Override
  public String toString() {
    return "SqliteRepository[" + table.name() + "]";
  }
}
