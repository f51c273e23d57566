package io.sqlitekit.migrate;

/**
 * Where a migration stands relative to the database.
 *
 * @since 0.1.0
 */
public enum MigrationState {
  /** In the sources, not applied. */
  PENDING,
  /** Applied, and the sources still hold it unchanged. */
  APPLIED,
  /** Applied, but the source's checksum or name differs from what was recorded. */
  CHANGED,
  /** Recorded as applied, but no source holds a migration with that version. */
  MISSING,
  /** A repeatable migration whose source changed since it was applied: the next {@code up} runs it again. */
  OUTDATED,
  /** The baseline marker written by {@link Migrator#baseline}: the database already had this schema. */
  BASELINE,
  /** A versioned migration at or below the baseline: never applied, because the database already has it. */
  BELOW_BASELINE
}
