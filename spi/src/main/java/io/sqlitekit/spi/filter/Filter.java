package io.sqlitekit.spi.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A predicate over the rows of one table: an immutable tree that plugins may inspect and rewrite by
 * building new nodes.
 *
 * <p>Nodes are records with value equality. Field names are property keys of the table definition and are
 * resolved (and rejected when unknown) by the repository; values are always bound as parameters. The
 * semantics are SQL's three-valued logic: a comparison with a NULL field is unknown, and unknown rows
 * never match. Build filters with {@link Filters}; dispatch over them with {@link #accept(FilterVisitor)}.
 *
 * @since 0.1.0
 */
public sealed interface Filter
    permits Eq, Ne, Gt, Gte, Lt, Lte, In, Nin, Like, Regex, Exists, And, Or, Not, MatchAll, MatchNone, Raw {

  /**
   * Dispatches to the visitor method for this node type.
   *
   * @param visitor the visitor
   * @param <R> the visitor's result type
   * @return the visitor's result
   */
  <R> R accept(FilterVisitor<R> visitor);

  /** Copies a list into an unmodifiable one that keeps null elements (List.copyOf rejects them). */
  static List<Object> copyAllowingNulls(List<?> values) {
    return Collections.unmodifiableList(new ArrayList<>(values));
  }
}
