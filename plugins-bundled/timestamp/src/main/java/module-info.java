/**
 * The timestamp plugin ({@code "timestamp"}): stamps {@code createdAt} and {@code updatedAt} on every write
 * path of a repository, with values from the kit's clock.
 *
 * @provides io.sqlitekit.spi.plugin.PluginProvider the {@code "timestamp"} plugin
 * @since 0.1.0
 */
module io.sqlitekit.plugin.timestamp {
  // TimestampPlugin.create returns RepositoryPlugin and TimestampTriggers takes TableDef, both spi types.
  requires transitive io.sqlitekit.spi;

  exports io.sqlitekit.plugin.timestamp;

  provides io.sqlitekit.spi.plugin.PluginProvider
      with io.sqlitekit.plugin.timestamp.internal.TimestampPluginProvider;
}
