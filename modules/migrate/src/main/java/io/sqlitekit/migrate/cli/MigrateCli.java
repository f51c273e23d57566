package io.sqlitekit.migrate.cli;

import io.sqlitekit.migrate.Migration;
import io.sqlitekit.migrate.MigrationListener;
import io.sqlitekit.migrate.MigrationSource;
import io.sqlitekit.migrate.MigrationState;
import io.sqlitekit.migrate.MigrationStatus;
import io.sqlitekit.migrate.MigrationVersion;
import io.sqlitekit.migrate.Migrator;
import io.sqlitekit.migrate.MigratorOptions;
import io.sqlitekit.migrate.internal.Drivers;
import io.sqlitekit.plugin.maintenance.AutoVacuum;
import io.sqlitekit.plugin.maintenance.BackupResult;
import io.sqlitekit.plugin.maintenance.IntegrityReport;
import io.sqlitekit.plugin.maintenance.Maintenance;
import io.sqlitekit.plugin.maintenance.MaintenanceOptions;
import io.sqlitekit.plugin.maintenance.VacuumResult;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.RepositoryException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Command-line front end of the {@link Migrator}.
 *
 * <pre>{@code
 * java -p <module path> -m io.sqlitekit.migrate/io.sqlitekit.migrate.cli.MigrateCli \
 *     up|info|status|down|validate|baseline --url jdbc:sqlite:app.db --dir drizzle \
 *     [--format auto|drizzle|flyway] [--target V] [--all] [--table NAME] [--no-validate]
 *     [--baseline-version V] [--progress-ms N]
 * java ... MigrateCli backup --url jdbc:sqlite:app.db --to app-backup.db
 * java ... MigrateCli vacuum --url jdbc:sqlite:app.db [--incremental PAGES]
 * java ... MigrateCli check --url jdbc:sqlite:app.db [--quick]
 * }</pre>
 *
 * <p>Versions ({@code V}) are integers or dotted ({@code 1.2.3}). {@code info} prints the status table and a
 * summary line; {@code baseline} records that an existing database already has every migration up to
 * {@code --baseline-version}. While a migration runs longer than {@code --progress-ms} (default 2000), a
 * progress line is printed every such interval with the time so far and the statements completed.
 *
 * <p>{@code up} applies pending migrations (up to {@code --target}), printing one line per migration, then
 * the status table; {@code down} rolls back to {@code --target} (exclusive), everything with {@code --all},
 * or the latest migration with neither; {@code status} prints the table; {@code validate} checks checksums
 * and missing migrations. {@code backup} copies the live database into a new file with a progress line per
 * step and verifies the copy with {@code integrity_check}; {@code vacuum} runs a full {@code VACUUM} (or
 * {@code incremental_vacuum(PAGES)}, 0 for all) and prints the pages and bytes reclaimed; {@code check} runs
 * {@code integrity_check} ({@code quick_check} with {@code --quick}) and fails when it finds a problem. These
 * three take no {@code --dir}. The folder layout is detected ({@code meta/_journal.json} means drizzle-kit)
 * unless {@code --format} says otherwise. A driver must be on the path (for example
 * sqlitekit-driver-xerial).
 *
 * <p>Exit codes: {@value #OK} success, {@value #FAILED} a migration, validation or database failure,
 * {@value #USAGE} bad arguments.
 *
 * @since 0.1.0
 */
public final class MigrateCli {
  /** Exit code: success. */
  public static final int OK = 0;
  /** Exit code: a migration, validation or database failure. */
  public static final int FAILED = 1;
  /** Exit code: bad command-line arguments. */
  public static final int USAGE = 2;

  private static final String USAGE_TEXT = String.join(System.lineSeparator(),
      "usage: sqlitekit-migrate <up|info|status|down|validate|baseline> --url <jdbc-url> --dir <folder>",
      "         [--format auto|drizzle|flyway] [--target <version>] [--all] [--table <name>] [--no-validate]",
      "         [--baseline-version <version>] [--progress-ms <n>]",
      "  up        apply pending migrations (up to --target), then new or changed repeatable (R__) ones",
      "  down      roll back to --target (it stays applied), --all, or the latest migration",
      "  info      print the status of every migration and a summary",
      "  status    print the status of every migration",
      "  validate  fail if an applied migration changed or is missing",
      "  baseline  record that the database already has every migration up to --baseline-version",
      "versions are integers or dotted (1.2.3)",
      "       sqlitekit-migrate backup --url <jdbc-url> --to <new-file>",
      "       sqlitekit-migrate vacuum --url <jdbc-url> [--incremental <pages>]",
      "       sqlitekit-migrate check --url <jdbc-url> [--quick]",
      "  backup    copy the live database into a new file (progress per step), then integrity_check it",
      "  vacuum    VACUUM (or incremental_vacuum of <pages>, 0 = all) and print what was reclaimed",
      "  check     integrity_check (quick_check with --quick); exit 1 when a problem is found",
      "exit codes: 0 ok, 1 failure, 2 usage");

  private MigrateCli() {}

  /**
   * Runs the CLI and exits the JVM with its exit code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the CLI without exiting.
   *
   * @param args the arguments
   * @param out where progress and tables go
   * @param err where errors and usage go
   * @return the exit code: {@link #OK}, {@link #FAILED} or {@link #USAGE}
   * @throws NullPointerException if an argument is null
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Args a;
    try {
      a = Args.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println(USAGE_TEXT);
      return USAGE;
    }
    if (a.help) {
      out.println(USAGE_TEXT);
      return OK;
    }
    if (MAINTENANCE.contains(a.command)) {
      return maintain(a, out, err);
    }
    Progress progress = new Progress(out, Duration.ofMillis(a.progressMs));
    MigratorOptions options = MigratorOptions.defaults().withValidate(a.validate).withListener(progress);
    if (a.table != null) {
      options = options.withTable(a.table);
    }
    try (progress; Migrator migrator = Migrator.create(a.url, options, a.source())) {
      switch (a.command) {
        case "up": {
          if (a.target == null) {
            progress.expect(migrator.status().stream().filter(st -> st.state() == MigrationState.PENDING
                || st.state() == MigrationState.OUTDATED).count());
          }
          List<String> applied = a.target == null ? migrator.up() : migrator.up(a.target);
          out.printf(Locale.ROOT, "%d migration(s) applied%n", applied.size());
          printTable(out, migrator.status());
          return OK;
        }
        case "down": {
          List<String> undone = a.all ? migrator.downAll() : a.target == null ? migrator.down()
              : migrator.down(a.target);
          out.printf(Locale.ROOT, "%d migration(s) rolled back%n", undone.size());
          printTable(out, migrator.status());
          return OK;
        }
        case "status":
          printTable(out, migrator.status());
          return OK;
        case "info": {
          List<MigrationStatus> st = migrator.status();
          printTable(out, st);
          out.println(summary(st));
          return OK;
        }
        case "baseline":
          migrator.baseline(a.baselineVersion);
          out.printf(Locale.ROOT, "baselined at version %s%n", a.baselineVersion);
          printTable(out, migrator.status());
          return OK;
        default: {
          migrator.validate();
          List<MigrationStatus> st = migrator.status();
          long pending = st.stream().filter(s -> s.state() == MigrationState.PENDING).count();
          out.printf(Locale.ROOT, "valid: %d applied, %d pending%n", st.size() - pending, pending);
          return OK;
        }
      }
    } catch (RepositoryException e) {
      err.println("error: " + e.getMessage());
      return FAILED;
    }
  }

  private static final List<String> MAINTENANCE = List.of("backup", "vacuum", "check");

  private static int maintain(Args a, PrintStream out, PrintStream err) {
    try (SqliteDriver driver = Drivers.open(a.url);
        Maintenance m = Maintenance.start(driver, MaintenanceOptions.defaults().withOptimizeOnClose(false))) {
      switch (a.command) {
        case "backup": {
          out.printf(Locale.ROOT, "backing up to %s ...%n", a.to);
          BackupResult r = m.backup(a.to, (done, total) -> out.printf(Locale.ROOT, "  %d/%d pages (%d%%)%n",
              done, total, total == 0 ? 100 : done * 100L / total));
          out.printf(Locale.ROOT, "backup done: %d pages, %d bytes in %d ms; integrity_check ok%n", r.pages(),
              r.bytes(), r.took().toMillis());
          return OK;
        }
        case "vacuum": {
          out.println(a.incremental == null ? "vacuuming ..." : "incremental vacuum ...");
          if (a.incremental != null && m.autoVacuum() != AutoVacuum.INCREMENTAL) {
            err.println("error: incremental vacuum needs auto_vacuum=INCREMENTAL, the database has "
                + m.autoVacuum() + "; run a full vacuum after PRAGMA auto_vacuum = INCREMENTAL first");
            return FAILED;
          }
          VacuumResult r = a.incremental == null ? m.vacuum() : m.incrementalVacuum(a.incremental);
          out.printf(Locale.ROOT, "vacuum done: pages %d -> %d (%d reclaimed), free pages %d -> %d,"
              + " file %d -> %d bytes in %d ms%n", r.pagesBefore(), r.pagesAfter(), r.pagesReclaimed(),
              r.freelistBefore(), r.freelistAfter(), r.fileBytesBefore(), r.fileBytesAfter(), r.took().toMillis());
          return OK;
        }
        default: {
          String what = a.quick ? "quick_check" : "integrity_check";
          out.printf(Locale.ROOT, "running %s ...%n", what);
          IntegrityReport r = a.quick ? m.quickCheck() : m.integrityCheck();
          if (r.ok()) {
            out.printf(Locale.ROOT, "%s: ok (%d ms)%n", what, r.took().toMillis());
            return OK;
          }
          out.printf(Locale.ROOT, "%s: %d problem(s)%n", what, r.problems().size());
          r.problems().forEach(line -> out.println("  " + line));
          return FAILED;
        }
      }
    } catch (RepositoryException e) {
      err.println("error: " + e.getMessage());
      return FAILED;
    }
  }

  /**
   * Prints a status table: version as written, name, type, state, when applied and how long it took.
   *
   * @param out the stream
   * @param statuses the statuses
   */
  static void printTable(PrintStream out, List<MigrationStatus> statuses) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"VERSION", "NAME", "TYPE", "STATE", "APPLIED AT", "TIME"});
    for (MigrationStatus s : statuses) {
      String type = s.state() == MigrationState.BASELINE ? "baseline" : s.repeatable() ? "repeatable" : "versioned";
      rows.add(new String[] {s.repeatable() ? "-" : s.versionText(), s.name(), type, s.state().name(),
          s.appliedAt().map(Object::toString).orElse("-"),
          s.executionTime().map(d -> d.toMillis() + " ms").orElse("-")});
    }
    int[] width = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        b.append(i == 0 ? String.format(Locale.ROOT, "%" + width[i] + "s", r[i])
            : String.format(Locale.ROOT, "  %-" + width[i] + "s", r[i]));
      }
      out.println(b.toString().stripTrailing());
    }
  }

  /** One line: how many migrations are in each state, and the baseline if there is one. */
  static String summary(List<MigrationStatus> statuses) {
    Map<MigrationState, Long> counts = new EnumMap<>(MigrationState.class);
    String baseline = null;
    for (MigrationStatus s : statuses) {
      if (s.state() == MigrationState.BASELINE) {
        baseline = s.versionText();
      } else {
        counts.merge(s.state(), 1L, Long::sum);
      }
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((state, n) -> parts.add(n + " " + state.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
    if (baseline != null) {
      parts.add("baseline at " + baseline);
    }
    return parts.isEmpty() ? "no migrations" : String.join(", ", parts);
  }

  /** Prints a line per migration step, and progress lines while a step runs long. */
  private static final class Progress implements MigrationListener, AutoCloseable {
    private final PrintStream out;
    private final Duration every;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sqlitekit-migrate-progress");
      t.setDaemon(true);
      return t;
    });
    private long expected;
    private int started;
    private volatile int statements;
    private ScheduledFuture<?> ticking;

    Progress(PrintStream out, Duration every) {
      this.out = out;
      this.every = every;
    }

    void expect(long count) {
      expected = count;
    }

    @Override
    public synchronized void starting(Direction direction, Migration migration) {
      started++;
      String of = direction == Direction.UP && expected > 0 ? String.format(Locale.ROOT, "[%d/%d] ", started,
          Math.max(expected, started)) : "";
      String version = migration.repeatable() ? "repeatable" : "version " + migration.migrationVersion();
      out.printf(Locale.ROOT, "%s%s %s (%s) ...%n", of, direction == Direction.UP ? "applying" : "rolling back",
          migration.name(), version);
      statements = 0;
      long t0 = System.nanoTime();
      stopTicking();
      // A timer, not the statement callbacks: one long statement must show progress too.
      ticking = timer.scheduleAtFixedRate(() -> out.printf(Locale.ROOT, "  ... %s running for %.1f s, %d statement(s)"
          + " done%n", migration.name(), (System.nanoTime() - t0) / 1e9, statements), every.toMillis(),
          every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void progress(Direction direction, Migration migration, int statementsDone, Duration elapsed) {
      statements = statementsDone;
    }

    @Override
    public synchronized void finished(Direction direction, Migration migration, Duration took) {
      stopTicking();
      out.printf(Locale.ROOT, "  done %s in %d ms%n", migration.name(), took.toMillis());
    }

    private synchronized void stopTicking() {
      if (ticking != null) {
        ticking.cancel(false);
        ticking = null;
      }
    }

    @Override
    public void close() {
      stopTicking();
      timer.shutdownNow();
    }
  }

  private static final class Args {
    String command;
    String url;
    Path dir;
    String format = "auto";
    MigrationVersion target;
    MigrationVersion baselineVersion;
    long progressMs = 2000;
    boolean all;
    String table;
    boolean validate = true;
    boolean help;
    Path to;
    Integer incremental;
    boolean quick;

    static Args parse(String[] args) {
      Args a = new Args();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "-h":
          case "--help":
            a.help = true;
            return a;
          case "--url":
            a.url = value(args, ++i, arg);
            break;
          case "--dir":
            a.dir = Path.of(value(args, ++i, arg));
            break;
          case "--format":
            a.format = value(args, ++i, arg);
            if (!List.of("auto", "drizzle", "flyway").contains(a.format)) {
              throw new IllegalArgumentException("--format must be auto, drizzle or flyway, was " + a.format);
            }
            break;
          case "--target":
            a.target = version(value(args, ++i, arg), arg);
            break;
          case "--baseline-version":
            a.baselineVersion = version(value(args, ++i, arg), arg);
            break;
          case "--progress-ms":
            String ms = value(args, ++i, arg);
            try {
              a.progressMs = Long.parseLong(ms);
            } catch (NumberFormatException e) {
              a.progressMs = 0;
            }
            if (a.progressMs < 1) {
              throw new IllegalArgumentException("--progress-ms must be a positive integer, was " + ms);
            }
            break;
          case "--all":
            a.all = true;
            break;
          case "--table":
            a.table = value(args, ++i, arg);
            break;
          case "--no-validate":
            a.validate = false;
            break;
          case "--to":
            a.to = Path.of(value(args, ++i, arg));
            break;
          case "--incremental":
            String pages = value(args, ++i, arg);
            try {
              a.incremental = Integer.parseInt(pages);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("--incremental must be a page count, was " + pages);
            }
            if (a.incremental < 0) {
              throw new IllegalArgumentException("--incremental must be >= 0 (0 = every free page)");
            }
            break;
          case "--quick":
            a.quick = true;
            break;
          default:
            if (arg.startsWith("-")) {
              throw new IllegalArgumentException("unknown option " + arg);
            }
            if (a.command != null) {
              throw new IllegalArgumentException("more than one command: " + a.command + ", " + arg);
            }
            if (!List.of("up", "info", "status", "down", "validate", "baseline").contains(arg)
                && !MAINTENANCE.contains(arg)) {
              throw new IllegalArgumentException("unknown command " + arg);
            }
            a.command = arg;
        }
      }
      if (a.command == null) {
        throw new IllegalArgumentException("missing command");
      }
      if (a.url == null) {
        throw new IllegalArgumentException("missing --url");
      }
      boolean maintenance = MAINTENANCE.contains(a.command);
      if (a.to != null && !"backup".equals(a.command)) {
        throw new IllegalArgumentException("--to only applies to backup");
      }
      if (a.incremental != null && !"vacuum".equals(a.command)) {
        throw new IllegalArgumentException("--incremental only applies to vacuum");
      }
      if (a.quick && !"check".equals(a.command)) {
        throw new IllegalArgumentException("--quick only applies to check");
      }
      if (maintenance) {
        if ("backup".equals(a.command) && a.to == null) {
          throw new IllegalArgumentException("backup needs --to <new-file>");
        }
        if (a.dir != null || a.target != null || a.all || a.table != null || !a.validate) {
          throw new IllegalArgumentException(a.command + " takes only --url" + ("backup".equals(a.command)
              ? " and --to" : "vacuum".equals(a.command) ? " and --incremental" : " and --quick"));
        }
        return a;
      }
      if (a.dir == null) {
        throw new IllegalArgumentException("missing --dir");
      }
      if (!Files.isDirectory(a.dir)) {
        throw new IllegalArgumentException("--dir is not a directory: " + a.dir);
      }
      if (a.all && a.target != null) {
        throw new IllegalArgumentException("--all and --target cannot be combined");
      }
      if (a.all && !"down".equals(a.command)) {
        throw new IllegalArgumentException("--all only applies to down");
      }
      if ("baseline".equals(a.command) != (a.baselineVersion != null)) {
        throw new IllegalArgumentException("baseline".equals(a.command) ? "baseline needs --baseline-version"
            : "--baseline-version only applies to baseline");
      }
      if (a.table != null && !a.table.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("--table must be a plain identifier, was " + a.table);
      }
      return a;
    }

    MigrationSource source() {
      switch (format) {
        case "drizzle":
          return MigrationSource.drizzle(dir);
        case "flyway":
          return MigrationSource.flyway(dir);
        default:
          return MigrationSource.folder(dir);
      }
    }

    private static MigrationVersion version(String text, String option) {
      try {
        return MigrationVersion.parse(text);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(option + " must be a version such as 7 or 1.2.3, was " + text);
      }
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length || args[i].startsWith("--")) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }
  }
}
