package io.sqlitekit.core.internal.render;

import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.compile.FilterCompiler;
import io.sqlitekit.spi.compile.SqlFragment;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.filter.MatchAll;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.Identifiers;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Internal, not API, may change. Renders every statement over one table: SELECT, COUNT, EXISTS, DISTINCT,
 * UPDATE, DELETE, INSERT, INSERT … ON CONFLICT and aggregates with HAVING. One render context: identifiers
 * come quoted from the {@link TableModel}, conditions from the kit's filter compiler (the default renderer,
 * or the custom {@link FilterCompiler} when one is set, for WHERE and HAVING alike), values are always bound
 * and encoded by their column's codec. Renders SQL text only; nothing here touches a database.
 *
 * <p>Shape cache: the WHERE clause of a filter is cached by its shape (its structure without values), so the
 * steady-state cost of a known filter is computing its parameters. Thread-safe.
 */
public final class StatementRenderer {
  /** Bounds the shape cache: raw fragments or long IN lists of varying length must not grow it forever. */
  private static final int MAX_SHAPES = 4096;

  private final TableModel model;
  private final FilterRenderer filters;
  private final FilterCompiler custom;
  private final JsonCodec json;
  /** WHERE SQL by filter shape, or null when this renderer does not cache (a batch's other tables). */
  private final Map<String, String> whereByShape;
  private final String pkExpr;
  private final String selectAll;

  /**
   * Creates the renderer of a table, with a shape cache.
   *
   * @param model the table
   * @param filters the default filter renderer
   * @param custom the custom filter compiler, or null
   * @param json the JSON codec
   */
  public StatementRenderer(TableModel model, FilterRenderer filters, FilterCompiler custom, JsonCodec json) {
    this(model, filters, custom, json, new ConcurrentHashMap<>());
  }

  private StatementRenderer(TableModel model, FilterRenderer filters, FilterCompiler custom, JsonCodec json,
      Map<String, String> whereByShape) {
    this.model = Objects.requireNonNull(model, "model");
    this.filters = Objects.requireNonNull(filters, "filters");
    this.custom = custom;
    this.json = json;
    this.whereByShape = whereByShape;
    this.pkExpr = model.expr(model.primaryKey().name());
    this.selectAll = "SELECT " + model.selectList() + " FROM " + model.quotedTable();
  }

  /**
   * Returns a renderer for another table with the same filter compiler and codec, without a shape cache (for
   * statements of a batch that touch other tables).
   *
   * @param other the other table
   * @return the renderer
   */
  public StatementRenderer forTable(TableModel other) {
    return new StatementRenderer(other, filters, custom, json, null);
  }

  /**
   * Returns the table.
   *
   * @return the model
   */
  public TableModel model() {
    return model;
  }

  /**
   * Returns the JSON codec values are encoded with.
   *
   * @return the codec
   */
  public JsonCodec json() {
    return json;
  }

  // ---------------------------------------------------------------- conditions

  /**
   * Renders a filter as a condition: {@code 1} when it matches everything.
   *
   * @param f the filter
   * @return the condition and its parameters
   * @throws io.sqlitekit.spi.error.ValidationException on an unknown field, a bad value or a bad raw fragment
   */
  public Rendered where(Filter f) {
    if (f instanceof MatchAll) {
      return Rendered.ALL;
    }
    if (custom != null) {
      SqlFragment fr = custom.compile(f, model.table());
      return new Rendered(fr.sql(), fr.params());
    }
    List<Object> params = new ArrayList<>(4);
    if (whereByShape == null) {
      StringBuilder sb = new StringBuilder(32);
      filters.render(f, model, sb, params);
      return new Rendered(sb.toString(), params);
    }
    // Steady state: compute the shape and the parameters only; the SQL of a known shape is reused.
    StringBuilder shape = new StringBuilder(32);
    filters.shape(f, model, null, shape, params);
    String key = shape.toString();
    String sql = whereByShape.get(key);
    if (sql == null) {
      StringBuilder sb = new StringBuilder(32);
      filters.shape(f, model, sb, new StringBuilder(), new ArrayList<>());
      sql = sb.toString();
      if (whereByShape.size() < MAX_SHAPES) {
        whereByShape.put(key, sql);
      }
    }
    return new Rendered(sql, params);
  }

