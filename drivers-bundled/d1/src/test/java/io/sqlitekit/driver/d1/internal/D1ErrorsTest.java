package io.sqlitekit.driver.d1.internal;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.sqlitekit.spi.error.ConstraintViolationException;
import io.sqlitekit.spi.error.DataAccessException;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.TransientConflictException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** A SQLException that did not come from the D1 client still maps by its SQLite result code. */
class D1ErrorsTest {
  @Test
  void plainSqlException_mapsByResultCode() {
    SQLException unique = new SQLException("UNIQUE constraint failed: t.k", "23000", 2067);
    RuntimeException dup = D1Errors.translate(unique, "insert");
    assertInstanceOf(DuplicateKeyException.class, dup);
    assertSame(unique, dup.getCause());
    assertInstanceOf(ConstraintViolationException.class,
        D1Errors.translate(new SQLException("NOT NULL constraint failed: t.v", "23000", 1299), "insert"));
    assertInstanceOf(TransientConflictException.class,
        D1Errors.translate(new SQLException("database is locked", null, 5), "write"));
    assertInstanceOf(DataAccessException.class, D1Errors.translate(new SQLException("near x: syntax error", null, 1),
        "read"));
  }
}
