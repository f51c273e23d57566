package io.sqlitekit.driver.xerial.internal;

import io.sqlitekit.spi.driver.BackupProgress;
import io.sqlitekit.spi.error.DataAccessException;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.error.ValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * Internal, not API, may change. SQLite's online backup API through sqlite-jdbc.
 *
 * <p>Why a read transaction around the copy: {@code sqlite3_backup_step} restarts from page one whenever
 * another connection commits between two steps, so under steady writes a stepwise backup may never finish.
 * Holding one read transaction on the source connection for the whole copy pins a WAL snapshot: the source
 * never sees a newer state, nothing restarts, the copy is exactly that snapshot, and writers keep committing
 * (WAL readers do not block writers; checkpoints simply stop at the snapshot until it ends).
 */
final class XerialBackup {
  /** Pages per step: small enough for frequent progress, large enough to keep the step overhead low. */
  static final int PAGES_PER_STEP = 256;

  private XerialBackup() {}

  /** Refuses an existing target, before any work. */
  static void checkTarget(Path target) {
    if (Files.exists(target)) {
      throw new ValidationException("target", "backup target " + Messages.quote(target.toString())
          + " already exists; choose a new file (a backup never overwrites)");
    }
  }

  /** Backs up through a new read-only connection to the URL, inside one read transaction. */
  static int fromNewConnection(String url, Path target, BackupProgress progress) {
    return guarded(target, () -> {
      SQLiteConfig config = new SQLiteConfig();
      config.setReadOnly(true);
      try (Connection c = config.createConnection(url); Statement s = c.createStatement()) {
        s.execute("BEGIN");
        // The first read starts the read transaction and fixes the snapshot.
        s.executeQuery("SELECT count(*) FROM sqlite_schema").close();
        try {
          return copy((SQLiteConnection) c, target, progress);
        } finally {
          s.execute("ROLLBACK");
        }
      }
    });
  }

  /** Backs up through a connection the caller owns exclusively (the shared connection of a memory database). */
  static int fromConnection(SQLiteConnection c, Path target, BackupProgress progress) {
    return guarded(target, () -> copy(c, target, progress));
  }

  /** A copy that may fail with SQLite's error. */
  private interface Copy {
    int run() throws SQLException;
  }

  /** Runs a copy; on failure deletes the partial target and throws the typed error. */
  private static int guarded(Path target, Copy copy) {
    try {
      return copy.run();
    } catch (SQLException e) {
      deleteQuietly(target, e);
      throw new DataAccessException(String.format(Locale.ROOT, "backup to %s failed: %s",
          Messages.quote(target.toString()), ErrorTranslator.sqliteMessage(e.getMessage())), e);
    } catch (RuntimeException e) {
      deleteQuietly(target, e);
      throw e;
    }
  }

  private static int copy(SQLiteConnection c, Path target, BackupProgress progress) throws SQLException {
    AtomicInteger total = new AtomicInteger();
    int rc = c.getDatabase().backup("main", target.toAbsolutePath().toString(), (remaining, pageCount) -> {
      total.set(pageCount);
      progress.progress(pageCount - remaining, pageCount);
    }, 100, 50, PAGES_PER_STEP);
    if (rc != 0 && rc != 101) {
      throw new SQLException("backup finished with SQLite result code " + rc, null, rc);
    }
    return total.get();
  }

  private static void deleteQuietly(Path target, Throwable primary) {
    try {
      Files.deleteIfExists(target);
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }
}
