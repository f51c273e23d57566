/**
 * The migrator API: {@link io.sqlitekit.migrate.Migrator} applies {@link io.sqlitekit.migrate.Migration}s
 * from one or more {@link io.sqlitekit.migrate.MigrationSource}s in one total order (by numeric version),
 * each in its own write transaction together with its row in the tracking table, and reports
 * {@link io.sqlitekit.migrate.MigrationStatus} records.
 *
 * <p>Parameters and return values are never null unless stated; collections are never null, only empty.
 *
 * @since 0.1.0
 */
package io.sqlitekit.migrate;
