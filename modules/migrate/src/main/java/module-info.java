/**
 * The sqlitekit migrator: applies, reports and rolls back schema migrations read from drizzle-kit output
 * folders, Flyway-style folders, class-path or module resources and Java code, tracked in
 * {@code _sqlitekit_migrations}. Runs on the driver SPI only, so it does not need {@code io.sqlitekit.core}.
 *
 * <p>The command-line entry point is {@link io.sqlitekit.migrate.cli.MigrateCli}.
 *
 * @uses io.sqlitekit.spi.driver.DriverProvider
 * @uses io.sqlitekit.spi.json.JsonCodec reads drizzle-kit journals (the built-in codec when none is found)
 * @since 0.1.0
 */
module io.sqlitekit.migrate {
  // Migrations run on SqliteDriver/SqlSession and fail with MigrationException; our API exposes these types.
  requires transitive io.sqlitekit.spi;
  // Applied and rolled-back migrations are logged through the SLF4J API.
  requires org.slf4j;
  // Strict driver selection (the same rules as the kits); not part of this module's API.
  requires io.sqlitekit.support;
  // The CLI's backup, vacuum and check commands; not part of this module's API.
  requires io.sqlitekit.plugin.maintenance;

  exports io.sqlitekit.migrate;
  exports io.sqlitekit.migrate.cli;

  // Migrator.create(jdbcUrl, ...) and the CLI open their own driver through ServiceLoader.
  uses io.sqlitekit.spi.driver.DriverProvider;
  uses io.sqlitekit.spi.json.JsonCodec;
}
