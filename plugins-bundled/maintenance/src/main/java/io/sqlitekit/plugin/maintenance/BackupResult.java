package io.sqlitekit.plugin.maintenance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A finished backup or restore: the new file passed {@code integrity_check}.
 *
 * @param target the file written
 * @param pages the pages copied
 * @param bytes the file's size
 * @param took how long it took, the check included
 * @since 0.2.0
 */
public record BackupResult(Path target, long pages, long bytes, Duration took) implements MaintenanceEvent {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   */
  public BackupResult {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(took, "took");
  }
}
