package io.sqlitekit.spi.filter;

import java.util.List;
import java.util.Objects;

/**
 * An SQL boolean expression inserted verbatim into the WHERE clause: the one explicit escape hatch of the
 * IR. Values must be passed as {@code params} for the {@code ?} placeholders, never concatenated into
 * {@code sql}. The number of {@code ?} outside string literals must equal the number of params.
 *
 * <p>The fragment must be one self-contained expression: implementations AND it with the scope predicates of
 * policy plugins, so they refuse with a {@code ValidationException} any text that could reach past its own
 * parentheses (unbalanced parentheses, statement separators, comments, unterminated literals) or renumber
 * parameters (numbered or named placeholders). The SQLite kit also refuses subqueries unless the kit allows
 * them, since a subquery reads rows outside the plugins' scope.
 *
 * <p>In-memory implementations cannot evaluate raw SQL and reject it (see capabilities).
 *
 * @param sql the SQL expression, for example {@code "length(name) > ?"}
 * @param params the bound parameters, possibly containing null
 * @since 0.1.0
 */
public record Raw(String sql, List<Object> params) implements Filter {
  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if {@code sql} or {@code params} is null
   * @throws IllegalArgumentException if {@code sql} is blank
   */
  public Raw {
    Objects.requireNonNull(sql, "sql");
    if (sql.isBlank()) {
      throw new IllegalArgumentException("raw filter SQL must not be blank");
    }
    params = Filter.copyAllowingNulls(Objects.requireNonNull(params, "params"));
  }

  @Override
  public <R> R accept(FilterVisitor<R> visitor) {
    return visitor.visitRaw(this);
  }
}
