package io.sqlitekit.memory;

import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.lang.invoke.MethodHandles;
import java.time.Instant;

/** Shared tables and records for the in-memory kit tests. */
final class Fixtures {
  enum Role { ADMIN, READER, WRITER }

  record User(Long id, String name, String email, Integer age, Boolean active, Role role, Instant createdAt,
      Double score, Long version) {
  }

  static final TableDef USERS = TableDef.of("users",
      Column.integer("id").primaryKey(),
      Column.text("name").notNull(),
      Column.text("email").unique(),
      Column.integer("age"),
      Column.bool("active").notNull().defaultValue(true),
      Column.enumOf("role", Role.class),
      Column.timestamp("createdAt"),
      Column.real("score"),
      Column.integer("version").notNull().defaultValue(1)).withVersionField("version");

  static final TableDef NOTES = TableDef.of("notes",
      Column.text("id").primaryKey(),
      Column.text("body"),
      Column.integer("n"),
      Column.blob("data"));

  private Fixtures() {
  }

  static MemoryRepository<User, Long> users(MemoryKit kit) {
    return kit.repository(USERS, User.class, MethodHandles.lookup());
  }

  static User user(String name, String email, Integer age) {
    return new User(null, name, email, age, null, null, null, null, null);
  }
}
