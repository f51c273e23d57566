package io.sqlitekit.core.internal.render;

import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.DateBucket;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.TopN;
import io.sqlitekit.spi.compile.FilterCompiler;
import io.sqlitekit.spi.compile.SqlFragment;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.filter.MatchAll;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.ColumnMode;
import io.sqlitekit.spi.table.Identifiers;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.support.rules.AggregateRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Internal, not API, may change. Renders an aggregate that uses date buckets, measure filters, percentiles,
 * standard deviations, top-N or a keyset position. The statement is built in levels, innermost first:
 *
 * <ol>
 *   <li>rows: the table's rows in scope, plus one column per bucket label and per percentile/deviation input
 *       (computed once per row);</li>
 *   <li>windows (only with a percentile or deviation): per group, the row number and count of each percentile
 *       input and the mean of each deviation input;</li>
 *   <li>groups: {@code GROUP BY} the group keys, every output column named by its key;</li>
 *   <li>outputs: {@code having} as a condition over the output keys, then top-N by a ranking window, the keyset
 *       position, the order and the limit.</li>
 * </ol>
 *
 * <p>A measure filter becomes {@code CASE WHEN filter THEN field END} inside its aggregate, so a count of no
 * matching rows is 0 and an average ignores the others. A continuous percentile interpolates between the
 * values ranked {@code floor(h)} and {@code floor(h) + 1}, {@code h = (n - 1) * p}; a deviation sums the squared
 * distances to the group's mean. UTC buckets are pure SQL ({@code strftime} over epoch seconds); zoned buckets
 * call the driver's {@link DateBucket#SQL_FUNCTION}.
 */
final class ExtendedAggregate {
  private static final String RANK = "__sk_rank";

  private final StatementRenderer renderer;
  private final TableModel model;
  private final FilterRenderer filters;
  private final FilterCompiler custom;

  ExtendedAggregate(StatementRenderer renderer, TableModel model, FilterRenderer filters, FilterCompiler custom) {
    this.renderer = renderer;
    this.model = model;
    this.filters = filters;
    this.custom = custom;
  }

  /** The rendered statement without its ORDER BY and LIMIT, for counting, and with them. */
  record Parts(String body, String tail, List<Object> params, List<String> keys, List<Object> kinds) {
  }

