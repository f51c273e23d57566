package io.sqlitekit.plugin.maintenance;

import java.time.Duration;

/**
 * A finished {@code PRAGMA optimize}.
 *
 * @param onClose true when it ran as part of {@link Maintenance#close()}
 * @param took how long it took
 * @since 0.2.0
 */
public record OptimizeResult(boolean onClose, Duration took) implements MaintenanceEvent {
}
