/**
 * The SQLite repository kit: {@link io.sqlitekit.core.SqliteKit} opens a database through a discovered
 * driver and hands out {@link io.sqlitekit.core.SqliteRepository} instances implementing the full
 * {@code StandardRepo} contract, with SQL rendering, the plugin hook engine and schema helpers.
 *
 * @uses io.sqlitekit.spi.driver.DriverProvider
 * @uses io.sqlitekit.spi.plugin.PluginProvider
 * @uses io.sqlitekit.spi.json.JsonCodec
 * @uses io.sqlitekit.spi.compile.FilterCompiler
 * @since 0.1.0
 */
module io.sqlitekit.core {
  // Repositories implement and return spi types (StandardRepo, Filter, TableDef…), so users need it too.
  requires transitive io.sqlitekit.spi;
  // The rules shared with the in-memory kit (hook engine, write validation); not part of core's API.
  requires io.sqlitekit.support;
  // Diagnostic logging (never bound values).
  requires org.slf4j;

  exports io.sqlitekit.core;
  exports io.sqlitekit.core.schema;

  uses io.sqlitekit.spi.driver.DriverProvider;
  uses io.sqlitekit.spi.plugin.PluginProvider;
  uses io.sqlitekit.spi.json.JsonCodec;
  // Selected by name only (SqliteKit.Builder#filterCompiler(String)), never by presence.
  uses io.sqlitekit.spi.compile.FilterCompiler;
}
