/**
 * The bundled SQLite driver of sqlitekit, over xerial sqlite-jdbc: one writer connection behind a lock
 * (with group commit by default, fair without), a pool of read-only reader connections for WAL databases,
 * {@code BEGIN IMMEDIATE} write transactions with savepoints for nesting, per-connection statement caches, a
 * {@code REGEXP} function and translation of SQLite errors into sqlitekit's typed exceptions. Exports nothing:
 * it is used only through {@link io.sqlitekit.spi.driver.DriverProvider}.
 *
 * @provides io.sqlitekit.spi.driver.DriverProvider the {@code "xerial"} driver for {@code jdbc:sqlite:} URLs
 * @since 0.1.0
 */
module io.sqlitekit.driver.xerial {
  // The driver SPI it implements (SqliteDriver, DriverProvider, options, error family).
  requires io.sqlitekit.spi;
  // TransactionScope: the transaction machinery (writer lock, savepoints, after-commit actions) drivers share.
  requires io.sqlitekit.support;
  // The JDBC driver and org.sqlite.Function (REGEXP) / SQLiteConfig (read-only reader connections).
  requires org.xerial.sqlitejdbc;
  // DEBUG logging of connection open/close and WARN for failing after-commit actions.
  requires org.slf4j;

  provides io.sqlitekit.spi.driver.DriverProvider
      with io.sqlitekit.driver.xerial.internal.XerialDriverProvider;
}
