package io.sqlitekit.core.internal.exec;

import io.sqlitekit.core.internal.render.JoinedSource;
import io.sqlitekit.core.internal.render.Rendered;
import io.sqlitekit.core.internal.render.StatementRenderer;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.support.repo.AggregateJoins;
import io.sqlitekit.support.rules.AggregateRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Internal, not API, may change. Runs an aggregate ({@link StatementRenderer#aggregate}) and decodes its rows:
 * group fields and MIN/MAX through their column's codec, counts as {@code Long}, averages as {@code Double},
 * sums as SQLite returns them (integer sums as {@code Long}).
 */
public final class AggregateQuery {
  /** The statement prefix of an aggregate without lookups. */
  private static final Rendered NO_PREFIX = new Rendered("", List.of());

  private final StatementRenderer render;
  private final JsonCodec json;
  private final SqliteDriver driver;

  /**
   * Creates the aggregate query of a table.
   *
   * @param render the renderer
   * @param driver the driver it reads on
   */
  public AggregateQuery(StatementRenderer render, SqliteDriver driver) {
    this.render = render;
    this.json = render.json();
    this.driver = driver;
  }

  /**
   * Runs the aggregate.
   *
   * @param r the request
   * @param scope the request's filter with the policy scope
   * @param after a filter over the output keys (a keyset position), or match-all
   * @return one map per output row, keys in output order
   * @throws io.sqlitekit.spi.error.OperationNotSupportedException for a zoned bucket on a driver without the
   *     bucket function
   */
  public List<Map<String, Object>> run(AggregateRequest r, Filter scope, Filter after) {
    return run(render, NO_PREFIX, r, scope, after);
  }

  /**
   * Runs an aggregate with lookups over the joined rows ({@link JoinedSource}).
   *
   * @param joins the request's resolved lookups
   * @param r the request
   * @param scope the request's filter with the policy scope
   * @param after a filter over the output keys (a keyset position), or match-all
   * @return one map per output row, keys in output order; dotted group keys decoded by the foreign codecs
   */
  public List<Map<String, Object>> run(AggregateJoins joins, AggregateRequest r, Filter scope, Filter after) {
    return run(JoinedSource.renderer(render, joins), JoinedSource.with(render, joins), r, scope, after);
  }

  private List<Map<String, Object>> run(StatementRenderer over, Rendered with, AggregateRequest r, Filter scope,
      Filter after) {
    AggregateRules.validate(over.model().table(), r, driver.supportsDateBucketFunction());
    StatementRenderer.Aggregate a = over.aggregate(r, scope, after);
    List<String> keys = a.keys();
    List<Object> kinds = a.kinds();
    return driver.read(s -> s.query(sql(with, a.sql()), params(with, a.params()), rs -> {
      List<Map<String, Object>> out = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
          row.put(keys.get(i), decode(rs.getObject(i), kinds.get(i)));
        }
        out.add(row);
      }
      return out;
    }));
  }

  /**
   * Counts the rows the aggregate returns.
   *
   * @param r the request
   * @param scope the request's filter with the policy scope
   * @return the number of rows
   */
  public long count(AggregateRequest r, Filter scope) {
    return count(render, NO_PREFIX, r, scope);
  }

  /**
   * Counts the rows an aggregate with lookups returns.
   *
   * @param joins the request's resolved lookups
   * @param r the request
   * @param scope the request's filter with the policy scope
   * @return the number of rows
   */
  public long count(AggregateJoins joins, AggregateRequest r, Filter scope) {
    return count(JoinedSource.renderer(render, joins), JoinedSource.with(render, joins), r, scope);
  }

  private long count(StatementRenderer over, Rendered with, AggregateRequest r, Filter scope) {
    AggregateRules.validate(over.model().table(), r, driver.supportsDateBucketFunction());
    Rendered c = over.aggregateCount(r, scope);
    return driver.read(s -> s.query(sql(with, c.sql()), params(with, c.params()), rs -> {
      rs.next();
      return ((Number) rs.getObject(0)).longValue();
    }));
  }

  private static String sql(Rendered with, String statement) {
    return with.sql() + statement;
  }

  private static List<Object> params(Rendered with, List<Object> statement) {
    if (with.params().isEmpty()) {
      return statement;
    }
    List<Object> all = new ArrayList<>(with.params());
    all.addAll(statement);
    return all;
  }

  private Object decode(Object v, Object kind) {
    if (kind instanceof Column) {
      return ((Column) kind).fromSql(v, json);
    }
    if (v == null) {
      return null;
    }
    if (kind == Measure.Op.AVG || kind == Measure.Op.PERCENTILE || kind == Measure.Op.STDDEV
        || kind == Measure.Op.STDDEV_POP) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short) {
      return ((Number) v).longValue();
    }
    return v;
  }
}
