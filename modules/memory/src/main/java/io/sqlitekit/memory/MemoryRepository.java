package io.sqlitekit.memory;

import io.sqlitekit.memory.internal.Aggregation;
import io.sqlitekit.memory.internal.FilterEvaluator;
import io.sqlitekit.memory.internal.FilterEvaluator.Predicate;
import io.sqlitekit.memory.internal.Rows;
import io.sqlitekit.memory.internal.SqlValues;
import io.sqlitekit.memory.internal.Store;
import io.sqlitekit.memory.internal.StoreBatch;
import io.sqlitekit.memory.internal.StoreWrites;
import io.sqlitekit.spi.AggregateRequest;
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
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.support.page.KeysetCursors;
import io.sqlitekit.support.page.KeysetFilters;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.support.hook.CallState;
import io.sqlitekit.support.hook.HookEngine;
import io.sqlitekit.support.repo.HookedRepository;
import io.sqlitekit.support.repo.KeysetWalk;
import io.sqlitekit.support.rules.WriteRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The {@link StandardRepo} over one in-memory table. Obtain it from {@link MemoryKit#repository}.
 *
 * <p>Rows are kept as the values SQLite would store (the column codecs' output), filters are evaluated with
 * SQL three-valued logic and sorted in SQLite value order (NULL, numbers, text by code point, blobs), so
 * results and errors match the SQLite kit. Raw SQL filters throw
 * {@link io.sqlitekit.spi.error.OperationNotSupportedException}.
 *
 * <p>Every call runs the repository's plugin hooks through the same orchestration as the SQLite kit: the same
 * operation, filter, rows, update, request and batch statements go to the hooks, the call executes from what
 * they left there, and after-hooks get the same result objects. This class is the façade: its execution
 * methods evaluate over the kit's store with the parts in {@code io.sqlitekit.memory.internal} (row writes,
 * aggregates, batches). Inside {@link #withTransaction} or {@link MemoryKit#inTransaction} calls on the same
 * thread join the transaction.
 *
 * <p>Thread-safe and immutable; {@link #withContext} returns a cheap view. Every call is atomic: a failing
 * call changes nothing.
 *
 * @param <T> the entity type (a record or a {@code Map<String, Object>} document)
 * @param <ID> the primary-key type
 * @since 0.1.0
 */
@SuppressWarnings("exports")
public final class MemoryRepository<T, ID> extends HookedRepository<T, ID> {
  // "exports": the shared layer stays out of this kit's API (not required transitively). Callers use the
  // inherited StandardRepo methods through this class, which needs no read edge to io.sqlitekit.support (the
  // quickstart module compiles and runs so); the supertype and the protected execution methods are internals.
  private static final Capabilities CAPABILITIES = Capabilities.full().without(Capability.RAW_FILTER);

  private final MemoryKit kit;
  private final Store store;
  private final Store.Table table;
  private final TableDef def;
  private final JsonCodec json;
  private final StoreWrites writes;
  private final Column pk;
  private volatile MemoryRepository<Map<String, Object>, Object> documentView;

  MemoryRepository(MemoryKit kit, Store.Table table, RowMapper<T> mapper, HookEngine engine, CallContext view) {
    super(table.def(), mapper, engine, view, kit.maxPageLimit());
    this.kit = kit;
    this.store = kit.store();
    this.table = table;
    this.def = table.def();
    this.json = kit.jsonCodec();
    this.writes = new StoreWrites(json, kit.clock());
    this.pk = def.primaryKey();
  }

  MemoryKit kit() {
    return kit;
  }

  /** A self-lookup reads through this repository's own plugins; another table through the kit's. */
  @Override
  protected StandardRepo<Map<String, Object>, Object> lookupDocuments(TableDef foreign) {
    return foreign.equals(def) ? documentView() : kit.lookupDocuments(foreign);
  }

  /** The document view plugins get from {@code HookRegistry.documents()}: same table, same hooks. */
  MemoryRepository<Map<String, Object>, Object> documentView() {
    MemoryRepository<Map<String, Object>, Object> d = documentView;
    if (d == null) {
      d = new MemoryRepository<>(kit, table, RowMapper.documents(), engine(), CallContext.empty());
      documentView = d;
    }
    return d;
  }

  /**
   * Returns the context this view carries; plugins read it merged over the thread's context.
   *
   * @return the context
   */
  public CallContext context() {
    return view();
  }

  @Override
  public Capabilities capabilities() {
    return io.sqlitekit.support.rules.ViewRules.capabilities(def, CAPABILITIES);
  }

  @Override
  public MemoryRepository<T, ID> withContext(CallContext context) {
    Objects.requireNonNull(context, "context");
    return new MemoryRepository<>(kit, table, mapper(), engine(), view().merge(context));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The kit's write lock is held for the whole body: other threads' calls on this kit wait until it
   * returns. Nested calls are savepoints: an exception escaping a nested body undoes only that body's
   * changes. The repository passed to the body is this repository.
   */
  @Override
  public <R> R withTransaction(TransactionWork<StandardRepo<T, ID>, R> work) {
    return super.withTransaction(work);
  }

  @Override
  public String toString() {
    return "MemoryRepository[" + def.name() + "]";
  }

  // ---------------------------------------------------------------- evaluation helpers

  private Predicate where(Filter f) {
    return Rows.where(def, f, json);
  }

  private List<Column> selection(Projection p) {
    Objects.requireNonNull(p, "projection");
    if (p.isAll()) {
      return def.columns();
    }
    for (String f : p.fields()) {
      def.require(f);
    }
    List<Column> cols = new ArrayList<>();
    boolean any = false;
    for (Column c : def.columns()) {
      boolean chosen = p.include() == p.fields().contains(c.name());
      any |= chosen;
      // The primary key is always returned, so a projected row can still be addressed.
      if (chosen || c.isPrimaryKey()) {
        cols.add(c);
      }
    }
    if (!any) {
      throw new ValidationException(String.format(Locale.ROOT, "projection on table \"%s\" excludes every field",
          def.name()));
    }
    return cols;
  }

  private T toEntity(Map<String, Object> stored, List<Column> cols) {
    return mapper().fromFields(Rows.decode(stored, cols, json));
  }

  private T toEntity(Map<String, Object> stored) {
    return toEntity(stored, def.columns());
  }

  private List<T> toEntities(List<Map<String, Object>> rows, List<Column> cols) {
    List<T> out = new ArrayList<>(rows.size());
    for (Map<String, Object> r : rows) {
      out.add(toEntity(r, cols));
    }
    return out;
  }

  /** The rows in scope in the total order of a sort, read under the store's read lock. */
  private List<Map<String, Object>> sorted(Filter scope, Sort sort) {
    Predicate p = where(scope);
    Comparator<Map<String, Object>> order = Rows.comparator(total(sort), def::require);
    return store.read(() -> Rows.select(table, p, order));
  }

  private List<Map<String, Object>> keysetBatch(Predicate scope, Sort total, List<Object> after, int fetch) {
    Predicate p = after == null ? scope : and(scope, where(KeysetFilters.after(total, after)));
    Comparator<Map<String, Object>> order = Rows.comparator(total, def::require);
    return store.read(() -> {
      List<Map<String, Object>> rows = Rows.select(table, p, order);
      return new ArrayList<>(rows.subList(0, Math.min(fetch, rows.size())));
    });
  }

  private static Predicate and(Predicate a, Predicate b) {
    return row -> {
      int x = a.eval(row);
      if (x == FilterEvaluator.FALSE) {
        return x;
      }
      int y = b.eval(row);
      if (y == FilterEvaluator.FALSE) {
        return y;
      }
      return x == FilterEvaluator.UNKNOWN || y == FilterEvaluator.UNKNOWN ? FilterEvaluator.UNKNOWN
          : FilterEvaluator.TRUE;
    };
  }

  /** The key sort's fields, checked before anything is read (an unknown sort field is the caller's error). */
  private Sort checkedTotal(Sort sort) {
    Sort total = total(sort);
    for (SortField f : total.fields()) {
      def.require(f.field());
    }
    return total;
  }

  // ---------------------------------------------------------------- execution (after the hooks)

  @Override
  protected CallState newCallState(Operation op) {
    // The kit's store provides the transactions plugins see.
    return new CallState(op, def, view(), store);
  }

  @Override
  protected <R> R inWriteTransaction(Supplier<R> body) {
    return store.write(body);
  }

  @Override
  protected T insertOne(Map<String, Object> row) {
    return toEntity(store.write(() -> writes.insert(table, row)));
  }

  @Override
  protected List<T> insertAll(List<Map<String, Object>> rows) {
    List<Map<String, Object>> stored = store.write(() -> {
      // Like the SQLite kit, every row is validated before any is written, so the first error reported is a
      // validation error whatever the order of the rows.
      for (Map<String, Object> r : rows) {
        writes.validateInsert(def, r);
      }
      List<Map<String, Object>> out = new ArrayList<>(rows.size());
      for (Map<String, Object> r : rows) {
        out.add(writes.insert(table, r));
      }
      return out;
    });
    return toEntities(stored, def.columns());
  }

  @Override
  protected Optional<T> readById(Object id, Projection projection, Filter scope) {
    List<Column> cols = selection(projection);
    Object key = Rows.encodeId(def, id, json);
    Predicate p = where(scope);
    return Optional.ofNullable(store.read(() -> {
      Map<String, Object> r = table.get(key);
      return r != null && p.test(r) ? r : null;
    })).map(r -> toEntity(r, cols));
  }

  @Override
  protected List<T> readByIds(List<Object> ids, Filter scope) {
    // The SQLite kit's query: key IN (ids) AND scope, in key order.
    Predicate p = where(Filters.and(Filters.in(pk.name(), ids), scope));
    Comparator<Map<String, Object>> order = Rows.comparator(Sort.by(SortField.asc(pk.name())), def::require);
    return toEntities(store.read(() -> Rows.select(table, p, order)), def.columns());
  }

  @Override
  protected Optional<T> readFirst(Filter scope, FindOptions o) {
    List<Column> cols = selection(o.projection());
    List<Map<String, Object>> rows = sorted(scope, o.sort());
    return rows.isEmpty() ? Optional.<T>empty() : Optional.of(toEntity(rows.get(0), cols));
  }

  @Override
  protected List<T> readAll(Filter scope, FindOptions o) {
    List<Column> cols = selection(o.projection());
    return toEntities(Rows.slice(sorted(scope, o.sort()), o.limit(), o.offset()), cols);
  }

  @Override
  protected OffsetPage<T> readPage(Filter scope, PageRequest r, int limit) {
    List<Column> cols = selection(r.projection());
    List<Map<String, Object>> rows = sorted(scope, r.sort());
    long offset = (long) (r.page() - 1) * limit;
    return OffsetPage.of(toEntities(Rows.slice(rows, limit, offset), cols), r.page(), limit, rows.size());
  }

  @Override
  protected KeysetPage<T> readKeysetPage(Filter scope, KeysetRequest r, int limit) {
    Sort total = checkedTotal(r.sort());
    List<Column> cols = selection(r.projection());
    List<Object> after = r.after() == null ? null : KeysetCursors.decode(r.after(), def, total);
    List<Map<String, Object>> rows = keysetBatch(where(scope), total, after, limit + 1);
    boolean more = rows.size() > limit;
    if (more) {
      rows = rows.subList(0, limit);
    }
    String next = more ? KeysetCursors.encode(def, total, Rows.decode(rows.get(rows.size() - 1), def.columns(),
        json)) : null;
    return new KeysetPage<>(toEntities(rows, cols), limit, next, more);
  }

  /** A lazy keyset walk: each batch is read when the previous one is used up, outside the hooks. */
  @Override
  protected Stream<T> readStream(Filter filter, StreamOptions options) {
    Sort total = checkedTotal(options.sort());
    List<Column> cols = selection(options.projection());
    Predicate scope = where(filter);
    Stream<Map<String, Object>> rows = KeysetWalk.stream(options.batchSize(), (after, size) -> {
      List<Map<String, Object>> batch = keysetBatch(scope, total, after, size);
      if (batch.isEmpty()) {
        return new KeysetWalk.Batch<>(batch, null);
      }
      Map<String, Object> decoded = Rows.decode(batch.get(batch.size() - 1), def.columns(), json);
      return new KeysetWalk.Batch<>(batch, KeysetWalk.keyOf(total, decoded));
    });
    return rows.map(r -> toEntity(r, cols));
  }

  @Override
  protected long countWhere(Filter scope) {
    Predicate p = where(scope);
    return store.read(() -> {
      long n = 0;
      for (Map<String, Object> r : table.rows()) {
        if (p.test(r)) {
          n++;
        }
      }
      return n;
    });
  }

  @Override
  protected boolean existsWhere(Filter scope) {
    Predicate p = where(scope);
    return store.read(() -> {
      for (Map<String, Object> r : table.rows()) {
        if (p.test(r)) {
          return true;
        }
      }
      return false;
    });
  }

  @Override
  protected List<Object> distinctValues(String field, Filter scope) {
    Column c = def.require(field);
    Predicate p = where(scope);
    List<Object> values = store.read(() -> {
      TreeSet<Object> seen = new TreeSet<>(SqlValues.ORDER);
      boolean sawNull = false;
      for (Map<String, Object> r : table.rows()) {
        if (p.test(r)) {
          Object v = r.get(c.name());
          if (v == null) {
            sawNull = true;
          } else {
            seen.add(v);
          }
        }
      }
      List<Object> out = new ArrayList<>(seen.size() + 1);
      if (sawNull) {
        out.add(null);
      }
      out.addAll(seen);
      return out;
    });
    List<Object> decoded = new ArrayList<>(values.size());
    for (Object v : values) {
      decoded.add(c.fromSql(v, json));
    }
    return decoded;
  }

  @Override
  protected Optional<T> updateById(Object id, Filter scope, Update update, Long expectedVersion) {
    return store.write(() -> writes.update(table, id, scope, update, expectedVersion)).map(this::toEntity);
  }

  @Override
  protected boolean deleteById(Object id, Filter scope, Update asUpdate) {
    return store.write(() -> asUpdate != null ? writes.update(table, id, scope, asUpdate, null).isPresent()
        : writes.deleteById(table, id, scope));
  }

  @Override
  protected UpdateResult updateWhere(Filter scope, Update u) {
    WriteRules.validateUpdate(def, def::require, u, json);
    return store.write(() -> {
      if (!u.changesExistingRows()) {
        return new UpdateResult(Rows.select(table, where(scope), (a, b) -> 0).size(), 0);
      }
      long n = writes.updateWhere(table, scope, u);
      return new UpdateResult(n, n);
    });
  }

  @Override
  protected long deleteWhere(Filter scope, Update asUpdate) {
    return store.write(() -> asUpdate != null ? writes.updateWhere(table, scope, asUpdate)
        : writes.deleteWhere(table, scope));
  }

  @Override
  protected Optional<T> updateFirst(Filter scope, Update u, FindOneAndUpdateOptions o,
      Map<String, Object> insertIfNone) {
    WriteRules.validateUpdate(def, def::require, u, json);
    Predicate p = where(scope);
    Comparator<Map<String, Object>> order = Rows.comparator(total(o.sort()), def::require);
    return store.write(() -> {
      List<Map<String, Object>> found = Rows.select(table, p, order);
      if (!found.isEmpty()) {
        Map<String, Object> before = found.get(0);
        Object id = pk.fromSql(before.get(pk.name()), json);
        Optional<Map<String, Object>> after = writes.update(table, id, Filters.all(), u, o.expectedVersion());
        return (o.returnDocument() == ReturnDocument.BEFORE ? Optional.of(before) : after).map(this::toEntity);
      }
      return insertIfNone == null ? Optional.<T>empty() : Optional.of(toEntity(writes.insert(table, insertIfNone)));
    });
  }

  @Override
  protected long archiveWhere(Filter scope, TableDef archive) {
    return io.sqlitekit.memory.internal.StoreArchive.move(store, writes, table, scope, archive, json);
  }

  @Override
  protected T upsertOne(Map<String, Object> row, UpsertOptions o, Update conflictUpdate, Filter scope) {
    for (String f : o.conflictFields()) {
      def.require(f);
    }
    return toEntity(store.write(() -> writes.upsert(table, row, o, conflictUpdate, scope)));
  }

  @Override
  protected GetOrCreateResult<T> firstOrInsert(Filter scope, Map<String, Object> row) {
    Predicate p = where(scope);
    return store.write(() -> {
      // Rows are kept in key order: the first match is the SQLite kit's ORDER BY key LIMIT 1.
      for (Map<String, Object> r : table.rows()) {
        if (p.test(r)) {
          return new GetOrCreateResult<>(toEntity(r), false);
        }
      }
      return new GetOrCreateResult<>(toEntity(writes.insert(table, row)), true);
    });
  }

  @Override
  protected List<Map<String, Object>> aggregateRows(AggregateRequest request, Filter scope, Filter after) {
    return request.lookups().isEmpty() ? Aggregation.run(store, table, request, scope, after, json)
        : Aggregation.run(store, table, aggregateJoins(request), request, scope, after, json);
  }

  @Override
  protected long aggregateCount(AggregateRequest request, Filter scope) {
    return request.lookups().isEmpty() ? Aggregation.count(store, table, request, scope, json)
        : Aggregation.count(store, table, aggregateJoins(request), request, scope, json);
  }

  @Override
  protected List<BatchResult<T>> runBatch(List<BatchStatement> statements) {
    return store.write(() -> StoreBatch.run(store, writes, table, statements, rows -> toEntities(rows,
        def.columns())));
  }
}
