package io.sqlitekit.migrate;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of a {@link Migrator}.
 *
 * @param table the tracking table's name
 * @param validate whether {@link Migrator#up()} and {@link Migrator#down(long)} first refuse to run when an
 *     applied migration's checksum changed or an applied migration is missing from the sources
 * @param lockWait how long to keep retrying when another process holds the database's write lock beyond
 *     the driver's busy timeout
 * @param clock the clock for {@code applied_at}
 * @param listener progress listener
 * @since 0.1.0
 */
public record MigratorOptions(String table, boolean validate, Duration lockWait, Clock clock,
    MigrationListener listener) {
  /** The default tracking table. */
  public static final String DEFAULT_TABLE = "_sqlitekit_migrations";

  /**
   * Validates the options.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the table name is not a plain identifier or the wait is negative
   */
  public MigratorOptions {
    Objects.requireNonNull(table, "table");
    if (!table.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("tracking table name must be a plain identifier: " + table);
    }
    Objects.requireNonNull(lockWait, "lockWait");
    if (lockWait.isNegative()) {
      throw new IllegalArgumentException("lockWait must not be negative");
    }
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(listener, "listener");
  }

  /**
   * Table {@value #DEFAULT_TABLE}, validation on, two minutes of lock retries, the UTC system clock, no
   * listener.
   *
   * @return the defaults
   */
  public static MigratorOptions defaults() {
    return new MigratorOptions(DEFAULT_TABLE, true, Duration.ofMinutes(2), Clock.systemUTC(), MigrationListener.NOOP);
  }

  /**
   * Returns a copy with another tracking table.
   *
   * @param name the table name
   * @return the new options
   */
  public MigratorOptions withTable(String name) {
    return new MigratorOptions(name, validate, lockWait, clock, listener);
  }

  /**
   * Returns a copy that does or does not validate before {@code up}/{@code down}.
   *
   * @param on true to validate
   * @return the new options
   */
  public MigratorOptions withValidate(boolean on) {
    return new MigratorOptions(table, on, lockWait, clock, listener);
  }

  /**
   * Returns a copy with another lock wait.
   *
   * @param wait the wait
   * @return the new options
   */
  public MigratorOptions withLockWait(Duration wait) {
    return new MigratorOptions(table, validate, wait, clock, listener);
  }

  /**
   * Returns a copy with another clock.
   *
   * @param c the clock
   * @return the new options
   */
  public MigratorOptions withClock(Clock c) {
    return new MigratorOptions(table, validate, lockWait, c, listener);
  }

  /**
   * Returns a copy with another progress listener.
   *
   * @param l the listener
   * @return the new options
   */
  public MigratorOptions withListener(MigrationListener l) {
    return new MigratorOptions(table, validate, lockWait, clock, l);
  }

  String quotedTable() {
    return '"' + table + '"';
  }
}
