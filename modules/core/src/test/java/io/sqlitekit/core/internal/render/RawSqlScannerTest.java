package io.sqlitekit.core.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.error.ErrorCode;
import io.sqlitekit.spi.error.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RawSqlScannerTest {
  private static int ok(String sql) {
    return RawSqlScanner.validate(sql, "t", false);
  }

  private static ValidationException refused(String sql) {
    return assertThrows(ValidationException.class, () -> RawSqlScanner.validate(sql, "t", false), sql);
  }

  @Test
  void countsPlaceholdersOutsideLiteralsIdentifiersAndWords() {
    assertEquals(2, ok("\"n\" > ? AND \"name\" <> '?' AND length(name) < ?"));
    assertEquals(0, ok("[we?ird] = `a?b` AND x'3F' = '?'"));
    assertEquals(1, ok("'it''s (' = ? AND \"a\"\"(\" IS NOT NULL"));
    assertEquals(0, ok("a$b = 1 AND selected = 1 AND \"select\" = 2 AND 'select' = name"));
    assertEquals(1, ok("(a > 1 OR (b < 2)) AND c = ?"));
    assertEquals(0, ok("a - -1 > 0 AND 4 / 2 = 2"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "1=1) OR (1=1", "1=1)) OR ((1=1", ") OR (", "(1=1", "1=1)", "((a)",
      "1=1; DROP TABLE t", "1=1 --", "1=1 -- ) OR 1=1", "1=1 /* ) OR (1=1 */", "/*", "a--b",
      "'unterminated", "\"unterminated", "`unterminated", "[unterminated",
      "a = ?1", "a = :name", "a = @name", "a = $name", "a = ?999",
      "id IN (SELECT id FROM t)", "EXISTS (sElEcT 1)", "(select 1) = 1"})
  void refusesEverythingThatCouldReachPastItsParentheses(String sql) {
    ValidationException e = refused(sql);
    assertEquals(ErrorCode.VALIDATION_ERROR, e.code());
    assertTrue(e.getMessage().startsWith("raw filter on table \"t\""), e.getMessage());
  }

  @Test
  void messagesNeverEchoTheFragment() {
    ValidationException e = refused("1=1) OR (secret_marker = 1");
    assertFalse(e.getMessage().contains("secret_marker"), e.getMessage());
    assertTrue(e.getMessage().contains("offset 3"), e.getMessage());
  }

  @Test
  void subqueriesOnlyWhenAllowed() {
    assertEquals(1, RawSqlScanner.validate("id IN (SELECT id FROM t WHERE x = ?)", "t", true));
    // Allowing subqueries relaxes nothing else.
    assertThrows(ValidationException.class,
        () -> RawSqlScanner.validate("1=1) OR (SELECT 1", "t", true));
  }
}
