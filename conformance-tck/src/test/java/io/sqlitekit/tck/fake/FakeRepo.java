package io.sqlitekit.tck.fake;

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
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.InvalidCursorException;
import io.sqlitekit.spi.error.NotFoundException;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.spi.error.QueryParseException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.error.VersionConflictException;
import io.sqlitekit.spi.filter.And;
import io.sqlitekit.spi.filter.Eq;
import io.sqlitekit.spi.filter.Exists;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.FilterVisitor;
import io.sqlitekit.spi.filter.FilterWalker;
import io.sqlitekit.spi.filter.Gt;
import io.sqlitekit.spi.filter.Gte;
import io.sqlitekit.spi.filter.In;
import io.sqlitekit.spi.filter.Like;
import io.sqlitekit.spi.filter.Lt;
import io.sqlitekit.spi.filter.Lte;
import io.sqlitekit.spi.filter.MatchAll;
import io.sqlitekit.spi.filter.MatchNone;
import io.sqlitekit.spi.filter.Ne;
import io.sqlitekit.spi.filter.Nin;
import io.sqlitekit.spi.filter.Not;
import io.sqlitekit.spi.filter.Or;
import io.sqlitekit.spi.filter.Raw;
import io.sqlitekit.spi.filter.Regex;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.tck.TckDoc;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A deliberately small, list-based {@link StandardRepo} used to test the TCK itself. Rows are stored as maps
 * of SQL values (encoded by the column codecs) so that comparisons follow SQLite's value order. It is
 * correct unless a {@link Defect} is switched on. Single-threaded use only.
 */
final class FakeRepo implements StandardRepo<TckDoc, String> {

  /** Deliberate defects the TCK must catch. */
  enum Defect {
    /** {@code ne} matches rows whose field is NULL. */
    NE_MATCHES_NULL,
    /** {@code in(f, [])} matches every row. */
    IN_EMPTY_MATCHES_ALL,
    /** {@code delete} of a missing id throws instead of returning false. */
    DELETE_MISS_THROWS,
    /** {@code update} of a missing id throws instead of returning empty. */
    UPDATE_MISS_THROWS,
    /** {@code count} is one more than the stored rows once a row exists (only invariants notice). */
    COUNT_DRIFT
  }

  private static final RowMapper<TckDoc> MAPPER = RowMapper.forRecord(TckDoc.class);
  private static final int MAX_LIMIT = 1000;

  private final TableDef table;
  private final Capabilities capabilities;
  private final Set<Defect> defects;
  private final String pk;
  private TreeMap<String, Map<String, Object>> rows = new TreeMap<>();
  private int txDepth;

  FakeRepo(TableDef table, Capabilities capabilities, Set<Defect> defects) {
    this.table = table;
    this.capabilities = capabilities;
    this.defects = defects.isEmpty() ? EnumSet.noneOf(Defect.class) : EnumSet.copyOf(defects);
    this.pk = table.primaryKey().name();
  }

  private void need(Capability f, String op) {
    if (!capabilities.supports(f)) {
      throw new OperationNotSupportedException(op + " is not supported by this repository (" + f + ")");
    }
  }

  // ---- codecs -------------------------------------------------------------------------------------------

