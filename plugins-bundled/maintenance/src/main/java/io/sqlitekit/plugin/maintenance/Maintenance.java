package io.sqlitekit.plugin.maintenance;

import io.sqlitekit.plugin.maintenance.internal.FileDrivers;
import io.sqlitekit.spi.compile.SqlFragment;
import io.sqlitekit.spi.driver.BackupProgress;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.DataAccessException;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.error.ValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Housekeeping of one SQLite database: full and incremental {@code VACUUM}, {@code PRAGMA optimize}, WAL
 * checkpoints, integrity checks, query plans and verified online backups, called directly or on a schedule.
 *
 * <p>Every number in a result is measured (page and free-list counts, file sizes read before and after),
 * never assumed. Tasks that write or need the database without a transaction run through
 * {@link SqliteDriver#exclusive}: this process's writers wait for them in the driver's fair queue rather than
 * failing with SQLITE_BUSY. Checks and plans run on a reader and block nobody.
 *
 * <p>Scheduled tasks run on one daemon thread owned by this object; a failing run is reported as a
 * {@link MaintenanceFailure} and the schedule goes on. {@link #close()} stops that thread (waiting for a running
 * task), then runs {@code PRAGMA optimize} when {@link MaintenanceOptions#optimizeOnClose()} asks for it, as
 * SQLite recommends before closing a connection. Close it before the driver. Thread-safe.
 *
 * <pre>{@code
 * try (Maintenance m = Maintenance.start(kit.driver(), MaintenanceOptions.defaults()
 *     .withIncrementalVacuumEvery(Duration.ofHours(1), 0)
 *     .withCheckpointEvery(Duration.ofMinutes(5), CheckpointMode.TRUNCATE))) {
 *   IntegrityReport r = m.quickCheck();
 * }
 * }</pre>
 *
 * @since 0.2.0
 */
public final class Maintenance implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final int MAX_PROBLEMS = 100;

  private final SqliteDriver driver;
  private final MaintenanceOptions options;
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean closed = new AtomicBoolean();
  // The executor reports termination before its worker thread has finished exiting; close() joins it so
  // that "stopped" means no thread of ours is left.
  private volatile Thread schedulerThread;

  private Maintenance(SqliteDriver driver, MaintenanceOptions options) {
    this.driver = driver;
    this.options = options;
    boolean anything = !options.vacuumEvery().isZero() || !options.incrementalVacuumEvery().isZero()
        || !options.optimizeEvery().isZero() || !options.checkpointEvery().isZero();
    this.scheduler = anything ? Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sqlitekit-maintenance-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      schedulerThread = t;
      return t;
    }) : null;
  }

  /**
   * Starts maintenance over a driver with the options' schedules. When incremental vacuums are scheduled and
   * the database is not in {@code auto_vacuum=INCREMENTAL}, it is switched now (one full VACUUM).
   *
   * @param driver the driver; stays owned by the caller
   * @param options what to schedule
   * @return the running maintenance, to close before the driver
   * @throws NullPointerException if an argument is null
   * @throws io.sqlitekit.spi.error.OperationNotSupportedException if a schedule needs work the driver cannot
   *     run (it has no {@link SqliteDriver#exclusive})
   */
  public static Maintenance start(SqliteDriver driver, MaintenanceOptions options) {
    Maintenance m = new Maintenance(Objects.requireNonNull(driver, "driver"),
        Objects.requireNonNull(options, "options"));
    try {
      if (!options.incrementalVacuumEvery().isZero() && m.autoVacuum() != AutoVacuum.INCREMENTAL) {
        m.setAutoVacuum(AutoVacuum.INCREMENTAL);
      }
      m.schedule("vacuum", options.vacuumEvery(), m::vacuum);
      m.schedule("incremental_vacuum", options.incrementalVacuumEvery(),
          () -> m.incrementalVacuum(options.incrementalVacuumPages()));
      m.schedule("optimize", options.optimizeEvery(), m::optimize);
      m.schedule("checkpoint", options.checkpointEvery(), () -> m.checkpoint(options.checkpointMode()));
    } catch (RuntimeException e) {
      m.stopSchedulers();
      throw e;
    }
    return m;
  }

  private void schedule(String task, Duration every, Supplier<? extends MaintenanceEvent> body) {
    if (every.isZero()) {
      return;
    }
    long millis = Math.max(1, every.toMillis());
    scheduler.scheduleWithFixedDelay(() -> runScheduled(task, body), millis, millis, TimeUnit.MILLISECONDS);
  }

  private void runScheduled(String task, Supplier<? extends MaintenanceEvent> body) {
    if (closed.get()) {
      return;
    }
    long t0 = System.nanoTime();
    try {
      body.get();
    } catch (RuntimeException e) {
      // The result was emitted by the task itself; a failure is reported here and the schedule goes on.
      emit(new MaintenanceFailure(task, e, since(t0)));
    }
  }

  /**
   * Returns the driver this maintenance runs on.
   *
   * @return the driver
   */
  public SqliteDriver driver() {
    return driver;
  }

  /**
   * Returns whether a scheduler thread is still running (false once {@link #close()} returned).
   *
   * @return true while schedules are active
   */
  public boolean schedulersRunning() {
    return scheduler != null && !scheduler.isTerminated();
  }

  // ------------------------------------------------------------------------------------------- vacuum

  /**
   * Rewrites the database into a minimal file ({@code VACUUM}), then checkpoints the WAL (TRUNCATE) so the
   * file really shrinks. This process's writers wait while it runs; it needs free disk space about the size of
   * the database.
   *
   * @return the measured result
   * @throws io.sqlitekit.spi.error.RepositoryException if SQLite refuses (for example another process holds a
   *     read transaction open)
   */
  public VacuumResult vacuum() {
    return emit(vacuumRun(false, 0));
  }

  /**
   * Returns free pages to the file system ({@code PRAGMA incremental_vacuum(pages)}), then checkpoints the
   * WAL (TRUNCATE) so the file shrinks. Cheap compared to {@link #vacuum()}: it moves only the pages it frees.
   *
   * @param pages the most pages to return, 0 for every free page
   * @return the measured result
   * @throws ValidationException if {@code pages} is negative
   * @throws io.sqlitekit.spi.error.ConfigurationException if the database is not in
   *     {@code auto_vacuum=INCREMENTAL} (see {@link #setAutoVacuum})
   */
  public VacuumResult incrementalVacuum(int pages) {
    if (pages < 0) {
      throw new ValidationException("pages", "incremental vacuum pages must be >= 0 (0 = all), was " + pages);
    }
    AutoVacuum mode = autoVacuum();
    if (mode != AutoVacuum.INCREMENTAL) {
      throw new io.sqlitekit.spi.error.ConfigurationException("incremental vacuum needs auto_vacuum=INCREMENTAL,"
          + " the database has " + mode + "; call setAutoVacuum(AutoVacuum.INCREMENTAL) once first");
    }
    return emit(vacuumRun(true, pages));
  }

  private VacuumResult vacuumRun(boolean incremental, int pages) {
    long t0 = System.nanoTime();
    Path file = mainFile();
    long sizeBefore = size(file);
    long[][] counts = driver.exclusive(s -> {
      long[] before = pageCounts(s);
      s.executeScript(incremental ? "PRAGMA incremental_vacuum(" + pages + ")" : "VACUUM");
      long[] after = pageCounts(s);
      checkpointOn(s, CheckpointMode.TRUNCATE);
      return new long[][] {before, after};
    });
    return new VacuumResult(incremental, counts[0][0], counts[0][1], counts[1][1], counts[0][2], counts[1][2],
        sizeBefore, size(file), since(t0));
  }

  /** page_size, page_count, freelist_count. */
  private static long[] pageCounts(SqlSession s) throws SQLException {
    return new long[] {pragmaLong(s, "page_size"), pragmaLong(s, "page_count"), pragmaLong(s, "freelist_count")};
  }

  /**
   * Returns the database's {@code auto_vacuum} setting.
   *
   * @return the setting
   */
  public AutoVacuum autoVacuum() {
    // The pragma answers from the connection's copy of the header, refreshed only when a read transaction
    // starts: read the schema first, inside one snapshot, or a reader may report the mode before a VACUUM.
    long v = driver.readSnapshot(s -> {
      s.query("SELECT count(*) FROM sqlite_schema", List.of(), rows -> rows.next());
      return pragmaLong(s, "auto_vacuum");
    });
    return v == 2 ? AutoVacuum.INCREMENTAL : v == 1 ? AutoVacuum.FULL : AutoVacuum.NONE;
  }

  /**
   * Changes {@code auto_vacuum}. Switching to or from {@link AutoVacuum#NONE} only takes effect after a full
   * {@code VACUUM}, which this runs then (and returns); otherwise nothing is rewritten.
   *
   * @param mode the new setting
   * @return the VACUUM's result, or null when none was needed
   */
  public VacuumResult setAutoVacuum(AutoVacuum mode) {
    Objects.requireNonNull(mode, "mode");
    AutoVacuum current = autoVacuum();
    if (current == mode) {
      return null;
    }
    driver.exclusive(s -> {
      s.executeScript("PRAGMA auto_vacuum = " + mode.name());
      return null;
    });
    boolean rebuild = current == AutoVacuum.NONE || mode == AutoVacuum.NONE;
    LOG.info("auto_vacuum {} -> {} on {}{}", current, mode, driver.url(), rebuild ? " (full VACUUM)" : "");
    return rebuild ? vacuum() : null;
  }

  // ------------------------------------------------------------------------------ optimize, checkpoint

  /**
   * Runs {@code PRAGMA optimize}: SQLite re-analyses the tables whose statistics it judges stale, usually
   * nothing, in milliseconds.
   *
   * @return the result with its duration
   */
  public OptimizeResult optimize() {
    return emit(optimizeRun(false));
  }

  private OptimizeResult optimizeRun(boolean onClose) {
    long t0 = System.nanoTime();
    driver.exclusive(s -> {
      s.executeScript("PRAGMA optimize");
      return null;
    });
    return new OptimizeResult(onClose, since(t0));
  }

  /**
   * Checkpoints the WAL and reports its size before and after.
   *
   * @param mode the checkpoint mode
   * @return what SQLite answered, with the WAL file's sizes
   */
  public CheckpointResult checkpoint(CheckpointMode mode) {
    Objects.requireNonNull(mode, "mode");
    long t0 = System.nanoTime();
    Path file = mainFile();
    Path wal = file == null ? null : Path.of(file + "-wal");
    long before = Math.max(0, size(wal));
    long[] r = driver.exclusive(s -> checkpointOn(s, mode));
    return emit(new CheckpointResult(mode, r[0] != 0, r[1], r[2], before, Math.max(0, size(wal)), since(t0)));
  }

  private static long[] checkpointOn(SqlSession s, CheckpointMode mode) throws SQLException {
    return s.query("PRAGMA wal_checkpoint(" + mode.name() + ")", List.of(), rows -> {
      if (!rows.next()) {
        return new long[] {0, -1, -1};
      }
      return new long[] {rows.getLong(0), rows.getLong(1), rows.getLong(2)};
    });
  }

  // ---------------------------------------------------------------------------------------- checks

  /**
   * Runs {@code PRAGMA integrity_check} (at most 100 problems) on a reader: every page, index and constraint.
   *
   * @return the typed report
   */
  public IntegrityReport integrityCheck() {
    return emit(check(driver, false));
  }

  /**
   * Runs {@code PRAGMA quick_check} on a reader: like {@link #integrityCheck()} without matching index
   * contents to tables, so much faster on large databases.
   *
   * @return the typed report
   */
  public IntegrityReport quickCheck() {
    return emit(check(driver, true));
  }

  private static IntegrityReport check(SqliteDriver d, boolean quick) {
    long t0 = System.nanoTime();
    List<String> lines = d.read(s -> s.query("PRAGMA " + (quick ? "quick_check" : "integrity_check") + "("
        + MAX_PROBLEMS + ")", List.of(), rows -> {
          List<String> out = new ArrayList<>();
          while (rows.next()) {
            out.add(rows.getString(0));
          }
          return out;
        }));
    List<String> problems = lines.size() == 1 && "ok".equals(lines.get(0)) ? List.of() : lines;
    return new IntegrityReport(quick, problems, since(t0));
  }

  // ----------------------------------------------------------------------------------------- plans

  /**
   * Explains a SELECT ({@code EXPLAIN QUERY PLAN}) on a reader; nothing runs. To explain what a repository
   * runs for a filter and sort, use {@link QueryPlans#explain}.
   *
   * @param select the statement and its parameters
   * @return the plan
   * @throws ValidationException if the statement is not a single SELECT
   */
  public QueryPlan explain(SqlFragment select) {
    Objects.requireNonNull(select, "select");
    String sql = select.sql().strip();
    if (!sql.regionMatches(true, 0, "SELECT", 0, 6) && !sql.regionMatches(true, 0, "WITH", 0, 4)) {
      throw new ValidationException("select", "only a SELECT can be explained");
    }
    List<String> steps = driver.read(s -> s.query("EXPLAIN QUERY PLAN " + sql, select.params(), rows -> {
      List<String> out = new ArrayList<>();
      while (rows.next()) {
        out.add(rows.getString(3));
      }
      return out;
    }));
    return plan(sql, steps);
  }

  static QueryPlan plan(String sql, List<String> steps) {
    List<String> indexes = new ArrayList<>();
    boolean fullScan = false;
    boolean tempSort = false;
    for (String step : steps) {
      String upper = step.toUpperCase(Locale.ROOT);
      int at = upper.indexOf(" USING ");
      if (upper.startsWith("SCAN ") && at < 0) {
        fullScan = true;
      }
      if (upper.startsWith("USE TEMP B-TREE")) {
        tempSort = true;
      }
      if (at >= 0) {
        String rest = step.substring(at + 7);
        String restUpper = rest.toUpperCase(Locale.ROOT);
        if (restUpper.startsWith("INTEGER PRIMARY KEY")) {
          indexes.add("INTEGER PRIMARY KEY");
        } else {
          int idx = restUpper.indexOf("INDEX ");
          if (idx >= 0) {
            String name = rest.substring(idx + 6);
            int end = name.indexOf(' ');
            indexes.add(end < 0 ? name : name.substring(0, end));
          }
        }
      }
    }
    return new QueryPlan(sql, steps, indexes, fullScan, tempSort);
  }

  // ---------------------------------------------------------------------------------------- backup

  /**
   * Copies the live database into a new file as one consistent snapshot while writers go on (see
   * {@link SqliteDriver#backup}), then verifies the copy with {@code integrity_check}.
   *
   * @param target the file to create; must not exist
   * @param progress receives pages done / total after each step
   * @return the result
   * @throws ValidationException if {@code target} exists
   * @throws DataAccessException if the copy fails or does not pass the check (the target is then deleted)
   * @throws io.sqlitekit.spi.error.OperationNotSupportedException if the driver cannot back up
   */
  public BackupResult backup(Path target, BackupProgress progress) {
    return emit(copyVerified(driver, target, progress));
  }

  /**
   * Restores a backup into a new database file: the backup is checked, copied with SQLite's backup API and
   * the new file checked again. The backup file is not changed.
   *
   * @param backupFile the backup
   * @param target the database file to create; must not exist
   * @param progress receives pages done / total after each step
   * @return the result
   * @throws ValidationException if {@code backupFile} is missing or {@code target} exists
   * @throws DataAccessException if the backup or the restored file fails the check
   */
  public static BackupResult restore(Path backupFile, Path target, BackupProgress progress) {
    Objects.requireNonNull(backupFile, "backupFile");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(progress, "progress");
    if (!Files.isRegularFile(backupFile)) {
      throw new ValidationException("backupFile", "backup file " + Messages.quote(backupFile.toString())
          + " does not exist");
    }
    if (Files.exists(target)) {
      throw new ValidationException("target", "restore target " + Messages.quote(target.toString())
          + " already exists; restore into a new file");
    }
    try (SqliteDriver source = FileDrivers.open(backupFile)) {
      IntegrityReport r = check(source, false);
      if (!r.ok()) {
        throw new DataAccessException("backup " + Messages.quote(backupFile.toString())
            + " fails integrity_check: " + String.join("; ", r.problems()));
      }
      BackupResult result = copyVerified(source, target, progress);
      LOG.info("restored {} into {}: {} pages in {} ms", backupFile, target, result.pages(),
          result.took().toMillis());
      return result;
    }
  }

  private static BackupResult copyVerified(SqliteDriver from, Path target, BackupProgress progress) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(progress, "progress");
    long t0 = System.nanoTime();
    int pages = from.backup(target, progress);
    IntegrityReport r;
    try (SqliteDriver copy = FileDrivers.open(target)) {
      r = check(copy, false);
    }
    if (!r.ok()) {
      deleteQuietly(target);
      throw new DataAccessException("the copy " + Messages.quote(target.toString())
          + " fails integrity_check and was deleted: " + String.join("; ", r.problems()));
    }
    return new BackupResult(target, pages, size(target), since(t0));
  }

  private static void deleteQuietly(Path p) {
    for (Path f : List.of(p, Path.of(p + "-wal"), Path.of(p + "-shm"))) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        LOG.warn("could not delete {}", f, e);
      }
    }
  }

  // ----------------------------------------------------------------------------------------- close

  /**
   * Stops every schedule (waiting up to 30 s for a running task), then runs {@code PRAGMA optimize} if the
   * options ask for it. Idempotent; the driver stays open.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stopSchedulers();
    if (options.optimizeOnClose()) {
      try {
        emit(optimizeRun(true));
      } catch (RuntimeException e) {
        LOG.warn("PRAGMA optimize on close failed for {}", driver.url(), e);
      }
    }
  }

  private void stopSchedulers() {
    if (scheduler == null) {
      return;
    }
    scheduler.shutdownNow();
    try {
      Thread worker = schedulerThread;
      if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("a maintenance task of {} did not stop within 30 s", driver.url());
      } else if (worker != null) {
        worker.join(TimeUnit.SECONDS.toMillis(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // --------------------------------------------------------------------------------------- helpers

  private <E extends MaintenanceEvent> E emit(E event) {
    if (event instanceof MaintenanceFailure) {
      MaintenanceFailure f = (MaintenanceFailure) event;
      LOG.warn("scheduled {} on {} failed; the schedule goes on", f.task(), driver.url(), f.error());
    } else if (event instanceof VacuumResult || event instanceof BackupResult) {
      LOG.info("{} on {}", event, driver.url());
    } else {
      LOG.debug("{} on {}", event, driver.url());
    }
    try {
      options.listener().onEvent(event);
    } catch (RuntimeException e) {
      LOG.warn("maintenance listener failed", e);
    }
    return event;
  }

  /** The main database file, or null for a database without one (memory, temporary). */
  private Path mainFile() {
    String file = driver.read(s -> s.query("PRAGMA database_list", List.of(), rows -> {
      while (rows.next()) {
        if ("main".equals(rows.getString(1))) {
          return rows.getString(2);
        }
      }
      return null;
    }));
    return file == null || file.isEmpty() ? null : Path.of(file);
  }

  private static long size(Path p) {
    if (p == null) {
      return -1;
    }
    try {
      return Files.exists(p) ? Files.size(p) : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  private static long pragmaLong(SqlSession s, String name) throws SQLException {
    return s.query("PRAGMA " + name, List.of(), rows -> rows.next() ? rows.getLong(0) : 0L);
  }

  private static Duration since(long t0) {
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  @Override
  public String toString() {
    return "Maintenance[" + driver.url() + "]";
  }
}
