/**
 * Database maintenance for sqlitekit: full and incremental VACUUM, PRAGMA optimize, WAL checkpoints,
 * integrity checks, query plans and verified online backup / restore, on demand or scheduled, with results
 * to a listener and SLF4J. Runs on the driver SPI.
 *
 * @provides io.sqlitekit.spi.plugin.PluginProvider the {@code "maintenance"} plugin
 * @uses io.sqlitekit.spi.driver.DriverProvider
 * @since 0.2.0
 */
module io.sqlitekit.plugin.maintenance {
  // The API takes and returns spi types (SqliteDriver, SqlFragment, BackupProgress, the error family).
  requires transitive io.sqlitekit.spi;
  // Strict driver discovery when restore() and the backup check open a database file.
  requires io.sqlitekit.support;
  // Results at INFO/DEBUG, failures of scheduled tasks at WARN.
  requires org.slf4j;
  // Only QueryPlans, which explains a SqliteRepository's filter and sort; whoever calls it has the kit.
  requires static io.sqlitekit.core;

  exports io.sqlitekit.plugin.maintenance;

  uses io.sqlitekit.spi.driver.DriverProvider;

  provides io.sqlitekit.spi.plugin.PluginProvider
      with io.sqlitekit.plugin.maintenance.internal.MaintenancePluginProvider;
}
