package io.sqlitekit.plugin.maintenance;

import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.filter.Filter;
import java.util.Objects;

/**
 * Explains what a repository of the SQLite kit runs for a filter and sort. Needs {@code io.sqlitekit.core}
 * (an optional dependency of this module, present wherever a repository is); the rest of the module does not.
 *
 * @since 0.2.0
 */
public final class QueryPlans {
  private QueryPlans() {}

  /**
   * Renders {@code findAll(filter, sort)} through the repository's own filter renderer
   * ({@link SqliteRepository#renderFind}) and explains it on the maintenance's database. Policy plugins do not
   * run: include a tenant or soft-delete condition in the filter to see its plan.
   *
   * @param maintenance the maintenance of the repository's database
   * @param repository the repository
   * @param filter the filter
   * @param sort the order
   * @return the plan: whether an index is used or the table is scanned
   * @throws io.sqlitekit.spi.error.ValidationException on an unknown field or a bad value
   */
  public static QueryPlan explain(Maintenance maintenance, SqliteRepository<?, ?> repository, Filter filter,
      Sort sort) {
    Objects.requireNonNull(maintenance, "maintenance");
    Objects.requireNonNull(repository, "repository");
    return maintenance.explain(repository.renderFind(filter, sort));
  }
}
