/**
 * The soft-delete plugin ({@code "soft-delete"}): deletes mark rows with a {@code deletedAt} time instead of
 * removing them, and every other operation ignores marked rows unless asked.
 *
 * @provides io.sqlitekit.spi.plugin.PluginProvider the {@code "soft-delete"} plugin
 * @since 0.1.0
 */
module io.sqlitekit.plugin.softdelete {
  // SoftDeletePlugin and SoftDeletes expose spi types (RepositoryPlugin, StandardRepo, TableDef, OffsetPage).
  requires transitive io.sqlitekit.spi;

  exports io.sqlitekit.plugin.softdelete;

  provides io.sqlitekit.spi.plugin.PluginProvider
      with io.sqlitekit.plugin.softdelete.internal.SoftDeletePluginProvider;
}
