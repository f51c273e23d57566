package io.sqlitekit.bench;

import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Creates the shared benchmark database: one WAL file with the production pragmas, deterministic data, the same
 * schema and indexes for every system under test.
 */
public final class BenchDatabase {
  /** The table as sqlitekit sees it. */
  public static final TableDef USERS = TableDef.of("users",
      Column.integer("id").primaryKey(),
      Column.text("name").notNull(),
      Column.text("email").notNull().unique(),
      Column.integer("age"),
      Column.bool("active").notNull(),
      Column.timestampMillis("createdAt").notNull(),
      Column.text("organizationId"),
      Column.timestampMillis("deletedAt"));

  /** Base instant of the generated data. */
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static final String DDL = "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      + "email TEXT NOT NULL UNIQUE, age INTEGER, active INTEGER NOT NULL, createdAt INTEGER NOT NULL, "
      + "organizationId TEXT, deletedAt INTEGER)";
  static final String INDEX = "CREATE INDEX idx_users_createdAt ON users (createdAt)";

  /** The production pragmas, applied identically to every system's connections. */
  static final String[] PRAGMAS = {"journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON",
      "busy_timeout = 5000", "cache_size = -64000", "temp_store = MEMORY"};

  private BenchDatabase() {
  }

  /**
   * Creates a fresh database file with {@code rows} users: ids 1..rows, createdAt one second apart, ages 0..89,
   * every fourth user inactive, tenants org-0..org-3, no soft-deleted rows.
   *
   * @param rows number of rows
   * @return the database file
   */
  public static Path create(int rows) {
    try {
      Path dir = Files.createTempDirectory("sqlitekit-bench");
      Path file = dir.resolve("bench.db");
      try (Connection c = open(file)) {
        try (Statement s = c.createStatement()) {
          s.execute(DDL);
          s.execute(INDEX);
        }
        insertRows(c, 1, rows);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Inserts users with ids from..from+count-1 in one transaction. */
  static void insertRows(Connection c, long from, int count) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO users (id, name, email, age, active, createdAt, organizationId) VALUES (?,?,?,?,?,?,?)")) {
      for (long id = from; id < from + count; id++) {
        BenchUser u = user(id);
        ps.setLong(1, u.id());
        ps.setString(2, u.name());
        ps.setString(3, u.email());
        ps.setInt(4, u.age());
        ps.setInt(5, u.active() ? 1 : 0);
        ps.setLong(6, u.createdAt().toEpochMilli());
        ps.setString(7, u.organizationId());
        ps.addBatch();
        if (id % 10_000 == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
      c.commit();
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /**
   * The deterministic user with this id.
   *
   * @param id the id
   * @return the user
   */
  public static BenchUser user(long id) {
    return new BenchUser(id, "user-" + id, "user-" + id + "@example.com", (int) (id % 90), id % 4 != 0,
        T0.plusSeconds(id), "org-" + (id % 4), null);
  }

  /**
   * Opens a raw JDBC connection with the production pragmas.
   *
   * @param file the database
   * @return the connection
   * @throws SQLException on failure
   */
  public static Connection open(Path file) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement s = c.createStatement()) {
      for (String p : PRAGMAS) {
        s.execute("PRAGMA " + p);
      }
    }
    return c;
  }

  /**
   * Deletes a database created by {@link #create}.
   *
   * @param file the database file
   */
  public static void delete(Path file) {
    try (Stream<Path> s = Files.walk(file.getParent())) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A seeded random id in 1..rows.
   *
   * @param random the generator
   * @param rows the table size
   * @return an id
   */
  static long randomId(Random random, int rows) {
    return 1 + random.nextInt(rows);
  }
}
