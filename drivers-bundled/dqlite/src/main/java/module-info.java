/**
 * The dqlite driver of sqlitekit: the driver SPI over {@code io.sqlitekit.dqlite.client}, for
 * {@code dqlite://host:port,host:port/db} URLs. One writer at a time in-process, {@code BEGIN IMMEDIATE}
 * transactions bound to one connection to the cluster's leader, savepoints for nested writes, bounded
 * {@code SQLITE_BUSY} retries, reconnects after a leader change, "outcome unknown" for a commit whose answer
 * was lost, and refusal of the declared types dqlite encodes lossily. Exports nothing: it is used only through
 * {@link io.sqlitekit.spi.driver.DriverProvider}.
 *
 * @provides io.sqlitekit.spi.driver.DriverProvider the {@code "dqlite"} driver for {@code dqlite://} URLs
 * @since 0.1.0
 */
module io.sqlitekit.driver.dqlite {
  // The driver SPI it implements (SqliteDriver, DriverProvider, options, error family).
  requires io.sqlitekit.spi;
  // TransactionScope: the transaction machinery (writer lock, savepoints, after-commit actions) drivers share.
  requires io.sqlitekit.support;
  // The wire-protocol client: discovery, statements, rows, typed failures.
  requires io.sqlitekit.dqlite.client;

  provides io.sqlitekit.spi.driver.DriverProvider
      with io.sqlitekit.driver.dqlite.internal.DqliteDriverProvider;
}
