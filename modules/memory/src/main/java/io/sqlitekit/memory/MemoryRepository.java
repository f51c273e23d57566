package io.sqlitekit.memory;

import io.sqlitekit.memory.internal.Defaults;
import io.sqlitekit.memory.internal.FilterEvaluator;
import io.sqlitekit.memory.internal.FilterEvaluator.Predicate;
import io.sqlitekit.memory.internal.SqlValues;
import io.sqlitekit.memory.internal.Store;
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
import io.sqlitekit.spi.Measure;
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
import io.sqlitekit.spi.error.DataAccessException;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.error.VersionConflictException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.page.KeysetCursors;
import io.sqlitekit.spi.page.KeysetFilters;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.StorageClass;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.support.hook.CallState;
import io.sqlitekit.support.hook.HookEngine;
import io.sqlitekit.support.rules.WriteRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The {@link StandardRepo} over one in-memory table. Obtain it from {@link MemoryKit#repository}.
 *
 * <p>Rows are kept as the values SQLite would store (the column codecs' output), filters are evaluated with
 * SQL three-valued logic and sorted in SQLite value order (NULL, numbers, text by code point, blobs), so
 * results and errors match the SQLite kit. Raw SQL filters throw
 * {@link io.sqlitekit.spi.error.OperationNotSupportedException}.
 *
 * <p>Every call runs the repository's plugin hooks the way the SQLite kit does: the same operation, filter,
 * rows, update, request and batch statements go to the hooks, the call executes from what they left there,
 * and after-hooks get the same result objects. Inside {@link #withTransaction} or
 * {@link MemoryKit#inTransaction} calls on the same thread join the transaction.
 *
 * <p>Thread-safe and immutable; {@link #withContext} returns a cheap view. Every call is atomic: a failing
 * call changes nothing.
 *
 * @param <T> the entity type (a record or a {@code Map<String, Object>} document)
 * @param <ID> the primary-key type
 * @since 0.1.0
 */
public final class MemoryRepository<T, ID> implements StandardRepo<T, ID> {
  private static final Capabilities CAPABILITIES = Capabilities.full().without(Capability.RAW_FILTER);

  private final MemoryKit kit;
  private final Store store;
  private final Store.Table table;
  private final TableDef def;
  private final RowMapper<T> mapper;
  private final HookEngine engine;
  private final JsonCodec json;
  private final CallContext view;
  private final Column pk;
  private final String what;
  private volatile MemoryRepository<Map<String, Object>, Object> documentView;

  MemoryRepository(MemoryKit kit, Store.Table table, RowMapper<T> mapper, HookEngine engine, CallContext view) {
    this.kit = kit;
    this.store = kit.store();
    this.table = table;
    this.def = table.def();
    this.mapper = mapper;
    this.engine = engine;
    this.json = kit.jsonCodec();
    this.view = view;
    this.pk = def.primaryKey();
    this.what = "table " + Messages.quote(def.name());
  }

  MemoryKit kit() {
    return kit;
  }

  /** The document view plugins get from {@code HookRegistry.documents()}: same table, same hooks. */
  MemoryRepository<Map<String, Object>, Object> documentView() {
    MemoryRepository<Map<String, Object>, Object> d = documentView;
    if (d == null) {
      d = new MemoryRepository<>(kit, table, RowMapper.documents(), engine, CallContext.empty());
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
    return view;
  }

  // ---------------------------------------------------------------- plumbing

  /** The hook state of one call; the kit's store provides the transaction plugins see. */
  private CallState state(Operation op) {
    return new CallState(op, def, view, store);
  }

  /** Runs a call through the hooks when any listens to its operation, as the SQLite kit does. */
  private <R> R run(CallState ctx, Supplier<R> exec) {
    if (!engine.hasHooks(ctx.operation())) {
      return exec.get();
    }
    return engine.run(ctx, exec);
  }

  private Predicate where(TableDef t, Filter f) {
    Objects.requireNonNull(f, "filter");
    return FilterEvaluator.compile(f, t::require, json, "table " + Messages.quote(t.name()));
  }

  private Predicate where(Filter f) {
    return where(def, f);
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
    Map<String, Object> m = new LinkedHashMap<>(cols.size() * 2);
    for (Column c : cols) {
      m.put(c.name(), c.fromSql(copyBlob(stored.get(c.name())), json));
    }
    return mapper.fromFields(m);
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

  private Map<String, Object> fieldsOf(T entity) {
    Objects.requireNonNull(entity, "entity");
    Map<String, Object> m = new LinkedHashMap<>(mapper.toFields(entity));
    if (mapper.nullMeansAbsent()) {
      m.values().removeIf(Objects::isNull);
    }
    return m;
  }

  /** One entity's fields as the mutable row list of an insert call (hooks stamp fields into it). */
  private List<Map<String, Object>> ownRows(T entity) {
    List<Map<String, Object>> rows = new ArrayList<>(1);
    rows.add(fieldsOf(entity));
    return rows;
  }

  private static Comparator<Map<String, Object>> comparator(Sort sort, Function<String, ?> resolver) {
    Comparator<Map<String, Object>> cmp = null;
    for (SortField f : sort.fields()) {
      resolver.apply(f.field());
      String key = f.field();
      Comparator<Map<String, Object>> one = (a, b) -> SqlValues.compare(a.get(key), b.get(key));
      if (f.descending()) {
        one = one.reversed();
      }
      cmp = cmp == null ? one : cmp.thenComparing(one);
    }
    return cmp == null ? (a, b) -> 0 : cmp;
  }

  /** Every read is totally ordered: ties break by primary key in the last key's direction (Sort.total). */
  private Sort pkOrderIfUnsorted(Sort sort) {
    return sort.total(pk.name());
  }

  private Sort total(Sort sort) {
    return sort.total(pk.name());
  }

  /** Matching rows in the given order; ties keep primary-key order (the table's natural order). */
  private List<Map<String, Object>> select(Predicate p, Comparator<Map<String, Object>> order) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> r : table.rows()) {
      if (p.test(r)) {
        out.add(r);
      }
    }
    out.sort(order);
    return out;
  }

  private static <E> List<E> slice(List<E> rows, int limit, long offset) {
    int from = (int) Math.min(offset, rows.size());
    int to = limit > 0 ? (int) Math.min((long) from + limit, rows.size()) : rows.size();
    return rows.subList(from, to);
  }

  private Object encodeId(TableDef t, Object id) {
    Objects.requireNonNull(id, "id");
    return t.primaryKey().toSql(id, json);
  }

  // ---------------------------------------------------------------- write helpers

  private static Number asNumber(Object v) {
    if (v == null) {
      return 0L;
    }
    if (v instanceof Number) {
      return (Number) v;
    }
    if (v instanceof String) {
      Number n = SqlValues.parseNumber((String) v);
      return n == null ? 0L : n;
    }
    return 0L;
  }

  /** Blobs are mutable arrays: the store never shares one with a caller, in either direction. */
  private static Object copyBlob(Object v) {
    return v instanceof byte[] ? ((byte[]) v).clone() : v;
  }

  private static Map<String, Object> freeze(TableDef t, Map<String, Object> row) {
    Map<String, Object> out = new LinkedHashMap<>(t.columns().size() * 2);
    for (Column c : t.columns()) {
      out.put(c.name(), copyBlob(row.get(c.name())));
    }
    return Collections.unmodifiableMap(out);
  }

  private static DuplicateKeyException duplicate(TableDef t, Column c) {
    return new DuplicateKeyException(String.format(Locale.ROOT,
        "UNIQUE constraint failed on table \"%s\", field \"%s\"", t.name(), c.name()));
  }

  /** Rejects a row whose UNIQUE values clash with another row (NULLs never clash, as in SQLite). */
  private static void checkUnique(Store.Table t, Map<String, Object> row, Object selfKey) {
    for (Column c : t.def().columns()) {
      if (!c.isUnique() || c.isPrimaryKey()) {
        continue;
      }
      Object v = row.get(c.name());
      if (v == null) {
        continue;
      }
      for (Map.Entry<Object, Map<String, Object>> e : t.byKey().entrySet()) {
        if (selfKey != null && SqlValues.same(e.getKey(), selfKey)) {
          continue;
        }
        Object o = e.getValue().get(c.name());
        if (o != null && SqlValues.same(o, v)) {
          throw duplicate(t.def(), c);
        }
      }
    }
  }

  /**
   * Checks an insert payload the way the SQLite kit does before it writes anything: known fields, value types,
   * NOT NULL. Returns the encoded values.
   */
  private Map<String, Object> validateInsert(TableDef td, Map<String, Object> fields) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      Column c = td.require(e.getKey());
      if (e.getValue() == null && c.isNotNull()) {
        throw WriteRules.notNull(td, c);
      }
      row.put(c.name(), c.toSql(e.getValue(), json));
    }
    for (Column c : td.columns()) {
      if (c.isNotNull() && !c.hasDefault() && !fields.containsKey(c.name())) {
        throw WriteRules.notNull(td, c);
      }
    }
    return row;
  }

  /** Builds the stored row an INSERT would write, without storing it: codecs, NOT NULL, defaults, rowid. */
  private Map<String, Object> buildInsert(Store.Table t, Map<String, Object> fields) {
    TableDef td = t.def();
    Map<String, Object> row = validateInsert(td, fields);
    for (Column c : td.columns()) {
      if (row.containsKey(c.name())) {
        continue;
      }
      if (c.isPrimaryKey() && c.storage() == StorageClass.INTEGER) {
        row.put(c.name(), nextRowid(t));
      } else {
        Object v = Defaults.value(c, json, kit.clock());
        if (v == null && c.isNotNull()) {
          throw WriteRules.notNull(td, c);
        }
        row.put(c.name(), v);
      }
    }
    return freeze(td, row);
  }

  private static long nextRowid(Store.Table t) {
    long max = 0;
    if (!t.byKey().isEmpty()) {
      Object last = t.byKey().lastKey();
      if (last instanceof Number) {
        max = ((Number) last).longValue();
      }
    }
    if (t.def().primaryKey().isAutoIncrement()) {
      max = Math.max(max, t.sequence());
    }
    if (max == Long.MAX_VALUE) {
      throw new DataAccessException("database or disk is full: no rowid left in table \"" + t.def().name() + "\"");
    }
    return max + 1;
  }

  private Map<String, Object> store(Store.Table t, Map<String, Object> row) {
    Column key = t.def().primaryKey();
    Object k = row.get(key.name());
    if (t.get(k) != null) {
      throw duplicate(t.def(), key);
    }
    checkUnique(t, row, null);
    if (key.isAutoIncrement() && k instanceof Number) {
      t.sequence(((Number) k).longValue());
    }
    t.put(k, row);
    return row;
  }

  private Map<String, Object> insertRow(Store.Table t, Map<String, Object> fields) {
    return store(t, buildInsert(t, fields));
  }

  private Map<String, Object> apply(Store.Table t, Object key, Map<String, Object> current, Update u) {
    TableDef td = t.def();
    Map<String, Object> next = new LinkedHashMap<>(current);
    for (Map.Entry<String, Object> e : u.set().entrySet()) {
      next.put(e.getKey(), td.require(e.getKey()).toSql(e.getValue(), json));
    }
    for (String f : u.unset()) {
      next.put(f, null);
    }
    for (Map.Entry<String, Number> e : u.inc().entrySet()) {
      Column c = td.require(e.getKey());
      Number delta = (Number) c.toSql(e.getValue(), json);
      Number before = asNumber(current.get(c.name()));
      if (c.storage() == StorageClass.INTEGER && SqlValues.isInteger(before) && SqlValues.isInteger(delta)) {
        try {
          Math.addExact(before.longValue(), delta.longValue());
        } catch (ArithmeticException overflow) {
          // SQLite would turn the sum into a REAL; both kits refuse it (the store rolls back rows already changed).
          throw WriteRules.incrementOverflow(td, c, delta.longValue());
        }
      }
      next.put(c.name(), SqlValues.affinity(c.storage(), SqlValues.add(before, delta)));
    }
    Optional<Column> version = td.version();
    if (version.isPresent()) {
      String v = version.get().name();
      if (!u.set().containsKey(v) && !u.inc().containsKey(v) && !u.unset().contains(v)) {
        next.put(v, SqlValues.affinity(StorageClass.INTEGER, SqlValues.add(asNumber(current.get(v)), 1L)));
      }
    }
    Map<String, Object> frozen = freeze(td, next);
    checkUnique(t, frozen, key);
    t.put(key, frozen);
    return frozen;
  }

  private Optional<Map<String, Object>> updateRow(Store.Table t, Object id, Filter scopeFilter, Update u,
      Long expectedVersion) {
    TableDef td = t.def();
    WriteRules.validateUpdate(td, td::require, u, json);
    Object key = encodeId(td, id);
    Predicate scope = where(td, scopeFilter);
    Optional<Column> version = td.version();
    if (expectedVersion != null && version.isEmpty()) {
      throw new ValidationException(String.format(Locale.ROOT,
          "table \"%s\" has no version field; expectedVersion cannot be checked", td.name()));
    }
    Map<String, Object> current = t.get(key);
    if (current == null || !scope.test(current)) {
      return Optional.empty();
    }
    if (!u.changesExistingRows()) {
      return Optional.of(current);
    }
    if (expectedVersion != null) {
      Object actual = current.get(version.get().name());
      if (actual == null || SqlValues.compare(actual, expectedVersion) != 0) {
        throw new VersionConflictException(String.valueOf(id), expectedVersion,
            actual == null ? null : ((Number) actual).longValue());
      }
    }
    return Optional.of(apply(t, key, current, u));
  }

  /**
   * INSERT … ON CONFLICT, as the SQLite kit runs it. On a conflict the row is updated with
   * {@code conflictUpdate} when it changes anything (plugins state it so, e.g. to keep createdAt), else with
   * every non-key field of the row, and only when the conflicting row is inside {@code scope}; with nothing to
   * update, or a conflicting row outside the scope, the visible conflicting row is returned, and if there is
   * none the conflict is a duplicate key.
   */
  private Map<String, Object> upsertRow(Store.Table t, Map<String, Object> fields, UpsertOptions o,
      Update conflictUpdate, Filter scope) {
    TableDef td = t.def();
    Column key = td.primaryKey();
    List<String> target = o.conflictFields().isEmpty() ? List.of(key.name()) : o.conflictFields();
    for (String f : target) {
      td.require(f);
    }
    Map<String, Object> candidate = buildInsert(t, fields);
    boolean explicit = conflictUpdate.changesExistingRows();
    if (explicit) {
      WriteRules.validateUpdate(td, td::require, conflictUpdate, json);
    }
    Predicate conflictWhere = where(td, o.conflictWhere());
    Predicate inScope = where(td, scope);
    // A target the definition declares unique (the key, a UNIQUE column) is a full index: every equal row
    // conflicts, as in SQLite, whatever conflictWhere says; other targets stand for a (partial) index made
    // with SQL, whose condition conflictWhere repeats.
    Column single = target.size() == 1 ? td.require(target.get(0)) : null;
    boolean fullIndex = single != null && (single.isPrimaryKey() || single.isUnique());
    Map<String, Object> existing = null;
    for (Map<String, Object> r : t.rows()) {
      if (clashes(candidate, r, target) && (fullIndex || conflictWhere.test(r))) {
        existing = r;
        break;
      }
    }
    if (existing == null) {
      return store(t, candidate);
    }
    Object existingKey = existing.get(key.name());
    if (explicit && inScope.test(existing)) {
      return apply(t, existingKey, existing, conflictUpdate);
    }
    Map<String, Object> set = new LinkedHashMap<>();
    if (!explicit) {
      for (String f : fields.keySet()) {
        if (!target.contains(f) && !f.equals(key.name())) {
          set.put(f, candidate.get(f));
        }
      }
    }
    if (!set.isEmpty() && inScope.test(existing)) {
      Map<String, Object> next = new LinkedHashMap<>(existing);
      next.putAll(set);
      Optional<Column> version = td.version();
      if (version.isPresent() && !fields.containsKey(version.get().name())) {
        String v = version.get().name();
        next.put(v, SqlValues.affinity(StorageClass.INTEGER, SqlValues.add(asNumber(existing.get(v)), 1L)));
      }
      Map<String, Object> frozen = freeze(td, next);
      checkUnique(t, frozen, existingKey);
      t.put(existingKey, frozen);
      return frozen;
    }
    // Nothing was updated (nothing to set, or the conflicting row is outside the scope): the SQLite kit
    // then returns the conflicting row the caller may see.
    for (String f : target) {
      if (!fields.containsKey(f)) {
        throw new ValidationException(f, String.format(Locale.ROOT,
            "upsert on table \"%s\" needs conflict field \"%s\" in the row", td.name(), f));
      }
    }
    for (Map<String, Object> r : t.rows()) {
      if (clashes(candidate, r, target) && conflictWhere.test(r) && inScope.test(r)) {
        return r;
      }
    }
    throw new DuplicateKeyException(String.format(Locale.ROOT,
        "upsert on table \"%s\" conflicts on %s with a row outside the caller's scope", td.name(), target));
  }

  /** Whether a stored row has the candidate's (non-NULL) values on every conflict field. */
  private static boolean clashes(Map<String, Object> candidate, Map<String, Object> row, List<String> target) {
    for (String f : target) {
      Object a = candidate.get(f);
      Object b = row.get(f);
      if (a == null || b == null || !SqlValues.same(a, b)) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- MinimalRepo

  @Override
  public TableDef table() {
    return def;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public T create(T entity) {
    CallState ctx = state(Operation.CREATE).withRowsOwned(ownRows(entity));
    return run(ctx, () -> toEntity(store.write(() -> insertRow(table, ctx.rows().get(0)))));
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
    return run(ctx, () -> store.write(() -> {
      if (ctx.deleteConvertedToUpdate()) {
        return updateRow(table, id, ctx.filter(), ctx.update(), null).isPresent();
      }
      Object key = encodeId(def, id);
      Predicate scope = where(ctx.filter());
      Map<String, Object> current = table.get(key);
      return current != null && scope.test(current) && table.remove(key);
    }));
  }

  @Override
  public List<T> findAll(Filter filter) {
    return findAll(filter, FindOptions.defaults());
  }

  @Override
  public long count(Filter filter) {
    CallState ctx = state(Operation.COUNT).withFilter(filter);
    return run(ctx, () -> {
      Predicate p = where(ctx.filter());
      return store.read(() -> {
        long n = 0;
        for (Map<String, Object> r : table.rows()) {
          if (p.test(r)) {
            n++;
          }
        }
        return n;
      });
    });
  }

  // ---------------------------------------------------------------- StandardRepo

  @Override
  public MemoryRepository<T, ID> withContext(CallContext context) {
    Objects.requireNonNull(context, "context");
    return new MemoryRepository<>(kit, table, mapper, engine, view.merge(context));
  }

  @Override
  public List<T> createMany(List<T> entities) {
    Objects.requireNonNull(entities, "entities");
    List<Map<String, Object>> fields = new ArrayList<>(entities.size());
    for (T e : entities) {
      fields.add(fieldsOf(e));
    }
    CallState ctx = state(Operation.CREATE_MANY).withRowsOwned(fields);
    return run(ctx, () -> {
      List<Map<String, Object>> rows = ctx.rows();
      if (rows.isEmpty()) {
        return List.of();
      }
      List<Map<String, Object>> stored = store.write(() -> {
        // Like the SQLite kit, every row is validated before any is written, so the first error reported is a
        // validation error whatever the order of the rows.
        for (Map<String, Object> r : rows) {
          validateInsert(def, r);
        }
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Map<String, Object> r : rows) {
          out.add(insertRow(table, r));
        }
        return out;
      });
      return toEntities(stored, def.columns());
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
      List<Column> cols = selection(req instanceof Projection ? (Projection) req : projection);
      Object key = encodeId(def, id);
      Predicate scope = where(ctx.filter());
      return Optional.ofNullable(store.read(() -> {
        Map<String, Object> r = table.get(key);
        return r != null && scope.test(r) ? r : null;
      })).map(r -> toEntity(r, cols));
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
      // The SQLite kit's query: key IN (ids) AND scope, in key order.
      Predicate p = where(Filters.and(Filters.in(pk.name(), list), ctx.filter()));
      Comparator<Map<String, Object>> order = comparator(Sort.by(SortField.asc(pk.name())), def::require);
      return toEntities(store.read(() -> select(p, order)), def.columns());
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
      List<Column> cols = selection(o.projection());
      Predicate p = where(ctx.filter());
      Comparator<Map<String, Object>> order = comparator(pkOrderIfUnsorted(o.sort()), def::require);
      List<Map<String, Object>> rows = store.read(() -> select(p, order));
      return rows.isEmpty() ? Optional.<T>empty() : Optional.of(toEntity(rows.get(0), cols));
    });
  }

  @Override
  public List<T> findAll(Filter filter, FindOptions options) {
    Objects.requireNonNull(options, "options");
    CallState ctx = state(Operation.FIND_ALL).withFilter(filter).withRequest(options);
    return run(ctx, () -> {
      FindOptions o = (FindOptions) ctx.request().orElse(options);
      List<Column> cols = selection(o.projection());
      Predicate p = where(ctx.filter());
      Comparator<Map<String, Object>> order = comparator(pkOrderIfUnsorted(o.sort()), def::require);
      List<Map<String, Object>> rows = store.read(() -> select(p, order));
      return toEntities(slice(rows, o.limit(), o.offset()), cols);
    });
  }

  @Override
  public OffsetPage<T> getAll(PageRequest request) {
    Objects.requireNonNull(request, "request");
    CallState ctx = state(Operation.GET_ALL).withFilter(request.filter()).withRequest(request);
    return run(ctx, () -> {
      PageRequest r = (PageRequest) ctx.request().orElse(request);
      int limit = WriteRules.pageLimit(r.limit(), kit.maxPageLimit());
      List<Column> cols = selection(r.projection());
      Predicate p = where(ctx.filter());
      Comparator<Map<String, Object>> order = comparator(total(r.sort()), def::require);
      List<Map<String, Object>> rows = store.read(() -> select(p, order));
      long offset = (long) (r.page() - 1) * limit;
      return OffsetPage.of(toEntities(slice(rows, limit, offset), cols), r.page(), limit, rows.size());
    });
  }

  private List<Map<String, Object>> keysetBatch(Predicate scope, Sort total, List<Object> after, int fetch) {
    Predicate p = after == null ? scope : and(scope, where(KeysetFilters.after(total, after)));
    Comparator<Map<String, Object>> order = comparator(total, def::require);
    return store.read(() -> {
      List<Map<String, Object>> rows = select(p, order);
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

  private Map<String, Object> decodeAll(Map<String, Object> stored) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Column c : def.columns()) {
      m.put(c.name(), c.fromSql(copyBlob(stored.get(c.name())), json));
    }
    return m;
  }

  @Override
  public KeysetPage<T> getAll(KeysetRequest request) {
    Objects.requireNonNull(request, "request");
    CallState ctx = state(Operation.GET_ALL).withFilter(request.filter()).withRequest(request);
    return run(ctx, () -> {
      KeysetRequest r = (KeysetRequest) ctx.request().orElse(request);
      int limit = WriteRules.pageLimit(r.limit(), kit.maxPageLimit());
      Sort total = total(r.sort());
      for (SortField f : total.fields()) {
        def.require(f.field());
      }
      List<Column> cols = selection(r.projection());
      List<Object> after = r.after() == null ? null : KeysetCursors.decode(r.after(), def, total);
      List<Map<String, Object>> rows = keysetBatch(where(ctx.filter()), total, after, limit + 1);
      boolean more = rows.size() > limit;
      if (more) {
        rows = rows.subList(0, limit);
      }
      String next = more ? KeysetCursors.encode(def, total, decodeAll(rows.get(rows.size() - 1))) : null;
      return new KeysetPage<>(toEntities(rows, cols), limit, next, more);
    });
  }

  @Override
  public Stream<T> stream(Filter filter, StreamOptions options) {
    Objects.requireNonNull(options, "options");
    CallState ctx = state(Operation.STREAM).withFilter(filter).withRequest(options);
    return run(ctx, () -> streamExec((StreamOptions) ctx.request().orElse(options), ctx.filter()));
  }

  /** A lazy keyset walk: each batch is read when the previous one is used up, outside the hooks. */
  private Stream<T> streamExec(StreamOptions options, Filter filter) {
    Sort total = total(options.sort());
    for (SortField f : total.fields()) {
      def.require(f.field());
    }
    List<Column> cols = selection(options.projection());
    Predicate scope = where(filter);
    int size = options.batchSize();
    Iterator<T> it = new Iterator<>() {
      private List<Map<String, Object>> batch = List.of();
      private int pos;
      private boolean exhausted;
      private List<Object> last;

      @Override
      public boolean hasNext() {
        if (pos < batch.size()) {
          return true;
        }
        if (exhausted) {
          return false;
        }
        batch = keysetBatch(scope, total, last, size);
        pos = 0;
        if (batch.size() < size) {
          exhausted = true;
        }
        if (!batch.isEmpty()) {
          Map<String, Object> decoded = decodeAll(batch.get(batch.size() - 1));
          List<Object> values = new ArrayList<>(total.fields().size());
          for (SortField f : total.fields()) {
            values.add(decoded.get(f.field()));
          }
          last = values;
        }
        return pos < batch.size();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return toEntity(batch.get(pos++), cols);
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  @Override
  public boolean exists(Filter filter) {
    CallState ctx = state(Operation.EXISTS).withFilter(filter);
    return run(ctx, () -> {
      Predicate p = where(ctx.filter());
      return store.read(() -> {
        for (Map<String, Object> r : table.rows()) {
          if (p.test(r)) {
            return true;
          }
        }
        return false;
      });
    });
  }

  @Override
  public List<Object> distinct(String field, Filter filter) {
    Objects.requireNonNull(field, "field");
    CallState ctx = state(Operation.DISTINCT).withFilter(filter).withRequest(field);
    return run(ctx, () -> distinctExec((String) ctx.request().orElse(field), ctx.filter()));
  }

  private List<Object> distinctExec(String field, Filter filter) {
    Column c = def.require(field);
    Predicate p = where(filter);
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
  public Optional<T> update(ID id, Update update, WriteOptions options) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(update, "update");
    Objects.requireNonNull(options, "options");
    CallState ctx = state(Operation.UPDATE).withId(id).withUpdate(update).withRequest(options);
    return run(ctx, () -> {
      WriteOptions o = (WriteOptions) ctx.request().orElse(options);
      return store.write(() -> updateRow(table, id, ctx.filter(), ctx.update(), o.expectedVersion()))
          .map(this::toEntity);
    });
  }

  /** Applies an update to every row in scope, as UPDATE … WHERE scope: the number of rows changed. */
  private long updateWhere(Filter scope, Update u) {
    WriteRules.validateUpdate(def, def::require, u, json);
    Predicate p = where(scope);
    if (!u.changesExistingRows()) {
      return 0;
    }
    List<Map<String, Object>> matched = select(p, (a, b) -> 0);
    for (Map<String, Object> r : matched) {
      apply(table, r.get(pk.name()), r, u);
    }
    return matched.size();
  }

  @Override
  public UpdateResult updateMany(Filter filter, Update update) {
    Objects.requireNonNull(update, "update");
    Objects.requireNonNull(filter, "filter");
    CallState ctx = state(Operation.UPDATE_MANY).withFilter(filter).withUpdate(update);
    return run(ctx, () -> {
      WriteRules.requireScoped(filter, "updateMany");
      Update u = ctx.update();
      WriteRules.validateUpdate(def, def::require, u, json);
      return store.write(() -> {
        if (!u.changesExistingRows()) {
          Predicate p = where(ctx.filter());
          return new UpdateResult(select(p, (a, b) -> 0).size(), 0);
        }
        long n = updateWhere(ctx.filter(), u);
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
      return store.write(() -> {
        if (ctx.deleteConvertedToUpdate()) {
          return updateWhere(ctx.filter(), ctx.update());
        }
        Predicate p = where(ctx.filter());
        List<Map<String, Object>> matched = select(p, (a, b) -> 0);
        for (Map<String, Object> r : matched) {
          table.remove(r.get(pk.name()));
        }
        return (long) matched.size();
      });
    });
  }

  @Override
  public Optional<T> findOneAndUpdate(Filter filter, Update update, FindOneAndUpdateOptions options) {
    Objects.requireNonNull(update, "update");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(filter, "filter");
    CallState ctx = state(Operation.FIND_ONE_AND_UPDATE).withFilter(filter).withUpdate(update).withRequest(options);
    if (options.upsert()) {
      // The seed comes from the caller's filter and update; hooks see it as the row to insert.
      ctx.withRows(List.of(WriteRules.upsertSeed(filter, update)));
    }
    return run(ctx, () -> {
      WriteRules.requireScoped(filter, "findOneAndUpdate");
      FindOneAndUpdateOptions o = (FindOneAndUpdateOptions) ctx.request().orElse(options);
      Update u = ctx.update();
      WriteRules.validateUpdate(def, def::require, u, json);
      Predicate p = where(ctx.filter());
      Comparator<Map<String, Object>> order = comparator(pkOrderIfUnsorted(o.sort()), def::require);
      return store.write(() -> {
        List<Map<String, Object>> found = select(p, order);
        if (!found.isEmpty()) {
          Map<String, Object> before = found.get(0);
          Object id = pk.fromSql(before.get(pk.name()), json);
          Optional<Map<String, Object>> after = updateRow(table, id, Filters.all(), u, o.expectedVersion());
          return (o.returnDocument() == ReturnDocument.BEFORE ? Optional.of(before) : after).map(this::toEntity);
        }
        if (!o.upsert() || ctx.rows().isEmpty()) {
          return Optional.<T>empty();
        }
        // As the SQLite kit: the (possibly stamped) seed, plus what hooks added to the update's set.
        Map<String, Object> row = new LinkedHashMap<>(ctx.rows().get(0));
        u.set().forEach(row::putIfAbsent);
        return Optional.of(toEntity(insertRow(table, row)));
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
        def.require(f);
      }
      return toEntity(store.write(() -> upsertRow(table, ctx.rows().get(0), o, ctx.update(), ctx.filter())));
    });
  }

  @Override
  public Optional<T> increment(ID id, String field, Number delta) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(delta, "delta");
    // Unknown, key or non-numeric fields and bad deltas are refused by validateUpdate, after the hooks ran.
    CallState ctx = state(Operation.INCREMENT).withId(id).withUpdate(Update.inc(field, delta));
    return run(ctx, () -> store.write(() -> updateRow(table, id, ctx.filter(), ctx.update(), null))
        .map(this::toEntity));
  }

  @Override
  public GetOrCreateResult<T> getOrCreate(Filter filter, T entity) {
    Objects.requireNonNull(filter, "filter");
    CallState ctx = state(Operation.GET_OR_CREATE).withFilter(filter).withRowsOwned(ownRows(entity));
    return run(ctx, () -> {
      Predicate p = where(ctx.filter());
      return store.write(() -> {
        // Rows are kept in key order: the first match is the SQLite kit's ORDER BY key LIMIT 1.
        for (Map<String, Object> r : table.rows()) {
          if (p.test(r)) {
            return new GetOrCreateResult<>(toEntity(r), false);
          }
        }
        return new GetOrCreateResult<>(toEntity(insertRow(table, ctx.rows().get(0))), true);
      });
    });
  }

  // ---------------------------------------------------------------- aggregate

  private static Comparator<List<Object>> keyOrder() {
    return (a, b) -> {
      for (int i = 0; i < a.size(); i++) {
        int c = SqlValues.compare(a.get(i), b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    };
  }

  private static Object measure(Measure m, List<Map<String, Object>> rows) {
    String f = m.field();
    List<Object> values = new ArrayList<>(rows.size());
    for (Map<String, Object> r : rows) {
      Object v = f == null ? 1L : r.get(f);
      if (v != null) {
        values.add(v);
      }
    }
    switch (m.op()) {
      case COUNT:
        return (long) values.size();
      case COUNT_DISTINCT: {
        TreeSet<Object> set = new TreeSet<>(SqlValues.ORDER);
        set.addAll(values);
        return (long) set.size();
      }
      case SUM:
      case AVG: {
        if (values.isEmpty()) {
          return null;
        }
        boolean integral = true;
        long lsum = 0;
        double dsum = 0;
        for (Object v : values) {
          Number n = v instanceof Number ? (Number) v
              : v instanceof String ? SqlValues.parseNumber((String) v) : null;
          if (n == null) {
            n = 0.0d;
          }
          if (integral && SqlValues.isInteger(n)) {
            try {
              lsum = Math.addExact(lsum, n.longValue());
            } catch (ArithmeticException e) {
              if (m.op() == Measure.Op.SUM) {
                throw new DataAccessException("integer overflow in sum(" + f + ")");
              }
              integral = false;
              dsum = (double) lsum + n.doubleValue();
              continue;
            }
          } else {
            if (integral) {
              integral = false;
              dsum = lsum;
            }
            dsum += n.doubleValue();
          }
        }
        if (m.op() == Measure.Op.AVG) {
          return (integral ? (double) lsum : dsum) / values.size();
        }
        return integral ? (Object) lsum : (Object) dsum;
      }
      case MIN:
        return values.isEmpty() ? null : Collections.min(values, SqlValues.ORDER);
      case MAX:
      default:
        return values.isEmpty() ? null : Collections.max(values, SqlValues.ORDER);
    }
  }

  @Override
  public List<Map<String, Object>> aggregate(AggregateRequest request) {
    Objects.requireNonNull(request, "request");
    CallState ctx = state(Operation.AGGREGATE).withFilter(request.filter()).withRequest(request);
    return run(ctx, () -> aggregateExec((AggregateRequest) ctx.request().orElse(request), ctx.filter()));
  }

  private List<Map<String, Object>> aggregateExec(AggregateRequest request, Filter scope) {
    Map<String, Column> derived = new HashMap<>();
    for (String g : request.groupBy()) {
      derived.put(g, def.require(g));
    }
    Map<String, Column> measureColumns = new HashMap<>();
    for (Map.Entry<String, Measure> e : request.measures().entrySet()) {
      Measure m = e.getValue();
      Column fc = m.field() == null ? null : def.require(m.field());
      measureColumns.put(e.getKey(), fc);
      switch (m.op()) {
        case COUNT:
        case COUNT_DISTINCT:
          derived.put(e.getKey(), Column.integer("count"));
          break;
        case SUM:
          derived.put(e.getKey(), Column.real("sum"));
          break;
        case AVG:
          derived.put(e.getKey(), Column.real("avg"));
          break;
        default:
          derived.put(e.getKey(), fc);
          break;
      }
    }
    String label = "aggregate over table " + Messages.quote(def.name());
    Function<String, Column> resolver = field -> {
      Column c = derived.get(field);
      if (c == null) {
        throw new ValidationException(field, String.format(Locale.ROOT,
            "unknown field %s on %s; known fields: %s", Messages.quote(field), label,
            new TreeSet<>(derived.keySet())));
      }
      return c;
    };
    Predicate p = where(scope);
    Predicate having = FilterEvaluator.compile(request.having(), resolver, json, label);
    Sort sort = request.sort().isEmpty() && !request.groupBy().isEmpty()
        ? new Sort(request.groupBy().stream().map(SortField::asc).collect(Collectors.toList()))
        : request.sort();
    Comparator<Map<String, Object>> order = comparator(sort, resolver);
    List<Map<String, Object>> results = store.read(() -> {
      TreeMap<List<Object>, List<Map<String, Object>>> groups = new TreeMap<>(keyOrder());
      if (request.groupBy().isEmpty()) {
        groups.put(List.of(), new ArrayList<>());
      }
      for (Map<String, Object> r : table.rows()) {
        if (!p.test(r)) {
          continue;
        }
        List<Object> k = new ArrayList<>(request.groupBy().size());
        for (String g : request.groupBy()) {
          k.add(r.get(g));
        }
        groups.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
      }
      List<Map<String, Object>> out = new ArrayList<>(groups.size());
      for (Map.Entry<List<Object>, List<Map<String, Object>>> g : groups.entrySet()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < request.groupBy().size(); i++) {
          row.put(request.groupBy().get(i), g.getKey().get(i));
        }
        for (Map.Entry<String, Measure> e : request.measures().entrySet()) {
          row.put(e.getKey(), measure(e.getValue(), g.getValue()));
        }
        if (having.test(row)) {
          out.add(row);
        }
      }
      return out;
    });
    results.sort(order);
    List<Map<String, Object>> page = slice(results, request.limit(), request.offset());
    List<Map<String, Object>> decoded = new ArrayList<>(page.size());
    for (Map<String, Object> row : page) {
      Map<String, Object> d = new LinkedHashMap<>();
      for (String g : request.groupBy()) {
        d.put(g, def.require(g).fromSql(row.get(g), json));
      }
      for (Map.Entry<String, Measure> e : request.measures().entrySet()) {
        Object v = row.get(e.getKey());
        Measure.Op op = e.getValue().op();
        if ((op == Measure.Op.MIN || op == Measure.Op.MAX) && v != null) {
          v = measureColumns.get(e.getKey()).fromSql(v, json);
        }
        d.put(e.getKey(), v);
      }
      decoded.add(d);
    }
    return decoded;
  }

  // ---------------------------------------------------------------- transactions and batches

  /**
   * {@inheritDoc}
   *
   * <p>The kit's write lock is held for the whole body: other threads' calls on this kit wait until it
   * returns. Nested calls are savepoints: an exception escaping a nested body undoes only that body's
   * changes. The repository passed to the body is this repository.
   */
  @Override
  public <R> R withTransaction(TransactionWork<StandardRepo<T, ID>, R> work) {
    Objects.requireNonNull(work, "work");
    return store.write(() -> work.run(this));
  }

  @Override
  public List<BatchResult<T>> batch(Function<BatchBuilder<T, ID>, List<BatchStatement>> builder) {
    Objects.requireNonNull(builder, "builder");
    BatchBuilder<T, ID> b = new BatchBuilder<>() {
      @Override
      public BatchStatement insert(T entity) {
        return BatchStatement.insert(def, fieldsOf(entity));
      }

      @Override
      public BatchStatement upsert(T entity) {
        return BatchStatement.upsert(def, fieldsOf(entity));
      }

      @Override
      public BatchStatement update(ID id, Update update) {
        return BatchStatement.update(def, Objects.requireNonNull(id, "id"), update);
      }

      @Override
      public BatchStatement delete(ID id) {
        return BatchStatement.delete(def, Objects.requireNonNull(id, "id"));
      }
    };
    List<BatchStatement> statements = builder.apply(b);
    if (statements == null || statements.isEmpty()) {
      throw new ValidationException(String.format(Locale.ROOT, "batch on table \"%s\" has no statement",
          def.name()));
    }
    CallState ctx = state(Operation.BATCH).withBatch(statements);
    return run(ctx, () -> store.write(() -> {
      List<BatchStatement> all = ctx.batchStatements();
      List<BatchResult<T>> out = new ArrayList<>(all.size());
      int validatedUpTo = 0;
      for (int i = 0; i < all.size(); i++) {
        BatchStatement st = all.get(i);
        boolean own = st.table().equals(def);
        Store.Table t = own ? table : registered(st.table());
        if (i >= validatedUpTo) {
          // The SQLite kit sends a run of same-shaped inserts as one JDBC batch, checking every row before the
          // first is written; so a bad row in the run is reported before a constraint failure of an earlier one.
          int run = insertRun(all, i);
          for (int k = i; run > 1 && k < i + run; k++) {
            validateInsert(st.table(), all.get(k).data());
          }
          validatedUpTo = i + run;
        }
        List<Map<String, Object>> rows = new ArrayList<>(1);
        long changes;
        switch (st.kind()) {
          case INSERT:
            rows.add(insertRow(t, st.data()));
            changes = 1;
            break;
          case UPSERT:
            rows.add(upsertRow(t, st.data(), UpsertOptions.onPrimaryKey(), st.update(), st.scope()));
            changes = 1;
            break;
          case UPDATE: {
            Optional<Map<String, Object>> r = updateRow(t, st.id(), st.scope(), st.update(), null);
            r.ifPresent(rows::add);
            changes = r.isPresent() ? 1 : 0;
            break;
          }
          case DELETE:
          default: {
            Object key = encodeId(st.table(), st.id());
            Map<String, Object> current = t.get(key);
            Predicate scope = where(st.table(), st.scope());
            changes = current != null && scope.test(current) && t.remove(key) ? 1 : 0;
            break;
          }
        }
        out.add(new BatchResult<>(st.kind(), changes, own ? toEntities(rows, def.columns()) : List.of()));
      }
      return out;
    }));
  }

  /**
   * How many statements from {@code from} the SQLite kit runs as one JDBC insert batch: consecutive INSERTs of
   * one table carrying the primary key and the same fields in the same order; otherwise 1.
   */
  private static int insertRun(List<BatchStatement> all, int from) {
    BatchStatement first = all.get(from);
    if (first.kind() != BatchStatement.Kind.INSERT || !first.data().containsKey(first.table().primaryKey().name())) {
      return 1;
    }
    List<String> fields = new ArrayList<>(first.data().keySet());
    int end = from + 1;
    while (end < all.size()) {
      BatchStatement st = all.get(end);
      if (st.kind() != first.kind() || !st.table().equals(first.table())
          || !fields.equals(new ArrayList<>(st.data().keySet()))) {
        break;
      }
      end++;
    }
    return end - from;
  }

  private Store.Table registered(TableDef other) {
    Defaults.check(other);
    return store.table(other);
  }

  @Override
  public String toString() {
    return "MemoryRepository[" + def.name() + "]";
  }
}
