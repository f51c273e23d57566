package io.sqlitekit.spi.compile;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * SQL text with its bound parameters, in placeholder order.
 *
 * @param sql the SQL with {@code ?} placeholders
 * @param params the parameters, possibly containing null
 * @since 0.1.0
 */
public record SqlFragment(String sql, List<Object> params) {
  /**
   * Copies the parameters.
   *
   * @throws NullPointerException if {@code sql} or {@code params} is null
   */
  public SqlFragment {
    Objects.requireNonNull(sql, "sql");
    params = Collections.unmodifiableList(new java.util.ArrayList<>(Objects.requireNonNull(params, "params")));
  }
}