  Parts render(AggregateRequest r, Filter scope, Filter after) {
    TableDef table = model.table();
    AggregateRules.validate(table, r, true);
    Map<String, Column> outCols = AggregateRules.outputColumns(table, r);
    List<String> keys = new ArrayList<>(outCols.keySet());
    List<Object> kinds = new ArrayList<>();

    // Level 1: per-row columns (bucket labels, filtered inputs of window measures).
    StringBuilder rowCols = new StringBuilder();
    List<Object> rowParams = new ArrayList<>();
    List<String> groupExprs = new ArrayList<>();
    for (String g : r.groupBy()) {
      groupExprs.add(model.expr(g));
    }
    int b = 0;
    for (Map.Entry<String, DateBucket> e : r.dateBuckets().entrySet()) {
      String name = Identifiers.quote("__sk_b" + b++);
      Column field = model.column(e.getValue().field());
      rowCols.append(", ").append(bucketSql(e.getValue(), model.expr(field.name()), field.mode()))
          .append(" AS ").append(name);
      groupExprs.add(name);
    }
    String partition = groupExprs.isEmpty() ? "" : "PARTITION BY " + String.join(", ", groupExprs);

    // Level 2 windows and level 3 measure expressions.
    StringBuilder windows = new StringBuilder();
    List<Object> windowParams = new ArrayList<>();
    StringBuilder select = new StringBuilder();
    List<Object> selectParams = new ArrayList<>();
    for (String g : r.groupBy()) {
      select.append(select.length() == 0 ? "" : ", ").append(model.expr(g)).append(" AS ")
          .append(Identifiers.quote(g));
      kinds.add(outCols.get(g));
    }
    b = 0;
    for (String alias : r.dateBuckets().keySet()) {
      select.append(select.length() == 0 ? "" : ", ").append(Identifiers.quote("__sk_b" + b++)).append(" AS ")
          .append(Identifiers.quote(alias));
      kinds.add(outCols.get(alias));
    }
    int j = 0;
    for (Map.Entry<String, Measure> e : r.measures().entrySet()) {
      Measure m = e.getValue();
      Rendered cond = m.filtered() ? renderer.where(m.where()) : null;
      String expr;
      if (m.op().numericOnly()) {
        String v = Identifiers.quote("__sk_v" + j);
        rowCols.append(", ").append(value(cond, model.expr(m.field()), rowParams)).append(" AS ").append(v);
        expr = windowMeasure(m, j, v, partition, windows, windowParams);
        j++;
      } else {
        expr = plainMeasure(m, cond, selectParams);
      }
      select.append(select.length() == 0 ? "" : ", ").append(expr).append(" AS ")
          .append(Identifiers.quote(e.getKey()));
      kinds.add(m.op() == Measure.Op.MIN || m.op() == Measure.Op.MAX ? model.column(m.field()) : m.op());
    }

    Rendered w = renderer.where(scope);
    String source;
    List<Object> sourceParams = new ArrayList<>();
    if (rowCols.length() == 0) {
      source = model.quotedTable() + w.whereClause();
      sourceParams.addAll(w.params());
    } else {
      source = "(SELECT *" + rowCols + " FROM " + model.quotedTable() + w.whereClause() + ")";
      sourceParams.addAll(rowParams);
      sourceParams.addAll(w.params());
      if (windows.length() > 0) {
        List<Object> p = new ArrayList<>(windowParams);
        p.addAll(sourceParams);
        sourceParams = p;
        source = "(SELECT *" + windows + " FROM " + source + ")";
      }
    }
    StringBuilder grouped = new StringBuilder("SELECT ").append(select).append(" FROM ").append(source);
    if (!groupExprs.isEmpty()) {
      grouped.append(" GROUP BY ").append(String.join(", ", groupExprs));
    }
    List<Object> params = new ArrayList<>(selectParams);
    params.addAll(sourceParams);

    // Level 4: over the output keys.
    Map<String, String> outExprs = new HashMap<>();
    for (String k : keys) {
      outExprs.put(k, Identifiers.quote(k));
    }
    TableModel out = TableModel.derived(table, outCols, outExprs);
    StringBuilder body = new StringBuilder("SELECT ").append(keys.stream().map(Identifiers::quote)
        .collect(Collectors.joining(", "))).append(" FROM (");
    TopN top = r.topN();
    List<Object> outerParams = new ArrayList<>(params);
    if (top == null) {
      body.append(grouped).append(')');
      appendWhere(body, outerParams, Filters.and(r.having(), after), out, outCols);
    } else {
      body.append("SELECT *, ").append(rankFunction(top.ties())).append(" OVER (");
      if (!top.partitionBy().isEmpty()) {
        body.append("PARTITION BY ").append(top.partitionBy().stream().map(Identifiers::quote)
            .collect(Collectors.joining(", "))).append(' ');
      }
      Sort within = top.sortBy();
      if (top.ties() == TopN.Ties.ROW_NUMBER) {
        for (String k : r.groupKeys()) {
          if (within.fields().stream().noneMatch(f -> f.field().equals(k))) {
            within = within.thenBy(SortField.asc(k));
          }
        }
      }
      body.append(StatementRenderer.orderBy(out, within).trim()).append(") AS ").append(Identifiers.quote(RANK))
          .append(" FROM (").append(grouped).append(')');
      appendWhere(body, outerParams, r.having(), out, outCols);
      body.append(") WHERE ").append(Identifiers.quote(RANK)).append(" <= ").append(top.limit());
      if (!(after instanceof MatchAll)) {
        StringBuilder sb = new StringBuilder();
        condition(after, out, outCols, sb, outerParams);
        body.append(" AND (").append(sb).append(')');
      }
    }
    String tail = StatementRenderer.orderBy(out, AggregateRules.order(r))
        + StatementRenderer.limitOffset(r.limit(), r.offset());
    return new Parts(body.toString(), tail, outerParams, keys, kinds);
  }

