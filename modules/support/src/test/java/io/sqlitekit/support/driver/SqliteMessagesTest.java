package io.sqlitekit.support.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SqliteMessagesTest {
  @Test
  void duplicateKey_namesTableAndColumns_orIndex_orFallsBack() {
    assertEquals("insert: duplicate key in table \"users\" on column email",
        SqliteMessages.duplicateKey("insert", "UNIQUE constraint failed: users.email"));
    assertEquals("insert: duplicate key in table \"t\" on columns a, b",
        SqliteMessages.duplicateKey("insert", "UNIQUE constraint failed: t.a, t.b"));
    assertEquals("insert: duplicate key on index 'ux_name'",
        SqliteMessages.duplicateKey("insert", "UNIQUE constraint failed: index 'ux_name'"));
    assertEquals("insert: duplicate key (a UNIQUE or PRIMARY KEY constraint failed)",
        SqliteMessages.duplicateKey("insert", null));
  }
}
