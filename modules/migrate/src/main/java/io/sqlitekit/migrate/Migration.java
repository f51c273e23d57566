package io.sqlitekit.migrate;

import io.sqlitekit.migrate.internal.Checksums;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.error.MigrationException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * One schema change, identified by a numeric {@linkplain #version() version} that fixes its place in the
 * total order of all migrations a {@link Migrator} runs.
 *
 * <p>Implement this interface for migrations written in Java; use {@link SqlMigration} for SQL text. The
 * migrator calls {@link #up} inside a write transaction that also inserts the tracking row, so the work
 * must not run {@code BEGIN}, {@code COMMIT} or {@code ROLLBACK} through the session. A migration that
 * can be undone overrides both {@link #down} and {@link #reversible()}.
 *
 * <p>Implementations should be immutable and thread-safe.
 *
 * @since 0.1.0
 */
public interface Migration {
  /**
   * Returns the version; it orders migrations numerically ({@code 2 < 10 < 100}) and must be unique among
   * all migrations given to one migrator. A migration with a dotted version or a repeatable one returns its
   * tracking key here (negative; see {@link MigrationVersion#key()}): order by {@link #migrationVersion()}.
   *
   * @return the version, zero or positive for an undotted versioned migration
   */
  long version();

  /**
   * Returns the version that orders this migration, e.g. {@code 1.2.3}; by default the undotted
   * {@link #version()}. Override it (and return {@code migrationVersion().key()} from {@link #version()}) for
   * a dotted version. Not used for a {@linkplain #repeatable() repeatable} migration.
   *
   * @return the version
   * @since 0.2.0
   */
  default MigrationVersion migrationVersion() {
    return MigrationVersion.of(version());
  }

  /**
   * Returns whether this is a repeatable migration (Flyway's {@code R__name.sql}): it has no version, runs
   * after every versioned migration (repeatables in name order), and runs again whenever its
   * {@linkplain #checksum() checksum} differs from the one recorded, e.g. to recreate a view. It is never
   * rolled back.
   *
   * @return false by default
   * @since 0.2.0
   */
  default boolean repeatable() {
    return false;
  }

  /**
   * Returns the name, for example {@code 0001_add_users} or {@code V2__add_users}; recorded in the
   * tracking table and shown by {@link Migrator#status()}.
   *
   * @return the name, not blank
   */
  String name();

  /**
   * Returns a human-readable description; the name by default.
   *
   * @return the description
   */
  default String description() {
    return name();
  }

  /**
   * Applies the migration.
   *
   * @param session the write session of the migration's transaction
   * @throws SQLException on a database failure; the migrator rolls back and reports a
   *     {@link MigrationException} naming this migration
   */
  void up(SqlSession session) throws SQLException;

  /**
   * Returns whether {@link #down} is implemented. The migrator checks this for every migration it would
   * roll back before it rolls back any.
   *
   * @return false by default
   */
  default boolean reversible() {
    return false;
  }

  /**
   * Undoes the migration.
   *
   * @param session the write session of the rollback's transaction
   * @throws SQLException on a database failure
   * @throws MigrationException by default: the migration cannot be rolled back
   */
  default void down(SqlSession session) throws SQLException {
    throw new MigrationException(String.format(Locale.ROOT,
        "migration %s (version %d) has no down migration and cannot be rolled back", name(), version()));
  }

  /**
   * Returns a checksum recorded when the migration is applied and compared by {@link Migrator#validate()}.
   * The default for Java migrations covers the class name, version and name, so renaming the class counts
   * as a change but editing its body does not; override it to track the body too.
   *
   * @return 64 lower-case hex digits (SHA-256) or any other stable string
   */
  default String checksum() {
    return Checksums.sha256("java:" + getClass().getName() + ":" + version() + ":" + name());
  }
}
