/**
 * Internal, not API, may change: the cache plugin's hooks, key encoder, generations and provider.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.plugin.cache.internal;
