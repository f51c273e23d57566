package io.sqlitekit.plugin.softdelete;

import io.sqlitekit.plugin.softdelete.internal.SoftDeleteHooks;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Objects;

/**
 * Creates the soft-delete plugin ({@code "soft-delete"}).
 *
 * <p><b>Scope:</b> at {@link io.sqlitekit.spi.plugin.HookPriority#POLICY}, every operation with a scope
 * (getById, getByIds, getOne, findAll, getAll offset and keyset, stream, count, exists, distinct, aggregate,
 * update, updateMany, findOneAndUpdate, increment, the lookup of getOrCreate, delete, deleteMany) is
 * narrowed to {@code deletedAt IS NULL}, unless the call context sets
 * {@link SoftDeletes#INCLUDE_DELETED}. Batch update and delete statements get the same
 * condition.
 *
 * <p><b>Delete:</b> delete and deleteMany (and batch delete statements) set {@code deletedAt} to the kit
 * clock's time instead of removing rows, unless the call context sets
 * {@link SoftDeletes#HARD_DELETE}. Because of the scope, deleting a missing or already
 * deleted row reports a miss ({@code false} / 0) and keeps the first deletion time.
 *
 * <p><b>Upsert:</b> a row written by upsert is live: a missing {@code deletedAt} is written as NULL, so an
 * upsert on the key of a deleted row restores it. An upsert on unique fields
 * ({@link io.sqlitekit.spi.UpsertOptions#onConflict}) without its own condition gets
 * {@code deletedAt IS NULL} as the conflict condition, which makes it work with the partial index of
 * {@link SoftDeletes#uniqueActiveIndexSql}: a deleted row with the same unique value does not block a new
 * one.
 *
 * <p>With the multi-tenant plugin, enable {@code "multi-tenant"} first; the plugin declares that order.
 * Installing fails with a {@link io.sqlitekit.spi.error.ConfigurationException} naming the table when the
 * field is missing, NOT NULL or not a time column. Thread-safe.
 *
 * <pre>{@code
 * SqliteKit kit = SqliteKit.builder().url(url).plugins("multi-tenant", "soft-delete").build();
 * users.delete(id);                        // marks the row
 * SoftDeletes.restore(users, id);          // brings it back
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SoftDeletePlugin {
  /** The name the plugin is enabled by. */
  public static final String NAME = "soft-delete";

  private SoftDeletePlugin() {
  }

  /**
   * Creates the plugin.
   *
   * @param options the options
   * @return the plugin
   * @throws NullPointerException if {@code options} is null
   */
  public static RepositoryPlugin create(SoftDeleteOptions options) {
    return new SoftDeleteHooks(Objects.requireNonNull(options, "options"));
  }
}
