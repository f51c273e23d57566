/**
 * The read-through cache plugin: {@link io.sqlitekit.plugin.cache.CachePlugin} builds it from
 * {@link io.sqlitekit.plugin.cache.CacheOptions}; {@link io.sqlitekit.plugin.cache.CaffeineCacheAdapter} is the
 * default store and {@link io.sqlitekit.plugin.cache.InMemoryCacheAdapter} a plain map for tests.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.plugin.cache;
