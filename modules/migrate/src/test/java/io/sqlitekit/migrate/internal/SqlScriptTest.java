package io.sqlitekit.migrate.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class SqlScriptTest {
  private static List<String> sql(String script, boolean drizzle) {
    return SqlScript.split(script, drizzle).stream().map(SqlScript.Statement::sql).collect(Collectors.toList());
  }

  @Test
  void split_semicolonsOutsideQuotesAndComments() {
    String script = "CREATE TABLE a (x TEXT DEFAULT 'a;b');\n"
        + "-- a comment; with a semicolon\n"
        + "INSERT INTO a VALUES (\"q;\"); /* block; */ INSERT INTO a VALUES ([x;y]);\n"
        + "INSERT INTO a VALUES ('it''s;')";
    assertEquals(List.of("CREATE TABLE a (x TEXT DEFAULT 'a;b');",
        "INSERT INTO a VALUES (\"q;\");",
        "INSERT INTO a VALUES ([x;y]);",
        "INSERT INTO a VALUES ('it''s;')"), sql(script, false));
  }

  @Test
  void split_triggerBodyStaysWhole() {
    String trigger = "CREATE TEMP TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE a SET x = 1;\n  DELETE FROM b;\nEND;";
    List<String> out = sql("CREATE TABLE a (x);\n" + trigger + "\nSELECT 1;", false);
    assertEquals(List.of("CREATE TABLE a (x);", trigger, "SELECT 1;"), out);
  }

  @Test
  void split_commentOnlyAndEmptyStatementsDropped() {
    assertEquals(List.of(), sql("  -- nothing\n ; ;/* x */\n", false));
    assertEquals(List.of("SELECT 1;"), sql(";;SELECT 1;;", false));
  }

  @Test
  void split_drizzleBreakpointsAndLineNumbers() {
    String script = "CREATE TABLE `a` (\n\t`x` integer\n);\n--> statement-breakpoint\n"
        + "CREATE INDEX `i` ON `a` (`x`);--> statement-breakpoint\nCREATE TABLE `b` (`y` text);";
    List<SqlScript.Statement> st = SqlScript.split(script, true);
    assertEquals(3, st.size());
    assertEquals(1, st.get(0).line());
    assertEquals(5, st.get(1).line());
    assertEquals("CREATE INDEX `i` ON `a` (`x`);", st.get(1).sql());
    assertEquals(6, st.get(2).line());
    assertEquals("CREATE TABLE `a` (", st.get(0).firstLine());
  }

  @Test
  void split_breakpointWithoutSemicolonStillSeparates() {
    assertEquals(List.of("SELECT 1", "SELECT 2"), sql("SELECT 1\n--> statement-breakpoint\nSELECT 2", true));
  }

  @Test
  void firstLine_isShortened() {
    String longLine = "SELECT " + "x, ".repeat(60) + "y;";
    String first = SqlScript.split(longLine, false).get(0).firstLine();
    assertEquals(120, first.length());
  }
}