  private void appendWhere(StringBuilder sql, List<Object> params, Filter f, TableModel out,
      Map<String, Column> outCols) {
    if (f instanceof MatchAll) {
      return;
    }
    StringBuilder sb = new StringBuilder();
    condition(f, out, outCols, sb, params);
    sql.append(" WHERE ").append(sb);
  }

  /** A condition over the output keys, through the custom compiler when one is set. */
  private void condition(Filter f, TableModel out, Map<String, Column> outCols, StringBuilder sql,
      List<Object> params) {
    if (custom != null) {
      TableDef def = StatementRenderer.outputTable(model.table(), new ArrayList<>(outCols.keySet()), outCols, 0);
      SqlFragment fr = custom.compile(f, def);
      sql.append(fr.sql());
      params.addAll(fr.params());
      return;
    }
    filters.render(f, out, sql, params);
  }

  private static String rankFunction(TopN.Ties ties) {
    switch (ties) {
      case DENSE_RANK:
        return "dense_rank()";
      case ROW_NUMBER:
        return "row_number()";
      case RANK:
      default:
        return "rank()";
    }
  }

  /** The input of a measure: the field, or the field where the measure's filter holds. */
  private static String value(Rendered cond, String field, List<Object> params) {
    if (cond == null) {
      return field;
    }
    params.addAll(cond.params());
    return "CASE WHEN (" + cond.sql() + ") THEN " + field + " END";
  }

  private String plainMeasure(Measure m, Rendered cond, List<Object> params) {
    if (m.field() == null) {
      if (cond == null) {
        return "count(*)";
      }
      params.addAll(cond.params());
      return "count(CASE WHEN (" + cond.sql() + ") THEN 1 END)";
    }
    String v = value(cond, model.expr(m.field()), params);
    switch (m.op()) {
      case COUNT:
        return "count(" + v + ")";
      case COUNT_DISTINCT:
        return "count(DISTINCT " + v + ")";
      case SUM:
        return "sum(" + v + ")";
      case AVG:
        return "avg(" + v + ")";
      case MIN:
        return "min(" + v + ")";
      case MAX:
      default:
        return "max(" + v + ")";
    }
  }

  /**
   * Adds the windows of a percentile or deviation over the per-row input {@code v} and returns its aggregate
   * expression.
   */
  private static String windowMeasure(Measure m, int j, String v, String partition, StringBuilder windows,
      List<Object> windowParams) {
    if (m.op() == Measure.Op.PERCENTILE) {
      String rn = Identifiers.quote("__sk_r" + j);
      String n = Identifiers.quote("__sk_n" + j);
      String h = Identifiers.quote("__sk_h" + j);
      String part = partition.isEmpty() ? "PARTITION BY " + v + " IS NULL" : partition + ", " + v + " IS NULL";
      windows.append(", row_number() OVER (").append(part).append(" ORDER BY ").append(v).append(") AS ")
          .append(rn);
      windows.append(", count(").append(v).append(") OVER (").append(partition).append(") AS ").append(n);
      windows.append(", (count(").append(v).append(") OVER (").append(partition).append(") - 1) * ? AS ")
          .append(h);
      windowParams.add(m.p());
      String lo = "max(CASE WHEN " + v + " IS NOT NULL AND " + rn + " = CAST(" + h + " AS INTEGER) + 1 THEN " + v
          + " END)";
      String hi = "max(CASE WHEN " + v + " IS NOT NULL AND " + rn + " = min(CAST(" + h + " AS INTEGER) + 2, " + n
          + ") THEN " + v + " END)";
      String frac = "max(CASE WHEN " + v + " IS NOT NULL THEN " + h + " - CAST(" + h + " AS INTEGER) END)";
      return "(" + lo + " + " + frac + " * (" + hi + " - " + lo + "))";
    }
    String mean = Identifiers.quote("__sk_a" + j);
    windows.append(", avg(").append(v).append(") OVER (").append(partition).append(") AS ").append(mean);
    String d = "(" + v + " - " + mean + ")";
    String divisor = m.op() == Measure.Op.STDDEV ? "(count(" + v + ") - 1)" : "count(" + v + ")";
    // x / 0 is NULL in SQLite: a sample deviation of one value has no value.
    return "sqrt(sum(" + d + " * " + d + ") / " + divisor + ")";
  }

