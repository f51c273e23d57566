/**
 * Internal, not API, may change: SQL script splitting, checksums, the journal reader, resource access for
 * folders, class loaders and named modules, and the file-based migration sources.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.migrate.internal;
