package io.sqlitekit.plugin.maintenance;

/**
 * SQLite's {@code auto_vacuum} setting.
 *
 * @since 0.2.0
 */
public enum AutoVacuum {
  /** Free pages stay in the file until a full {@code VACUUM}. */
  NONE,
  /** Free pages are returned to the file system at every commit. */
  FULL,
  /** Free pages are kept until {@code PRAGMA incremental_vacuum(N)} returns them. */
  INCREMENTAL
}
