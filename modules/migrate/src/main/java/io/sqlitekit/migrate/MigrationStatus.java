package io.sqlitekit.migrate;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The status of one migration, as reported by {@link Migrator#status()}.
 *
 * @param version the version
 * @param name the name (from the sources, or the recorded one for {@link MigrationState#MISSING})
 * @param description the description (the name when none is known)
 * @param state the state
 * @param checksum the source's checksum, or the recorded one for {@link MigrationState#MISSING}
 * @param appliedChecksum the recorded checksum; empty while pending
 * @param appliedAt when it was applied; empty while pending
 * @param executionTime how long applying it took; empty while pending
 * @param versionText the version as written ({@code 7}, {@code 1.2.3}); empty for a repeatable migration
 * @param repeatable whether this is a repeatable migration
 * @since 0.1.0
 */
public record MigrationStatus(long version, String name, String description, MigrationState state,
    String checksum, Optional<String> appliedChecksum, Optional<Instant> appliedAt,
    Optional<Duration> executionTime, String versionText, boolean repeatable) {
  /**
   * Creates the status of an undotted versioned migration (the 0.1 shape).
   *
   * @param version the version
   * @param name the name
   * @param description the description
   * @param state the state
   * @param checksum the checksum
   * @param appliedChecksum the recorded checksum
   * @param appliedAt when it was applied
   * @param executionTime how long applying it took
   */
  public MigrationStatus(long version, String name, String description, MigrationState state, String checksum,
      Optional<String> appliedChecksum, Optional<Instant> appliedAt, Optional<Duration> executionTime) {
    this(version, name, description, state, checksum, appliedChecksum, appliedAt, executionTime,
        Long.toString(version), false);
  }

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is null
   */
  public MigrationStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(checksum, "checksum");
    Objects.requireNonNull(appliedChecksum, "appliedChecksum");
    Objects.requireNonNull(appliedAt, "appliedAt");
    Objects.requireNonNull(executionTime, "executionTime");
    Objects.requireNonNull(versionText, "versionText");
  }

  /**
   * Returns whether the migration is recorded as applied (APPLIED, CHANGED, MISSING, OUTDATED or BASELINE).
   *
   * @return false while pending or below the baseline
   */
  public boolean applied() {
    return state != MigrationState.PENDING && state != MigrationState.BELOW_BASELINE;
  }
}
