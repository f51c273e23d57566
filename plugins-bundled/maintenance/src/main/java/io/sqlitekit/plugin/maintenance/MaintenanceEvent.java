package io.sqlitekit.plugin.maintenance;

import java.time.Duration;

/**
 * The outcome of one maintenance task, handed to the {@link MaintenanceListener} and logged through SLF4J.
 *
 * @since 0.2.0
 */
public sealed interface MaintenanceEvent
    permits VacuumResult, CheckpointResult, OptimizeResult, IntegrityReport, BackupResult, MaintenanceFailure {
  /**
   * Returns how long the task took.
   *
   * @return the duration
   */
  Duration took();
}
