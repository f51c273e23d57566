package io.sqlitekit.driver.xerial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.SqlWork;
import io.sqlitekit.spi.error.ConstraintViolationException;
import io.sqlitekit.spi.error.DataAccessException;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.ErrorCode;
import io.sqlitekit.spi.error.ReadOnlyException;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.error.SqliteResultCode;
import io.sqlitekit.spi.error.TransientConflictException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real SQLite failures through the driver, one per mapping, plus the message parser. */
final class ErrorTranslationTest {
  private static final String SECRET = "secret-value@example.com";

  @TempDir
  Path dir;

  private XerialDriver driver;

  @BeforeEach
  void setUp() {
    driver = XerialDriver.open("jdbc:sqlite:" + dir.resolve("e.db"), DriverOptions.defaults());
    driver.write(s -> {
      s.executeScript("CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE,"
          + " age INTEGER CHECK (age >= 0), tenant TEXT, handle TEXT, UNIQUE (tenant, handle));"
          + "CREATE TABLE tags(code TEXT PRIMARY KEY) WITHOUT ROWID;"
          + "CREATE TABLE posts(id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id));"
          + "CREATE TABLE guarded(v INTEGER);"
          + "CREATE TRIGGER guarded_no_neg BEFORE INSERT ON guarded WHEN new.v < 0"
          + " BEGIN SELECT RAISE(ABORT, 'guarded.v must not be negative'); END;"
          + "INSERT INTO users(id, email, age, tenant, handle) VALUES (1, '" + SECRET + "', 30, 'acme', 'bob');"
          + "INSERT INTO tags(code) VALUES ('" + SECRET + "');");
      return null;
    });
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  private <T extends RepositoryException> T fails(Class<T> type, String sql, Object... params) {
    SqlWork<Long> work = s -> s.update(sql, java.util.Arrays.asList(params));
    T e = assertThrows(type, () -> driver.write(work));
    assertTrue(e.getCause() instanceof SQLException, "cause is the driver's exception");
    assertFalse(e.getMessage().contains(SECRET), "no bound values in: " + e.getMessage());
    return e;
  }

  @Test
  void unique_namesTableAndColumn() {
    DuplicateKeyException e = fails(DuplicateKeyException.class,
        "INSERT INTO users(email) VALUES (?)", SECRET);
    assertEquals("write: duplicate key in table \"users\" on column email", e.getMessage());
    assertEquals(SqliteResultCode.CONSTRAINT_UNIQUE, e.sqliteCode());
    assertEquals(ErrorCode.DUPLICATE_KEY, e.code());
    assertFalse(e.isTransient());
  }

  @Test
  void uniqueComposite_namesAllColumns() {
    DuplicateKeyException e = fails(DuplicateKeyException.class,
        "INSERT INTO users(email, tenant, handle) VALUES (?, ?, ?)", "x@y", "acme", "bob");
    assertEquals("write: duplicate key in table \"users\" on columns tenant, handle", e.getMessage());
  }

  @Test
  void primaryKey_rowidAndWithoutRowid() {
    DuplicateKeyException rowid = fails(DuplicateKeyException.class,
        "INSERT INTO users(id, email) VALUES (?, ?)", 1, "other@x");
    assertEquals(SqliteResultCode.CONSTRAINT_PRIMARYKEY, rowid.sqliteCode());
    assertTrue(rowid.getMessage().contains("\"users\" on column id"), rowid.getMessage());
    DuplicateKeyException text = fails(DuplicateKeyException.class, "INSERT INTO tags(code) VALUES (?)", SECRET);
    assertEquals(SqliteResultCode.CONSTRAINT_PRIMARYKEY, text.sqliteCode());
    assertTrue(text.getMessage().contains("\"tags\" on column code"), text.getMessage());
  }

  @Test
  void notNull_constraintViolation() {
    ConstraintViolationException e = fails(ConstraintViolationException.class,
        "INSERT INTO users(email, age) VALUES (NULL, ?)", 5);
    assertEquals(SqliteResultCode.CONSTRAINT_NOTNULL, e.sqliteCode());
    assertEquals("write: NOT NULL constraint failed: users.email", e.getMessage());
  }

  @Test
  void check_constraintViolation() {
    ConstraintViolationException e = fails(ConstraintViolationException.class,
        "INSERT INTO users(email, age) VALUES (?, ?)", "new@x", -1);
    assertEquals(SqliteResultCode.CONSTRAINT_CHECK, e.sqliteCode());
    assertTrue(e.getMessage().contains("CHECK constraint failed"), e.getMessage());
  }

  @Test
  void foreignKey_constraintViolation() {
    ConstraintViolationException e = fails(ConstraintViolationException.class,
        "INSERT INTO posts(user_id) VALUES (?)", 999);
    assertEquals(SqliteResultCode.CONSTRAINT_FOREIGNKEY, e.sqliteCode());
    assertEquals(ErrorCode.CONSTRAINT_VIOLATION, e.code());
    assertTrue(e.getMessage().contains("FOREIGN KEY constraint failed"), e.getMessage());
  }

  @Test
  void trigger_constraintViolation() {
    ConstraintViolationException e = fails(ConstraintViolationException.class,
        "INSERT INTO guarded(v) VALUES (?)", -5);
    assertEquals(SqliteResultCode.CONSTRAINT_TRIGGER, e.sqliteCode());
    assertTrue(e.getMessage().contains("guarded.v must not be negative"), e.getMessage());
  }

  @Test
  void syntaxError_dataAccess() {
    DataAccessException e = fails(DataAccessException.class, "INSERT INTO users(email VALUES (?)", "x");
    assertTrue(e.getMessage().startsWith("write failed: "), e.getMessage());
    assertTrue(e.getMessage().contains("syntax error"), e.getMessage());
  }

  @Test
  void translate_busyLockedReadonly() {
    RuntimeException busy = driver.translate(
        new SQLException("[SQLITE_BUSY] The database file is locked (database is locked)", null, 5), "insert");
    assertTrue(busy instanceof TransientConflictException);
    assertTrue(((RepositoryException) busy).isTransient());
    RuntimeException locked = driver.translate(
        new SQLException("[SQLITE_LOCKED] A table in the database is locked (database table is locked)", null, 6), "x");
    assertTrue(locked instanceof TransientConflictException);
    RuntimeException snapshot = driver.translate(new SQLException("[SQLITE_BUSY_SNAPSHOT] x (y)", null, 5), "x");
    assertTrue(snapshot instanceof TransientConflictException);
    RuntimeException ro = driver.translate(new SQLException(
        "[SQLITE_READONLY] Attempt to write a readonly database (attempt to write a readonly database)", null, 8), "x");
    assertTrue(ro instanceof ReadOnlyException);
    RuntimeException roByText = driver.translate(new SQLException("attempt to write a readonly database"), "x");
    assertTrue(roByText instanceof ReadOnlyException);
    SQLException cause = new SQLException("[SQLITE_ERROR] SQL error or missing database (no such table: x)", null, 1);
    RuntimeException other = driver.translate(cause, "select from \"x\"");
    assertTrue(other instanceof DataAccessException);
    assertSame(cause, other.getCause());
    assertEquals("select from \"x\" failed: no such table: x", other.getMessage());
  }

  @Test
  void readOnlyReader_writeAttempt_readOnly() {
    // Work that (wrongly) writes inside read() runs on a read-only reader connection.
    ReadOnlyException e = assertThrows(ReadOnlyException.class,
        () -> driver.read(s -> s.update("INSERT INTO users(email) VALUES ('z@z')", java.util.List.of())));
    assertEquals(ErrorCode.READ_ONLY, e.code());
  }

  @Test
  void nativeExtendedCode_usedWithoutBracketedMessage() {
    SQLException e = new org.sqlite.SQLiteException("UNIQUE constraint failed: a.b",
        org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE);
    assertEquals(SqliteResultCode.CONSTRAINT_UNIQUE, ErrorTranslator.code(e));
    RuntimeException t = driver.translate(e, "insert");
    assertTrue(t instanceof DuplicateKeyException, t.toString());
    assertEquals("insert: duplicate key in table \"a\" on column b", t.getMessage());
    SQLException busy = new org.sqlite.SQLiteException("database is locked", org.sqlite.SQLiteErrorCode.SQLITE_BUSY);
    assertTrue(driver.translate(busy, "x") instanceof TransientConflictException);
  }

  @Test
  void sqliteMessage_shapes() {
    assertEquals("UNIQUE constraint failed: t.c", ErrorTranslator.sqliteMessage(
        "[SQLITE_CONSTRAINT_UNIQUE] A UNIQUE constraint failed (UNIQUE constraint failed: t.c)"));
    assertEquals("CHECK constraint failed: (a > 0) AND (b)", ErrorTranslator.sqliteMessage(
        "[SQLITE_CONSTRAINT_CHECK] A CHECK constraint failed (CHECK constraint failed: (a > 0) AND (b))"));
    assertEquals("plain", ErrorTranslator.sqliteMessage("plain"));
    assertEquals("no detail", ErrorTranslator.sqliteMessage("[SQLITE_ERROR] no detail"));
    assertEquals(null, ErrorTranslator.sqliteMessage(null));
  }

  @Test
  void duplicateOnExpressionIndex_namesIndex() {
    RuntimeException e = driver.translate(new SQLException(
        "[SQLITE_CONSTRAINT_UNIQUE] A UNIQUE constraint failed (UNIQUE constraint failed: index 'ux_lower_email')",
        null, 19), "insert into \"users\"");
    assertTrue(e instanceof DuplicateKeyException);
    assertEquals("insert into \"users\": duplicate key on index 'ux_lower_email'", e.getMessage());
  }
}
