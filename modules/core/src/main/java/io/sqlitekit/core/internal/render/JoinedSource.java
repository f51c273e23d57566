package io.sqlitekit.core.internal.render;

import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.Identifiers;
import io.sqlitekit.spi.table.StorageClass;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.support.repo.AggregateJoins;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Internal, not API, may change. The rows an aggregate with lookups reads, as a common table expression named
 * {@value #NAME}: every base column, then each joined field under its dotted name. Each lookup is a LEFT JOIN
 * of the first foreign row (by primary key) whose foreign field equals the base row's local field within the
 * join's scope, so a base row joins at most one foreign row and is never counted twice. When the foreign field
 * is the primary key or unique, that row is found by a correlated subquery through its index; otherwise by a
 * derived table holding the first row of each foreign value ({@code row_number()} over the rows in scope). The
 * scope is rendered as the foreign table's own WHERE inside those subqueries, where its unqualified columns
 * name the foreign table even when it is the base table itself.
 */
public final class JoinedSource {
  /** The name of the common table expression; the aggregate reads it as its table. */
  static final String NAME = "sqlitekit_joined";
  private static final String BASE = Identifiers.quote("sqlitekit_base");
  private static final String FIRST = Identifiers.quote("sqlitekit_first");
  private static final String RANK = Identifiers.quote("sqlitekit_rank");

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
      String ff = fm.expr(j.foreignField());
      Rendered scope = base.forTable(fm).where(j.scope());
      String scopeSql = scope.matchesAll() ? "" : " AND (" + scope.sql() + ")";
      params.addAll(scope.params());
      from.append(" LEFT JOIN ");
      Column fc = foreign.require(j.foreignField());
      if (pk.name().equals(j.foreignField()) || fc.isUnique()
          || !sameComparison(baseModel.column(j.localField()), fc)) {
        // At most one row per value, found through the key's (or unique constraint's) index per base row; or a
        // text field matched against a number, where "=" converts and could match several distinct values.
        from.append(fm.quotedTable()).append(" AS ").append(alias).append(" ON ").append(alias).append('.')
            .append(pkExpr).append(" = (SELECT ").append(FIRST).append('.').append(pkExpr).append(" FROM ")
            .append(fm.quotedTable()).append(" AS ").append(FIRST).append(" WHERE ").append(FIRST).append('.')
            .append(ff).append(" = ").append(BASE).append('.').append(baseModel.expr(j.localField()))
            .append(scopeSql).append(" ORDER BY ").append(FIRST).append('.').append(pkExpr).append(" LIMIT 1)");
      } else {
        // Any number of rows per value: the first of each by key, found in one pass over the rows in scope
        // (a correlated subquery would scan the foreign table once per base row when the field has no index).
        from.append("(SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY ").append(ff).append(" ORDER BY ")
            .append(pkExpr).append(") AS ").append(RANK).append(" FROM ").append(fm.quotedTable())
            .append(" WHERE ").append(ff).append(" IS NOT NULL").append(scopeSql).append(") WHERE ").append(RANK)
            .append(" = 1) AS ").append(alias).append(" ON ").append(alias).append('.').append(ff).append(" = ")
            .append(BASE).append('.').append(baseModel.expr(j.localField()));
      }
    }
    return new Rendered("WITH " + Identifiers.quote(NAME) + " AS (" + select + from + ") ", params);
  }

  /**
   * Whether {@code local = foreign} compares exactly as the foreign values are told apart when partitioned:
   * both numeric, or both of the same storage class, so no affinity conversion applies to one side only.
   */
  private static boolean sameComparison(Column local, Column foreign) {
    boolean ln = local.storage() == StorageClass.INTEGER || local.storage() == StorageClass.REAL;
    boolean fn = foreign.storage() == StorageClass.INTEGER || foreign.storage() == StorageClass.REAL;
    return ln && fn || local.storage() == foreign.storage();
  }
}
