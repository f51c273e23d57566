/**
 * Full-text search over a repository's table with SQLite FTS5: {@link io.sqlitekit.plugin.fts.FtsPlugin} (the
 * plugin and the entry point to {@link io.sqlitekit.plugin.fts.FullTextSearch}), its
 * {@link io.sqlitekit.plugin.fts.FtsOptions}, the DDL helpers of {@link io.sqlitekit.plugin.fts.FtsDdl}, and
 * the request and result records.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.2.0
 */
package io.sqlitekit.plugin.fts;
