package io.sqlitekit.migrate;

import java.time.Duration;

/**
 * Receives progress while a {@link Migrator} applies or rolls back migrations, for example to print it.
 * Called on the migrating thread, inside the migration's transaction for {@link #starting} and after its
 * commit for {@link #finished}; it must not block for long.
 *
 * @since 0.1.0
 */
public interface MigrationListener {
  /** A listener that ignores every event. */
  MigrationListener NOOP = new MigrationListener() {};

  /** The direction of a step. */
  enum Direction {
    /** Applying a migration. */
    UP,
    /** Rolling a migration back. */
    DOWN
  }

  /**
   * A migration step is about to run.
   *
   * @param direction up or down
   * @param migration the migration
   */
  default void starting(Direction direction, Migration migration) {}

  /**
   * A migration step committed.
   *
   * @param direction up or down
   * @param migration the migration
   * @param took how long the step's work took
   */
  default void finished(Direction direction, Migration migration, Duration took) {}

  /**
   * A statement of a running migration step completed (each call the migration made on its session: one per
   * statement of a SQL script). Lets a front end show progress of a long migration.
   *
   * @param direction up or down
   * @param migration the migration
   * @param statementsDone how many statements of this step have completed
   * @param elapsed time since the step's work started
   * @since 0.2.0
   */
  default void progress(Direction direction, Migration migration, int statementsDone, Duration elapsed) {}
}
