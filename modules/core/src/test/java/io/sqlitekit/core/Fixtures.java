package io.sqlitekit.core;

import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Shared tables, records and kit factories for the integration tests (real SQLite files, WAL). */
public final class Fixtures {
  /** A fixed clock. */
  public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC);

  /** Users with a text key, a NOT NULL unique email and a boolean with a default. */
  public static final TableDef USERS = TableDef.of("users",
      Column.text("id").primaryKey(),
      Column.text("email").notNull().unique(),
      Column.text("name"),
      Column.integer("age"),
      Column.bool("active").notNull().defaultValue(true),
      Column.timestamp("createdAt"),
      Column.real("score"));

  /** Documents with an integer key and a version column. */
  public static final TableDef DOCS = TableDef.of("docs",
      Column.integer("id").primaryKey(),
      Column.text("title").notNull(),
      Column.integer("n"),
      Column.integer("version").notNull().defaultValue(1)).withVersionField("version");

  /** A user row. */
  public record User(String id, String email, String name, Long age, Boolean active, Instant createdAt,
      Double score) {
    /**
     * A user with only the required fields.
     *
     * @param id key
     * @param email email
     * @return the user
     */
    public static User of(String id, String email) {
      return new User(id, email, null, null, null, null, null);
    }
  }

  private Fixtures() {
  }

  /**
   * Opens a kit on a file in {@code dir}.
   *
   * @param dir the directory
   * @return a builder with url and clock set
   */
  public static SqliteKit.Builder builder(Path dir) {
    return SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("test.db")).clock(CLOCK);
  }

  /**
   * Opens a kit with both tables created.
   *
   * @param dir the directory
   * @return the kit
   */
  public static SqliteKit open(Path dir) {
    SqliteKit kit = builder(dir).build();
    kit.createTable(USERS);
    kit.createTable(DOCS);
    return kit;
  }
}