  /**
   * Encodes a primary-key value for binding.
   *
   * @param id the key
   * @return the encoded key
   * @throws io.sqlitekit.spi.error.ValidationException if the key type does not fit the column
   */
  public Object encodeId(Object id) {
    Objects.requireNonNull(id, "id");
    return model.primaryKey().toSql(id, json);
  }

  /**
   * Renders the condition "this key, within this scope" (the key's parameter first).
   *
   * @param encodedId the encoded key
   * @param scope the policy scope
   * @return the condition
   */
  public Rendered byId(Object encodedId, Filter scope) {
    Rendered w = where(scope);
    String pkSql = pkExpr + " = ?";
    if (w.matchesAll()) {
      return new Rendered(pkSql, List.of(encodedId));
    }
    List<Object> params = new ArrayList<>(w.params().size() + 1);
    params.add(encodedId);
    params.addAll(w.params());
    return new Rendered(pkSql + " AND " + w.sql(), params);
  }

  // ---------------------------------------------------------------- reads

  /**
   * Returns the quoted select list of columns.
   *
   * @param columns the columns, in output order
   * @return {@code "a", "b"}
   */
  public String selectList(List<Column> columns) {
    StringBuilder sb = new StringBuilder();
    for (Column c : columns) {
      sb.append(sb.length() == 0 ? "" : ", ").append(model.expr(c.name()));
    }
    return sb.toString();
  }

  /**
   * Renders the unscoped point read of a select list (rendered once per projection: the hot path renders
   * nothing).
   *
   * @param selectList the select list
   * @return {@code SELECT … FROM t WHERE pk = ?}
   */
  public String selectById(String selectList) {
    return "SELECT " + selectList + " FROM " + model.quotedTable() + " WHERE " + pkExpr + " = ?";
  }

  /**
   * Renders a SELECT.
   *
   * @param selectList the select list
   * @param w the condition
   * @param sort the order, possibly empty
   * @param limit the row limit, 0 for none
   * @param offset the rows to skip
   * @return the SQL
   */
  public String select(String selectList, Rendered w, Sort sort, int limit, long offset) {
    return "SELECT " + selectList + " FROM " + model.quotedTable() + w.whereClause() + orderBy(model, sort)
        + limitOffset(limit, offset);
  }

  /**
   * Renders a SELECT of every column.
   *
   * @param w the condition
   * @return the SQL
   */
  public String selectAll(Rendered w) {
    return selectAll + w.whereClause();
  }

  /**
   * Renders the read-back of rows by key: every column of the rows whose key is one of {@code count}
   * parameters.
   *
   * @param count the number of keys
   * @return the SQL
   */
  public String selectByKeys(int count) {
    StringBuilder in = new StringBuilder(count * 3);
    for (int i = 0; i < count; i++) {
      in.append(i == 0 ? "?" : ", ?");
    }
    return selectAll + " WHERE " + pkExpr + " IN (" + in + ")";
  }

  /**
   * Renders a row count.
   *
   * @param w the condition
   * @return the SQL
   */
  public String count(Rendered w) {
    return "SELECT count(*) FROM " + model.quotedTable() + w.whereClause();
  }

  /**
   * Renders an existence test (one row or none).
   *
   * @param w the condition
   * @return the SQL
   */
  public String exists(Rendered w) {
    return "SELECT 1 FROM " + model.quotedTable() + w.whereClause() + " LIMIT 1";
  }

  /**
   * Renders the distinct values of a column in ascending order.
   *
   * @param c the column
   * @param w the condition
   * @return the SQL
   */
  public String distinct(Column c, Rendered w) {
    String q = model.expr(c.name());
    return "SELECT DISTINCT " + q + " FROM " + model.quotedTable() + w.whereClause() + " ORDER BY " + q + " ASC";
  }

