package io.sqlitekit.plugin.maintenance;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The typed answer of {@code PRAGMA integrity_check} or {@code PRAGMA quick_check}.
 *
 * @param quick true for {@code quick_check}
 * @param problems SQLite's problem lines, empty when the database is sound
 * @param took how long it took
 * @since 0.2.0
 */
public record IntegrityReport(boolean quick, List<String> problems, Duration took) implements MaintenanceEvent {
  /**
   * Copies the problems.
   *
   * @throws NullPointerException if a component is null
   */
  public IntegrityReport {
    problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
    Objects.requireNonNull(took, "took");
  }

  /**
   * Returns whether the check found nothing wrong.
   *
   * @return true when SQLite answered {@code ok}
   */
  public boolean ok() {
    return problems.isEmpty();
  }
}
