/**
 * Database housekeeping: {@link io.sqlitekit.plugin.maintenance.Maintenance} (vacuum, optimize, checkpoint,
 * integrity checks, query plans, verified online backup and restore, with schedules), and
 * {@link io.sqlitekit.plugin.maintenance.MaintenancePlugin}, which ties a maintenance to a kit's lifetime.
 *
 * @since 0.2.0
 */
package io.sqlitekit.plugin.maintenance;
