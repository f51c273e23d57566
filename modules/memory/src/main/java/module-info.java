/**
 * The in-memory reference implementation of {@code StandardRepo}: {@link io.sqlitekit.memory.MemoryKit} hands
 * out {@link io.sqlitekit.memory.MemoryRepository} instances that keep rows in memory and reproduce the SQLite
 * kit's semantics (storage values through the column codecs, three-valued filter logic, SQLite value order)
 * and run the same plugins through the same hook engine, so they serve as a faithful test double and as the
 * second side of differential tests.
 *
 * @uses io.sqlitekit.spi.json.JsonCodec the JSON codec for JSON-mode columns when the builder is given none
 * @uses io.sqlitekit.spi.plugin.PluginProvider plugins enabled by name ({@code builder().plugins(...)})
 * @since 0.1.0
 */
module io.sqlitekit.memory {
  // Repositories implement and return spi types (StandardRepo, Filter, TableDef…), so users need it too.
  requires transitive io.sqlitekit.spi;
  // The rules shared with the SQLite kit (filter normalising, hook engine, plugin ordering, JSON fallback);
  // not part of this kit's API.
  requires io.sqlitekit.support;

  exports io.sqlitekit.memory;

  uses io.sqlitekit.spi.json.JsonCodec;
  uses io.sqlitekit.spi.plugin.PluginProvider;
}
