package io.sqlitekit.migrate;

import io.sqlitekit.migrate.internal.Checksums;
import io.sqlitekit.migrate.internal.Drivers;
import io.sqlitekit.spi.driver.Rows;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.driver.SqlWork;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.MigrationException;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.support.driver.ForwardingSqlSession;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies, reports and rolls back migrations on one SQLite database.
 *
 * <pre>{@code
 * try (Migrator m = Migrator.create("jdbc:sqlite:app.db", MigrationSource.drizzle(Path.of("drizzle")))) {
 *   List<String> applied = m.up();
 * }
 * }</pre>
 *
 * <p><b>Order:</b> the migrations of all sources form one list in ascending
 * {@linkplain Migration#migrationVersion() version} order, compared part by part as numbers
 * ({@code 2 < 10 < 100}, {@code 1.2 < 1.10 < 2}); a version that occurs twice is a
 * {@link MigrationException}. {@link #up()} also applies a pending migration whose version is lower than
 * an applied one (a gap), in version order. {@linkplain Migration#repeatable() Repeatable} migrations follow,
 * in name order, each applied again whenever its checksum changed. {@link #baseline} adopts a database that
 * already has the schema up to some version.
 *
 * <p><b>Atomicity:</b> each migration runs in its own write transaction ({@code BEGIN IMMEDIATE}) together
 * with the insert (or, for {@code down}, the delete) of its row in the tracking table; a failure rolls
 * that migration back completely and stops, while earlier migrations stay applied.
 *
 * <p><b>Foreign keys:</b> {@code PRAGMA foreign_keys} cannot change inside a transaction, so the
 * {@code PRAGMA foreign_keys=OFF} that drizzle-kit writes around a table rebuild (create {@code __new_t},
 * copy, drop {@code t}, rename) has no effect there. A migrator that opens its own driver
 * ({@link #create(String, MigrationSource...)}, the CLI) therefore opens it with {@code foreign_keys=OFF}
 * and, when foreign keys are off, runs {@code PRAGMA foreign_key_check} before and after each migration
 * inside its transaction: a migration that adds violations fails and is rolled back, naming the tables.
 * On a caller's driver with foreign keys on, constraints are deferred to the end of each migration
 * ({@code PRAGMA defer_foreign_keys}); rebuilding a table that other rows reference then fails with a
 * {@link MigrationException} that explains this.
 *
 * <p><b>Concurrency:</b> before applying a migration the migrator re-reads its tracking row inside the
 * write transaction, so several threads or processes running {@code up()} on one file apply each migration
 * exactly once; the others wait for the write lock (retrying for {@link MigratorOptions#lockWait()} when
 * the driver's busy timeout elapses) and then find it applied.
 *
 * <p><b>Tracking table</b> ({@value MigratorOptions#DEFAULT_TABLE} by default): {@code version} (primary
 * key), {@code name}, {@code checksum} (SHA-256 of the normalised SQL), {@code applied_at} (ISO-8601 UTC),
 * {@code execution_ms}, {@code success}, {@code version_text} (the dotted version as written; added to a
 * table from 0.1 on first {@code up}; dotted versions and repeatable migrations are keyed by a stable
 * negative {@code version}). Because a failed migration leaves no row at all, {@code success}
 * is always 1; it is kept so the layout matches tools that record failures.
 *
 * <p><b>Validation:</b> by default {@link #up()} and {@link #down(long)} first call {@link #validate()},
 * which refuses when an applied migration's checksum or name changed or an applied migration is missing
 * from the sources; {@link MigratorOptions#withValidate(boolean)} turns that off.
 *
 * <p>Thread-safe. Sources are loaded again on every call.
 *
 * @since 0.1.0
 */
public final class Migrator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
  /** The name of the marker row {@link #baseline} writes. */
  static final String BASELINE_NAME = "<< baseline >>";

  private final SqliteDriver driver;
  private final boolean ownsDriver;
  private final List<MigrationSource> sources;
  private final MigratorOptions options;

  private Migrator(SqliteDriver driver, boolean ownsDriver, MigratorOptions options, MigrationSource[] sources) {
    this.driver = driver;
    this.ownsDriver = ownsDriver;
    this.options = options;
    this.sources = List.copyOf(Arrays.asList(sources));
  }

  /**
   * Creates a migrator on a driver the caller owns; {@link #close()} leaves it open.
   *
   * @param driver the driver
   * @param sources the migration sources
   * @return the migrator
   * @throws NullPointerException if an argument or source is null
   */
  public static Migrator create(SqliteDriver driver, MigrationSource... sources) {
    return create(driver, MigratorOptions.defaults(), sources);
  }

  /**
   * Creates a migrator with options on a driver the caller owns; {@link #close()} leaves it open.
   *
   * @param driver the driver
   * @param options the options
   * @param sources the migration sources
   * @return the migrator
   * @throws NullPointerException if an argument or source is null
   */
  public static Migrator create(SqliteDriver driver, MigratorOptions options, MigrationSource... sources) {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(sources, "sources");
    return new Migrator(driver, false, options, sources);
  }

  /**
   * Creates a migrator that opens, and on {@link #close()} closes, its own driver: the single
   * {@link io.sqlitekit.spi.driver.DriverProvider} found by {@link java.util.ServiceLoader} that accepts the
   * URL, with default driver options.
   *
   * @param jdbcUrl for example {@code jdbc:sqlite:app.db}
   * @param sources the migration sources
   * @return the migrator
   * @throws NullPointerException if an argument or source is null
   * @throws io.sqlitekit.spi.error.ConfigurationException if no driver, or more than one, accepts the URL
   */
  public static Migrator create(String jdbcUrl, MigrationSource... sources) {
    return create(jdbcUrl, MigratorOptions.defaults(), sources);
  }

  /**
   * Creates a migrator with options that opens and owns its own driver, as {@link #create(String,
   * MigrationSource...)}.
   *
   * @param jdbcUrl for example {@code jdbc:sqlite:app.db}
   * @param options the options
   * @param sources the migration sources
   * @return the migrator
   * @throws NullPointerException if an argument or source is null
   * @throws io.sqlitekit.spi.error.ConfigurationException if no driver, or more than one, accepts the URL
   */
  public static Migrator create(String jdbcUrl, MigratorOptions options, MigrationSource... sources) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(sources, "sources");
    Arrays.asList(sources).forEach(s -> Objects.requireNonNull(s, "source"));
    return new Migrator(Drivers.open(jdbcUrl), true, options, sources);
  }

  /**
   * Returns the driver this migrator works on.
   *
   * @return the driver
   */
  public SqliteDriver driver() {
    return driver;
  }

  /**
   * Loads every source and returns the migrations in version order.
   *
   * @return the migrations
   * @throws MigrationException if a source fails or a version occurs twice
   */
  public List<Migration> migrations() {
    TreeMap<MigrationVersion, Migration> byVersion = new TreeMap<>();
    TreeMap<String, Migration> repeatables = new TreeMap<>();
    for (MigrationSource source : sources) {
      for (Migration m : source.load()) {
        Objects.requireNonNull(m, "migration");
        if (m.repeatable()) {
          Migration previous = repeatables.put(m.name(), m);
          if (previous != null) {
            throw new MigrationException(String.format(Locale.ROOT,
                "two repeatable migrations are named %s: %s and %s", m.name(), previous, m));
          }
          continue;
        }
        MigrationVersion v;
        try {
          v = m.migrationVersion();
        } catch (MigrationException e) {
          throw new MigrationException(String.format(Locale.ROOT,
              "migration %s has a negative version %d", m.name(), m.version()), e);
        }
        Migration previous = byVersion.put(v, m);
        if (previous != null) {
          throw new MigrationException(String.format(Locale.ROOT,
              "two migrations have version %s: %s and %s; versions must be unique across all sources",
              v, previous, m));
        }
      }
    }
    List<Migration> out = new ArrayList<>(byVersion.values());
    out.addAll(repeatables.values());
    return List.copyOf(out);
  }

  /** The tracking table's key of a migration. */
  static long key(Migration m) {
    return m.repeatable() ? Checksums.repeatableKey(m.name()) : m.migrationVersion().key();
  }

  /**
   * Reports every migration of the sources plus every applied migration missing from them, by version.
   * Creates nothing in the database.
   *
   * @return the statuses in version order
   * @throws MigrationException if a source fails or the tracking table has a foreign layout
   */
  public List<MigrationStatus> status() {
    return statusOf(migrations(), driver.read(this::readApplied));
  }

  /**
   * Checks that every applied migration is still in the sources, with the same checksum and name.
   *
   * @throws MigrationException listing every changed and missing migration
   */
  public void validate() {
    validate(statusOf(migrations(), driver.read(this::readApplied)));
  }

  /**
   * Applies every pending migration in version order, then every repeatable migration that is new or
   * changed, in name order. Versioned migrations at or below a {@linkplain #baseline baseline} are skipped.
   *
   * @return the names applied by this call, in order; empty when everything was applied already
   * @throws MigrationException if validation fails or a migration fails (that one is rolled back, earlier
   *     ones stay applied)
   */
  public List<String> up() {
    return upTo(null);
  }

  /**
   * Applies the pending migrations whose version is at most {@code target}, in version order; repeatable
   * migrations wait for an {@link #up()} without target.
   *
   * @param target the highest version to apply
   * @return the names applied by this call, in order
   * @throws MigrationException if validation fails or a migration fails
   */
  public List<String> up(long target) {
    return upTo(MigrationVersion.of(target));
  }

  /**
   * Applies the pending migrations whose version is at most {@code target}, e.g. {@code 1.4}.
   *
   * @param target the highest version to apply
   * @return the names applied by this call, in order
   * @throws MigrationException if validation fails or a migration fails
   * @since 0.2.0
   */
  public List<String> up(MigrationVersion target) {
    return upTo(Objects.requireNonNull(target, "target"));
  }

  private List<String> upTo(MigrationVersion target) {
    List<Migration> all = migrations();
    ensureTable();
    Map<Long, AppliedRow> applied = driver.read(this::readApplied);
    if (options.validate()) {
      validate(statusOf(all, applied));
    }
    MigrationVersion baseline = baselineOf(applied);
    List<String> done = new ArrayList<>();
    for (Migration m : all) {
      AppliedRow row = applied.get(key(m));
      if (m.repeatable()) {
        if (target != null || (row != null && row.checksum.equals(m.checksum()))) {
          continue;
        }
      } else {
        MigrationVersion v = m.migrationVersion();
        if ((target != null && v.compareTo(target) > 0) || row != null
            || (baseline != null && v.compareTo(baseline) <= 0)) {
          continue;
        }
      }
      Optional<Duration> took = applyIfPending(m);
      if (took.isPresent()) {
        LOG.info("applied migration {} ({}) in {} ms", m.name(), label(m), took.get().toMillis());
        options.listener().finished(MigrationListener.Direction.UP, m, took.get());
        done.add(m.name());
      } else {
        LOG.debug("migration {} ({}) was applied concurrently", m.name(), label(m));
      }
    }
    return Collections.unmodifiableList(done);
  }

  /**
   * Records that the database already has the schema of every migration up to {@code version}, so
   * {@link #up()} applies only later ones: for adopting a database that was created without this migrator.
   * Writes one marker row (state {@link MigrationState#BASELINE}); migrations at or below it become
   * {@link MigrationState#BELOW_BASELINE} and are never run.
   *
   * @param version the last version the database already has
   * @throws MigrationException if the tracking table already records a migration or a baseline
   * @since 0.2.0
   */
  public void baseline(MigrationVersion version) {
    Objects.requireNonNull(version, "version");
    ensureTable();
    writeWithRetry(s -> {
      long rows = s.query("SELECT count(*) FROM " + options.quotedTable(), List.of(),
          r -> r.next() ? r.getLong(0) : 0L);
      if (rows > 0) {
        throw new MigrationException(String.format(Locale.ROOT,
            "cannot baseline at %s: %s already records %d migration(s); a baseline is for a database this "
                + "migrator has never touched", version, options.table(), rows));
      }
      s.update("INSERT INTO " + options.quotedTable()
          + " (version, name, checksum, applied_at, execution_ms, success, version_text)"
          + " VALUES (?, ?, '', ?, 0, 1, ?)", List.of(version.key(), BASELINE_NAME,
              Instant.now(options.clock()).truncatedTo(ChronoUnit.MILLIS).toString(), version.toString()));
      return null;
    });
    LOG.info("baselined {} at version {}", options.table(), version);
  }

  private static String label(Migration m) {
    return m.repeatable() ? "repeatable" : "version " + m.migrationVersion();
  }

  /** Creates the tracking table, or adds the column that dotted versions need to one from 0.1. */
  private void ensureTable() {
    // Read-only when the table is current: an up-to-date database needs no write lock at all.
    boolean current = driver.read(s -> {
      if (!tableExists(s)) {
        return false;
      }
      checkLayout(s);
      return hasVersionText(s);
    });
    if (!current) {
      writeWithRetry(s -> {
        s.executeScript(createTableSql());
        checkLayout(s);
        if (!hasVersionText(s)) {
          s.executeScript("ALTER TABLE " + options.quotedTable() + " ADD COLUMN version_text TEXT");
        }
        return null;
      });
    }
  }

  /**
   * Applies one migration in its own write transaction unless its tracking row exists by then. Package-private
   * so a test can call it with a stale view, as a concurrent migrator would.
   *
   * @return how long the migration took, or empty when another migrator had applied it
   */
  Optional<Duration> applyIfPending(Migration m) {
    long[] nanos = {-1};
    boolean ran = writeStep(m, "up", s -> {
      // Re-read inside the write lock: another thread or process may have applied it meanwhile.
      Optional<String> recorded = recordedChecksum(s, key(m));
      if (recorded.isPresent() && (!m.repeatable() || recorded.get().equals(m.checksum()))) {
        return false;
      }
      Map<String, Long> violationsBefore = prepareForeignKeys(s);
      options.listener().starting(MigrationListener.Direction.UP, m);
      long t0 = System.nanoTime();
      runStep(m, progressSession(s, MigrationListener.Direction.UP, m, t0), true);
      nanos[0] = System.nanoTime() - t0;
      checkForeignKeys(s, m, "up", violationsBefore);
      // A repeatable migration's row is replaced on every run: it records the checksum last applied.
      s.update((m.repeatable() ? "INSERT OR REPLACE INTO " : "INSERT INTO ") + options.quotedTable()
          + " (version, name, checksum, applied_at, execution_ms, success, version_text)"
          + " VALUES (?, ?, ?, ?, ?, 1, ?)",
          java.util.Arrays.asList(key(m), m.name(), m.checksum(),
              Instant.now(options.clock()).truncatedTo(ChronoUnit.MILLIS).toString(),
              TimeUnit.NANOSECONDS.toMillis(nanos[0]),
              m.repeatable() ? null : m.migrationVersion().toString()));
      return true;
    });
    return ran ? Optional.of(Duration.ofNanos(nanos[0])) : Optional.empty();
  }

  /** The session a migration step works on: the real one, reporting each completed call as progress. */
  private SqlSession progressSession(SqlSession s, MigrationListener.Direction direction, Migration m, long t0) {
    MigrationListener listener = options.listener();
    int[] done = {0};
    Runnable tick = () -> listener.progress(direction, m, ++done[0], Duration.ofNanos(System.nanoTime() - t0));
    return new ForwardingSqlSession(s) {
      @Override
      public <R> R query(String sql, List<?> params, io.sqlitekit.spi.driver.RowReader<R> reader)
          throws SQLException {
        R r = super.query(sql, params, reader);
        tick.run();
        return r;
      }

      @Override
      public long update(String sql, List<?> params) throws SQLException {
        long n = super.update(sql, params);
        tick.run();
        return n;
      }

      @Override
      public long[] batch(String sql, List<? extends List<?>> rows) throws SQLException {
        long[] n = super.batch(sql, rows);
        tick.run();
        return n;
      }

      @Override
      public void executeScript(String script) throws SQLException {
        super.executeScript(script);
        tick.run();
      }

      @Override
      public <R> R atomic(List<String> sql, List<? extends List<?>> params,
          io.sqlitekit.spi.driver.RowReader<R> reader) throws SQLException {
        // One call to the real session, so its atomicity holds; reported as one completed call.
        R r = super.atomic(sql, params, reader);
        tick.run();
        return r;
      }
    };
  }

  /**
   * Rolls back the most recently applied versioned migration (the one with the highest version).
   *
   * @return the name rolled back, or an empty list when nothing is applied
   * @throws MigrationException as for {@link #down(long)}
   */
  public List<String> down() {
    List<AppliedRow> versioned = versionedRows(driver.read(this::readApplied));
    if (versioned.isEmpty()) {
      return List.of();
    }
    return downTo(versioned.size() == 1 ? null : versioned.get(versioned.size() - 2).version());
  }

  /**
   * Rolls back every applied migration whose version is greater than {@code target}, newest first;
   * {@code target} itself stays applied, and {@code -1} rolls back everything. Repeatable migrations and a
   * baseline are never rolled back.
   *
   * <p>Before rolling back anything, checks that each of those migrations is in the sources and
   * {@linkplain Migration#reversible() reversible}, so a missing down script fails before any change.
   *
   * @param target the version to return to
   * @return the names rolled back by this call, newest first
   * @throws MigrationException if validation fails, a migration to roll back is missing or has no down
   *     script, or a down script fails (that one is rolled back; those before it stay rolled back)
   */
  public List<String> down(long target) {
    return downTo(target < 0 ? null : MigrationVersion.of(target));
  }

  /**
   * Rolls back every applied migration whose version is greater than {@code target}, e.g. {@code 1.2}, as
   * {@link #down(long)}.
   *
   * @param target the version to return to
   * @return the names rolled back by this call, newest first
   * @throws MigrationException as for {@link #down(long)}
   * @since 0.2.0
   */
  public List<String> down(MigrationVersion target) {
    return downTo(Objects.requireNonNull(target, "target"));
  }

  private List<String> downTo(MigrationVersion target) {
    List<Migration> all = migrations();
    Map<Long, AppliedRow> applied = driver.read(this::readApplied);
    if (options.validate()) {
      validate(statusOf(all, applied));
    }
    Map<Long, Migration> byKey = new HashMap<>();
    for (Migration m : all) {
      byKey.put(key(m), m);
    }
    List<Migration> undo = new ArrayList<>();
    List<AppliedRow> newestFirst = versionedRows(applied);
    Collections.reverse(newestFirst);
    for (AppliedRow row : newestFirst) {
      if (target != null && row.version().compareTo(target) <= 0) {
        continue;
      }
      Migration m = byKey.get(row.key);
      if (m == null) {
        throw new MigrationException(String.format(Locale.ROOT,
            "cannot roll back %s (version %s): it is not in the migration sources", row.name, row.version()));
      }
      if (!m.reversible()) {
        throw new MigrationException(String.format(Locale.ROOT,
            "cannot roll back %s (%s): it has no down migration", m.name(), label(m)));
      }
      undo.add(m);
    }
    List<String> done = new ArrayList<>();
    for (Migration m : undo) {
      long[] nanos = {-1};
      boolean ran = writeStep(m, "down", s -> {
        if (recordedChecksum(s, key(m)).isEmpty()) {
          return false;
        }
        Map<String, Long> violationsBefore = prepareForeignKeys(s);
        options.listener().starting(MigrationListener.Direction.DOWN, m);
        long t0 = System.nanoTime();
        runStep(m, progressSession(s, MigrationListener.Direction.DOWN, m, t0), false);
        nanos[0] = System.nanoTime() - t0;
        checkForeignKeys(s, m, "down", violationsBefore);
        s.update("DELETE FROM " + options.quotedTable() + " WHERE version = ?", List.of(key(m)));
        return true;
      });
      if (ran) {
        Duration took = Duration.ofNanos(nanos[0]);
        LOG.info("rolled back migration {} ({}) in {} ms", m.name(), label(m), took.toMillis());
        options.listener().finished(MigrationListener.Direction.DOWN, m, took);
        done.add(m.name());
      }
    }
    return Collections.unmodifiableList(done);
  }

  /** Applied versioned migrations (no baseline, no repeatables) in version order. */
  private static List<AppliedRow> versionedRows(Map<Long, AppliedRow> applied) {
    List<AppliedRow> rows = new ArrayList<>();
    for (AppliedRow r : applied.values()) {
      if (!r.baseline() && !r.repeatable()) {
        rows.add(r);
      }
    }
    rows.sort((a, b) -> a.version().compareTo(b.version()));
    return rows;
  }

  private static MigrationVersion baselineOf(Map<Long, AppliedRow> applied) {
    for (AppliedRow r : applied.values()) {
      if (r.baseline()) {
        return r.version();
      }
    }
    return null;
  }

  /**
   * Rolls back every applied migration, newest first; the same as {@code down(-1)}.
   *
   * @return the names rolled back, newest first
   * @throws MigrationException as for {@link #down(long)}
   */
  public List<String> downAll() {
    return down(-1);
  }

  /** Closes the driver if this migrator opened it; otherwise does nothing. Idempotent. */
  @Override
  public void close() {
    if (ownsDriver) {
      driver.close();
    }
  }

  private static void runStep(Migration m, SqlSession s, boolean up) {
    try {
      if (up) {
        m.up(s);
      } else {
        m.down(s);
      }
    } catch (MigrationException e) {
      throw e;
    } catch (SQLException | RuntimeException e) {
      throw new MigrationException(String.format(Locale.ROOT, "migration %s (%s) %s failed: %s",
          m.name(), label(m), up ? "up" : "down", e.getMessage()), e);
    }
  }

  /**
   * Runs one migration step's transaction; a database failure outside the migration's own statements (for
   * example deferred foreign keys failing at COMMIT) is reported as a MigrationException naming it.
   */
  private <R> R writeStep(Migration m, String direction, SqlWork<R> work) {
    try {
      return writeWithRetry(work);
    } catch (MigrationException e) {
      throw e;
    } catch (RepositoryException e) {
      String hint = String.valueOf(e.getMessage()).contains("FOREIGN KEY")
          ? " (foreign keys are on and cannot be switched off inside the migration's transaction, so a table "
              + "rebuild that drops a referenced table fails; run the migrator on a driver opened with pragma "
              + "foreign_keys=OFF, as Migrator.create(jdbcUrl, ...) and the CLI do)"
          : "";
      throw new MigrationException(String.format(Locale.ROOT, "migration %s (%s) %s failed: %s%s",
          m.name(), label(m), direction, e.getMessage(), hint), e);
    }
  }

  /** Returns the foreign-key violations per table when foreign keys are off, else defers them to commit. */
  private static Map<String, Long> prepareForeignKeys(SqlSession s) throws SQLException {
    if (foreignKeysOn(s)) {
      s.executeScript("PRAGMA defer_foreign_keys = ON");
      return null;
    }
    return foreignKeyViolations(s);
  }

  private static void checkForeignKeys(SqlSession s, Migration m, String direction, Map<String, Long> before)
      throws SQLException {
    if (before == null) {
      return;
    }
    Map<String, Long> after = foreignKeyViolations(s);
    List<String> added = new ArrayList<>();
    for (Map.Entry<String, Long> e : after.entrySet()) {
      long was = before.getOrDefault(e.getKey(), 0L);
      if (e.getValue() > was) {
        added.add(String.format(Locale.ROOT, "%s (%d row(s))", e.getKey(), e.getValue() - was));
      }
    }
    if (!added.isEmpty()) {
      throw new MigrationException(String.format(Locale.ROOT,
          "migration %s (%s) %s leaves foreign key violations: %s", m.name(), label(m), direction,
          String.join(", ", added)));
    }
  }

  private static boolean foreignKeysOn(SqlSession s) throws SQLException {
    return s.query("PRAGMA foreign_keys", List.of(), rows -> rows.next() && rows.getLong(0) == 1);
  }

  private static Map<String, Long> foreignKeyViolations(SqlSession s) throws SQLException {
    return s.query("PRAGMA foreign_key_check", List.of(), rows -> {
      Map<String, Long> out = new TreeMap<>();
      while (rows.next()) {
        out.merge(rows.getString(0) + " -> " + rows.getString(2), 1L, Long::sum);
      }
      return out;
    });
  }

  private <R> R writeWithRetry(SqlWork<R> work) {
    long deadline = System.nanoTime() + options.lockWait().toNanos();
    long backoffMs = 25;
    while (true) {
      try {
        return driver.write(work);
      } catch (MigrationException e) {
        throw e;
      } catch (RepositoryException e) {
        if (!e.isTransient() || System.nanoTime() - deadline > 0) {
          throw e;
        }
        LOG.debug("database write lock busy; retrying in {} ms", backoffMs);
        try {
          TimeUnit.MILLISECONDS.sleep(backoffMs);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new MigrationException("interrupted while waiting for the database write lock", ie);
        }
        backoffMs = Math.min(backoffMs * 2, 1000);
      }
    }
  }

  private String createTableSql() {
    return "CREATE TABLE IF NOT EXISTS " + options.quotedTable() + " ("
        + "version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL, "
        + "execution_ms INTEGER NOT NULL, success INTEGER NOT NULL DEFAULT 1, version_text TEXT)";
  }

  private boolean tableExists(SqlSession s) throws SQLException {
    return s.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", List.of(options.table()),
        Rows::next);
  }

  private void checkLayout(SqlSession s) throws SQLException {
    Set<String> columns = s.query("SELECT name FROM pragma_table_info(?)", List.of(options.table()), rows -> {
      Set<String> names = new HashSet<>();
      while (rows.next()) {
        names.add(rows.getString(0).toLowerCase(Locale.ROOT));
      }
      return names;
    });
    if (!columns.containsAll(Set.of("version", "name", "checksum", "applied_at", "execution_ms", "success"))) {
      throw new MigrationException(String.format(Locale.ROOT,
          "tracking table %s exists with another layout (columns %s), probably written by another tool; "
              + "use MigratorOptions.withTable to choose another name", options.table(), new TreeSet<>(columns)));
    }
  }

  private Optional<String> recordedChecksum(SqlSession s, long key) throws SQLException {
    return s.query("SELECT checksum FROM " + options.quotedTable() + " WHERE version = ?", List.of(key),
        rows -> rows.next() ? Optional.of(rows.getString(0)) : Optional.<String>empty());
  }

  private boolean hasVersionText(SqlSession s) throws SQLException {
    return s.query("SELECT 1 FROM pragma_table_info(?) WHERE lower(name) = 'version_text'",
        List.of(options.table()), Rows::next);
  }

  private Map<Long, AppliedRow> readApplied(SqlSession s) throws SQLException {
    Map<Long, AppliedRow> rows = new TreeMap<>();
    if (!tableExists(s)) {
      return rows;
    }
    checkLayout(s);
    String text = hasVersionText(s) ? "version_text" : "NULL";
    s.query("SELECT version, name, checksum, applied_at, execution_ms, " + text + " FROM " + options.quotedTable()
        + " WHERE success = 1 ORDER BY version", List.of(), rs -> {
          while (rs.next()) {
            Instant at;
            try {
              at = Instant.parse(rs.getString(3));
            } catch (DateTimeParseException e) {
              at = Instant.EPOCH;
            }
            AppliedRow row = new AppliedRow(rs.getLong(0), rs.getString(1), rs.getString(2), at, rs.getLong(4),
                rs.getString(5));
            rows.put(row.key, row);
          }
          return null;
        });
    return rows;
  }

  private static List<MigrationStatus> statusOf(List<Migration> migrations, Map<Long, AppliedRow> applied) {
    MigrationVersion baseline = baselineOf(applied);
    List<MigrationStatus> versioned = new ArrayList<>();
    List<MigrationStatus> repeatable = new ArrayList<>();
    Set<Long> matched = new HashSet<>();
    for (Migration m : migrations) {
      long key = key(m);
      AppliedRow row = applied.get(key);
      if (row != null && row.baseline()) {
        row = null;
      }
      if (row != null) {
        matched.add(key);
      }
      String text = m.repeatable() ? "" : m.migrationVersion().toString();
      MigrationState state;
      if (row == null) {
        state = !m.repeatable() && baseline != null && m.migrationVersion().compareTo(baseline) <= 0
            ? MigrationState.BELOW_BASELINE : MigrationState.PENDING;
      } else if (!row.name.equals(m.name())) {
        state = MigrationState.CHANGED;
      } else if (!row.checksum.equals(m.checksum())) {
        state = m.repeatable() ? MigrationState.OUTDATED : MigrationState.CHANGED;
      } else {
        state = MigrationState.APPLIED;
      }
      MigrationStatus st = row == null
          ? new MigrationStatus(key, m.name(), m.description(), state, m.checksum(), Optional.empty(),
              Optional.empty(), Optional.empty(), text, m.repeatable())
          : new MigrationStatus(key, m.name(), m.description(), state, m.checksum(), Optional.of(row.checksum),
              Optional.of(row.appliedAt), Optional.of(Duration.ofMillis(row.executionMs)), text, m.repeatable());
      (m.repeatable() ? repeatable : versioned).add(st);
    }
    for (AppliedRow row : applied.values()) {
      if (matched.contains(row.key)) {
        continue;
      }
      MigrationStatus st = new MigrationStatus(row.key, row.name, row.name,
          row.baseline() ? MigrationState.BASELINE : MigrationState.MISSING, row.checksum,
          Optional.of(row.checksum), Optional.of(row.appliedAt), Optional.of(Duration.ofMillis(row.executionMs)),
          row.repeatable() ? "" : row.version().toString(), row.repeatable());
      (row.repeatable() ? repeatable : versioned).add(st);
    }
    // The baseline marker sorts before a migration of the same version.
    versioned.sort(Comparator.comparing((MigrationStatus st) -> MigrationVersion.parse(st.versionText()))
        .thenComparing(st -> st.state() != MigrationState.BASELINE));
    repeatable.sort(Comparator.comparing(MigrationStatus::name));
    List<MigrationStatus> out = new ArrayList<>(versioned);
    out.addAll(repeatable);
    return List.copyOf(out);
  }

  private static void validate(List<MigrationStatus> statuses) {
    List<String> problems = new ArrayList<>();
    for (MigrationStatus st : statuses) {
      if (st.state() == MigrationState.CHANGED) {
        problems.add(String.format(Locale.ROOT, "%s (version %s) changed after it was applied (checksum %s, "
            + "recorded %s)", st.name(), st.versionText(), abbreviate(st.checksum()),
            abbreviate(st.appliedChecksum().orElse("?"))));
      } else if (st.state() == MigrationState.MISSING) {
        problems.add(String.format(Locale.ROOT, "%s (%s) is applied but missing from the sources",
            st.name(), st.repeatable() ? "repeatable" : "version " + st.versionText()));
      }
    }
    if (!problems.isEmpty()) {
      throw new MigrationException("migration history does not match the sources: " + String.join("; ", problems));
    }
  }

  private static String abbreviate(String checksum) {
    return checksum.length() > 12 ? checksum.substring(0, 12) : checksum;
  }

  /** A row of the tracking table. */
  private static final class AppliedRow {
    final long key;
    final String name;
    final String checksum;
    final Instant appliedAt;
    final long executionMs;
    /** The version as written, or null: before dotted versions existed, and for repeatable migrations. */
    final String versionText;

    AppliedRow(long key, String name, String checksum, Instant appliedAt, long executionMs, String versionText) {
      this.key = key;
      this.name = name;
      this.checksum = checksum;
      this.appliedAt = appliedAt;
      this.executionMs = executionMs;
      this.versionText = versionText;
    }

    boolean baseline() {
      return BASELINE_NAME.equals(name);
    }

    boolean repeatable() {
      return versionText == null && key < 0;
    }

    MigrationVersion version() {
      return versionText != null ? MigrationVersion.parse(versionText) : MigrationVersion.of(key);
    }
  }
}
