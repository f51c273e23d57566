/**
 * The full-text search plugin ({@code "fts"}): an external-content SQLite FTS5 index over chosen columns of a
 * table, kept in sync by triggers, and a typed, policy-scoped {@code search} read ranked by bm25.
 *
 * @provides io.sqlitekit.spi.plugin.PluginProvider the {@code "fts"} plugin
 * @since 0.2.0
 */
module io.sqlitekit.plugin.fts {
  // FtsPlugin, FtsOptions and SearchRequest expose spi types (RepositoryPlugin, StandardRepo, Filter).
  requires transitive io.sqlitekit.spi;

  exports io.sqlitekit.plugin.fts;

  provides io.sqlitekit.spi.plugin.PluginProvider
      with io.sqlitekit.plugin.fts.internal.FtsPluginProvider;
}
