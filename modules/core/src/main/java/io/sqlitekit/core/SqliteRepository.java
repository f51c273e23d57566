package io.sqlitekit.core;

import io.sqlitekit.support.hook.CallState;
import io.sqlitekit.support.hook.HookEngine;
import io.sqlitekit.support.rules.WriteRules;
import io.sqlitekit.core.internal.render.SqlLiterals;
import io.sqlitekit.core.internal.render.TableModel;
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
import io.sqlitekit.spi.compile.FilterCompiler;
import io.sqlitekit.spi.compile.SqlFragment;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.error.VersionConflictException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.filter.MatchAll;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.page.KeysetCursors;
import io.sqlitekit.spi.page.KeysetFilters;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.ColumnMode;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.StorageClass;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The {@link StandardRepo} over one SQLite table. Obtain it from {@link SqliteKit#repository}.
 *
 * <p>Every call builds its SQL from the table definition (identifiers quoted, values bound and encoded by
 * the column codecs), runs the repository's plugin hooks around it, and executes through the kit's driver:
 * reads on a reader connection, writes in one {@code BEGIN IMMEDIATE} transaction each. Inside
 * {@link #withTransaction} or {@link SqliteKit#inTransaction} calls on the same thread join the
 * transaction.
 *
 * <p>Thread-safe and immutable; {@link #withContext} returns a cheap view.
 *
 * @param <T> the entity type (a record or a {@code Map<String, Object>} document)
 * @param <ID> the primary-key type
 * @since 0.1.0
 */
public final class SqliteRepository<T, ID> implements StandardRepo<T, ID> {
  private static final Where ALL = new Where("1", List.of());
  /** Bounds the shape cache: raw fragments or long IN lists of varying length must not grow it forever. */
  private static final int MAX_SHAPES = 4096;

  private final SqliteKit kit;
  private final TableModel model;
  private final RowMapper<T> mapper;
  private final HookEngine engine;
  private final CallContext view;
  private final SqliteDriver driver;
  private final JsonCodec json;
  private final Column pk;
  private final String pkExpr;
  private final Column[] allColumns;
  private final Map<Projection, Selection> selections;
  private final Selection allSelection;
  private final Map<String, String> whereByShape;
  private volatile SqliteRepository<Map<String, Object>, Object> documentView;

  SqliteRepository(SqliteKit kit, TableModel model, RowMapper<T> mapper, HookEngine engine) {
    this(kit, model, mapper, engine, CallContext.empty(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
  }

  private SqliteRepository(SqliteKit kit, TableModel model, RowMapper<T> mapper, HookEngine engine,
      CallContext view, Map<Projection, Selection> selections, Map<String, String> whereByShape) {
    this.kit = kit;
    this.model = model;
    this.mapper = mapper;
    this.engine = engine;
    this.view = view;
    this.driver = kit.driver();
    this.json = kit.jsonCodec();
    this.pk = model.primaryKey();
    this.pkExpr = model.expr(pk.name());
    this.allColumns = model.columns().toArray(new Column[0]);
    this.selections = selections;
    this.whereByShape = whereByShape;
    selections.putIfAbsent(Projection.all(), new Selection(allColumns, model.selectList(), model, mapper));
    this.allSelection = selections.get(Projection.all());
  }

  SqliteKit kit() {
    return kit;
  }

  SqliteRepository<Map<String, Object>, Object> documentView() {
    SqliteRepository<Map<String, Object>, Object> d = documentView;
    if (d == null) {
      d = new SqliteRepository<>(kit, model, RowMapper.documents(), engine, CallContext.empty(),
          new ConcurrentHashMap<>(), whereByShape);
      documentView = d;
    }
    return d;
  }

  // ---------------------------------------------------------------- plumbing

  private static final class Where {
    final String sql;
    final List<Object> params;

    Where(String sql, List<Object> params) {
      this.sql = sql;
      this.params = params;
    }

    boolean all() {
      return "1".equals(sql);
    }
  }

  private static final class Selection {
    final Column[] columns;
    final String sql;
    /** The unscoped point read, rendered once: the hot path renders nothing. */
    final String byIdSql;
    /** Builds an entity straight from a row's values in this column order (no per-row map). */
    final java.util.function.Function<Object[], ?> rowBuilder;

    Selection(Column[] columns, String sql, TableModel m, RowMapper<?> mapper) {
      this.columns = columns;
      this.sql = sql;
      List<String> names = new ArrayList<>(columns.length);
      for (Column c : columns) {
        names.add(c.name());
      }
      this.rowBuilder = mapper.fromValues(names);
      this.byIdSql = "SELECT " + sql + " FROM " + m.quotedTable() + " WHERE " + m.expr(m.primaryKey().name())
          + " = ?";
    }
  }

  private CallState state(Operation op) {
    return new CallState(op, model.table(), view, driver);
  }

  private <R> R run(CallState ctx, Supplier<R> exec) {
    if (!engine.hasHooks(ctx.operation())) {
      return exec.get();
    }
    return engine.run(ctx, exec);
  }

  private Where where(TableModel m, Filter f) {
    if (f instanceof MatchAll) {
      return ALL;
    }
    FilterCompiler custom = kit.customCompiler();
    if (custom != null) {
      SqlFragment fr = custom.compile(f, m.table());
      return new Where(fr.sql(), fr.params());
    }
    List<Object> params = new ArrayList<>(4);
    if (m != model) {
      StringBuilder sb = new StringBuilder(32);
      kit.renderer().render(f, m, sb, params);
      return new Where(sb.toString(), params);
    }
    // Steady state: compute the shape and the parameters only; the SQL of a known shape is reused.
    StringBuilder shape = new StringBuilder(32);
    kit.renderer().shape(f, m, null, shape, params);
    String key = shape.toString();
    String sql = whereByShape.get(key);
    if (sql == null) {
      StringBuilder sb = new StringBuilder(32);
      kit.renderer().shape(f, m, sb, new StringBuilder(), new ArrayList<>());
      sql = sb.toString();
      if (whereByShape.size() < MAX_SHAPES) {
        whereByShape.put(key, sql);
      }
    }
    return new Where(sql, params);
  }

  private Where byId(TableModel m, Object encodedId, Filter scope) {
    Where w = where(m, scope);
    String pkSql = m.expr(m.primaryKey().name()) + " = ?";
    if (w.all()) {
      return new Where(pkSql, List.of(encodedId));
    }
    List<Object> params = new ArrayList<>(w.params.size() + 1);
    params.add(encodedId);
    params.addAll(w.params);
    return new Where(pkSql + " AND " + w.sql, params);
  }

  private Object encodeId(TableModel m, Object id) {
    Objects.requireNonNull(id, "id");
    return m.primaryKey().toSql(id, json);
  }

  private static String clause(Where w) {
    return w.all() ? "" : " WHERE " + w.sql;
  }

  private static void bind(PreparedStatement ps, List<Object> params, int offset) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      ps.setObject(offset + i + 1, params.get(i));
    }
  }

  private Map<String, Object> readFields(ResultSet rs, Column[] cols) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>(cols.length * 2);
    for (int i = 0; i < cols.length; i++) {
      m.put(cols[i].name(), readValue(rs, i, cols[i]));
    }
    return m;
  }

  private Object readValue(ResultSet rs, int i, Column c) throws SQLException {
    if (c.mode() == ColumnMode.PLAIN && c.storage() == StorageClass.TEXT) {
      // Values written through the codec are text here (text affinity also turns numbers into text), so
      // getString reads them exactly and skips a type probe per column.
      return rs.getString(i + 1);
    }
    return c.fromSql(rs.getObject(i + 1), json);
  }

  private Object[] readValues(ResultSet rs, Column[] cols) throws SQLException {
    Object[] values = new Object[cols.length];
    for (int i = 0; i < cols.length; i++) {
      values[i] = readValue(rs, i, cols[i]);
    }
    return values;
  }

  @SuppressWarnings("unchecked")
  private T readEntity(ResultSet rs, Selection sel) throws SQLException {
    return (T) sel.rowBuilder.apply(readValues(rs, sel.columns));
  }

  /** Hot-path reads whose rows go straight to entities: no intermediate field map per row. */
  private Optional<T> queryOneEntity(SqlSession s, String sql, List<Object> params, Selection sel)
      throws SQLException {
    PreparedStatement ps = s.prepare(sql);
    bind(ps, params, 0);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(readEntity(rs, sel)) : Optional.empty();
    }
  }

  private List<T> queryEntities(SqlSession s, String sql, List<Object> params, Selection sel) throws SQLException {
    PreparedStatement ps = s.prepare(sql);
    bind(ps, params, 0);
    List<T> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(readEntity(rs, sel));
      }
    }
    return out;
  }

  private List<Map<String, Object>> query(SqlSession s, String sql, List<Object> params, Column[] cols)
      throws SQLException {
    PreparedStatement ps = s.prepare(sql);
    bind(ps, params, 0);
    List<Map<String, Object>> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(readFields(rs, cols));
      }
    }
    return out;
  }

  private Optional<Map<String, Object>> queryOne(SqlSession s, String sql, List<Object> params, Column[] cols)
      throws SQLException {
    PreparedStatement ps = s.prepare(sql);
    bind(ps, params, 0);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(readFields(rs, cols)) : Optional.empty();
    }
  }

  private long scalar(SqlSession s, String sql, List<Object> params) throws SQLException {
    PreparedStatement ps = s.prepare(sql);
    bind(ps, params, 0);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private int execute(SqlSession s, String sql, List<Object> params) throws SQLException {
    PreparedStatement ps = s.prepare(sql);
    bind(ps, params, 0);
    return ps.executeUpdate();
  }

  private T toEntity(Map<String, Object> fields) {
    return mapper.fromFields(fields);
  }

  private List<T> toEntities(List<Map<String, Object>> rows) {
    List<T> out = new ArrayList<>(rows.size());
    for (Map<String, Object> r : rows) {
      out.add(mapper.fromFields(r));
    }
    return out;
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

  private Selection selection(Projection p) {
    if (p == Projection.all()) {
      // The common case skips hashing the projection record on every call.
      Selection all = allSelection;
      if (all != null) {
        return all;
      }
    }
    Selection s = selections.get(p);
    if (s != null) {
      return s;
    }
    List<Column> cols = new ArrayList<>();
    for (String f : p.fields()) {
      model.column(f);
    }
    for (Column c : allColumns) {
      // The key is always returned, whatever the projection says.
      if (c.isPrimaryKey() || p.include() == p.fields().contains(c.name())) {
        cols.add(c);
      }
    }
    if (cols.isEmpty()) {
      throw new ValidationException(String.format(Locale.ROOT,
          "projection on table \"%s\" excludes every field", model.table().name()));
    }
    StringBuilder sb = new StringBuilder();
    for (Column c : cols) {
      sb.append(sb.length() == 0 ? "" : ", ").append(model.expr(c.name()));
    }
    s = new Selection(cols.toArray(new Column[0]), sb.toString(), model, mapper);
    selections.putIfAbsent(p, s);
    return s;
  }

  private String orderBy(TableModel m, Sort sort) {
    if (sort.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(" ORDER BY ");
    boolean first = true;
    for (SortField f : sort.fields()) {
      sb.append(first ? "" : ", ").append(m.expr(f.field())).append(f.descending() ? " DESC" : " ASC");
      first = false;
    }
    return sb.toString();
  }

  /** Every read is totally ordered: ties break by primary key in the last key's direction (Sort.total). */
  private Sort pkOrderIfUnsorted(Sort sort) {
    return sort.total(pk.name());
  }

  private Sort total(Sort sort) {
    return sort.total(pk.name());
  }

  private static String limitOffset(int limit, long offset) {
    if (limit > 0) {
      return offset > 0 ? " LIMIT " + limit + " OFFSET " + offset : " LIMIT " + limit;
    }
    return offset > 0 ? " LIMIT -1 OFFSET " + offset : "";
  }

  private String select(Selection sel, Where w, Sort sort, int limit, long offset) {
    return "SELECT " + sel.sql + " FROM " + model.quotedTable() + clause(w) + orderBy(model, sort)
        + limitOffset(limit, offset);
  }

  // ---------------------------------------------------------------- validation of writes

  /**
   * Refuses an increment that would leave the 64-bit range in any row the update reaches. SQLite does not fail
   * on integer overflow: {@code x + ?} silently becomes a REAL (which reads back as a clamped long). So before
   * the UPDATE, in the same write transaction (no other writer can change the rows in between), one query per
   * incremented INTEGER field looks for a reached row whose value is beyond {@code MAX - delta} (or below
   * {@code MIN - delta}); if there is one, nothing is written. The check is an indexed point read for updates
   * by id and one scan of the filter's rows for updateMany.
   *
   * @param w the rows the UPDATE reaches
   */
  private void requireNoOverflow(SqlSession s, TableModel m, Where w, Update u) throws SQLException {
    for (Map.Entry<String, Number> e : u.inc().entrySet()) {
      Column c = m.column(e.getKey());
      if (c.storage() != StorageClass.INTEGER) {
        continue;
      }
      long delta = ((Number) c.toSql(e.getValue(), json)).longValue();
      if (delta == 0) {
        continue;
      }
      String q = m.expr(c.name());
      List<Object> params = new ArrayList<>(w.params.size() + 1);
      params.addAll(w.params);
      params.add(delta > 0 ? Long.MAX_VALUE - delta : Long.MIN_VALUE - delta);
      String sql = "SELECT 1 FROM " + m.quotedTable() + " WHERE " + (w.all() ? "" : "(" + w.sql + ") AND ") + q
          + (delta > 0 ? " > ?" : " < ?") + " LIMIT 1";
      if (scalar(s, sql, params) == 1) {
        throw WriteRules.incrementOverflow(m.table(), c, delta);
      }
    }
  }

  private Where setClause(TableModel m, Update u) {
    StringBuilder sb = new StringBuilder();
    List<Object> params = new ArrayList<>();
    for (Map.Entry<String, Object> e : u.set().entrySet()) {
      Column c = m.column(e.getKey());
      sb.append(sb.length() == 0 ? "" : ", ").append(m.expr(c.name())).append(" = ?");
      params.add(c.toSql(e.getValue(), json));
    }
    for (String f : u.unset()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(m.expr(f)).append(" = NULL");
    }
    for (Map.Entry<String, Number> e : u.inc().entrySet()) {
      Column c = m.column(e.getKey());
      String q = m.expr(c.name());
      sb.append(sb.length() == 0 ? "" : ", ").append(q).append(" = coalesce(").append(q).append(", 0) + ?");
      params.add(c.toSql(e.getValue(), json));
    }
    Optional<Column> version = m.table().version();
    if (version.isPresent() && !u.set().containsKey(version.get().name()) && !u.inc().containsKey(version.get().name())
        && !u.unset().contains(version.get().name())) {
      String q = m.expr(version.get().name());
      sb.append(", ").append(q).append(" = coalesce(").append(q).append(", 0) + 1");
    }
    return new Where(sb.toString(), params);
  }

  private Optional<Map<String, Object>> updateRow(SqlSession s, TableModel m, Object id, Filter scope, Update u,
      Long expectedVersion) throws SQLException {
    WriteRules.validateUpdate(m.table(), m::column, u, json);
    Object encId = encodeId(m, id);
    Where w = byId(m, encId, scope);
    Optional<Column> version = m.table().version();
    if (expectedVersion != null && version.isEmpty()) {
      throw new ValidationException(String.format(Locale.ROOT,
          "table \"%s\" has no version field; expectedVersion cannot be checked", m.table().name()));
    }
    String select = "SELECT " + m.selectList() + " FROM " + m.quotedTable() + " WHERE " + w.sql;
    Column[] cols = m.columns().toArray(new Column[0]);
    if (!u.changesExistingRows()) {
      return queryOne(s, select, w.params, cols);
    }
    requireNoOverflow(s, m, w, u);
    Where set = setClause(m, u);
    List<Object> params = new ArrayList<>(set.params);
    params.addAll(w.params);
    String whereSql = w.sql;
    if (expectedVersion != null) {
      whereSql += " AND " + m.expr(version.get().name()) + " = ?";
      params.add(expectedVersion);
    }
    String sql = "UPDATE " + m.quotedTable() + " SET " + set.sql + " WHERE " + whereSql + " RETURNING "
        + m.selectList();
    Optional<Map<String, Object>> row = queryOne(s, sql, params, cols);
    if (row.isEmpty() && expectedVersion != null) {
      Optional<Map<String, Object>> current = queryOne(s, select, w.params, cols);
      if (current.isPresent()) {
        Object actual = current.get().get(version.get().name());
        throw new VersionConflictException(String.valueOf(id), expectedVersion,
            actual == null ? null : ((Number) actual).longValue());
      }
    }
    return row;
  }

  private long updateWhere(SqlSession s, TableModel m, Filter scope, Update u) throws SQLException {
    WriteRules.validateUpdate(m.table(), m::column, u, json);
    Where w = where(m, scope);
    if (!u.changesExistingRows()) {
      return 0;
    }
    requireNoOverflow(s, m, w, u);
    Where set = setClause(m, u);
    List<Object> params = new ArrayList<>(set.params);
    params.addAll(w.params);
    return execute(s, "UPDATE " + m.quotedTable() + " SET " + set.sql + clause(w), params);
  }

  private static final class Insert {
    final StringBuilder columns = new StringBuilder();
    final StringBuilder marks = new StringBuilder();
    final List<Object> params = new ArrayList<>();
  }

  private Insert insertParts(TableModel m, Map<String, Object> row) {
    Insert ins = new Insert();
    for (Map.Entry<String, Object> e : row.entrySet()) {
      Column c = m.column(e.getKey());
      if (e.getValue() == null && c.isNotNull()) {
        throw WriteRules.notNull(m.table(), c);
      }
      ins.columns.append(ins.params.isEmpty() ? "" : ", ").append(m.expr(c.name()));
      ins.marks.append(ins.params.isEmpty() ? "?" : ", ?");
      ins.params.add(c.toSql(e.getValue(), json));
    }
    requireNotNullColumns(m, row);
    return ins;
  }

  /** The checks of {@link #insertParts} without building SQL: known fields, value types, NOT NULL. */
  private void validateInsert(TableModel m, Map<String, Object> row) {
    validateAndEncode(m, row, Map.of());
  }

  /**
   * Validates an insert row (unknown field, NULL into NOT NULL, value the column cannot store, missing NOT NULL
   * column, in that order) and returns its bound values placed by {@code slotOf} when the row has exactly those
   * fields (in any order), otherwise null; a batch then binds each value once instead of encoding it again.
   */
  private Object[] validateAndEncode(TableModel m, Map<String, Object> row, Map<String, Integer> slotOf) {
    Object[] encoded = row.size() == slotOf.size() ? new Object[slotOf.size()] : null;
    for (Map.Entry<String, Object> e : row.entrySet()) {
      Column c = m.column(e.getKey());
      if (e.getValue() == null && c.isNotNull()) {
        throw WriteRules.notNull(m.table(), c);
      }
      Object value = c.toSql(e.getValue(), json);
      Integer slot = encoded == null ? null : slotOf.get(e.getKey());
      if (slot == null) {
        encoded = null;
      } else {
        encoded[slot] = value;
      }
    }
    requireNotNullColumns(m, row);
    return encoded;
  }

  private void requireNotNullColumns(TableModel m, Map<String, Object> row) {
    for (Column c : m.columns()) {
      if (c.isNotNull() && !c.hasDefault() && !row.containsKey(c.name())) {
        throw WriteRules.notNull(m.table(), c);
      }
    }
  }

  private Map<String, Object> insertRow(SqlSession s, TableModel m, Map<String, Object> row) throws SQLException {
    Insert ins = insertParts(m, row);
    String sql = ins.params.isEmpty()
        ? "INSERT INTO " + m.quotedTable() + " DEFAULT VALUES RETURNING " + m.selectList()
        : "INSERT INTO " + m.quotedTable() + " (" + ins.columns + ") VALUES (" + ins.marks + ") RETURNING "
            + m.selectList();
    return queryOne(s, sql, ins.params, m.columns().toArray(new Column[0]))
        .orElseThrow(() -> new IllegalStateException("INSERT … RETURNING returned no row"));
  }

  /**
   * INSERT … ON CONFLICT. The conflict update is {@code conflictUpdate} when it changes anything (plugins
   * state it so, e.g. to keep createdAt), else every non-key field of the row. A policy scope guards the
   * conflict update ({@code DO UPDATE … WHERE scope}); a conflict with a row outside it is a duplicate key.
   */
  private Map<String, Object> upsertRow(SqlSession s, TableModel m, Map<String, Object> row, UpsertOptions o,
      Update conflictUpdate, Filter scope) throws SQLException {
    String pkName = m.primaryKey().name();
    List<String> target = o.conflictFields().isEmpty() ? List.of(pkName) : o.conflictFields();
    StringBuilder targetSql = new StringBuilder();
    for (String f : target) {
      targetSql.append(targetSql.length() == 0 ? "" : ", ").append(m.expr(f));
    }
    Insert ins = insertParts(m, row);
    String set;
    List<Object> setParams;
    if (conflictUpdate.changesExistingRows()) {
      WriteRules.validateUpdate(m.table(), m::column, conflictUpdate, json);
      if (!conflictUpdate.inc().isEmpty()) {
        // The conflict update can only reach the row holding the payload's conflict values (NULLs never clash).
        List<Filter> eqs = new ArrayList<>();
        for (String f : target) {
          if (row.get(f) != null) {
            eqs.add(Filters.eq(f, row.get(f)));
          }
        }
        if (eqs.size() == target.size()) {
          requireNoOverflow(s, m, where(m, Filters.and(Filters.and(eqs), o.conflictWhere(), scope)),
              conflictUpdate);
        }
      }
      Where w = setClause(m, conflictUpdate);
      set = w.sql;
      setParams = w.params;
    } else {
      StringBuilder sb = new StringBuilder();
      for (String f : row.keySet()) {
        if (!target.contains(f) && !f.equals(pkName)) {
          String q = m.expr(f);
          sb.append(sb.length() == 0 ? "" : ", ").append(q).append(" = excluded.").append(q);
        }
      }
      Optional<Column> version = m.table().version();
      if (sb.length() > 0 && version.isPresent() && !row.containsKey(version.get().name())) {
        String q = m.expr(version.get().name());
        sb.append(", ").append(q).append(" = coalesce(").append(q).append(", 0) + 1");
      }
      set = sb.toString();
      setParams = List.of();
    }
    List<Object> params = new ArrayList<>(ins.params);
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(m.quotedTable());
    if (ins.params.isEmpty()) {
      sql.append(" DEFAULT VALUES");
    } else {
      sql.append(" (").append(ins.columns).append(") VALUES (").append(ins.marks).append(')');
    }
    sql.append(" ON CONFLICT (").append(targetSql).append(')');
    if (!(o.conflictWhere() instanceof MatchAll)) {
      // The conflict target of a partial index must repeat its WHERE; DDL-like, so values are inlined.
      Where cw = where(m, o.conflictWhere());
      sql.append(" WHERE ").append(SqlLiterals.inline(cw.sql, cw.params));
    }
    Where scoped = where(m, scope);
    if (set.isEmpty()) {
      sql.append(" DO NOTHING");
    } else {
      sql.append(" DO UPDATE SET ").append(set);
      params.addAll(setParams);
      if (!scoped.all()) {
        sql.append(" WHERE ").append(scoped.sql);
        params.addAll(scoped.params);
      }
    }
    sql.append(" RETURNING ").append(m.selectList());
    Column[] cols = m.columns().toArray(new Column[0]);
    Optional<Map<String, Object>> r = queryOne(s, sql.toString(), params, cols);
    if (r.isPresent()) {
      return r.get();
    }
    List<Filter> eqs = new ArrayList<>();
    for (String f : target) {
      if (!row.containsKey(f)) {
        throw new ValidationException(f, String.format(Locale.ROOT,
            "upsert on table \"%s\" needs conflict field \"%s\" in the row", m.table().name(), f));
      }
      eqs.add(Filters.eq(f, row.get(f)));
    }
    Filter conflicting = Filters.and(Filters.and(eqs), o.conflictWhere());
    Where inScope = where(m, Filters.and(conflicting, scope));
    Optional<Map<String, Object>> visible = queryOne(s, "SELECT " + m.selectList() + " FROM " + m.quotedTable()
        + clause(inScope) + " LIMIT 1", inScope.params, cols);
    if (visible.isPresent()) {
      return visible.get();
    }
    throw new DuplicateKeyException(String.format(Locale.ROOT,
        "upsert on table \"%s\" conflicts on %s with a row outside the caller's scope", m.table().name(), target));
  }

  // ---------------------------------------------------------------- MinimalRepo

  @Override
  public TableDef table() {
    return model.table();
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.full();
  }

  @Override
  public T create(T entity) {
    CallState ctx = state(Operation.CREATE).withRowsOwned(ownRows(entity));
    return run(ctx, () -> driver.write(s -> toEntity(insertRow(s, model, ctx.rows().get(0)))));
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
    return run(ctx, () -> driver.write(s -> {
      if (ctx.deleteConvertedToUpdate()) {
        Update u = ctx.update();
        WriteRules.validateUpdate(model.table(), model::column, u, json);
        Where w = byId(model, encodeId(model, id), ctx.filter());
        requireNoOverflow(s, model, w, u);
        Where set = setClause(model, u);
        List<Object> params = new ArrayList<>(set.params);
        params.addAll(w.params);
        return execute(s, "UPDATE " + model.quotedTable() + " SET " + set.sql + " WHERE " + w.sql, params) > 0;
      }
      Where w = byId(model, encodeId(model, id), ctx.filter());
      return execute(s, "DELETE FROM " + model.quotedTable() + " WHERE " + w.sql, w.params) > 0;
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
      Where w = where(model, ctx.filter());
      return driver.read(s -> scalar(s, "SELECT count(*) FROM " + model.quotedTable() + clause(w), w.params));
    });
  }

  // ---------------------------------------------------------------- StandardRepo

  @Override
  public SqliteRepository<T, ID> withContext(CallContext context) {
    Objects.requireNonNull(context, "context");
    return new SqliteRepository<>(kit, model, mapper, engine, view.merge(context), selections, whereByShape);
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
      return driver.write(s -> insertMany(s, model, ctx.rows()));
    });
  }

  /**
   * Inserts rows in order. Rows that all carry their key and the same fields go through one JDBC batch,
   * then are read back by key in input order; otherwise (generated keys) each row uses INSERT … RETURNING.
   */
  @SuppressWarnings("unchecked")
  private List<T> insertMany(SqlSession s, TableModel m, List<Map<String, Object>> rows) throws SQLException {
    String pkName = m.primaryKey().name();
    // Keys are matched back through equals(), which byte[] keys do not have.
    boolean batchable = rows.size() > 1 && m.primaryKey().storage() != StorageClass.BLOB;
    List<String> fields = new ArrayList<>(rows.get(0).keySet());
    Map<String, Integer> slotOf = new HashMap<>(fields.size() * 2);
    for (int i = 0; i < fields.size(); i++) {
      slotOf.put(fields.get(i), i);
    }
    // A row's values, in the statement's column order, or null when its fields differ from the first row's.
    Object[][] encodedRows = new Object[rows.size()][];
    for (int k = 0; k < rows.size(); k++) {
      Map<String, Object> r = rows.get(k);
      encodedRows[k] = validateAndEncode(m, r, slotOf);
      batchable &= r.get(pkName) != null && encodedRows[k] != null;
    }
    if (!batchable) {
      List<Map<String, Object>> out = new ArrayList<>(rows.size());
      for (Map<String, Object> r : rows) {
        out.add(insertRow(s, m, r));
      }
      return toEntities(out);
    }
    StringBuilder cols = new StringBuilder();
    StringBuilder marks = new StringBuilder();
    for (String f : fields) {
      cols.append(cols.length() == 0 ? "" : ", ").append(m.expr(f));
      marks.append(marks.length() == 0 ? "?" : ", ?");
    }
    PreparedStatement ps = s.prepare("INSERT INTO " + m.quotedTable() + " (" + cols + ") VALUES (" + marks + ")");
    List<Object> keys = new ArrayList<>(rows.size());
    Column pkCol = m.primaryKey();
    Selection allSel = selection(Projection.all());
    Column[] all = allSel.columns;
    // The stored row is exactly what was bound unless SQLite fills an omitted column from an SQL default
    // expression; then (only then) the rows are read back. Like INSERT ... RETURNING, the result is the row as
    // inserted, before AFTER triggers.
    boolean local = true;
    for (Column c : all) {
      if (c.defaultSql() != null && !slotOf.containsKey(c.name())) {
        local = false;
      }
    }
    List<T> built = local ? new ArrayList<>(rows.size()) : null;
    int[] slot = new int[all.length];
    Object[] omittedStored = new Object[all.length];
    for (int j = 0; j < all.length; j++) {
      slot[j] = slotOf.getOrDefault(all[j].name(), -1);
      Column c = all[j];
      if (slot[j] < 0 && c.defaultValue() != null) {
        omittedStored[j] = c.toSql(c.defaultValue(), json);
      }
    }
    int pkSlot = slotOf.get(pkName);
    for (int k = 0; k < rows.size(); k++) {
      Object[] encoded = encodedRows[k];
      for (int i = 0; i < encoded.length; i++) {
        ps.setObject(i + 1, encoded[i]);
      }
      ps.addBatch();
      keys.add(encoded[pkSlot]);
      if (local) {
        Object[] values = new Object[all.length];
        for (int j = 0; j < all.length; j++) {
          Column c = all[j];
          int i = slot[j];
          values[j] = c.fromSql(i >= 0 ? encoded[i] : omittedStored[j], json);
        }
        built.add((T) allSel.rowBuilder.apply(values));
      }
    }
    ps.executeBatch();
    if (local) {
      return built;
    }
    Map<Object, Map<String, Object>> byKey = new HashMap<>(rows.size() * 2);
    for (int from = 0; from < keys.size(); from += 500) {
      List<Object> chunk = keys.subList(from, Math.min(keys.size(), from + 500));
      StringBuilder in = new StringBuilder();
      for (int i = 0; i < chunk.size(); i++) {
        in.append(i == 0 ? "?" : ", ?");
      }
      for (Map<String, Object> row : query(s, "SELECT " + m.selectList() + " FROM " + m.quotedTable() + " WHERE "
          + m.expr(pkName) + " IN (" + in + ")", chunk, all)) {
        byKey.put(pkCol.toSql(row.get(pkName), json), row);
      }
    }
    List<T> out = new ArrayList<>(keys.size());
    for (Object k : keys) {
      out.add(toEntity(Objects.requireNonNull(byKey.get(k), "inserted row not visible")));
    }
    return out;
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
      Projection p = req instanceof Projection ? (Projection) req : projection;
      Selection sel = selection(p);
      Object encId = encodeId(model, id);
      String sql;
      List<Object> params;
      if (ctx.filter() instanceof MatchAll) {
        sql = sel.byIdSql;
        params = List.of(encId);
      } else {
        Where w = byId(model, encId, ctx.filter());
        sql = "SELECT " + sel.sql + " FROM " + model.quotedTable() + " WHERE " + w.sql;
        params = w.params;
      }
      return driver.read(s -> queryOneEntity(s, sql, params, sel));
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
      Filter f = Filters.and(Filters.in(pk.name(), list), ctx.filter());
      Where w = where(model, f);
      Selection sel = selection(Projection.all());
      String sql = select(sel, w, Sort.by(SortField.asc(pk.name())), 0, 0);
      return driver.read(s -> queryEntities(s, sql, w.params, sel));
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
      Selection sel = selection(o.projection());
      Where w = where(model, ctx.filter());
      String sql = select(sel, w, pkOrderIfUnsorted(o.sort()), 1, 0);
      return driver.read(s -> queryOneEntity(s, sql, w.params, sel));
    });
  }

  @Override
  public List<T> findAll(Filter filter, FindOptions options) {
    Objects.requireNonNull(options, "options");
    CallState ctx = state(Operation.FIND_ALL).withFilter(filter).withRequest(options);
    return run(ctx, () -> {
      FindOptions o = (FindOptions) ctx.request().orElse(options);
      Selection sel = selection(o.projection());
      Where w = where(model, ctx.filter());
      String sql = select(sel, w, pkOrderIfUnsorted(o.sort()), o.limit(), o.offset());
      return driver.read(s -> queryEntities(s, sql, w.params, sel));
    });
  }

  @Override
  public OffsetPage<T> getAll(PageRequest request) {
    Objects.requireNonNull(request, "request");
    CallState ctx = state(Operation.GET_ALL).withFilter(request.filter()).withRequest(request);
    return run(ctx, () -> {
      PageRequest r = (PageRequest) ctx.request().orElse(request);
      int limit = WriteRules.pageLimit(r.limit(), kit.maxPageLimit());
      Selection sel = selection(r.projection());
      Where w = where(model, ctx.filter());
      long offset = (long) (r.page() - 1) * limit;
      String sql = select(sel, w, total(r.sort()), limit, offset);
      String countSql = "SELECT count(*) FROM " + model.quotedTable() + clause(w);
      Object[] out = driver.readSnapshot(s -> new Object[] {queryEntities(s, sql, w.params, sel),
          scalar(s, countSql, w.params)});
      @SuppressWarnings("unchecked")
      List<T> items = (List<T>) out[0];
      return OffsetPage.of(items, r.page(), limit, (Long) out[1]);
    });
  }

  private Map<String, Object> project(Map<String, Object> row, Projection p) {
    if (p.isAll()) {
      return row;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : row.entrySet()) {
      if (e.getKey().equals(pk.name()) || p.include() == p.fields().contains(e.getKey())) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** The rows after a keyset position (all rows when {@code after} is null), in the total sort order. */
  private Where keysetWhere(Filter scope, Sort total, List<Object> after) {
    return where(model, after == null ? scope : Filters.and(scope, KeysetFilters.after(model.table(), total, after)));
  }

  private List<Map<String, Object>> keysetBatch(SqlSession s, Filter scope, Sort total, List<Object> after,
      int fetch) throws SQLException {
    Where w = keysetWhere(scope, total, after);
    return query(s, select(selection(Projection.all()), w, total, fetch, 0), w.params, allColumns);
  }

  /** A stream batch: its entities, and the last row's values (every column) for the next keyset position. */
  private record StreamBatch<E>(List<E> items, Object[] lastRow) {
  }

  /**
   * One stream batch mapped to entities as it is read: every column is read, because the next position needs the
   * sort values even when the projection leaves them out; with no projection, no per-row field map is built.
   */
  @SuppressWarnings("unchecked")
  private StreamBatch<T> streamBatch(SqlSession s, Filter scope, Sort total, List<Object> after, int fetch,
      Selection all, Projection proj) throws SQLException {
    Where w = keysetWhere(scope, total, after);
    PreparedStatement ps = s.prepare(select(all, w, total, fetch, 0));
    bind(ps, w.params, 0);
    Column[] cols = all.columns;
    List<T> out = new ArrayList<>(fetch);
    Object[] values = null;
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        values = readValues(rs, cols);
        if (proj.isAll()) {
          out.add((T) all.rowBuilder.apply(values));
        } else {
          Map<String, Object> row = new LinkedHashMap<>(cols.length * 2);
          for (int i = 0; i < cols.length; i++) {
            row.put(cols[i].name(), values[i]);
          }
          out.add(toEntity(project(row, proj)));
        }
      }
    }
    return new StreamBatch<>(out, values);
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
        model.column(f.field());
      }
      selection(r.projection());
      List<Object> after = r.after() == null ? null : KeysetCursors.decode(r.after(), model.table(), total);
      List<Map<String, Object>> rows = driver.read(s -> keysetBatch(s, ctx.filter(), total, after, limit + 1));
      boolean more = rows.size() > limit;
      if (more) {
        rows = rows.subList(0, limit);
      }
      String next = more ? KeysetCursors.encode(model.table(), total, rows.get(rows.size() - 1)) : null;
      List<T> items = new ArrayList<>(rows.size());
      for (Map<String, Object> row : rows) {
        items.add(toEntity(project(row, r.projection())));
      }
      return new KeysetPage<>(items, limit, next, more);
    });
  }

  @Override
  public Stream<T> stream(Filter filter, StreamOptions options) {
    Objects.requireNonNull(options, "options");
    CallState ctx = state(Operation.STREAM).withFilter(filter).withRequest(options);
    return run(ctx, () -> {
      StreamOptions o = (StreamOptions) ctx.request().orElse(options);
      Sort total = total(o.sort());
      for (SortField f : total.fields()) {
        model.column(f.field());
      }
      selection(o.projection());
      Filter scope = ctx.filter();
      where(model, scope);
      Projection proj = o.projection();
      Selection all = selection(Projection.all());
      int[] sortSlots = new int[total.fields().size()];
      for (int k = 0; k < sortSlots.length; k++) {
        sortSlots[k] = Arrays.asList(all.columns).indexOf(model.column(total.fields().get(k).field()));
      }
      Iterator<T> it = new Iterator<>() {
        private List<T> batch = List.of();
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
          List<Object> after = last;
          StreamBatch<T> read = driver.read(s -> streamBatch(s, scope, total, after, o.batchSize(), all, proj));
          batch = read.items();
          pos = 0;
          if (batch.size() < o.batchSize()) {
            exhausted = true;
          }
          if (!batch.isEmpty()) {
            List<Object> values = new ArrayList<>(sortSlots.length);
            for (int slot : sortSlots) {
              values.add(read.lastRow()[slot]);
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
          return batch.get(pos++);
        }
      };
      return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
          false).onClose(() -> { });
    });
  }

  @Override
  public boolean exists(Filter filter) {
    CallState ctx = state(Operation.EXISTS).withFilter(filter);
    return run(ctx, () -> {
      Where w = where(model, ctx.filter());
      String sql = "SELECT 1 FROM " + model.quotedTable() + clause(w) + " LIMIT 1";
      return driver.read(s -> {
        PreparedStatement ps = s.prepare(sql);
        bind(ps, w.params, 0);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      });
    });
  }

  @Override
  public List<Object> distinct(String field, Filter filter) {
    Objects.requireNonNull(field, "field");
    CallState ctx = state(Operation.DISTINCT).withFilter(filter).withRequest(field);
    return run(ctx, () -> {
      Column c = model.column((String) ctx.request().orElse(field));
      Where w = where(model, ctx.filter());
      String q = model.expr(c.name());
      String sql = "SELECT DISTINCT " + q + " FROM " + model.quotedTable() + clause(w) + " ORDER BY " + q + " ASC";
      return driver.read(s -> {
        PreparedStatement ps = s.prepare(sql);
        bind(ps, w.params, 0);
        List<Object> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(c.fromSql(rs.getObject(1), json));
          }
        }
        return out;
      });
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
      return driver.write(s -> updateRow(s, model, id, ctx.filter(), ctx.update(), o.expectedVersion()))
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
      WriteRules.validateUpdate(model.table(), model::column, u, json);
      return driver.write(s -> {
        if (!u.changesExistingRows()) {
          Where w = where(model, ctx.filter());
          long matched = scalar(s, "SELECT count(*) FROM " + model.quotedTable() + clause(w), w.params);
          return new UpdateResult(matched, 0);
        }
        long n = updateWhere(s, model, ctx.filter(), u);
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
      return driver.write(s -> {
        if (ctx.deleteConvertedToUpdate()) {
          return updateWhere(s, model, ctx.filter(), ctx.update());
        }
        Where w = where(model, ctx.filter());
        return (long) execute(s, "DELETE FROM " + model.quotedTable() + clause(w), w.params);
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
      ctx.withRows(List.of(WriteRules.upsertSeed(filter, update)));
    }
    return run(ctx, () -> {
      WriteRules.requireScoped(filter, "findOneAndUpdate");
      FindOneAndUpdateOptions o = (FindOneAndUpdateOptions) ctx.request().orElse(options);
      Update u = ctx.update();
      WriteRules.validateUpdate(model.table(), model::column, u, json);
      Where w = where(model, ctx.filter());
      String sql = select(selection(Projection.all()), w, pkOrderIfUnsorted(o.sort()), 1, 0);
      return driver.write(s -> {
        Optional<Map<String, Object>> found = queryOne(s, sql, w.params, allColumns);
        if (found.isPresent()) {
          Object id = found.get().get(pk.name());
          Optional<Map<String, Object>> after = updateRow(s, model, id, Filters.all(), u, o.expectedVersion());
          return (o.returnDocument() == ReturnDocument.BEFORE ? found : after).map(this::toEntity);
        }
        if (!o.upsert() || ctx.rows().isEmpty()) {
          return Optional.<T>empty();
        }
        Map<String, Object> row = new LinkedHashMap<>(ctx.rows().get(0));
        u.set().forEach(row::putIfAbsent);
        Map<String, Object> inserted = insertRow(s, model, row);
        return Optional.of(toEntity(inserted));
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
        model.column(f);
      }
      return driver.write(s -> toEntity(upsertRow(s, model, ctx.rows().get(0), o, ctx.update(), ctx.filter())));
    });
  }

  @Override
  public Optional<T> increment(ID id, String field, Number delta) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(delta, "delta");
    // Unknown, key or non-numeric fields and bad deltas are refused by validateUpdate, after the hooks ran.
    CallState ctx = state(Operation.INCREMENT).withId(id).withUpdate(Update.inc(field, delta));
    return run(ctx, () -> driver.write(s -> updateRow(s, model, id, ctx.filter(), ctx.update(), null))
        .map(this::toEntity));
  }

  @Override
  public GetOrCreateResult<T> getOrCreate(Filter filter, T entity) {
    Objects.requireNonNull(filter, "filter");
    CallState ctx = state(Operation.GET_OR_CREATE).withFilter(filter).withRowsOwned(ownRows(entity));
    return run(ctx, () -> {
      Where w = where(model, ctx.filter());
      String sql = select(selection(Projection.all()), w, Sort.by(SortField.asc(pk.name())), 1, 0);
      return driver.write(s -> {
        Optional<Map<String, Object>> found = queryOne(s, sql, w.params, allColumns);
        if (found.isPresent()) {
          return new GetOrCreateResult<>(toEntity(found.get()), false);
        }
        return new GetOrCreateResult<>(toEntity(insertRow(s, model, ctx.rows().get(0))), true);
      });
    });
  }

  @Override
  public List<Map<String, Object>> aggregate(AggregateRequest request) {
    Objects.requireNonNull(request, "request");
    CallState ctx = state(Operation.AGGREGATE).withFilter(request.filter()).withRequest(request);
    return run(ctx, () -> aggregateExec((AggregateRequest) ctx.request().orElse(request), ctx.filter()));
  }

  private List<Map<String, Object>> aggregateExec(AggregateRequest r, Filter scope) {
    Map<String, Column> codecs = new HashMap<>();
    Map<String, String> exprs = new HashMap<>();
    StringBuilder select = new StringBuilder();
    StringBuilder group = new StringBuilder();
    List<String> keys = new ArrayList<>();
    List<Object> kinds = new ArrayList<>();
    for (String g : r.groupBy()) {
      Column c = model.column(g);
      codecs.put(g, c);
      exprs.put(g, model.expr(g));
      select.append(select.length() == 0 ? "" : ", ").append(model.expr(g));
      group.append(group.length() == 0 ? "" : ", ").append(model.expr(g));
      keys.add(g);
      kinds.add(c);
    }
    for (Map.Entry<String, Measure> e : r.measures().entrySet()) {
      Measure m = e.getValue();
      Column fc = m.field() == null ? null : model.column(m.field());
      String arg = fc == null ? "*" : model.expr(fc.name());
      String expr;
      Column codec;
      switch (m.op()) {
        case COUNT:
          expr = "count(" + arg + ")";
          codec = Column.integer("count");
          break;
        case COUNT_DISTINCT:
          expr = "count(DISTINCT " + arg + ")";
          codec = Column.integer("count");
          break;
        case SUM:
          expr = "sum(" + arg + ")";
          codec = Column.real("sum");
          break;
        case AVG:
          expr = "avg(" + arg + ")";
          codec = Column.real("avg");
          break;
        case MIN:
          expr = "min(" + arg + ")";
          codec = fc;
          break;
        case MAX:
        default:
          expr = "max(" + arg + ")";
          codec = fc;
          break;
      }
      codecs.put(e.getKey(), codec);
      exprs.put(e.getKey(), expr);
      select.append(select.length() == 0 ? "" : ", ").append(expr);
      keys.add(e.getKey());
      kinds.add(m.op() == Measure.Op.MIN || m.op() == Measure.Op.MAX ? fc : m.op());
    }
    TableModel derived = TableModel.derived(model.table(), codecs, exprs);
    Where w = where(model, scope);
    StringBuilder sql = new StringBuilder("SELECT ").append(select).append(" FROM ").append(model.quotedTable())
        .append(clause(w));
    List<Object> params = new ArrayList<>(w.params);
    if (group.length() > 0) {
      sql.append(" GROUP BY ").append(group);
    }
    if (!(r.having() instanceof MatchAll)) {
      StringBuilder hs = new StringBuilder();
      kit.renderer().render(r.having(), derived, hs, params);
      sql.append(" HAVING ").append(hs);
    }
    Sort sort = r.sort().isEmpty() && !r.groupBy().isEmpty()
        ? new Sort(r.groupBy().stream().map(SortField::asc).collect(java.util.stream.Collectors.toList()))
        : r.sort();
    sql.append(orderBy(derived, sort)).append(limitOffset(r.limit(), r.offset()));
    String text = sql.toString();
    return driver.read(s -> {
      PreparedStatement ps = s.prepare(text);
      bind(ps, params, 0);
      List<Map<String, Object>> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 0; i < keys.size(); i++) {
            Object v = rs.getObject(i + 1);
            Object k = kinds.get(i);
            if (k instanceof Column) {
              row.put(keys.get(i), ((Column) k).fromSql(v, json));
            } else if (v == null) {
              row.put(keys.get(i), null);
            } else if (k == Measure.Op.AVG) {
              row.put(keys.get(i), ((Number) v).doubleValue());
            } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
              row.put(keys.get(i), ((Number) v).longValue());
            } else {
              row.put(keys.get(i), v);
            }
          }
          out.add(row);
        }
      }
      return out;
    });
  }

  @Override
  public <R> R withTransaction(TransactionWork<StandardRepo<T, ID>, R> work) {
    Objects.requireNonNull(work, "work");
    return kit.inTransaction(scope -> work.run(this));
  }

  /** The statement builder {@link #batch} hands out; {@link Batch} uses it for cross-repository batches. */
  BatchBuilder<T, ID> batchBuilder() {
    TableDef table = model.table();
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
    TableDef table = model.table();
    List<BatchStatement> statements = builder.apply(batchBuilder());
    if (statements == null || statements.isEmpty()) {
      throw new ValidationException(String.format(Locale.ROOT, "batch on table \"%s\" has no statement",
          table.name()));
    }
    CallState ctx = state(Operation.BATCH).withBatch(statements);
    return run(ctx, () -> driver.write(s -> {
      List<BatchResult<T>> out = new ArrayList<>(ctx.batchStatements().size());
      Map<String, TableModel> models = new HashMap<>();
      List<BatchStatement> all = ctx.batchStatements();
      for (int i = 0; i < all.size(); i++) {
        BatchStatement st = all.get(i);
        boolean own = st.table().equals(table);
        TableModel m = own ? model : models.computeIfAbsent(st.table().name() + "#" + st.table().hashCode(),
            k -> TableModel.of(st.table()));
        int run = jdbcBatchRun(m, all, i);
        if (run > 1) {
          out.addAll(jdbcBatch(s, m, own, all.subList(i, i + run)));
          i += run - 1;
          continue;
        }
        List<Map<String, Object>> rows = new ArrayList<>(1);
        long changes;
        switch (st.kind()) {
          case INSERT:
            rows.add(insertRow(s, m, st.data()));
            changes = 1;
            break;
          case UPSERT:
            rows.add(upsertRow(s, m, st.data(), UpsertOptions.onPrimaryKey(), st.update(), st.scope()));
            changes = 1;
            break;
          case UPDATE: {
            Optional<Map<String, Object>> r = updateRow(s, m, st.id(), st.scope(), st.update(), null);
            r.ifPresent(rows::add);
            changes = r.isPresent() ? 1 : 0;
            break;
          }
          case DELETE:
          default: {
            Where w = byId(m, encodeId(m, st.id()), st.scope());
            changes = execute(s, "DELETE FROM " + m.quotedTable() + " WHERE " + w.sql, w.params);
            break;
          }
        }
        out.add(new BatchResult<>(st.kind(), changes, own ? toEntities(rows) : List.of()));
      }
      return out;
    }));
  }

  /**
   * Returns how many statements from {@code from} share one shape and can run as one JDBC batch: consecutive
   * DELETEs of one table with the same rendered SQL, or consecutive INSERTs of one table with the same
   * fields including the primary key (so the rows can be read back by key instead of RETURNING each one).
   */
  private int jdbcBatchRun(TableModel m, List<BatchStatement> all, int from) {
    BatchStatement first = all.get(from);
    if (first.kind() != BatchStatement.Kind.INSERT && first.kind() != BatchStatement.Kind.DELETE
        || first.kind() == BatchStatement.Kind.INSERT && !first.data().containsKey(m.primaryKey().name())) {
      return 1;
    }
    String shape = first.kind() == BatchStatement.Kind.DELETE ? where(m, first.scope()).sql : null;
    List<String> fields = new ArrayList<>(first.data().keySet());
    int end = from + 1;
    while (end < all.size()) {
      BatchStatement st = all.get(end);
      if (st.kind() != first.kind() || !st.table().equals(first.table())
          || (shape != null ? !shape.equals(where(m, st.scope()).sql)
              : !fields.equals(new ArrayList<>(st.data().keySet())))) {
        break;
      }
      end++;
    }
    return end - from;
  }

  /** Runs statements of one shape (see {@link #jdbcBatchRun}) with addBatch/executeBatch. */
  private List<BatchResult<T>> jdbcBatch(SqlSession s, TableModel m, boolean own, List<BatchStatement> run)
      throws SQLException {
    List<BatchResult<T>> out = new ArrayList<>(run.size());
    BatchStatement first = run.get(0);
    if (first.kind() == BatchStatement.Kind.DELETE) {
      PreparedStatement ps = null;
      for (BatchStatement st : run) {
        Where w = byId(m, encodeId(m, st.id()), st.scope());
        if (ps == null) {
          ps = s.prepare("DELETE FROM " + m.quotedTable() + " WHERE " + w.sql);
        }
        bind(ps, w.params, 0);
        ps.addBatch();
      }
      int[] counts = executeBatch(ps);
      for (int c : counts) {
        out.add(new BatchResult<>(BatchStatement.Kind.DELETE, Math.max(c, 0), List.of()));
      }
      return out;
    }
    String pkName = m.primaryKey().name();
    int pkIndex = new ArrayList<>(first.data().keySet()).indexOf(pkName);
    PreparedStatement ps = null;
    List<Object> keys = new ArrayList<>(run.size());
    for (BatchStatement st : run) {
      Insert ins = insertParts(m, st.data());
      if (ps == null) {
        ps = s.prepare("INSERT INTO " + m.quotedTable() + " (" + ins.columns + ") VALUES (" + ins.marks + ")");
      }
      bind(ps, ins.params, 0);
      ps.addBatch();
      keys.add(ins.params.get(pkIndex));
    }
    executeBatch(ps);
    Column[] cols = m.columns().toArray(new Column[0]);
    Map<Object, Map<String, Object>> byKey = new HashMap<>();
    for (int i = 0; i < keys.size(); i += 500) {
      List<Object> chunk = keys.subList(i, Math.min(keys.size(), i + 500));
      StringBuilder marks = new StringBuilder();
      for (int j = 0; j < chunk.size(); j++) {
        marks.append(j == 0 ? "?" : ", ?");
      }
      for (Map<String, Object> row : query(s, "SELECT " + m.selectList() + " FROM " + m.quotedTable() + " WHERE "
          + m.expr(pkName) + " IN (" + marks + ")", chunk, cols)) {
        byKey.put(m.primaryKey().toSql(row.get(pkName), json), row);
      }
    }
    for (Object key : keys) {
      Map<String, Object> row = byKey.get(key);
      if (row == null) {
        throw new IllegalStateException("a batch-inserted row is not visible in its own transaction");
      }
      out.add(new BatchResult<>(BatchStatement.Kind.INSERT, 1, own ? List.of(toEntity(row)) : List.of()));
    }
    return out;
  }

  /** Executes a JDBC batch, rethrowing the failing entry's own SQLite error so it translates by its code. */
  private static int[] executeBatch(PreparedStatement ps) throws SQLException {
    try {
      return ps.executeBatch();
    } catch (java.sql.BatchUpdateException e) {
      if (e.getCause() instanceof SQLException) {
        throw (SQLException) e.getCause();
      }
      throw e;
    } finally {
      ps.clearBatch();
    }
  }

  @Override
  public String toString() {
    return "SqliteRepository[" + model.table().name() + "]";
  }
}
