package io.sqlitekit.plugin.softdelete;

import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.ContextKey;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Identifiers;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The soft-delete plugin's context keys ({@link #INCLUDE_DELETED}, {@link #HARD_DELETE}) and helpers for
 * repositories with the plugin: restore, list and purge deleted rows, and the partial-index DDL that keeps
 * values unique among live rows only.
 *
 * <p>Each helper has a variant without options, which uses {@link SoftDeleteOptions#defaults()} (field
 * {@code deletedAt}), and one taking the options the plugin was created with. The helpers go through the
 * repository, so other plugins (tenant scope, timestamps, audit, cache) apply to them as to any call.
 *
 * @since 0.1.0
 */
public final class SoftDeletes {
  /**
   * When set to true, reads and writes also see soft-deleted rows (restore uses it). It
   * {@linkplain ContextKey#scopesReads() scopes reads}, so a read cache keeps such reads apart.
   *
   * @since 0.2.0
   */
  public static final ContextKey<Boolean> INCLUDE_DELETED = ContextKey.scopingReads("includeDeleted", Boolean.class);

  /**
   * When set to true, deletes remove rows physically although the plugin is enabled ({@link #hardDelete}
   * sets it, together with {@link #INCLUDE_DELETED}).
   *
   * @since 0.2.0
   */
  public static final ContextKey<Boolean> HARD_DELETE = ContextKey.of("hardDelete", Boolean.class);

  private static final CallContext WITH_DELETED = CallContext.of(INCLUDE_DELETED, true);

  private SoftDeletes() {
  }

  /**
   * Restores a row: sets {@code deletedAt} to NULL, whether or not the row was deleted.
   *
   * @param repo the repository
   * @param id the primary key
   * @param <T> the entity type
   * @param <ID> the key type
   * @return the restored row, or empty if no row (visible to the caller's other scopes) has that key
   * @throws NullPointerException if an argument is null
   */
  public static <T, ID> Optional<T> restore(StandardRepo<T, ID> repo, ID id) {
    return restore(repo, id, SoftDeleteOptions.defaults());
  }

  /**
   * Restores a row: sets the options' deletion field to NULL, whether or not the row was deleted.
   *
   * @param repo the repository
   * @param id the primary key
   * @param options the plugin's options
   * @param <T> the entity type
   * @param <ID> the key type
   * @return the restored row, or empty if no row (visible to the caller's other scopes) has that key
   * @throws NullPointerException if an argument is null
   */
  public static <T, ID> Optional<T> restore(StandardRepo<T, ID> repo, ID id, SoftDeleteOptions options) {
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(options, "options");
    return repo.withContext(WITH_DELETED).update(id, Update.unset(options.field()));
  }

  /**
   * Returns a page of deleted rows only: the request's filter AND {@code deletedAt IS NOT NULL}.
   *
   * @param repo the repository
   * @param request the page request
   * @param <T> the entity type
   * @param <ID> the key type
   * @return the page
   * @throws NullPointerException if an argument is null
   */
  public static <T, ID> OffsetPage<T> getDeleted(StandardRepo<T, ID> repo, PageRequest request) {
    return getDeleted(repo, request, SoftDeleteOptions.defaults());
  }

  /**
   * Returns a page of deleted rows only: the request's filter AND the deletion field IS NOT NULL.
   *
   * @param repo the repository
   * @param request the page request
   * @param options the plugin's options
   * @param <T> the entity type
   * @param <ID> the key type
   * @return the page
   * @throws NullPointerException if an argument is null
   */
  public static <T, ID> OffsetPage<T> getDeleted(StandardRepo<T, ID> repo, PageRequest request,
      SoftDeleteOptions options) {
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(options, "options");
    return repo.withContext(WITH_DELETED)
        .getAll(request.withFilter(Filters.and(request.filter(), Filters.isNotNull(options.field()))));
  }

  /**
   * Removes a row physically, deleted or not.
   *
   * @param repo the repository
   * @param id the primary key
   * @param <T> the entity type
   * @param <ID> the key type
   * @return true if a row was removed, false if none (visible to the caller's other scopes) has that key
   * @throws NullPointerException if an argument is null
   */
  public static <T, ID> boolean hardDelete(StandardRepo<T, ID> repo, ID id) {
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(id, "id");
    return repo.withContext(WITH_DELETED.with(HARD_DELETE, true)).delete(id);
  }