  private Map<String, Object> encode(TckDoc doc, boolean forInsert) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : MAPPER.toFields(doc).entrySet()) {
      Column c = table.require(e.getKey());
      Object v = e.getValue();
      if (v == null && forInsert && c.defaultValue() != null) {
        v = c.defaultValue();
      }
      if (v != null || forInsert) {
        out.put(e.getKey(), c.toSql(v, null));
      }
    }
    return out;
  }

  private TckDoc decode(Map<String, Object> row) {
    Map<String, Object> fields = new LinkedHashMap<>();
    row.forEach((k, v) -> fields.put(k, table.require(k).fromSql(v, null)));
    return MAPPER.fromFields(fields);
  }

  private TckDoc decode(Map<String, Object> row, Projection p) {
    for (String f : p.fields()) {
      table.require(f);
    }
    if (p.isAll()) {
      return decode(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    row.forEach((k, v) -> {
      boolean keep = k.equals(pk) || (p.include() ? p.fields().contains(k) : !p.fields().contains(k));
      if (keep) {
        out.put(k, v);
      }
    });
    return decode(out);
  }

  private void checkNotNull(Map<String, Object> row) {
    for (Column c : table.columns()) {
      if (c.isNotNull() && row.get(c.name()) == null) {
        throw new ValidationException(c.name(), "field \"" + c.name() + "\" must not be null");
      }
    }
  }

  private void checkUnique(Map<String, Object> row, String selfId) {
    for (Column c : table.columns()) {
      if (!c.isUnique() && !c.isPrimaryKey()) {
        continue;
      }
      Object v = row.get(c.name());
      for (Map.Entry<String, Map<String, Object>> e : rows.entrySet()) {
        if (!e.getKey().equals(selfId) && v != null && compare(v, e.getValue().get(c.name())) == 0) {
          throw new DuplicateKeyException("UNIQUE constraint failed: " + table.name() + "." + c.name());
        }
      }
    }
  }

  // ---- filter evaluation (three-valued: TRUE, FALSE, null = unknown) --------------------------------------

  private void validate(Filter f) {
    for (String field : FilterWalker.fields(f)) {
      table.require(field);
    }
    if (FilterWalker.containsRaw(f)) {
      need(Capability.RAW_FILTER, "raw filter");
    }
    if (containsRegex(f)) {
      need(Capability.REGEX_FILTER, "regex filter");
    }
  }

  private static boolean containsRegex(Filter f) {
    if (f instanceof Regex) {
      return true;
    } else if (f instanceof And) {
      return ((And) f).children().stream().anyMatch(FakeRepo::containsRegex);
    } else if (f instanceof Or) {
      return ((Or) f).children().stream().anyMatch(FakeRepo::containsRegex);
    } else if (f instanceof Not) {
      return containsRegex(((Not) f).child());
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  static int compare(Object a, Object b) {
    if (a instanceof Number && b instanceof Number) {
      if ((a instanceof Long || a instanceof Integer) && (b instanceof Long || b instanceof Integer)) {
        return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
      }
      return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
    }
    if (a instanceof Number) {
      return -1;
    }
    if (b instanceof Number) {
      return 1;
    }
    return ((Comparable<Object>) a).compareTo(b);
  }

  /** Evaluates a filter over one row; {@code values} reads a field, {@code enc} encodes a filter value. */
  private final class Eval implements FilterVisitor<Boolean> {
    private final Function<String, Object> values;
    private final java.util.function.BiFunction<String, Object, Object> enc;

    Eval(Function<String, Object> values, java.util.function.BiFunction<String, Object, Object> enc) {
      this.values = values;
      this.enc = enc;
    }

    private Boolean cmp(String field, Object value, java.util.function.IntPredicate ok) {
      Object a = values.apply(field);
      if (a == null || value == null) {
        return null;
      }
      return ok.test(compare(a, enc.apply(field, value)));
    }

    @Override public Boolean visitEq(Eq f) {
      if (f.value() == null) {
        return values.apply(f.field()) == null;
      }
      return cmp(f.field(), f.value(), c -> c == 0);
    }

    @Override public Boolean visitNe(Ne f) {
      if (f.value() == null) {
        return values.apply(f.field()) != null;
      }
      if (values.apply(f.field()) == null && defects.contains(Defect.NE_MATCHES_NULL)) {
        return true;
      }
      return cmp(f.field(), f.value(), c -> c != 0);
    }

    @Override public Boolean visitGt(Gt f) {
      return cmp(f.field(), f.value(), c -> c > 0);
    }

    @Override public Boolean visitGte(Gte f) {
      return cmp(f.field(), f.value(), c -> c >= 0);
    }

    @Override public Boolean visitLt(Lt f) {
      return cmp(f.field(), f.value(), c -> c < 0);
    }

    @Override public Boolean visitLte(Lte f) {
      return cmp(f.field(), f.value(), c -> c <= 0);
    }

    private Boolean member(String field, List<Object> list) {
      Object a = values.apply(field);
      if (a == null) {
        return null;
      }
      boolean sawNull = false;
      for (Object v : list) {
        if (v == null) {
          sawNull = true;
        } else if (compare(a, enc.apply(field, v)) == 0) {
          return true;
        }
      }
      return sawNull ? null : Boolean.FALSE;
    }

    @Override public Boolean visitIn(In f) {
      if (f.values().isEmpty()) {
        return defects.contains(Defect.IN_EMPTY_MATCHES_ALL);
      }
      return member(f.field(), f.values());
    }

    @Override public Boolean visitNin(Nin f) {
      if (f.values().isEmpty()) {
        return true;
      }
      Boolean m = member(f.field(), f.values());
      return m == null ? null : !m;
    }

    @Override public Boolean visitLike(Like f) {
      Object a = values.apply(f.field());
      if (a == null) {
        return null;
      }
      StringBuilder re = new StringBuilder();
      String p = f.pattern();
      for (int i = 0; i < p.length(); i++) {
        char ch = p.charAt(i);
        if (ch == '\\' && i + 1 < p.length()) {
          re.append(Pattern.quote(String.valueOf(p.charAt(++i))));
        } else if (ch == '%') {
          re.append(".*");
        } else if (ch == '_') {
          re.append('.');
        } else {
          re.append(Pattern.quote(String.valueOf(ch)));
        }
      }
      // CASE_INSENSITIVE without UNICODE_CASE folds ASCII only, like SQLite's LIKE.
      int flags = Pattern.DOTALL | (f.caseSensitive() ? 0 : Pattern.CASE_INSENSITIVE);
      return Pattern.compile(re.toString(), flags).matcher(a.toString()).matches();
    }

    @Override public Boolean visitRegex(Regex f) {
      Object a = values.apply(f.field());
      if (a == null) {
        return null;
      }
      int flags = 0;
      flags |= f.flags().contains("i") ? Pattern.CASE_INSENSITIVE : 0;
      flags |= f.flags().contains("m") ? Pattern.MULTILINE : 0;
      flags |= f.flags().contains("s") ? Pattern.DOTALL : 0;
      return Pattern.compile(f.pattern(), flags).matcher(a.toString()).find();
    }

    @Override public Boolean visitExists(Exists f) {
      return (values.apply(f.field()) != null) == f.present();
    }

    @Override public Boolean visitAnd(And f) {
      Boolean out = true;
      for (Filter c : f.children()) {
        Boolean r = c.accept(this);
        if (Boolean.FALSE.equals(r)) {
          return false;
        }
        if (r == null) {
          out = null;
        }
      }
      return out;
    }

    @Override public Boolean visitOr(Or f) {
      Boolean out = false;
      for (Filter c : f.children()) {
        Boolean r = c.accept(this);
        if (Boolean.TRUE.equals(r)) {
          return true;
        }
        if (r == null) {
          out = null;
        }
      }
      return out;
    }

    @Override public Boolean visitNot(Not f) {
      Boolean r = f.child().accept(this);
      return r == null ? null : !r;
    }

    @Override public Boolean visitMatchAll(MatchAll f) {
      return true;
    }

    @Override public Boolean visitMatchNone(MatchNone f) {
      return false;
    }

    @Override public Boolean visitRaw(Raw f) {
      throw new OperationNotSupportedException("raw filters need SQL");
    }
  }

  private boolean matches(Map<String, Object> row, Filter f) {
    return Boolean.TRUE.equals(f.accept(new Eval(row::get, (field, v) -> table.require(field).toSql(v, null))));
  }

  private List<Map<String, Object>> select(Filter f, Sort sort) {
    validate(f);
    Comparator<Map<String, Object>> cmp = comparator(sort);
    return rows.values().stream().filter(r -> matches(r, f)).sorted(cmp).collect(Collectors.toList());
  }

  private Comparator<Map<String, Object>> comparator(Sort sort) {
    Sort total = sort.thenBy(SortField.asc(pk));
    Comparator<Map<String, Object>> out = (a, b) -> 0;
    for (SortField sf : total.fields()) {
      table.require(sf.field());
      Comparator<Map<String, Object>> one = (a, b) -> {
        Object x = a.get(sf.field());
        Object y = b.get(sf.field());
        if (x == null || y == null) {
          return x == null ? (y == null ? 0 : -1) : 1;
        }
        return compare(x, y);
      };
      out = out.thenComparing(sf.descending() ? one.reversed() : one);
    }
    return out;
  }

  private static void refuseMatchAll(Filter f, String op) {
    if (f instanceof MatchAll) {
      throw new ValidationException(op + " with an empty filter is refused; pass an explicit filter");
    }
  }

  // ---- updates ------------------------------------------------------------------------------------------

  private void validateUpdate(Update u) {
    if (u.isEmpty()) {
      throw new ValidationException("the update is empty");
    }
    for (String f : u.fields()) {
      table.require(f);
    }
    if (u.set().containsKey(pk) || u.unset().contains(pk) || u.inc().containsKey(pk)) {
      throw new ValidationException(pk, "the primary key \"" + pk + "\" cannot be updated");
    }
  }

  private Map<String, Object> applied(Map<String, Object> row, Update u) {
    Map<String, Object> next = new LinkedHashMap<>(row);
    u.set().forEach((k, v) -> next.put(k, table.require(k).toSql(v, null)));
    u.unset().forEach(k -> next.put(k, null));
    u.inc().forEach((k, d) -> next.put(k, add(next.get(k), d)));
    checkNotNull(next);
    return next;
  }

  private static Object add(Object current, Number delta) {
    Number base = current == null ? 0L : (Number) current;
    boolean integral = !(base instanceof Double) && !(delta instanceof Double) && !(delta instanceof Float);
    return integral ? (Object) (base.longValue() + delta.longValue()) : base.doubleValue() + delta.doubleValue();
  }

  /** Runs an all-or-nothing change: restores the rows when it throws. */
  private <R> R atomically(java.util.function.Supplier<R> work) {
    TreeMap<String, Map<String, Object>> saved = new TreeMap<>(rows);
    try {
      return work.get();
    } catch (RuntimeException | Error e) {
      rows = saved;
      throw e;
    }
  }

  // ---- MinimalRepo --------------------------------------------------------------------------------------

  @Override public TableDef table() {
    return table;
  }

  @Override public Capabilities capabilities() {
    return capabilities;
  }

  @Override public TckDoc create(TckDoc entity) {
    Objects.requireNonNull(entity, "entity");
    Map<String, Object> row = encode(entity, true);
    checkNotNull(row);
    checkUnique(row, null);
    rows.put((String) row.get(pk), row);
    return decode(row);
  }

  @Override public Optional<TckDoc> getById(String id) {
    return Optional.ofNullable(rows.get(id)).map(this::decode);
  }

  @Override public Optional<TckDoc> update(String id, Update update) {
    return update(id, update, WriteOptions.none());
  }

  @Override public boolean delete(String id) {
    if (rows.remove(id) != null) {
      return true;
    }
    if (defects.contains(Defect.DELETE_MISS_THROWS)) {
      throw new NotFoundException("no row with this id in " + table.name());
    }
    return false;
  }

  @Override public List<TckDoc> findAll(Filter filter) {
    return findAll(filter, FindOptions.defaults());
  }

  @Override public long count(Filter filter) {
    need(Capability.COUNT_AND_EXISTS, "count");
    int n = select(filter, Sort.unsorted()).size();
    return defects.contains(Defect.COUNT_DRIFT) && n > 0 ? n + 1 : n;
  }

  // ---- StandardRepo -------------------------------------------------------------------------------------

  @Override public StandardRepo<TckDoc, String> withContext(CallContext context) {
    return this;
  }

  @Override public List<TckDoc> createMany(List<TckDoc> entities) {
    return atomically(() -> entities.stream().map(this::create).collect(Collectors.toList()));
  }

  @Override public Optional<TckDoc> getById(String id, Projection projection) {
    return Optional.ofNullable(rows.get(id)).map(r -> decode(r, projection));
  }

  @Override public List<TckDoc> getByIds(Collection<String> ids) {
    return new TreeMap<>(rows).entrySet().stream().filter(e -> ids.contains(e.getKey()))
        .map(e -> decode(e.getValue())).collect(Collectors.toList());
  }

  @Override public Optional<TckDoc> getOne(Filter filter) {
    return getOne(filter, FindOptions.defaults());
  }

  @Override public Optional<TckDoc> getOne(Filter filter, FindOptions options) {
    return select(filter, options.sort()).stream().findFirst().map(r -> decode(r, options.projection()));
  }

  @Override public List<TckDoc> findAll(Filter filter, FindOptions options) {
    Stream<Map<String, Object>> s = select(filter, options.sort()).stream().skip(options.offset());
    if (options.limit() > 0) {
      s = s.limit(options.limit());
    }
    return s.map(r -> decode(r, options.projection())).collect(Collectors.toList());
  }

  @Override public OffsetPage<TckDoc> getAll(PageRequest request) {
    int limit = request.limit() == null ? PageRequest.DEFAULT_LIMIT : request.limit();
    if (limit > MAX_LIMIT) {
      throw new QueryParseException("limit", "limit must be at most " + MAX_LIMIT + ", was " + limit);
    }
    List<Map<String, Object>> all = select(request.filter(), request.sort());
    List<TckDoc> items = all.stream().skip((long) (request.page() - 1) * limit).limit(limit)
        .map(r -> decode(r, request.projection())).collect(Collectors.toList());
    return OffsetPage.of(items, request.page(), limit, all.size());
  }

  @Override public KeysetPage<TckDoc> getAll(KeysetRequest request) {
    need(Capability.KEYSET_PAGINATION, "keyset getAll");
    int limit = request.limit() == null ? PageRequest.DEFAULT_LIMIT : request.limit();
    List<Map<String, Object>> all = select(request.filter(), request.sort());
    int start = 0;
    if (request.after() != null) {
      String decoded;
      try {
        decoded = new String(Base64.getUrlDecoder().decode(request.after()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new InvalidCursorException("cursor is not valid base64", e);
      }
      String prefix = "fake|" + request.sort() + "|";
      if (!decoded.startsWith(prefix)) {
        throw new InvalidCursorException("cursor does not belong to this sort");
      }
      String lastId = decoded.substring(prefix.length());
      Map<String, Object> last = rows.get(lastId);
      if (last == null) {
        throw new InvalidCursorException("cursor row is gone");
      }
      Comparator<Map<String, Object>> cmp = comparator(request.sort());
      while (start < all.size() && cmp.compare(all.get(start), last) <= 0) {
        start++;
      }
    }
    List<Map<String, Object>> page = all.subList(start, Math.min(all.size(), start + limit));
    boolean more = start + limit < all.size();
    String next = more ? Base64.getUrlEncoder().withoutPadding().encodeToString(
        ("fake|" + request.sort() + "|" + page.get(page.size() - 1).get(pk)).getBytes(StandardCharsets.UTF_8))
        : null;
    return new KeysetPage<>(page.stream().map(r -> decode(r, request.projection())).collect(Collectors.toList()),
        limit, next, more);
  }

  @Override public Stream<TckDoc> stream(Filter filter, StreamOptions options) {
    need(Capability.STREAMING, "stream");
    return select(filter, options.sort()).stream().map(r -> decode(r, options.projection()));
  }

  @Override public boolean exists(Filter filter) {
    need(Capability.COUNT_AND_EXISTS, "exists");
    return !select(filter, Sort.unsorted()).isEmpty();
  }

  @Override public List<Object> distinct(String field, Filter filter) {
    need(Capability.DISTINCT, "distinct");
    Column c = table.require(field);
    List<Object> raw = new ArrayList<>();
    for (Map<String, Object> r : select(filter, Sort.unsorted())) {
      Object v = r.get(field);
      if (raw.stream().noneMatch(x -> Objects.equals(x, v))) {
        raw.add(v);
      }
    }
    raw.sort((a, b) -> a == null ? (b == null ? 0 : -1) : b == null ? 1 : compare(a, b));
    return raw.stream().map(v -> c.fromSql(v, null)).collect(Collectors.toList());
  }

  @Override public Optional<TckDoc> update(String id, Update update, WriteOptions options) {
    if (options.expectedVersion() != null) {
      need(Capability.OPTIMISTIC_CONCURRENCY, "expected-version update");
    }
    validateUpdate(update);
    Map<String, Object> row = rows.get(id);
    if (row == null) {
      if (defects.contains(Defect.UPDATE_MISS_THROWS)) {
        throw new NotFoundException("no row with this id in " + table.name());
      }
      return Optional.empty();
    }
    if (!update.changesExistingRows()) {
      return Optional.of(decode(row));
    }
    Map<String, Object> next = applied(row, update);
    if (options.expectedVersion() != null) {
      String vf = table.versionField();
      Long actual = (Long) row.get(vf);
      if (!options.expectedVersion().equals(actual)) {
        throw new VersionConflictException(id, options.expectedVersion(), actual);
      }
      next.put(vf, actual + 1);
    }
    checkUnique(next, id);
    rows.put(id, next);
    return Optional.of(decode(next));
  }

  @Override public UpdateResult updateMany(Filter filter, Update update) {
    refuseMatchAll(filter, "updateMany");
    validateUpdate(update);
    List<Map<String, Object>> hits = select(filter, Sort.unsorted());
    if (!update.changesExistingRows()) {
      return new UpdateResult(hits.size(), 0);
    }
    return atomically(() -> {
      for (Map<String, Object> r : hits) {
        Map<String, Object> next = applied(r, update);
        checkUnique(next, (String) r.get(pk));
        rows.put((String) r.get(pk), next);
      }
      return new UpdateResult(hits.size(), hits.size());
    });
  }

  @Override public long deleteMany(Filter filter) {
    refuseMatchAll(filter, "deleteMany");
    List<Map<String, Object>> hits = select(filter, Sort.unsorted());
    hits.forEach(r -> rows.remove((String) r.get(pk)));
    return hits.size();
  }

  @Override public Optional<TckDoc> findOneAndUpdate(Filter filter, Update update, FindOneAndUpdateOptions options) {
    if (options.upsert()) {
      need(Capability.UPSERT, "findOneAndUpdate with upsert");
    }
    if (options.expectedVersion() != null) {
      need(Capability.OPTIMISTIC_CONCURRENCY, "expected-version findOneAndUpdate");
    }
    refuseMatchAll(filter, "findOneAndUpdate");
    validateUpdate(update);
    Optional<Map<String, Object>> hit = select(filter, options.sort()).stream().findFirst();
    if (hit.isPresent()) {
      TckDoc before = decode(hit.get());
      String id = before.id();
      if (!update.changesExistingRows()) {
        return Optional.of(before);
      }
      WriteOptions wo = options.expectedVersion() == null ? WriteOptions.none()
          : WriteOptions.ifVersion(options.expectedVersion());
      TckDoc after = update(id, update, wo).orElseThrow();
      return Optional.of(options.returnDocument() == ReturnDocument.BEFORE ? before : after);
    }
    if (!options.upsert()) {
      return Optional.empty();
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    List<Filter> leaves = filter instanceof And ? ((And) filter).children() : List.of(filter);
    for (Filter leaf : leaves) {
      if (leaf instanceof Eq) {
        fields.put(((Eq) leaf).field(), ((Eq) leaf).value());
      }
    }
    fields.putAll(update.set());
    fields.putAll(update.setOnInsert());
    update.inc().forEach(fields::put);
    Map<String, Object> all = new LinkedHashMap<>();
    for (String f : table.fieldNames()) {
      all.put(f, fields.get(f));
    }
    return Optional.of(create(MAPPER.fromFields(all)));
  }

  @Override public TckDoc upsert(TckDoc entity) {
    return upsert(entity, UpsertOptions.onPrimaryKey());
  }

  @Override public TckDoc upsert(TckDoc entity, UpsertOptions options) {
    need(Capability.UPSERT, "upsert");
    Map<String, Object> row = encode(entity, false);
    List<String> target = options.conflictFields().isEmpty() ? List.of(pk) : options.conflictFields();
    Optional<Map<String, Object>> existing = rows.values().stream()
        .filter(r -> target.stream().allMatch(f -> Objects.equals(r.get(f), row.get(f)))).findFirst();
    if (existing.isEmpty()) {
      return create(entity);
    }
    Map<String, Object> next = new LinkedHashMap<>(existing.get());
    row.forEach((k, v) -> {
      if (!k.equals(pk)) {
        next.put(k, v);
      }
    });
    checkNotNull(next);
    checkUnique(next, (String) next.get(pk));
    rows.put((String) next.get(pk), next);
    return decode(next);
  }

  @Override public Optional<TckDoc> increment(String id, String field, Number delta) {
    table.require(field);
    Map<String, Object> row = rows.get(id);
    if (row == null) {
      return Optional.empty();
    }
    Map<String, Object> next = new LinkedHashMap<>(row);
    next.put(field, add(row.get(field), delta));
    rows.put(id, next);
    return Optional.of(decode(next));
  }

  @Override public GetOrCreateResult<TckDoc> getOrCreate(Filter filter, TckDoc entity) {
    need(Capability.GET_OR_CREATE, "getOrCreate");
    Optional<Map<String, Object>> hit = select(filter, Sort.unsorted()).stream().findFirst();
    return hit.map(r -> new GetOrCreateResult<>(decode(r), false))
        .orElseGet(() -> new GetOrCreateResult<>(create(entity), true));
  }

  @Override public List<Map<String, Object>> aggregate(AggregateRequest request) {
    need(Capability.AGGREGATE, "aggregate");
    if (!request.lookups().isEmpty()) {
      // The fake has no joins: an aggregate with lookups is refused, never run as if they were absent.
      throw new OperationNotSupportedException("aggregate with lookups is not supported by this repository ("
          + Capability.LOOKUPS + ")");
    }
    request.groupBy().forEach(table::require);
    request.measures().values().forEach(m -> {
      if (m.field() != null) {
        table.require(m.field());
      }
    });
    Map<List<Object>, List<Map<String, Object>>> groups = new LinkedHashMap<>();
    for (Map<String, Object> r : select(request.filter(), Sort.unsorted())) {
      List<Object> key = new ArrayList<>();
      request.groupBy().forEach(g -> key.add(r.get(g)));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    if (request.groupBy().isEmpty() && groups.isEmpty()) {
      groups.put(List.of(), List.of());
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Map<String, Object>>> g : groups.entrySet()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 0; i < request.groupBy().size(); i++) {
        row.put(request.groupBy().get(i), g.getKey().get(i));
      }
      request.measures().forEach((alias, m) -> row.put(alias, measure(m, g.getValue())));
      out.add(row);
    }
    Set<String> aliases = request.measures().keySet();
    Filter having = request.having();
    FilterVisitor<Boolean> ev;
    List<Map<String, Object>> kept = new ArrayList<>();
    for (Map<String, Object> row : out) {
      ev = new Eval(row::get, (field, v) -> aliases.contains(field) ? v : table.require(field).toSql(v, null));
      if (Boolean.TRUE.equals(having.accept(ev))) {
        kept.add(row);
      }
    }
    Comparator<Map<String, Object>> cmp = (a, b) -> 0;
    for (SortField sf : request.sort().fields()) {
      Comparator<Map<String, Object>> one = (a, b) -> {
        Object x = a.get(sf.field());
        Object y = b.get(sf.field());
        return x == null || y == null ? (x == null ? (y == null ? 0 : -1) : 1) : compare(x, y);
      };
      cmp = cmp.thenComparing(sf.descending() ? one.reversed() : one);
    }
    kept.sort(cmp);
    Stream<Map<String, Object>> s = kept.stream().skip(request.offset());
    if (request.limit() > 0) {
      s = s.limit(request.limit());
    }
    return s.map(row -> {
      Map<String, Object> decoded = new LinkedHashMap<>(row);
      request.groupBy().forEach(gf -> decoded.put(gf, table.require(gf).fromSql(row.get(gf), null)));
      return decoded;
    }).collect(Collectors.toList());
  }

  private static Object measure(Measure m, List<Map<String, Object>> group) {
    if (m.op() == Measure.Op.COUNT && m.field() == null) {
      return (long) group.size();
    }
    List<Object> vals = group.stream().map(r -> r.get(m.field())).filter(Objects::nonNull)
        .collect(Collectors.toList());
    switch (m.op()) {
      case COUNT:
        return (long) vals.size();
      case COUNT_DISTINCT:
        return (long) new HashSet<>(vals).size();
      case SUM:
        return vals.isEmpty() ? null : vals.stream().reduce(0L, (a, b) -> add(a, (Number) b));
      case AVG:
        return vals.isEmpty() ? null : vals.stream().mapToDouble(v -> ((Number) v).doubleValue()).average()
            .orElseThrow();
      case MIN:
        return vals.stream().min(FakeRepo::compare).orElse(null);
      case MAX:
      default:
        return vals.stream().max(FakeRepo::compare).orElse(null);
    }
  }

  @Override public <R> R withTransaction(TransactionWork<StandardRepo<TckDoc, String>, R> work) {
    need(Capability.TRANSACTIONS, "withTransaction");
    if (txDepth > 0) {
      need(Capability.NESTED_TRANSACTIONS, "nested withTransaction");
    }
    txDepth++;
    try {
      return atomically(() -> work.run(this));
    } finally {
      txDepth--;
    }
  }

  @Override public List<BatchResult<TckDoc>> batch(
      Function<BatchBuilder<TckDoc, String>, List<BatchStatement>> builder) {
    need(Capability.BATCH, "batch");
    List<BatchStatement> statements = builder.apply(new BatchBuilder<>() {
      @Override public BatchStatement insert(TckDoc entity) {
        return BatchStatement.insert(table, MAPPER.toFields(entity));
      }

      @Override public BatchStatement upsert(TckDoc entity) {
        return BatchStatement.upsert(table, MAPPER.toFields(entity));
      }

      @Override public BatchStatement update(String id, Update update) {
        return BatchStatement.update(table, id, update);
      }

      @Override public BatchStatement delete(String id) {
        return BatchStatement.delete(table, id);
      }
    });
    if (statements.isEmpty()) {
      throw new ValidationException("a batch needs at least one statement");
    }
    return atomically(() -> {
      List<BatchResult<TckDoc>> out = new ArrayList<>();
      for (BatchStatement st : statements) {
        switch (st.kind()) {
          case INSERT:
            out.add(new BatchResult<>(st.kind(), 1, List.of(create(MAPPER.fromFields(st.data())))));
            break;
          case UPSERT:
            out.add(new BatchResult<>(st.kind(), 1, List.of(upsert(MAPPER.fromFields(st.data())))));
            break;
          case UPDATE:
            Optional<TckDoc> u = update((String) st.id(), st.update());
            out.add(new BatchResult<>(st.kind(), u.isPresent() ? 1 : 0, u.map(List::of).orElse(List.of())));
            break;
          case DELETE:
          default:
            out.add(new BatchResult<>(st.kind(), delete((String) st.id()) ? 1 : 0, List.of()));
            break;
        }
      }
      return out;
    });
  }

  @Override public boolean isDuplicateKeyError(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof DuplicateKeyException) {
        return true;
      }
    }
    return false;
  }

  @Override public boolean isTransientConflictError(Throwable error) {
    return false;
  }
}
