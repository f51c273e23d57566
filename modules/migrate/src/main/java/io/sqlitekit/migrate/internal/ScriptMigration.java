package io.sqlitekit.migrate.internal;

import io.sqlitekit.migrate.Migration;
import io.sqlitekit.migrate.MigrationVersion;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.error.MigrationException;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Internal, not API, may change. A migration made of SQL text, from a file or from code.
 *
 * <p>Statements run one at a time so that a failure names the statement (1-based index, line and first
 * line of text) and where the script came from. The checksum covers the normalised up script only:
 * editing a down script does not change what was applied.
 */
public final class ScriptMigration implements Migration {
  private final long version;
  private final MigrationVersion migrationVersion;
  private final String name;
  private final String description;
  private final String upSql;
  private final String downSql;
  private final String origin;
  private final boolean drizzle;
  private final String checksum;
  private final List<SqlScript.Statement> upStatements;

  /**
   * Creates the migration.
   *
   * @param version the version, zero or positive
   * @param name the name
   * @param description the description
   * @param upSql the up script
   * @param downSql the down script, or null when there is none
   * @param origin where the scripts came from, for messages (a file, a resource, "code")
   * @param drizzle whether to cut scripts at drizzle-kit breakpoints first
   */
  public ScriptMigration(long version, String name, String description, String upSql, String downSql,
      String origin, boolean drizzle) {
    this(checked(version), name, description, upSql, downSql, origin, drizzle);
  }

  /**
   * Creates a migration with a possibly dotted version, or a repeatable one.
   *
   * @param migrationVersion the version, or null for a repeatable migration
   * @param name the name
   * @param description the description
   * @param upSql the up script
   * @param downSql the down script, or null when there is none (always null for a repeatable one)
   * @param origin where the scripts came from, for messages
   * @param drizzle whether to cut scripts at drizzle-kit breakpoints first
   */
  public ScriptMigration(MigrationVersion migrationVersion, String name, String description, String upSql,
      String downSql, String origin, boolean drizzle) {
    this.migrationVersion = migrationVersion;
    this.version = migrationVersion == null ? Checksums.repeatableKey(name) : migrationVersion.key();
    this.name = Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("migration name must not be blank");
    }
    this.description = Objects.requireNonNull(description, "description");
    this.upSql = Objects.requireNonNull(upSql, "upSql");
    this.downSql = downSql;
    this.origin = Objects.requireNonNull(origin, "origin");
    this.drizzle = drizzle;
    this.checksum = Checksums.ofSql(upSql);
    this.upStatements = SqlScript.split(upSql, drizzle);
  }

  @Override
  public long version() {
    return version;
  }

  private String label() {
    return migrationVersion == null ? "repeatable" : "version " + migrationVersion;
  }

  private static MigrationVersion checked(long version) {
    if (version < 0) {
      throw new IllegalArgumentException("migration version must be >= 0, was " + version);
    }
    return MigrationVersion.of(version);
  }

  @Override
  public MigrationVersion migrationVersion() {
    if (migrationVersion == null) {
      throw new UnsupportedOperationException("repeatable migration " + name + " has no version");
    }
    return migrationVersion;
  }

  @Override
  public boolean repeatable() {
    return migrationVersion == null;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public String checksum() {
    return checksum;
  }

  @Override
  public boolean reversible() {
    return downSql != null;
  }

  /**
   * Returns the up script.
   *
   * @return the SQL text
   */
  public String upSql() {
    return upSql;
  }

  /**
   * Returns the down script.
   *
   * @return the SQL text, or empty
   */
  public Optional<String> downSql() {
    return Optional.ofNullable(downSql);
  }

  /**
   * Returns where the scripts came from.
   *
   * @return a file, resource or "code"
   */
  public String origin() {
    return origin;
  }

  @Override
  public void up(SqlSession session) {
    run(session, upStatements, "up", origin);
  }

  @Override
  public void down(SqlSession session) {
    if (downSql == null) {
      throw new MigrationException(String.format(Locale.ROOT,
          "migration %s (%s) has no down migration and cannot be rolled back", name, label()));
    }
    run(session, SqlScript.split(downSql, drizzle), "down", origin + " (down)");
  }

  private void run(SqlSession session, List<SqlScript.Statement> statements, String direction, String from) {
    int i = 0;
    for (SqlScript.Statement st : statements) {
      i++;
      try {
        session.executeScript(st.sql());
      } catch (SQLException | RuntimeException e) {
        throw new MigrationException(String.format(Locale.ROOT,
            "migration %s (%s) %s failed at statement %d of %d (line %d of %s): %s: %s",
            name, label(), direction, i, statements.size(), st.line(), from, st.firstLine(),
            e.getMessage()), e);
      }
    }
  }

  @Override
  public String toString() {
    return name + (migrationVersion == null ? " (repeatable, " : " (version " + migrationVersion + ", ") + origin + ")";
  }
}
