/**
 * The read-through cache plugin ({@code "cache"}): caches repository reads in a {@link
 * io.sqlitekit.spi.cache.CacheAdapter} (Caffeine by default) and invalidates a table on every committed
 * write to it, so that no stale read is ever served.
 *
 * @provides io.sqlitekit.spi.plugin.PluginProvider the {@code "cache"} plugin
 * @since 0.1.0
 */
module io.sqlitekit.plugin.cache {
  // CacheOptions and the adapters expose spi types (CacheAdapter, RepositoryPlugin) in their signatures.
  requires transitive io.sqlitekit.spi;
  // The default bounded, expiring store behind CaffeineCacheAdapter.
  requires com.github.benmanes.caffeine;
  // Debug logging of bypassed calls; never logs keys' values.
  requires org.slf4j;

  exports io.sqlitekit.plugin.cache;

  provides io.sqlitekit.spi.plugin.PluginProvider with io.sqlitekit.plugin.cache.internal.CachePluginProvider;
}
