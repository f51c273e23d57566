/**
 * Internal, not API, may change: the TTL plugin's hooks, sweeper, registry of installed tables and provider.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.plugin.ttl.internal;
