/**
 * Internal, not API, may change: the audit plugin's hooks, entry building, JSON rendering and provider.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.plugin.audit.internal;
