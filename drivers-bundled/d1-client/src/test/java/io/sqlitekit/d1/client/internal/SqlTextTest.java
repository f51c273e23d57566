package io.sqlitekit.d1.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class SqlTextTest {
  private static List<Integer> numbers(String sql) {
    return SqlText.scan(sql).placeholders().stream().map(SqlText.Placeholder::number).collect(Collectors.toList());
  }

  @Test
  void placeholders_sqliteNumbering() {
    assertEquals(List.of(1, 2, 3), numbers("SELECT ?, ?, ?"));
    assertEquals(List.of(2, 3, 2, 1), numbers("SELECT ?2, ?, ?2, ?1"));
    assertEquals(List.of(5, 6), numbers("SELECT ?5, ?"));
    assertEquals(6, SqlText.scan("SELECT ?5, ?").parameterCount());
    SqlText.Placeholder p = SqlText.scan("x = ?12 AND").placeholders().get(0);
    assertEquals(4, p.start());
    assertEquals(7, p.end());
  }

  @Test
  void placeholders_hiddenByQuotesAndComments() {
    assertEquals(List.of(1), numbers("SELECT '?', \"?\", `?`, [?], x'3f' -- ?\n, ? /* ? */"));
    assertEquals(List.of(1), numbers("SELECT 'it''s ?', ?"));
    assertEquals(List.of(), numbers("SELECT a$b, \"a:b\", '@x'"));
  }

  @Test
  void namedParameters_andBadInput_refused() {
    assertThrows(IllegalArgumentException.class, () -> SqlText.scan("SELECT :a"));
    assertThrows(IllegalArgumentException.class, () -> SqlText.scan("SELECT @a"));
    assertThrows(IllegalArgumentException.class, () -> SqlText.scan("SELECT $a"));
    assertThrows(IllegalArgumentException.class, () -> SqlText.scan("SELECT ?0"));
    assertThrows(IllegalArgumentException.class, () -> SqlText.scan("SELECT ?32767"));
    assertThrows(IllegalArgumentException.class, () -> SqlText.scan("SELECT 'open"));
    assertThrows(IllegalArgumentException.class, () -> SqlText.scan("SELECT \"open"));
    assertThrows(IllegalArgumentException.class, () -> SqlText.scan("SELECT [open"));
  }

  @Test
  void statements_counted_triggerBodiesKeptWhole() {
    assertEquals(0, SqlText.scan(" ; -- c\n /* d */ ;").statementCount());
    assertEquals(1, SqlText.scan("SELECT 1;").statementCount());
    assertEquals(2, SqlText.scan("SELECT 1; SELECT ';'").statementCount());
    assertEquals(3, SqlText.scan("CREATE TABLE t(a); CREATE TEMP TRIGGER g AFTER INSERT ON t BEGIN "
        + "UPDATE t SET a = CASE WHEN new.a > 0 THEN 1 ELSE 0 END; DELETE FROM t WHERE 0; END; SELECT 1")
        .statementCount());
  }

  @Test
  void endOfLastStatement_excludesTrailingNoise() {
    String sql = "SELECT 1 ;  -- done\n";
    assertEquals("SELECT 1", sql.substring(0, SqlText.scan(sql).endOfLastStatement()));
    String open = "SELECT 2 /* never closed";
    SqlText.Scan s = SqlText.scan(open);
    assertTrue(s.openBlockComment());
    assertEquals("SELECT 2", open.substring(0, s.endOfLastStatement()));
    String trigger = "CREATE TRIGGER g AFTER INSERT ON t BEGIN SELECT 1; END;";
    assertEquals(trigger.substring(0, trigger.length() - 1),
        trigger.substring(0, SqlText.scan(trigger).endOfLastStatement()));
  }

  @Test
  void readOnly_onlyForSingleNonWritingStatements() {
    for (String read : List.of("SELECT 1", "  select * from t", "VALUES (1)", "EXPLAIN QUERY PLAN SELECT 1",
        "WITH x AS (SELECT 1) SELECT * FROM x", "/* c */ SELECT replace(a, 'x', 'y') FROM t")) {
      assertTrue(SqlText.scan(read).readOnly(), read);
    }
    for (String write : List.of("INSERT INTO t VALUES (1)", "UPDATE t SET a = 1", "DELETE FROM t",
        "REPLACE INTO t VALUES (1)", "WITH x AS (SELECT 1) DELETE FROM t", "WITH x AS (SELECT 1) "
        + "INSERT INTO t SELECT * FROM x", "PRAGMA foreign_keys", "CREATE TABLE t(a)", "SELECT 1; SELECT 2",
        "BEGIN", "(SELECT 1)")) {
      assertFalse(SqlText.scan(write).readOnly(), write);
    }
  }
}
