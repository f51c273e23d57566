package io.sqlitekit.plugin.maintenance;

import java.time.Duration;

/**
 * What a {@code VACUUM} or {@code incremental_vacuum} measurably did: page and free-list counts read before
 * and after, and the database file's size on disk (after a WAL checkpoint, so the file really shrank).
 *
 * @param incremental true for {@code incremental_vacuum}, false for a full {@code VACUUM}
 * @param pageSize the page size in bytes
 * @param pagesBefore {@code page_count} before
 * @param pagesAfter {@code page_count} after
 * @param freelistBefore {@code freelist_count} before
 * @param freelistAfter {@code freelist_count} after
 * @param fileBytesBefore the main file's size before, or -1 for a database without a file
 * @param fileBytesAfter the main file's size after, or -1
 * @param took how long it took
 * @since 0.2.0
 */
public record VacuumResult(boolean incremental, long pageSize, long pagesBefore, long pagesAfter,
    long freelistBefore, long freelistAfter, long fileBytesBefore, long fileBytesAfter, Duration took)
    implements MaintenanceEvent {
  /**
   * Returns the pages given back to the file system ({@code page_count} before minus after).
   *
   * @return the reclaimed pages, never negative
   */
  public long pagesReclaimed() {
    return Math.max(0, pagesBefore - pagesAfter);
  }
}
