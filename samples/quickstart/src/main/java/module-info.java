/**
 * The quickstart sample: a named module that requires only the sqlitekit API. The SQLite driver is not
 * named here; the kit finds it on the module path through {@link java.util.ServiceLoader}.
 */
module io.sqlitekit.sample.quickstart {
  // SqliteKit, SqliteRepository and (transitively) the spi: filters, updates, table definitions.
  requires io.sqlitekit.core;
}
