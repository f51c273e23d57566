package io.sqlitekit.spi.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorsTest {
  @Test
  void decodesXerialStyleMessagesAndNumericCodes() {
    SQLException unique = new SQLException(
        "[SQLITE_CONSTRAINT_UNIQUE] A UNIQUE constraint failed (UNIQUE constraint failed: users.email)", null, 19);
    assertEquals(SqliteResultCode.CONSTRAINT_UNIQUE, SqliteResultCode.of(unique));
    assertTrue(SqliteResultCode.of(unique).isDuplicateKey());
    assertEquals(SqliteResultCode.CONSTRAINT_PRIMARYKEY, SqliteResultCode.of(new SQLException("x", null, 1555)));
    assertEquals(SqliteResultCode.BUSY, SqliteResultCode.of(new SQLException("[SQLITE_BUSY] locked", null, 5)));
    assertTrue(SqliteResultCode.BUSY_SNAPSHOT.isTransient());
    assertEquals(SqliteResultCode.CONSTRAINT, SqliteResultCode.of(19 | (99 << 8)), "unknown extended → primary");
    assertTrue(SqliteResultCode.CONSTRAINT_NOTNULL.isConstraint());
    assertFalse(SqliteResultCode.CONSTRAINT_NOTNULL.isDuplicateKey());
    assertEquals(SqliteResultCode.NONE, SqliteResultCode.of(new IllegalStateException("x")));
    assertEquals(SqliteResultCode.NONE, SqliteResultCode.of((Throwable) null));
  }

  @Test
  void wrappedCausesAreDecoded() {
    DuplicateKeyException e = new DuplicateKeyException("duplicate key on \"users\" (email)",
        new RuntimeException(new SQLException("[SQLITE_CONSTRAINT_PRIMARYKEY] x", null, 19)));
    assertEquals(SqliteResultCode.CONSTRAINT_PRIMARYKEY, e.sqliteCode());
    assertEquals(SqliteResultCode.CONSTRAINT_PRIMARYKEY, SqliteResultCode.of(new RuntimeException(e)));
  }

  @Test
  void contractsCarryCodeStatusAndDetails() {
    ErrorContract c = new ValidationException("age", "field \"age\" expects an integer, got String").toContract();
    assertEquals("validation_error", c.code());
    assertEquals(400, c.status());
    assertEquals("age", c.details().get(0).path());
    ErrorContract q = new QueryParseException("age[gte]", "not a number").toContract();
    assertEquals("query_parse_error", q.code());
    assertEquals("age[gte]", q.details().get(0).path());
    ErrorContract v = new VersionConflictException("u1", 3, 4L).toContract();
    assertEquals(409, v.status());
    assertEquals("Version conflict on \"u1\": expected v3, found v4", v.message());
    assertEquals(4L, v.meta().get("actualVersion"));
    assertTrue(new TransientConflictException("busy").isTransient());
    assertEquals(503, new TransientConflictException("busy").httpStatus());
    ErrorContract internal = ErrorContract.of(new IllegalStateException("secret internals"));
    assertEquals("internal_error", internal.code());
    assertEquals("Internal error", internal.message());
  }

  @Test
  void everyCodeHasAStableWireNameAndAnErrorStatus() {
    for (ErrorCode code : ErrorCode.values()) {
      assertTrue(code.wireName().matches("[a-z_]+"), code.toString());
      assertTrue(code.httpStatus() >= 400 && code.httpStatus() < 600, code.toString());
    }
  }

  @Test
  void validation_severalViolations_allInTheContract_firstIsTheField() {
    List<ErrorDetail> found = List.of(ErrorDetail.of("name", "not_null", "must not be null"),
        ErrorDetail.of("rows[1].email", "constraint", "must be a well-formed email address"));
    ValidationException e = new ValidationException("validation failed (2 violations)", found);
    assertEquals("name", e.field());
    assertEquals(found, e.violations());
    assertEquals(found, e.toContract().details());
    assertEquals(400, e.httpStatus());
    assertTrue(new ValidationException("x", "one field").violations().isEmpty());
    assertThrows(IllegalArgumentException.class, () -> new ValidationException("none", List.of()));
  }
}
