package io.sqlitekit.plugin.maintenance;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link Maintenance} schedules and how it reports. Immutable; every {@code with…} returns a copy. A
 * zero interval disables that schedule. The defaults schedule nothing and optimize on close.
 *
 * @param vacuumEvery interval of full {@code VACUUM}s (rewrites the whole file and blocks this process's
 *     writers while it runs; rarely what a busy service wants)
 * @param incrementalVacuumEvery interval of {@code incremental_vacuum}; scheduling it switches the database
 *     to {@code auto_vacuum=INCREMENTAL} when the maintenance starts (one full VACUUM, if it was not)
 * @param incrementalVacuumPages pages returned per incremental run, 0 for every free page
 * @param optimizeEvery interval of {@code PRAGMA optimize}
 * @param optimizeOnClose whether {@link Maintenance#close()} runs {@code PRAGMA optimize} last
 * @param checkpointEvery interval of WAL checkpoints
 * @param checkpointMode the mode of scheduled checkpoints
 * @param listener receives every outcome
 * @since 0.2.0
 */
public record MaintenanceOptions(Duration vacuumEvery, Duration incrementalVacuumEvery, int incrementalVacuumPages,
    Duration optimizeEvery, boolean optimizeOnClose, Duration checkpointEvery, CheckpointMode checkpointMode,
    MaintenanceListener listener) {
  /**
   * Validates the options.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if an interval or the page count is negative
   */
  public MaintenanceOptions {
    interval(vacuumEvery, "vacuumEvery");
    interval(incrementalVacuumEvery, "incrementalVacuumEvery");
    interval(optimizeEvery, "optimizeEvery");
    interval(checkpointEvery, "checkpointEvery");
    if (incrementalVacuumPages < 0) {
      throw new IllegalArgumentException("incrementalVacuumPages must be >= 0, was " + incrementalVacuumPages);
    }
    Objects.requireNonNull(checkpointMode, "checkpointMode");
    Objects.requireNonNull(listener, "listener");
  }

  private static void interval(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
  }

  /**
   * Nothing scheduled, optimize on close, passive checkpoints, no listener.
   *
   * @return the defaults
   */
  public static MaintenanceOptions defaults() {
    return new MaintenanceOptions(Duration.ZERO, Duration.ZERO, 0, Duration.ZERO, true, Duration.ZERO,
        CheckpointMode.PASSIVE, MaintenanceListener.NONE);
  }

  /**
   * Schedules full {@code VACUUM}s.
   *
   * @param every the interval, zero for none
   * @return the new options
   */
  public MaintenanceOptions withVacuumEvery(Duration every) {
    return new MaintenanceOptions(every, incrementalVacuumEvery, incrementalVacuumPages, optimizeEvery,
        optimizeOnClose, checkpointEvery, checkpointMode, listener);
  }

  /**
   * Schedules {@code incremental_vacuum(pages)}.
   *
   * @param every the interval, zero for none
   * @param pages pages per run, 0 for all free pages
   * @return the new options
   */
  public MaintenanceOptions withIncrementalVacuumEvery(Duration every, int pages) {
    return new MaintenanceOptions(vacuumEvery, every, pages, optimizeEvery, optimizeOnClose, checkpointEvery,
        checkpointMode, listener);
  }

  /**
   * Schedules {@code PRAGMA optimize}.
   *
   * @param every the interval, zero for none
   * @return the new options
   */
  public MaintenanceOptions withOptimizeEvery(Duration every) {
    return new MaintenanceOptions(vacuumEvery, incrementalVacuumEvery, incrementalVacuumPages, every,
        optimizeOnClose, checkpointEvery, checkpointMode, listener);
  }

  /**
   * Sets whether close runs {@code PRAGMA optimize}.
   *
   * @param onClose true to optimize on close
   * @return the new options
   */
  public MaintenanceOptions withOptimizeOnClose(boolean onClose) {
    return new MaintenanceOptions(vacuumEvery, incrementalVacuumEvery, incrementalVacuumPages, optimizeEvery,
        onClose, checkpointEvery, checkpointMode, listener);
  }

  /**
   * Schedules WAL checkpoints.
   *
   * @param every the interval, zero for none
   * @param mode the mode
   * @return the new options
   */
  public MaintenanceOptions withCheckpointEvery(Duration every, CheckpointMode mode) {
    return new MaintenanceOptions(vacuumEvery, incrementalVacuumEvery, incrementalVacuumPages, optimizeEvery,
        optimizeOnClose, every, mode, listener);
  }

  /**
   * Sets the listener.
   *
   * @param l receives every outcome
   * @return the new options
   */
  public MaintenanceOptions withListener(MaintenanceListener l) {
    return new MaintenanceOptions(vacuumEvery, incrementalVacuumEvery, incrementalVacuumPages, optimizeEvery,
        optimizeOnClose, checkpointEvery, checkpointMode, l);
  }
}
