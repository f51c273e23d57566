package io.sqlitekit.sample.quickstart;

import static io.sqlitekit.spi.filter.Filters.and;
import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.spi.filter.Filters.gt;
import static io.sqlitekit.spi.filter.Filters.in;
import static io.sqlitekit.spi.filter.Filters.like;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.ErrorContract;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Opens {@code ./quickstart.db} with the production pragmas, creates the schema, inserts users, runs filtered
 * queries, an offset page and a keyset page, an update and a transaction, and prints the results.
 *
 * <p>Run it as a named module ({@code java -p … -m io.sqlitekit.sample.quickstart/…Quickstart}) or on the class
 * path; either way the driver is discovered, never named.
 */
public final class Quickstart {
  /** A user row; mapped to the table by component name. */
  public record User(String id, String name, String email, Integer age, Boolean active, Instant createdAt) {
  }

  /** 1. The table, defined in Java: storage class, mode (boolean, timestamp), constraints, defaults. */
  static final TableDef USERS = TableDef.of("users",
      Column.text("id").primaryKey(),
      Column.text("name").notNull(),
      Column.text("email").notNull().unique(),
      Column.integer("age"),
      Column.bool("active").notNull().defaultValue(true),
      Column.timestamp("createdAt").notNull());

  private Quickstart() {
  }

  /**
   * Runs the sample.
   *
   * @param args optional database file path (default {@code quickstart.db})
   */
  public static void main(String[] args) {
    Path file = Path.of(args.length > 0 ? args[0] : "quickstart.db").toAbsolutePath();
    PrintStream out = System.out;
    Instant t0 = Instant.parse("2026-04-01T09:00:00Z");

    // 2. Open the database: WAL, synchronous=NORMAL, foreign keys, busy timeout, 64 MB cache.
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + file).preset(PragmaPreset.PRODUCTION).build()) {
      // 3. Create the schema (a real service would run migrations: see modules/migrate).
      kit.createTableIfNotExists(USERS);

      // 4. A repository over the table. The record lives in a package this module does not export,
      //    so we hand the kit our lookup instead of opening the package.
      SqliteRepository<User, String> users =
          kit.repository(USERS, RowMapper.forRecord(User.class, MethodHandles.lookup()));
      users.deleteMany(like("email", "%@example.com")); // makes the sample re-runnable

      // 5. CRUD + Filter IR.
      users.createMany(List.of(
          new User("u1", "Alice", "alice@example.com", 30, true, t0),
          new User("u2", "Bob", "bob@example.com", 17, true, t0.plusSeconds(60)),
          new User("u3", "Carol", "carol@example.com", 45, false, t0.plusSeconds(120)),
          new User("u4", "Dave", "dave@example.com", 52, true, t0.plusSeconds(180)),
          new User("u5", "Erin", "erin@example.com", null, true, t0.plusSeconds(240))));
      out.printf(Locale.ROOT, "inserted %d users into %s%n", users.count(Filters.all()), file.getFileName());

      List<User> adults = users.findAll(and(gt("age", 18), eq("active", true)));
      out.println("active adults: " + names(adults));
      out.println("age unknown:   " + names(users.findAll(eq("age", null))));
      out.println("in (u2,u3):    " + names(users.findAll(in("id", "u2", "u3"))));

      // 6. An offset page, newest first, and a keyset page that continues with an opaque cursor.
      OffsetPage<User> page = users.getAll(PageRequest.first().withSort(Sort.parse("-createdAt")).withLimit(2));
      out.printf(Locale.ROOT, "page %d/%d of %d: %s (hasNext=%b)%n", page.page(), page.pages(), page.total(),
          names(page.items()), page.hasNext());
      KeysetPage<User> first = users.getAll(KeysetRequest.first(Sort.parse("age"), 2));
      KeysetPage<User> second = users.getAll(KeysetRequest.first(Sort.parse("age"), 2).after(first.nextCursor()));
      out.println("by age, keyset: " + names(first.items()) + " then " + names(second.items()));

      // 7. Update IR and a transaction that rolls back as a whole.
      User older = users.update("u2", Update.inc("age", 1).and(Update.set("name", "Bobby"))).orElseThrow();
      out.printf(Locale.ROOT, "updated: %s is now %d%n", older.name(), older.age());
      try {
        users.withTransaction(tx -> {
          tx.update("u1", Update.set("active", false));
          return tx.create(new User("u6", "Mallory", "alice@example.com", 99, true, t0));
        });
      } catch (DuplicateKeyException e) {
        ErrorContract contract = e.toContract();
        out.printf(Locale.ROOT, "rolled back: %s (%d) - Alice still active: %b%n", contract.code(),
            contract.status(), users.getById("u1").orElseThrow().active());
      }
    }
  }

  private static List<String> names(List<User> users) {
    return users.stream().map(User::name).toList();
  }
}