  /**
   * The label of a bucket in SQL: {@code strftime} over epoch seconds in UTC, else the driver's function. A
   * timestamp column's codec guarantees its stored form (epoch integers, or canonical ISO text), so its epoch
   * second needs no type or date checks; a plain column may hold anything and gets them.
   */
  static String bucketSql(DateBucket b, String x, ColumnMode mode) {
    boolean epochSeconds = mode == ColumnMode.TIMESTAMP_SECONDS;
    if (!b.utc()) {
      return DateBucket.SQL_FUNCTION + "(" + x + ", '" + b.spec().replace("'", "''") + "', "
          + (epochSeconds ? 1 : 0) + ")";
    }
    String integral = "CAST(" + x + " AS INTEGER)";
    String number = epochSeconds ? integral : floorDiv(integral, 1000);
    // Text must start with a real calendar date: SQLite would roll 2026-02-30 over to March, java.time refuses it.
    String s = mode == ColumnMode.TIMESTAMP_SECONDS ? x : mode == ColumnMode.TIMESTAMP_MILLIS
        ? floorDiv(x, 1000) : mode == ColumnMode.TIMESTAMP_ISO ? "CAST(strftime('%s', " + x + ") AS INTEGER)"
        : "(CASE WHEN typeof(" + x + ") IN ('integer', 'real') THEN " + number + " WHEN typeof(" + x
        + ") = 'text' AND " + x + " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' AND date(substr(" + x
        + ", 1, 10)) = substr(" + x + ", 1, 10) THEN CAST(strftime('%s', " + x + ") AS INTEGER) END)";
    int n = b.every();
    switch (b.unit()) {
      case MINUTE:
        return "strftime('%Y-%m-%dT%H:%M', " + floorTo(s, 60L * n) + ", 'unixepoch')";
      case HOUR:
        return "strftime('%Y-%m-%dT%H:00', " + floorTo(s, 3600L * n) + ", 'unixepoch')";
      case DAY:
        return "strftime('%Y-%m-%d', " + floorTo(s, 86400L * n) + ", 'unixepoch')";
      case WEEK: {
        // Bins start on Mondays (1969-12-29 is day -3); the ISO week is the one of the bin's Thursday.
        long k = 604800L * n;
        String thursday = "(" + s + " - ((((" + s + ") + 259200) % " + k + ") + " + k + ") % " + k + " + 259200)";
        return "strftime('%Y', " + thursday + ", 'unixepoch') || '-W' || printf('%02d', (CAST(strftime('%j', "
            + thursday + ", 'unixepoch') AS INTEGER) - 1) / 7 + 1)";
      }
      case MONTH: {
        if (n == 1) {
          return "strftime('%Y-%m', " + s + ", 'unixepoch')";
        }
        String m = "(CAST(strftime('%Y', " + s + ", 'unixepoch') AS INTEGER) * 12 + CAST(strftime('%m', " + s
            + ", 'unixepoch') AS INTEGER) - 1)";
        String start = "(" + m + " - (((" + m + " - 23640) % " + n + ") + " + n + ") % " + n + ")";
        return "CASE WHEN strftime('%Y', " + s + ", 'unixepoch') IS NULL THEN NULL ELSE printf('%04d-%02d', "
            + start + " / 12, " + start + " % 12 + 1) END";
      }
      case QUARTER:
        return "strftime('%Y', " + s + ", 'unixepoch') || '-Q' || ((CAST(strftime('%m', " + s
            + ", 'unixepoch') AS INTEGER) + 2) / 3)";
      case YEAR:
      default:
        return "strftime('%Y', " + s + ", 'unixepoch')";
    }
  }

  private static String floorDiv(String a, long k) {
    return "((" + a + " - ((" + a + " % " + k + ") + " + k + ") % " + k + ") / " + k + ")";
  }

  private static String floorTo(String s, long k) {
    return "(" + s + " - (((" + s + ") % " + k + ") + " + k + ") % " + k + ")";
  }
}
