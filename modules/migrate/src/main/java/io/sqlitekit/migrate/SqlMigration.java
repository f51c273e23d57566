package io.sqlitekit.migrate;

import io.sqlitekit.migrate.internal.ScriptMigration;
import io.sqlitekit.spi.driver.SqlSession;
import java.util.Objects;
import java.util.Optional;

/**
 * A migration given as SQL text. Each script may hold several statements separated by {@code ;}
 * (trigger bodies are kept whole); they run one at a time, so a failure names the failing statement. The
 * checksum is the SHA-256 of the normalised up script (line endings and trailing whitespace do not count).
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * SqlMigration.of(1, "create_users",
 *     "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);",
 *     "DROP TABLE users;");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SqlMigration implements Migration {
  private final ScriptMigration script;

  private SqlMigration(ScriptMigration script) {
    this.script = script;
  }

  /**
   * A migration without a down script (it cannot be rolled back).
   *
   * @param version the version, zero or positive
   * @param name the name, not blank
   * @param upSql the up script
   * @return the migration
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the version is negative or the name blank
   */
  public static SqlMigration of(long version, String name, String upSql) {
    return new SqlMigration(new ScriptMigration(version, name, name, Objects.requireNonNull(upSql, "upSql"), null,
        "code", false));
  }

  /**
   * A reversible migration.
   *
   * @param version the version, zero or positive
   * @param name the name, not blank
   * @param upSql the up script
   * @param downSql the down script
   * @return the migration
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the version is negative or the name blank
   */
  public static SqlMigration of(long version, String name, String upSql, String downSql) {
    return new SqlMigration(new ScriptMigration(version, name, name, Objects.requireNonNull(upSql, "upSql"),
        Objects.requireNonNull(downSql, "downSql"), "code", false));
  }

  @Override
  public long version() {
    return script.version();
  }

  @Override
  public String name() {
    return script.name();
  }

  /**
   * Returns the up script.
   *
   * @return the SQL text
   */
  public String upSql() {
    return script.upSql();
  }

  /**
   * Returns the down script.
   *
   * @return the SQL text, or empty when the migration cannot be rolled back
   */
  public Optional<String> downSql() {
    return script.downSql();
  }

  @Override
  public void up(SqlSession session) {
    script.up(session);
  }

  @Override
  public boolean reversible() {
    return script.reversible();
  }

  @Override
  public void down(SqlSession session) {
    script.down(session);
  }

  @Override
  public String checksum() {
    return script.checksum();
  }

  @Override
  public String toString() {
    return script.toString();
  }
}
