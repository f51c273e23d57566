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
  MISSING
}
