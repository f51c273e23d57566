/**
 * Internal, not API, may change: the vector plugin's write checks, scan and provider.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.plugin.vector.internal;
