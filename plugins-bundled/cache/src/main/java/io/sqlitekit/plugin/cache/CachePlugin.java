package io.sqlitekit.plugin.cache;

import io.sqlitekit.plugin.cache.internal.ReadThroughCache;
import io.sqlitekit.spi.ContextKey;
import io.sqlitekit.spi.cache.CacheAdapter;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Objects;

/**
 * Creates the read-through cache plugin ({@code "cache"}) and declares its context key, {@link #BYPASS_CACHE}.
 *
 * <p>The plugin caches getById, getByIds, getOne, findAll, count, exists and getAll (offset and keyset).
 * Keys are an injective encoding of the database, table, operation, id, the filter after policy plugins
 * narrowed it (tenant scope, soft delete, TTL), the request (sort, projection, page, limit, cursor) and the
 * values of every call-context key that {@linkplain io.sqlitekit.spi.ContextKey#scopesReads() scopes reads}
 * (a tenant, "include deleted rows", a third-party plugin's own scope key), so two different questions never
 * share an entry. The plugin knows no other plugin's keys: a plugin that changes what reads return by a
 * context value declares that key with {@link io.sqlitekit.spi.ContextKey#scopingReads}. A call whose inputs
 * contain a value the encoder does not know is simply not cached.
 *
 * <p><b>Consistency:</b> every write operation through the kit (create, createMany, update, updateMany,
 * delete, deleteMany, findOneAndUpdate, upsert, increment, getOrCreate, batch) moves the table to a new
 * generation before it touches the database and again when it completes (for a write inside
 * {@code withTransaction}: when the outermost transaction commits or rolls back). Reads use the cache only
 * while no write to the table is in flight, validate the generation after a lookup, and store a result only
 * if the generation did not move while the database was read. Hence a read that starts after a write
 * returned never sees the state before it, and values read inside a transaction are never cached.
 *
 * <p><b>Writes that bypass the repository</b> are seen on drivers that {@linkplain
 * io.sqlitekit.spi.driver.SqliteDriver#supportsChangeNotifications() report changes} (the bundled xerial
 * driver): raw SQL through the kit's driver invalidates the tables it touched when it commits, before its
 * {@code write} call returns; a commit by another connection or process invalidates every table of the
 * database within {@link CacheOptions#externalChangePoll()} (one second by default). On other drivers (dqlite,
 * D1) such writes are not seen; bound the damage with a TTL. Cached results are shared between callers and
 * must not be mutated.
 *
 * <p>The plugin declares that it {@linkplain RepositoryPlugin#runsAfter runs after} {@code "multi-tenant"},
 * {@code "soft-delete"} and {@code "ttl"} (those that are enabled), so it may be enabled in any order
 * relative to them and still keys on the narrowed filter.
 *
 * <p>Thread-safe; one plugin instance may serve every repository of a kit.
 *
 * <pre>{@code
 * SqliteKit kit = SqliteKit.builder().url(url)
 *     .plugin(CachePlugin.create(CacheOptions.defaults().withTtl(Duration.ofMinutes(5))))
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CachePlugin {
  /** The name the plugin is enabled by. */
  public static final String NAME = "cache";

  /**
   * When set to true, the call neither reads nor fills the cache.
   *
   * @since 0.2.0
   */
  public static final ContextKey<Boolean> BYPASS_CACHE = ContextKey.of("bypassCache", Boolean.class);

  private CachePlugin() {
  }

  /**
   * Creates the plugin over a new {@link CaffeineCacheAdapter}.
   *
   * @param options the options
   * @return the plugin
   * @throws NullPointerException if {@code options} is null
   */
  public static RepositoryPlugin create(CacheOptions options) {
    Objects.requireNonNull(options, "options");
    return new ReadThroughCache(options, new CaffeineCacheAdapter(options.maximumSize()));
  }

  /**
   * Creates the plugin over the given store (for example an {@link InMemoryCacheAdapter} in tests, or a
   * store shared with other components).
   *
   * @param options the options; its maximum size is not applied to the given adapter
   * @param adapter the store
   * @return the plugin
   * @throws NullPointerException if an argument is null
   */
  public static RepositoryPlugin create(CacheOptions options, CacheAdapter adapter) {
    return new ReadThroughCache(Objects.requireNonNull(options, "options"),
        Objects.requireNonNull(adapter, "adapter"));
  }
}
