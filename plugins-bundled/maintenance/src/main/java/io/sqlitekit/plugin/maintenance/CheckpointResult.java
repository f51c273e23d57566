package io.sqlitekit.plugin.maintenance;

import java.time.Duration;

/**
 * The answer of {@code PRAGMA wal_checkpoint(MODE)} with the WAL file's size around it.
 *
 * @param mode the mode
 * @param busy true when the checkpoint could not finish (a reader or writer was in the way)
 * @param walFrames frames in the WAL (-1 when the database is not in WAL mode)
 * @param checkpointedFrames frames copied into the database (-1 when not in WAL mode)
 * @param walBytesBefore the WAL file's size before, 0 when there is none
 * @param walBytesAfter the WAL file's size after
 * @param took how long it took
 * @since 0.2.0
 */
public record CheckpointResult(CheckpointMode mode, boolean busy, long walFrames, long checkpointedFrames,
    long walBytesBefore, long walBytesAfter, Duration took) implements MaintenanceEvent {
}
