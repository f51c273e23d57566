package io.sqlitekit.plugin.maintenance;

/**
 * How a WAL checkpoint treats readers and writers ({@code PRAGMA wal_checkpoint(MODE)}).
 *
 * @since 0.2.0
 */
public enum CheckpointMode {
  /** Copies what it can without waiting for anyone; never blocks a reader or writer. */
  PASSIVE,
  /** Waits for writers, then copies every frame. */
  FULL,
  /** Like FULL, then waits for readers so the next writer restarts the WAL from its beginning. */
  RESTART,
  /** Like RESTART, then truncates the WAL file to zero bytes. */
  TRUNCATE
}
