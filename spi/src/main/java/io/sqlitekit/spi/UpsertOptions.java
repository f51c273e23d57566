package io.sqlitekit.spi;

import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import java.util.List;
import java.util.Objects;

/**
 * Options of {@code upsert}: the conflict target.
 *
 * <p>By default the conflict target is the primary key. To upsert against a unique index, name its
 * fields; for a <em>partial</em> unique index (for example unique-when-not-deleted), also give its WHERE
 * condition, which SQLite requires to be repeated in the ON CONFLICT clause.
 *
 * @param conflictFields the unique fields, or empty for the primary key
 * @param conflictWhere the partial index's condition, or {@link Filters#all()}
 * @since 0.1.0
 */
public record UpsertOptions(List<String> conflictFields, Filter conflictWhere) {
  /**
   * Validates the options.
   *
   * @throws NullPointerException if a component is null
   */
  public UpsertOptions {
    conflictFields = List.copyOf(Objects.requireNonNull(conflictFields, "conflictFields"));
    Objects.requireNonNull(conflictWhere, "conflictWhere");
  }

  /**
   * Conflict on the primary key.
   *
   * @return the defaults
   */
  public static UpsertOptions onPrimaryKey() {
    return new UpsertOptions(List.of(), Filters.all());
  }

  /**
   * Conflict on a unique index over the given fields.
   *
   * @param fields the indexed fields
   * @return the options
   */
  public static UpsertOptions onConflict(String... fields) {
    return new UpsertOptions(List.of(fields), Filters.all());
  }

  /**
   * Returns a copy with the partial index's condition.
   *
   * @param where the index condition
   * @return the new options
   */
  public UpsertOptions where(Filter where) {
    return new UpsertOptions(conflictFields, where);
  }
}
