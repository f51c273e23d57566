package io.sqlitekit.spi.driver;

/**
 * Receives the progress of {@link SqliteDriver#backup}: called after each copied step and once at the end.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface BackupProgress {
  /** Ignores progress. */
  BackupProgress NONE = (done, total) -> { };

  /**
   * Reports progress.
   *
   * @param pagesDone pages copied so far
   * @param pagesTotal pages of the snapshot being copied
   */
  void progress(int pagesDone, int pagesTotal);
}
