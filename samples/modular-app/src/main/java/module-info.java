/**
 * The modular-app sample: requires the kit's API only. The SQLite driver and the plugins are jars in a
 * {@code lib/} folder on the module path; the kit binds them through {@link java.util.ServiceLoader} and the
 * application enables plugins by the names listed in its config file.
 */
module io.sqlitekit.sample.modular {
  // SqliteKit and (transitively) the spi. No driver, no plugin module is named: service binding resolves them.
  requires io.sqlitekit.core;
}
