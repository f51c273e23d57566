package io.sqlitekit.tck.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.ConstraintViolationException;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.ErrorCode;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.tck.DriverContractTest;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Error translation into the kit's typed family: duplicate keys (primary key and UNIQUE), other constraints
 * (NOT NULL, CHECK), SQL that does not compile, {@link SqliteDriver#translate} itself, and runtime exceptions
 * passing through unchanged. After every failure the driver stays usable and nothing of the failed write stays.
 */
class ErrorDriverContract extends DriverContractSupport {
  @DriverContractTest
  void primaryKeyClash_isDuplicateKey(SqliteDriver d) {
    withTable(d);
    put(d, "a", 1);
    DuplicateKeyException e = assertThrows(DuplicateKeyException.class, () -> put(d, "a", 2));
    assertEquals(ErrorCode.DUPLICATE_KEY, e.code());
    assertInstanceOf(SQLException.class, e.getCause(), "cause");
    assertEquals(Map.of("a", 1L), rows(d));
  }

  @DriverContractTest
  void uniqueClash_isDuplicateKey(SqliteDriver d) {
    withTable(d);
    d.write(s -> s.update("INSERT INTO tck_kv (k, v, note) VALUES ('a', 1, 'same')", List.of()));
    assertThrows(DuplicateKeyException.class,
        () -> d.write(s -> s.update("INSERT INTO tck_kv (k, v, note) VALUES (?, ?, ?)", List.of("b", 2L, "same"))));
    assertEquals(Map.of("a", 1L), rows(d));
  }

  @DriverContractTest
  void notNullAndCheck_areConstraintViolations_notDuplicates(SqliteDriver d) {
    withTable(d);
    ConstraintViolationException notNull = assertThrows(ConstraintViolationException.class,
        () -> d.write(s -> s.update(INSERT, Arrays.asList("a", null))));
    assertFalse(DuplicateKeyException.class.isInstance(notNull), "NOT NULL is no duplicate");
    assertEquals(ErrorCode.CONSTRAINT_VIOLATION, notNull.code());
    ConstraintViolationException check = assertThrows(ConstraintViolationException.class,
        () -> put(d, "b", -1));
    assertFalse(DuplicateKeyException.class.isInstance(check), "CHECK is no duplicate");
    assertEquals(0, count(d));
  }

  @DriverContractTest
  void sqlThatDoesNotCompile_isATypedErrorWithItsCause_notAConstraint(SqliteDriver d) {
    withTable(d);
    RepositoryException syntax = assertThrows(RepositoryException.class,
        () -> d.read(s -> s.query("SELEKT * FROM tck_kv", List.of(), rs -> rs.next())));
    assertEquals(ErrorCode.DATA_ACCESS_ERROR, syntax.code(), syntax.getMessage());
    assertInstanceOf(SQLException.class, syntax.getCause());
    RepositoryException noTable = assertThrows(RepositoryException.class,
        () -> d.write(s -> s.update("INSERT INTO no_such_table (k) VALUES (?)", List.of("a"))));
    assertEquals(ErrorCode.DATA_ACCESS_ERROR, noTable.code(), noTable.getMessage());
    put(d, "a", 1);
    assertEquals(1, count(d), "the driver stays usable after failures");
  }

  @DriverContractTest
  void translate_mapsSqliteResultCodes(SqliteDriver d) {
    SQLException unique = new SQLException("UNIQUE constraint failed: t.k", "23000", 2067);
    RuntimeException dup = d.translate(unique, "insert into \"t\"");
    assertInstanceOf(DuplicateKeyException.class, dup);
    assertSame(unique, dup.getCause());
    SQLException pk = new SQLException("UNIQUE constraint failed: t.id", "23000", 1555);
    assertInstanceOf(DuplicateKeyException.class, d.translate(pk, "insert"));
    SQLException notNull = new SQLException("NOT NULL constraint failed: t.v", "23000", 1299);
    RuntimeException nn = d.translate(notNull, "insert");
    assertInstanceOf(ConstraintViolationException.class, nn);
    assertFalse(nn instanceof DuplicateKeyException);
    SQLException busy = new SQLException("database is locked", null, 5);
    assertEquals(ErrorCode.TRANSIENT_CONFLICT, ((RepositoryException) d.translate(busy, "write")).code());
  }

  @DriverContractTest
  void runtimeExceptionOfTheWork_passesUnchanged(SqliteDriver d) {
    withTable(d);
    UnsupportedOperationException mine = new UnsupportedOperationException("mine");
    assertSame(mine, assertThrows(UnsupportedOperationException.class, () -> d.read(s -> {
      throw mine;
    })));
    assertSame(mine, assertThrows(UnsupportedOperationException.class, () -> d.write(s -> {
      throw mine;
    })));
  }
}
