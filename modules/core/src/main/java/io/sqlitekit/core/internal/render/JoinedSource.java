package io.sqlitekit.core.internal.render;

import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.Identifiers;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.support.repo.AggregateJoins;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Internal, not API, may change. The rows an aggregate with lookups reads, as a common table expression named
 * {@value #NAME}: every base column, then each joined field under its dotted name. Each lookup is a LEFT JOIN
 * on the foreign primary key of the first foreign row (by that key) whose foreign field equals the base row's
 * local field within the join's scope, so a base row joins at most one foreign row and is never counted twice.
 * The scope is rendered as the foreign table's own WHERE inside that correlated subquery, where its
 * unqualified columns name the foreign table even when it is the base table itself.
 */
public final class JoinedSource {
  /** The name of the common table expression; the aggregate reads it as its table. */
  static final String NAME = "sqlitekit_joined";
  private static final String BASE = Identifiers.quote("sqlitekit_base");
  private static final String FIRST = Identifiers.quote("sqlitekit_first");

  private JoinedSource() {
  }

  /**
   * Returns the renderer of the aggregate over the joined rows: the joined table read from {@value #NAME}.
   *
   * @param base the base table's renderer (its filter compiler and codec are kept)
   * @param joins the resolved joins
   * @return the renderer, without a shape cache
   */
  public static StatementRenderer renderer(StatementRenderer base, AggregateJoins joins) {
    return base.forTable(TableModel.source(joins.table(), NAME));
  }

  /**
   * Renders {@code WITH "sqlitekit_joined" AS (…) }, to prefix the aggregate's statement; its parameters come
   * before the statement's.
   *
   * @param base the base table's renderer
   * @param joins the resolved joins
   * @return the prefix, ending with a space, and its parameters
   */
  public static Rendered with(StatementRenderer base, AggregateJoins joins) {
    StringBuilder select = new StringBuilder("SELECT ").append(BASE).append(".*");
    StringBuilder from = new StringBuilder(" FROM ").append(base.model().quotedTable()).append(" AS ").append(BASE);
    List<Object> params = new ArrayList<>();
    TableModel baseModel = base.model();
    for (int i = 0; i < joins.joins().size(); i++) {
      AggregateJoins.Join j = joins.joins().get(i);
      TableDef foreign = j.from();
      TableModel fm = TableModel.of(foreign);
      String alias = Identifiers.quote("sqlitekit_lk_" + i);
      for (Map.Entry<String, String> f : j.fields().entrySet()) {
        select.append(", ").append(alias).append('.').append(fm.expr(f.getValue())).append(" AS ")
            .append(Identifiers.quote(f.getKey()));
      }
      Column pk = foreign.primaryKey();
      String pkExpr = fm.expr(pk.name());
      Rendered scope = base.forTable(fm).where(j.scope());
      from.append(" LEFT JOIN ").append(fm.quotedTable()).append(" AS ").append(alias).append(" ON ")
          .append(alias).append('.').append(pkExpr).append(" = (SELECT ").append(FIRST).append('.').append(pkExpr)
          .append(" FROM ").append(fm.quotedTable()).append(" AS ").append(FIRST).append(" WHERE ").append(FIRST)
          .append('.').append(fm.expr(j.foreignField())).append(" = ").append(BASE).append('.')
          .append(baseModel.expr(j.localField()));
      if (!scope.matchesAll()) {
        from.append(" AND (").append(scope.sql()).append(')');
        params.addAll(scope.params());
      }
      from.append(" ORDER BY ").append(FIRST).append('.').append(pkExpr).append(" LIMIT 1)");
    }
    return new Rendered("WITH " + Identifiers.quote(NAME) + " AS (" + select + from + ") ", params);
  }
}
