package io.sqlitekit.plugin.maintenance;

import java.time.Duration;
import java.util.Objects;

/**
 * A scheduled task failed; the schedule goes on (a busy database is normal, the next run may succeed).
 *
 * @param task the task's name ({@code vacuum}, {@code incremental_vacuum}, {@code optimize}, {@code checkpoint})
 * @param error the failure
 * @param took how long the attempt took
 * @since 0.2.0
 */
public record MaintenanceFailure(String task, RuntimeException error, Duration took) implements MaintenanceEvent {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   */
  public MaintenanceFailure {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(took, "took");
  }
}
