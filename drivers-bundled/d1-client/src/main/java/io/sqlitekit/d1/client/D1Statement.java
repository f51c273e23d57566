package io.sqlitekit.d1.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One SQL statement and its positional parameters, for {@link D1Client#batch(List)} and
 * {@link D1Client#execute(D1Statement)}.
 *
 * <p>Placeholders are {@code ?} and {@code ?NNN} (SQLite's numbering); named ones ({@code :a}, {@code @a},
 * {@code $a}) are refused. Parameter values: {@code null}, {@link Boolean} (sent as 1/0), {@link Byte},
 * {@link Short}, {@link Integer}, {@link Long}, {@link Float}, {@link Double} (finite), {@link String} and
 * {@code byte[]}; anything else is refused with {@link IllegalArgumentException} when the statement is sent.
 *
 * @param sql the SQL text
 * @param params the parameter values, in placeholder order; may contain nulls
 * @since 0.1.0
 */
public record D1Statement(String sql, List<Object> params) {
  /**
   * Copies the parameters (they may contain null, so {@link List#copyOf} would not do).
   *
   * @param sql the SQL text, not null
   * @param params the values, not null
   */
  public D1Statement {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(params, "params");
    params = Collections.unmodifiableList(new ArrayList<>(params));
  }

  /**
   * A statement with positional parameters.
   *
   * @param sql the SQL text
   * @param params the values; a {@code byte[]} argument is one blob value
   * @return the statement
   */
  public static D1Statement of(String sql, Object... params) {
    return new D1Statement(sql, params == null ? Collections.singletonList(null) : Arrays.asList(params));
  }

  /** A description without parameter values (they may be personal data). */
  @Override
  public String toString() {
    return "D1Statement[sql=" + sql + ", " + params.size() + " params]";
  }
}