  static String orderBy(TableModel m, Sort sort) {
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

  static String limitOffset(int limit, long offset) {
    if (limit > 0) {
      return offset > 0 ? " LIMIT " + limit + " OFFSET " + offset : " LIMIT " + limit;
    }
    return offset > 0 ? " LIMIT -1 OFFSET " + offset : "";
  }

  // ---------------------------------------------------------------- writes

  /**
   * Renders the SET list of a checked update ({@link WriteChecks#checkUpdate}); the version field, when the
   * table has one the update leaves alone, is incremented.
   *
   * @param u the update
   * @return the assignments and their parameters
   */
  public Rendered setClause(Update u) {
    TableModel m = model;
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
    return new Rendered(sb.toString(), params);
  }

  /**
   * Renders {@code UPDATE … SET … [WHERE …]} for a checked update.
   *
   * @param u the update
   * @param w the condition
   * @return the statement
   */
  public Rendered update(Update u, Rendered w) {
    Rendered set = setClause(u);
    List<Object> params = new ArrayList<>(set.params());
    params.addAll(w.params());
    return new Rendered("UPDATE " + model.quotedTable() + " SET " + set.sql() + w.whereClause(), params);
  }

  /**
   * Renders the update of one row returning its new state, optionally guarded by its expected version.
   *
   * @param u the checked update
   * @param byId the key condition ({@link #byId})
   * @param expectedVersion the version the row must have, or null
   * @return the statement
   */
  public Rendered updateReturning(Update u, Rendered byId, Long expectedVersion) {
    Rendered set = setClause(u);
    List<Object> params = new ArrayList<>(set.params());
    params.addAll(byId.params());
    String whereSql = byId.sql();
    if (expectedVersion != null) {
      whereSql += " AND " + model.expr(model.table().version().orElseThrow().name()) + " = ?";
      params.add(expectedVersion);
    }
    return new Rendered("UPDATE " + model.quotedTable() + " SET " + set.sql() + " WHERE " + whereSql
        + " RETURNING " + model.selectList(), params);
  }

  /**
   * Renders the probe for an increment that would leave the 64-bit range: one row the update reaches whose
   * value is beyond {@code MAX - delta} (or below {@code MIN - delta}), if any.
   *
   * @param w the rows the update reaches
   * @param c the INTEGER column incremented
   * @param delta the encoded, non-zero delta
   * @return the query, returning {@code 1} when such a row exists
   */
  public Rendered incrementOverflow(Rendered w, Column c, long delta) {
    String q = model.expr(c.name());
    List<Object> params = new ArrayList<>(w.params().size() + 1);
    params.addAll(w.params());
    params.add(delta > 0 ? Long.MAX_VALUE - delta : Long.MIN_VALUE - delta);
    return new Rendered("SELECT 1 FROM " + model.quotedTable() + " WHERE "
        + (w.matchesAll() ? "" : "(" + w.sql() + ") AND ") + q + (delta > 0 ? " > ?" : " < ?") + " LIMIT 1", params);
  }

  /**
   * Renders {@code DELETE FROM … [WHERE …]}.
   *
   * @param w the condition
   * @return the statement
   */
  public Rendered delete(Rendered w) {
    return new Rendered("DELETE FROM " + model.quotedTable() + w.whereClause(), w.params());
  }

  /** An insert's column list, placeholders and encoded values, after the row's checks. */
  private final class Insert {
    final StringBuilder columns = new StringBuilder();
    final StringBuilder marks = new StringBuilder();
    final List<Object> params = new ArrayList<>();

    Insert(Map<String, Object> row) {
      for (Map.Entry<String, Object> e : row.entrySet()) {
        Column c = model.column(e.getKey());
        if (e.getValue() == null && c.isNotNull()) {
          throw WriteChecks.notNull(model, c);
        }
        columns.append(params.isEmpty() ? "" : ", ").append(model.expr(c.name()));
        marks.append(params.isEmpty() ? "?" : ", ?");
        params.add(c.toSql(e.getValue(), json));
      }
      WriteChecks.requireNotNullColumns(model, row);
    }

    StringBuilder into(StringBuilder sql) {
      sql.append("INSERT INTO ").append(model.quotedTable());
      if (params.isEmpty()) {
        return sql.append(" DEFAULT VALUES");
      }
      return sql.append(" (").append(columns).append(") VALUES (").append(marks).append(')');
    }
  }

  /**
   * Checks a row and renders its insert returning the stored row.
   *
   * @param row the row's fields
   * @return the statement
   * @throws io.sqlitekit.spi.error.ValidationException as {@link WriteChecks#checkInsert}
   */
  public Rendered insertReturning(Map<String, Object> row) {
    Insert ins = new Insert(row);
    return new Rendered(ins.into(new StringBuilder()).append(" RETURNING ").append(model.selectList()).toString(),
        ins.params);
  }

  /**
   * Renders the insert of the given fields, one placeholder each, without RETURNING (for bulk inserts).
   *
   * @param fields the fields, in placeholder order
   * @return the SQL
   */
  public String insert(List<String> fields) {
    StringBuilder cols = new StringBuilder();
    StringBuilder marks = new StringBuilder();
    for (String f : fields) {
      cols.append(cols.length() == 0 ? "" : ", ").append(model.expr(f));
      marks.append(marks.length() == 0 ? "?" : ", ?");
    }
    return "INSERT INTO " + model.quotedTable() + " (" + cols + ") VALUES (" + marks + ")";
  }

  /**
   * Renders INSERT … ON CONFLICT … RETURNING. The conflict update is {@code conflictUpdate} when it changes
   * anything (plugins state it so, e.g. to keep createdAt), else every non-key field of the row. A policy scope
   * guards the conflict update ({@code DO UPDATE … WHERE scope}); then a conflict with a row outside it returns
   * no row.
   *
   * @param row the row's fields
   * @param o the conflict target
   * @param conflictUpdate the update on conflict, possibly empty
   * @param scope the policy scope
   * @return the statement
   */
  public Rendered upsert(Map<String, Object> row, UpsertOptions o, Update conflictUpdate, Filter scope) {
    TableModel m = model;
    String pkName = m.primaryKey().name();
    List<String> target = conflictTarget(o);
    StringBuilder targetSql = new StringBuilder();
    for (String f : target) {
      targetSql.append(targetSql.length() == 0 ? "" : ", ").append(m.expr(f));
    }
    Insert ins = new Insert(row);
    String set;
    List<Object> setParams;
    if (conflictUpdate.changesExistingRows()) {
      WriteChecks.checkUpdate(m, conflictUpdate, json);
      Rendered w = setClause(conflictUpdate);
      set = w.sql();
      setParams = w.params();
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
    StringBuilder sql = ins.into(new StringBuilder());
    sql.append(" ON CONFLICT (").append(targetSql).append(')');
    if (!(o.conflictWhere() instanceof MatchAll)) {
      // The conflict target of a partial index must repeat its WHERE; DDL-like, so values are inlined.
      Rendered cw = where(o.conflictWhere());
      sql.append(" WHERE ").append(SqlLiterals.inline(cw.sql(), cw.params()));
    }
    Rendered scoped = where(scope);
    if (set.isEmpty()) {
      sql.append(" DO NOTHING");
    } else {
      sql.append(" DO UPDATE SET ").append(set);
      params.addAll(setParams);
      if (!scoped.matchesAll()) {
        sql.append(" WHERE ").append(scoped.sql());
        params.addAll(scoped.params());
      }
    }
    sql.append(" RETURNING ").append(m.selectList());
    return new Rendered(sql.toString(), params);
  }

  /**
   * Returns the fields an upsert conflicts on: the given ones, or the primary key.
   *
   * @param o the options
   * @return the conflict fields
   */
  public List<String> conflictTarget(UpsertOptions o) {
    return o.conflictFields().isEmpty() ? List.of(model.primaryKey().name()) : o.conflictFields();
  }

  // ---------------------------------------------------------------- aggregates

  /**
   * A rendered aggregate and how to decode its output columns.
   *
   * @param sql the SQL
   * @param params the parameters
   * @param keys the output names (group fields, then measure aliases), in column order
   * @param kinds per output column: the {@link Column} whose codec decodes it, or the {@link Measure.Op} of
   *     a count, sum or average
   */
  public record Aggregate(String sql, List<Object> params, List<String> keys, List<Object> kinds) {
  }

  /**
   * Renders an aggregate: group fields and measures over the rows matching the request's filter within the
   * scope, then HAVING (over group fields and measure aliases), ORDER BY (the group fields when no sort is
   * given) and LIMIT/OFFSET.
   *
   * @param r the request
   * @param scope the filter with the policy scope applied
   * @return the statement and its decoding
   */
  public Aggregate aggregate(AggregateRequest r, Filter scope) {
    return aggregate(r, scope, Filters.all());
  }

  /**
   * Renders an aggregate whose result rows must also match a filter over the output keys (a keyset page's
   * position), applied after top-N and before the order and limit. A request using date buckets, measure
   * filters, percentiles, deviations or top-N is rendered in levels ({@link ExtendedAggregate}); its
   * {@code having} and {@code sort} may then name output keys only.
   *
   * @param r the request
   * @param scope the filter with the policy scope applied
   * @param after the filter over output keys, or {@link Filters#all()}
   * @return the statement and its decoding
   * @throws ValidationException on an unknown field, alias or a bad bucket or measure field
   */
  public Aggregate aggregate(AggregateRequest r, Filter scope, Filter after) {
    if (r.extended()) {
      ExtendedAggregate.Parts p = new ExtendedAggregate(this, model, filters, custom).render(r, scope, after);
      return new Aggregate(p.body() + p.tail(), p.params(), p.keys(), p.kinds());
    }
    if (!(after instanceof MatchAll)) {
      // Group fields and measure aliases resolve in HAVING as in the request's own having.
      r = r.having(Filters.and(r.having(), after));
    }
    Map<String, Column> codecs = new HashMap<>();
    Map<String, String> exprs = new HashMap<>();
    StringBuilder select = new StringBuilder();
    StringBuilder group = new StringBuilder();
    List<String> keys = new ArrayList<>();
    List<Object> kinds = new ArrayList<>();
    List<String> outExprs = new ArrayList<>();
    for (String g : r.groupBy()) {
      Column c = model.column(g);
      codecs.put(g, c);
      exprs.put(g, model.expr(g));
      select.append(select.length() == 0 ? "" : ", ").append(model.expr(g));
      group.append(group.length() == 0 ? "" : ", ").append(model.expr(g));
      keys.add(g);
      kinds.add(c);
      outExprs.add(model.expr(g));
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
      outExprs.add(expr);
    }
    Rendered w = where(scope);
    if (custom != null && !(r.having() instanceof MatchAll)) {
      return customHaving(r, w, outExprs, group, keys, kinds, codecs);
    }
    TableModel derived = TableModel.derived(model.table(), codecs, exprs);
    StringBuilder sql = new StringBuilder("SELECT ").append(select).append(" FROM ").append(model.quotedTable())
        .append(w.whereClause());
    List<Object> params = new ArrayList<>(w.params());
    if (group.length() > 0) {
      sql.append(" GROUP BY ").append(group);
    }
    if (!(r.having() instanceof MatchAll)) {
      StringBuilder hs = new StringBuilder();
      filters.render(r.having(), derived, hs, params);
      sql.append(" HAVING ").append(hs);
    }
    sql.append(orderBy(derived, aggregateSort(r))).append(limitOffset(r.limit(), r.offset()));
    return new Aggregate(sql.toString(), params, keys, kinds);
  }

  /**
   * Renders the count of the rows an aggregate returns, ignoring its order, limit and offset.
   *
   * @param r the request
   * @param scope the filter with the policy scope applied
   * @return the statement, one integer column
   */
  public Rendered aggregateCount(AggregateRequest r, Filter scope) {
    AggregateRequest all = r.orderBy(Sort.unsorted()).page(0, 0);
    if (all.extended()) {
      ExtendedAggregate.Parts p = new ExtendedAggregate(this, model, filters, custom).render(all, scope,
          Filters.all());
      return new Rendered("SELECT count(*) FROM (" + p.body() + ")", p.params());
    }
    Aggregate a = aggregate(all, scope);
    return new Rendered("SELECT count(*) FROM (" + a.sql() + ")", a.params());
  }

  private static Sort aggregateSort(AggregateRequest r) {
    return r.sort().isEmpty() && !r.groupBy().isEmpty()
        ? new Sort(r.groupBy().stream().map(SortField::asc).collect(Collectors.toList()))
        : r.sort();
  }

  /**
   * An aggregate whose HAVING goes through the custom compiler. The compiler renders column references, not
   * expressions, so the grouped rows become a subquery whose output columns are the group columns (under their
   * SQL names) and the measures (under their aliases); the compiler's condition, ORDER BY and LIMIT apply to
   * it. A measure alias is never mistaken for a table column of the same name, as it could be in HAVING.
   */
  private Aggregate customHaving(AggregateRequest r, Rendered w, List<String> outExprs, StringBuilder group,
      List<String> keys, List<Object> kinds, Map<String, Column> codecs) {
    TableDef output = outputTable(model.table(), keys, codecs, r.groupBy().size());
    StringBuilder inner = new StringBuilder("SELECT ");
    List<Column> outCols = output.columns();
    for (int i = 0; i < outCols.size(); i++) {
      inner.append(i == 0 ? "" : ", ").append(outExprs.get(i)).append(" AS ")
          .append(Identifiers.quote(outCols.get(i).sqlName()));
    }
    inner.append(" FROM ").append(model.quotedTable()).append(w.whereClause());
    if (group.length() > 0) {
      inner.append(" GROUP BY ").append(group);
    }
    SqlFragment having = custom.compile(r.having(), output);
    List<Object> params = new ArrayList<>(w.params());
    params.addAll(having.params());
    StringBuilder sql = new StringBuilder("SELECT * FROM (").append(inner).append(')');
    if (!"1".equals(having.sql())) {
      sql.append(" WHERE ").append(having.sql());
    }
    sql.append(orderBy(TableModel.of(output), aggregateSort(r))).append(limitOffset(r.limit(), r.offset()));
    return new Aggregate(sql.toString(), params, keys, kinds);
  }

  /**
   * The aggregate's output as a table for the custom compiler: the group columns (same SQL names and codecs),
   * then one column per measure named by its alias, with the codec its values decode with. A table needs one
   * key, so the first column is marked as such; it means nothing here.
   */
  static TableDef outputTable(TableDef table, List<String> keys, Map<String, Column> codecs, int groups) {
    List<Column> cols = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      String k = keys.get(i);
      Column c = codecs.get(k);
      String sqlName = i < groups ? c.sqlName() : k;
      try {
        cols.add(new Column(k, sqlName, c.storage(), c.mode(), c.javaType(), i == 0, false, false, false, null,
            null));
      } catch (IllegalArgumentException e) {
        throw new ValidationException(k, String.format(Locale.ROOT,
            "measure alias \"%s\" on table \"%s\" cannot name a column for the custom filter compiler's HAVING: "
                + "%s", k, table.name(), e.getMessage()), e);
      }
    }
    try {
      return new TableDef(table.name(), cols, null);
    } catch (IllegalArgumentException e) {
      throw new ValidationException(null, String.format(Locale.ROOT,
          "the aggregate over table \"%s\" cannot be described to the custom filter compiler: %s",
          table.name(), e.getMessage()), e);
    }
  }

  /**
   * Renders the condition of the rows an upsert conflicted with, within a scope.
   *
   * @param row the row's fields
   * @param o the conflict target
   * @param scope the policy scope
   * @return the condition
   * @throws io.sqlitekit.spi.error.ValidationException when a conflict field is missing from the row
   */
  public Rendered conflicting(Map<String, Object> row, UpsertOptions o, Filter scope) {
    List<Filter> eqs = new ArrayList<>();
    for (String f : conflictTarget(o)) {
      if (!row.containsKey(f)) {
        throw new ValidationException(f, String.format(Locale.ROOT,
            "upsert on table \"%s\" needs conflict field \"%s\" in the row", model.table().name(), f));
      }
      eqs.add(Filters.eq(f, row.get(f)));
    }
    return where(Filters.and(Filters.and(Filters.and(eqs), o.conflictWhere()), scope));
  }
}
