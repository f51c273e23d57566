/**
 * The TTL plugin ({@code "ttl"}): rows whose expiry field lies in the past are hidden from reads and
 * removed by a scheduled sweeper, an AFTER INSERT trigger, or on demand ({@link
 * io.sqlitekit.plugin.ttl.TtlSweeper}).
 *
 * @provides io.sqlitekit.spi.plugin.PluginProvider the {@code "ttl"} plugin
 * @since 0.1.0
 */
module io.sqlitekit.plugin.ttl {
  // TtlPlugin and TtlSweeper expose spi types (RepositoryPlugin, MinimalRepo, TableDef) in their signatures.
  requires transitive io.sqlitekit.spi;
  // Sweep failures of the background sweeper are logged; no row data is.
  requires org.slf4j;

  exports io.sqlitekit.plugin.ttl;

  provides io.sqlitekit.spi.plugin.PluginProvider with io.sqlitekit.plugin.ttl.internal.TtlPluginProvider;
}
