/**
 * A third-party plugin ({@code "slug"}): fills a URL slug column from a source column on every insert path.
 * Everything a plugin needs is the spi; the kit finds the plugin through the {@code provides} below.
 *
 * @provides io.sqlitekit.spi.plugin.PluginProvider the {@code "slug"} plugin
 */
module io.sqlitekit.sample.slug {
  // RepositoryPlugin, HookRegistry, HookContext, BatchStatement, the error family.
  requires transitive io.sqlitekit.spi;

  exports io.sqlitekit.sample.slug;

  provides io.sqlitekit.spi.plugin.PluginProvider with io.sqlitekit.sample.slug.internal.SlugPluginProvider;
}
