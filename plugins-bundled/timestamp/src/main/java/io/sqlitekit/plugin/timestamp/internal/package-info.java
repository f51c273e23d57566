/**
 * Internal, not API, may change: the timestamp plugin's hooks, value conversion and provider.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.plugin.timestamp.internal;