  /**
   * Renders a unique index over live rows only, named {@code uq_<table>_<fields>_active}:
   *
   * <pre>{@code
   * CREATE UNIQUE INDEX IF NOT EXISTS "uq_users_email_active" ON "users" ("email") WHERE "deletedAt" IS NULL;
   * }</pre>
   *
   * <p>What it enforces: no two live rows share the values; deleted rows never conflict, with live rows or
   * with each other. So restoring a deleted row whose value a live row now holds fails with
   * {@link io.sqlitekit.spi.error.DuplicateKeyException} (the row stays deleted), and creating the index fails
   * the same way while live duplicates exist.
   *
   * <p>Which queries use it: every operation the plugin narrows to {@code deletedAt IS NULL} whose filter
   * constrains the leading fields, e.g. {@code getOne(eq("email", e))}, {@code findAll}, {@code count},
   * {@code exists}, {@code updateMany}, {@code deleteMany}, {@code findOneAndUpdate} and {@code getOrCreate}'s
   * lookup. Queries with {@link #INCLUDE_DELETED} (and {@link #getDeleted}) cannot: the index lacks
   * the deleted rows they must see.
   *
   * <p>Upserts against it work when they name the same fields
   * ({@code upsert(row, UpsertOptions.onConflict("email"))}): the plugin adds the index's condition to the
   * conflict target, as SQLite requires.
   *
   * @param table the table
   * @param fields the unique fields (property keys), at least one
   * @return the DDL, one statement
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if no field is given
   * @throws io.sqlitekit.spi.error.ValidationException if a field, or the deletion field, is not on the table
   */
  public static String uniqueActiveIndexSql(TableDef table, String... fields) {
    return indexSql(table, SoftDeleteOptions.defaults(), true, fields);
  }

  /**
   * Renders a unique index over live rows only, for the options' deletion field; see
   * {@link #uniqueActiveIndexSql(TableDef, String...)}.
   *
   * @param table the table
   * @param options the plugin's options
   * @param fields the unique fields (property keys), at least one
   * @return the DDL, one statement
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if no field is given
   * @throws io.sqlitekit.spi.error.ValidationException if a field, or the deletion field, is not on the table
   */
  public static String uniqueActiveIndexSql(TableDef table, SoftDeleteOptions options, String... fields) {
    return indexSql(table, options, true, fields);
  }

  /**
   * Renders a (non-unique) index over live rows only, named {@code idx_<table>_<fields>_active}:
   * {@code CREATE INDEX IF NOT EXISTS "idx_users_email_active" ON "users" ("email") WHERE "deletedAt" IS NULL;}.
   *
   * <p>It serves the operations the plugin narrows to {@code deletedAt IS NULL} whose filter constrains the
   * leading fields (equality or range, e.g. {@code count(gt("n", 2))}), and holds no deleted rows, so it stays
   * small where most rows are deleted. Queries with {@link #INCLUDE_DELETED} cannot use it.
   *
   * @param table the table
   * @param options the plugin's options
   * @param fields the indexed fields (property keys), at least one
   * @return the DDL, one statement
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if no field is given
   * @throws io.sqlitekit.spi.error.ValidationException if a field, or the deletion field, is not on the table
   */
  public static String activeIndexSql(TableDef table, SoftDeleteOptions options, String... fields) {
    return indexSql(table, options, false, fields);
  }

  private static String indexSql(TableDef table, SoftDeleteOptions options, boolean unique, String... fields) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(fields, "fields");
    if (fields.length == 0) {
      throw new IllegalArgumentException("index on table \"" + table.name() + "\" needs at least one field");
    }
    List<String> cols = new ArrayList<>();
    StringBuilder name = new StringBuilder(unique ? "uq_" : "idx_").append(table.name());
    for (String f : fields) {
      cols.add(Identifiers.quote(table.require(Objects.requireNonNull(f, "field")).sqlName()));
      name.append('_').append(f);
    }
    name.append("_active");
    String deleted = Identifiers.quote(table.require(options.field()).sqlName());
    return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX IF NOT EXISTS " + Identifiers.quote(name.toString())
        + " ON " + Identifiers.quote(table.name()) + " (" + String.join(", ", cols) + ") WHERE " + deleted
        + " IS NULL;";
  }
}
