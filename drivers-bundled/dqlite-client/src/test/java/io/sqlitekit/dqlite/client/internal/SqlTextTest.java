package io.sqlitekit.dqlite.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Statement counting with SQLite's lexical rules. */
final class SqlTextTest {
  @Test
  void statementCount_empty() {
    assertEquals(0, SqlText.statementCount(""));
    assertEquals(0, SqlText.statementCount("  ;; -- only a comment\n /* and this */ ;"));
  }

  @Test
  void statementCount_single() {
    assertEquals(1, SqlText.statementCount("SELECT 1"));
    assertEquals(1, SqlText.statementCount("SELECT 1;"));
    assertEquals(1, SqlText.statementCount("SELECT ';' AS semi, \"a;b\", `c;d`, [e;f] -- ; tail\n;  "));
    assertEquals(1, SqlText.statementCount("SELECT 'it''s; fine' /* ; */"));
  }

  @Test
  void statementCount_several() {
    assertEquals(3, SqlText.statementCount("BEGIN; INSERT INTO t VALUES (1); COMMIT"));
    assertEquals(2, SqlText.statementCount("SELECT 1; -- c\n SELECT 2;"));
    assertEquals(2, SqlText.statementCount("BEGIN;SELECT CASE WHEN 1 THEN 2 END"), "CASE outside triggers");
  }

  @Test
  void statementCount_triggerBodyIsOneStatement() {
    assertEquals(1, SqlText.statementCount(
        "CREATE TRIGGER tr AFTER INSERT ON a BEGIN UPDATE a SET x = CASE WHEN 1 THEN 2 END; DELETE FROM b; END"));
    assertEquals(2, SqlText.statementCount(
        "create temp trigger tr after insert on a begin delete from b; end; SELECT 1"));
    assertEquals(2, SqlText.statementCount(
        "CREATE TEMPORARY TRIGGER IF NOT EXISTS tr AFTER DELETE ON a BEGIN SELECT 1; END; DROP TABLE x"));
  }
}
