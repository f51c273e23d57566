package io.sqlitekit.plugin.maintenance;

import java.util.List;
import java.util.Objects;

/**
 * What {@code EXPLAIN QUERY PLAN} says about one SELECT.
 *
 * @param sql the statement explained
 * @param steps the plan's detail lines, in SQLite's order (for example {@code SEARCH t USING INDEX t_age (age>?)})
 * @param indexes the indexes the plan uses, in order of appearance ({@code INTEGER PRIMARY KEY} for rowid
 *     lookups)
 * @param fullScan true when a step scans a whole table without an index
 * @param tempSort true when SQLite sorts in a temporary b-tree (no index delivers the order)
 * @since 0.2.0
 */
public record QueryPlan(String sql, List<String> steps, List<String> indexes, boolean fullScan, boolean tempSort) {
  /**
   * Copies the lists.
   *
   * @throws NullPointerException if a component is null
   */
  public QueryPlan {
    Objects.requireNonNull(sql, "sql");
    steps = List.copyOf(steps);
    indexes = List.copyOf(indexes);
  }

  /**
   * Returns whether the plan uses an index (or the rowid) to find rows.
   *
   * @return true when {@link #indexes()} is not empty
   */
  public boolean usesIndex() {
    return !indexes.isEmpty();
  }
}
