/**
 * The command-line front end of the migrator, {@link io.sqlitekit.migrate.cli.MigrateCli}.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.migrate.cli;
