package io.sqlitekit.core.internal.render;

import java.util.List;

/**
 * Internal, not API, may change. A rendered piece of SQL and its bound parameters in placeholder order. The
 * parameter list is not copied: it belongs to the statement being built.
 *
 * @param sql the SQL text
 * @param params the encoded parameters
 */
public record Rendered(String sql, List<Object> params) {
  /** The condition that matches every row. */
  public static final Rendered ALL = new Rendered("1", List.of());

  /**
   * Returns whether this condition matches every row (and needs no WHERE clause).
   *
   * @return true for {@code 1}
   */
  public boolean matchesAll() {
    return "1".equals(sql);
  }

  /**
   * Returns the condition as a WHERE clause, empty when it matches every row.
   *
   * @return {@code " WHERE …"} or {@code ""}
   */
  public String whereClause() {
    return matchesAll() ? "" : " WHERE " + sql;
  }
}
