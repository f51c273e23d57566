package io.sqlitekit.plugin.maintenance;

/**
 * Receives every maintenance outcome, scheduled or called directly, on the thread that ran the task. What it
 * throws is logged and ignored.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface MaintenanceListener {
  /** Ignores every event. */
  MaintenanceListener NONE = e -> { };

  /**
   * Handles one outcome.
   *
   * @param event the outcome
   */
  void onEvent(MaintenanceEvent event);
}
