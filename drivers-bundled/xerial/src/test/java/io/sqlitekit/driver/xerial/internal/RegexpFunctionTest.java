package io.sqlitekit.driver.xerial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.error.DataAccessException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code value REGEXP pattern} on writer and reader connections. */
final class RegexpFunctionTest {
  @TempDir
  Path dir;

  private XerialDriver driver;

  @BeforeEach
  void setUp() {
    driver = XerialDriver.open("jdbc:sqlite:" + dir.resolve("r.db"), DriverOptions.defaults());
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  /** Returns the REGEXP result as Integer, or null for SQL NULL; on a reader or (write=true) the writer. */
  private Integer regexp(boolean write, String value, String pattern) {
    return write ? driver.write(s -> eval(s, value, pattern)) : driver.read(s -> eval(s, value, pattern));
  }

  private static Integer eval(SqlSession s, String value, String pattern) throws java.sql.SQLException {
    return s.query("SELECT ? REGEXP ?", Arrays.asList(value, pattern), rows -> {
      assertTrue(rows.next());
      return rows.isNull(0) ? null : (int) rows.getLong(0);
    });
  }

  @Test
  void regexp_matchAnywhere_onReaderAndWriter() {
    for (boolean w : new boolean[] {true, false}) {
      assertEquals(1, regexp(w, "hello world", "o w"));
      assertEquals(1, regexp(w, "hello world", "^hel+o"));
      assertEquals(0, regexp(w, "hello world", "^world"));
      assertEquals(0, regexp(w, "Hello", "hello"));
      assertEquals(1, regexp(w, "Hello", "(?i)hello"));
    }
  }

  @Test
  void regexp_nullOperands_null() {
    assertEquals(null, regexp(false, null, "a"));
    assertEquals(null, regexp(false, "a", null));
  }

  @Test
  void regexp_inWhereClause_numbersAsText() {
    List<String> got = driver.write(s -> {
      s.executeScript("CREATE TABLE t(v); INSERT INTO t(v) VALUES ('abc'), ('ABD'), (123), (NULL), ('xyz')");
      return s.query("SELECT v FROM t WHERE v REGEXP ? ORDER BY rowid", List.of("(?i)^ab|^12"), rows -> {
        List<String> out = new ArrayList<>();
        while (rows.next()) {
          out.add(rows.getString(0));
        }
        return out;
      });
    });
    assertEquals(Arrays.asList("abc", "ABD", "123"), got);
  }

  @Test
  void regexp_invalidPattern_namesProblemNotPattern() {
    DataAccessException e = assertThrows(DataAccessException.class, () -> regexp(false, "x", "(unclosed-secret"));
    assertTrue(e.getMessage().contains("invalid regular expression"), e.getMessage());
    assertTrue(e.getMessage().contains("Unclosed group"), e.getMessage());
    assertFalse(e.getMessage().contains("unclosed-secret"), e.getMessage());
  }

  @Test
  void regexp_manyPatterns_cacheStaysBounded() {
    int n = RegexpFunction.CACHE_SIZE * 3;
    int matches = driver.write(s -> {
      int m = 0;
      for (int i = 0; i < n; i++) {
        m += eval(s, "value-" + i, "-" + i + "$");
      }
      return m;
    });
    assertEquals(n, matches);
  }
}
