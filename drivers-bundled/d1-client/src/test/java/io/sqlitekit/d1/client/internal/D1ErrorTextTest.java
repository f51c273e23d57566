package io.sqlitekit.d1.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The error strings are the ones the local D1 of wrangler 4.86.0 returned, copied from its answers. */
final class D1ErrorTextTest {
  @Test
  void constraintFailures_primaryAndExtendedCodes() {
    D1ErrorText.Parsed p = D1ErrorText.parse("D1_ERROR: UNIQUE constraint failed: t.u: SQLITE_CONSTRAINT "
        + "(extended: SQLITE_CONSTRAINT_UNIQUE)");
    assertEquals("D1_ERROR", p.d1Prefix());
    assertEquals(19, p.primaryCode());
    assertEquals(2067, p.extendedCode());
    assertEquals("SQLITE_CONSTRAINT_UNIQUE", p.extendedName());
    assertEquals("UNIQUE constraint failed: t.u", p.message());
    assertTrue(p.definite());
    assertEquals(1555, D1ErrorText.parse("D1_ERROR: UNIQUE constraint failed: p.id: SQLITE_CONSTRAINT "
        + "(extended: SQLITE_CONSTRAINT_PRIMARYKEY)").extendedCode());
    assertEquals(1299, D1ErrorText.parse("D1_ERROR: NOT NULL constraint failed: p.name: SQLITE_CONSTRAINT "
        + "(extended: SQLITE_CONSTRAINT_NOTNULL)").extendedCode());
    D1ErrorText.Parsed check = D1ErrorText.parse("D1_ERROR: CHECK constraint failed: age >= 0: "
        + "SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_CHECK)");
    assertEquals(275, check.extendedCode());
    assertEquals("CHECK constraint failed: age >= 0", check.message());
    assertEquals(787, D1ErrorText.parse("D1_ERROR: FOREIGN KEY constraint failed: SQLITE_CONSTRAINT "
        + "(extended: SQLITE_CONSTRAINT_FOREIGNKEY)").extendedCode());
  }

  @Test
  void errorsWithPrimaryCodeOnly() {
    D1ErrorText.Parsed syntax = D1ErrorText.parse("D1_ERROR: near \"SELEC\": syntax error at offset 0: "
        + "SQLITE_ERROR");
    assertEquals(1, syntax.primaryCode());
    assertEquals(1, syntax.extendedCode());
    assertNull(syntax.extendedName());
    assertEquals("near \"SELEC\": syntax error at offset 0", syntax.message());
    assertEquals("no such table: nope", D1ErrorText.parse("D1_ERROR: no such table: nope: SQLITE_ERROR")
        .message());
    assertEquals(18, D1ErrorText.parse("D1_ERROR: statement too long: SQLITE_TOOBIG").primaryCode());
    D1ErrorText.Parsed rest = D1ErrorText.parse("no such column: x at offset 7: SQLITE_ERROR");
    assertNull(rest.d1Prefix());
    assertEquals(1, rest.primaryCode());
    assertTrue(rest.definite());
  }

  @Test
  void unknownExtendedName_keepsPrimary() {
    D1ErrorText.Parsed p = D1ErrorText.parse("D1_ERROR: x: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_NEWKIND)");
    assertEquals(19, p.primaryCode());
    assertEquals(-1, p.extendedCode());
  }

  @Test
  void d1ErrorsWithoutCode_areDefinite() {
    D1ErrorText.Parsed p = D1ErrorText.parse("D1_ERROR: Wrong number of parameter bindings for SQL query.");
    assertEquals(-1, p.primaryCode());
    assertTrue(p.definite());
  }

  @Test
  void transientAndApiErrors_notDefinite() {
    for (String t : new String[] {"D1_ERROR: Network connection lost.",
        "D1 DB is overloaded. Requests queued for too long.",
        "D1_ERROR: D1 DB storage operation exceeded timeout which caused object to be reset."}) {
      D1ErrorText.Parsed p = D1ErrorText.parse(t);
      assertTrue(p.transientFailure(), t);
      assertFalse(p.definite(), t);
    }
    assertFalse(D1ErrorText.parse("Invalid input").definite());
    assertFalse(D1ErrorText.parse("Authentication error").definite());
  }

  @Test
  void codeOf() {
    assertEquals(5, D1ErrorText.codeOf("SQLITE_BUSY"));
    assertEquals(2067, D1ErrorText.codeOf("SQLITE_CONSTRAINT_UNIQUE"));
    assertEquals(-1, D1ErrorText.codeOf("SQLITE_NOPE"));
  }
}
