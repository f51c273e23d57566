/**
 * Internal, not API, may change: the fts plugin's installation, query rendering and provider.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.plugin.fts.internal;
