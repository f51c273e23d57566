package io.sqlitekit.tck.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.Rows;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.ReadOnlyException;
import io.sqlitekit.tck.DriverContractTest;
import io.sqlitekit.tck.DriverFeature;
import io.sqlitekit.tck.RequiresDriver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The session: statements, values, batches, scripts, read-only reads, and the session's lifetime. Every driver
 * must pass all of it.
 */
class SessionDriverContract extends DriverContractSupport {
  /** The largest integer every engine carries exactly, JSON-based ones included (2^53 - 1). */
  private static final long SAFE_MAX = 9_007_199_254_740_991L;

  @DriverContractTest
  void update_reportsChanges_andReadSeesCommittedRows(SqliteDriver d) {
    withTable(d);
    assertEquals(1L, (long) d.<Long>write(s -> s.update(INSERT, List.of("a", 1L))));
    put(d, "b", 2);
    assertEquals(2L, (long) d.<Long>write(s -> s.update("UPDATE tck_kv SET v = v + 10", List.of())),
        "update() returns SQLite's changes()");
    assertEquals(0L, (long) d.<Long>write(s -> s.update("DELETE FROM tck_kv WHERE k = ?", List.of("missing"))));
    assertEquals(Map.of("a", 11L, "b", 12L), rows(d));
    assertNotNull(d.url(), "url()");
  }

  @DriverContractTest
  void values_roundTripExactly_inTheirStorageClass(SqliteDriver d) {
    d.write(s -> {
      s.executeScript("CREATE TABLE tck_values (i INTEGER, r REAL, t TEXT, b BLOB, n TEXT)");
      return null;
    });
    byte[] blob = {0, 1, -1, 127, -128, 42};
    String text = "naïve ✓ 'quoted' \"double\" ; -- not a comment";
    List<Object> params = Arrays.asList(SAFE_MAX, 0.1 + 0.2, text, blob, null);
    d.write(s -> s.update("INSERT INTO tck_values (i, r, t, b, n) VALUES (?, ?, ?, ?, ?)", params));
    d.write(s -> s.update("INSERT INTO tck_values (i, r, t, b, n) VALUES (?, ?, ?, ?, ?)",
        Arrays.asList(-SAFE_MAX, -1e-300, "", new byte[0], null)));
    List<List<Object>> read = d.read(s -> s.query("SELECT i, r, t, b, n FROM tck_values ORDER BY i DESC", List.of(),
        rs -> {
          List<List<Object>> out = new ArrayList<>();
          while (rs.next()) {
            assertEquals(5, rs.columnCount());
            assertEquals("t", rs.columnName(2));
            out.add(Arrays.asList(rs.getObject(0), rs.getObject(1), rs.getObject(2), rs.getObject(3),
                rs.getObject(4)));
            assertTrue(rs.isNull(4), "isNull on a NULL");
            assertFalse(rs.isNull(0), "isNull on a value");
          }
          return out;
        }));
    assertEquals(2, read.size());
    List<Object> first = read.get(0);
    assertEquals(SAFE_MAX, ((Number) first.get(0)).longValue(), "INTEGER");
    assertEquals(0.1 + 0.2, (Double) first.get(1), 0.0, "REAL, bit for bit");
    assertEquals(text, first.get(2), "TEXT");
    assertArrayEquals(blob, (byte[]) first.get(3), "BLOB");
    assertNull(first.get(4), "NULL");
    List<Object> second = read.get(1);
    assertEquals(-SAFE_MAX, ((Number) second.get(0)).longValue());
    assertEquals(-1e-300, (Double) second.get(1), 0.0);
    assertEquals("", second.get(2), "an empty string is not NULL");
    assertArrayEquals(new byte[0], second.get(3) == null ? null : (byte[]) second.get(3),
        "an empty BLOB is not NULL");
  }

  @DriverContractTest
  void integers_fullRange_areStoredExactly_andReadExactlyOrRefusedTyped(SqliteDriver d) {
    withTable(d);
    for (long v : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 1, SAFE_MAX + 2}) {
      String k = "k" + v;
      d.write(s -> s.update("INSERT INTO tck_kv (k, v) VALUES (?, ?)", List.of(k, v)));
      // The decimal text SQLite renders shows what was stored, independent of how the driver carries numbers.
      assertEquals(Long.toString(v), d.read(s -> s.query("SELECT CAST(v AS TEXT) FROM tck_kv WHERE k = ?",
          List.of(k), rs -> rs.next() ? rs.getString(0) : null)), "stored exactly");
      Long back;
      try {
        back = d.read(s -> value(s, k));
      } catch (io.sqlitekit.spi.error.RepositoryException refused) {
        // A driver whose transport cannot carry the value must say so rather than return another number.
        continue;
      }
      assertEquals(v, (long) back, "an INTEGER read back is exact");
    }
  }

  @DriverContractTest
  void batch_ofInserts_runsEveryRowInOrder(SqliteDriver d) {
    withTable(d);
    long[] changes = d.write(s -> s.batch(INSERT, List.of(List.of("a", 1L), List.of("b", 2L), List.of("c", 3L))));
    assertArrayEquals(new long[] {1, 1, 1}, changes);
    assertEquals(Map.of("a", 1L, "b", 2L, "c", 3L), rows(d));
  }

  @DriverContractTest
  void batch_ofUpdatesAndDeletes_reportsEachRowsChanges(SqliteDriver d) {
    withTable(d);
    put(d, "x", 5);
    long[] changes = d.write(s -> s.batch("INSERT OR REPLACE INTO tck_kv (k, v) VALUES (?, ?)",
        List.of(List.of("a", 1L), List.of("b", 2L), List.of("x", 6L))));
    assertArrayEquals(new long[] {1, 1, 1}, changes);
    long[] deletes = d.write(s -> s.batch("DELETE FROM tck_kv WHERE k = ?",
        List.of(List.of("a"), List.of("zz"), List.of("x"))));
    assertArrayEquals(new long[] {1, 0, 1}, deletes, "per-row changes, a miss is 0");
    assertEquals(Map.of("b", 2L), rows(d));
  }

  @DriverContractTest
  void executeScript_runsEveryStatement_semicolonsInLiteralsIncluded(SqliteDriver d) {
    withTable(d);
    d.write(s -> {
      s.executeScript("INSERT INTO tck_kv (k, v, note) VALUES ('a;b', 1, 'x; y');\n"
          + "INSERT INTO tck_kv (k, v) VALUES ('c', 2);\n"
          + "UPDATE tck_kv SET v = v + 1 WHERE k = 'c';");
      return null;
    });
    assertEquals(Map.of("a;b", 1L, "c", 3L), rows(d));
  }

  @DriverContractTest
  void sessions_sayWhetherTheyMayWrite(SqliteDriver d) {
    withTable(d);
    assertFalse(d.read(SqlSession::writable), "a read session is not writable");
    assertTrue(d.write(SqlSession::writable), "a write session is writable");
    assertFalse(d.inTransaction(), "no transaction outside work");
  }

  @DriverContractTest
  void read_refusesToWrite_withReadOnlyException_nothingChanged(SqliteDriver d) {
    withTable(d);
    put(d, "a", 1);
    assertThrows(ReadOnlyException.class, () -> d.read(s -> s.update(INSERT, List.of("b", 2L))));
    assertEquals(Map.of("a", 1L), rows(d));
  }

  @DriverContractTest
  void session_usedAfterItsWorkEnded_isRefused(SqliteDriver d) {
    withTable(d);
    AtomicReference<SqlSession> leaked = new AtomicReference<>();
    d.read(s -> {
      leaked.set(s);
      return count(s);
    });
    assertThrows(IllegalStateException.class, () -> count(leaked.get()));
    d.write(s -> {
      leaked.set(s);
      return null;
    });
    assertThrows(IllegalStateException.class, () -> leaked.get().update(INSERT, List.of("late", 1L)));
    assertEquals(0, count(d), "the leaked session wrote nothing");
  }

  @DriverContractTest
  void rows_usedAfterTheirReaderReturned_areRefused(SqliteDriver d) {
    withTable(d);
    put(d, "a", 1);
    put(d, "b", 2);
    AtomicReference<Rows> leaked = new AtomicReference<>();
    // The reader stops after one of two rows, so a driver that streams still holds the rest when it returns.
    assertEquals("a", d.read(s -> s.query("SELECT k FROM tck_kv ORDER BY k", List.of(), rs -> {
      leaked.set(rs);
      return rs.next() ? rs.getString(0) : null;
    })));
    Rows rows = leaked.get();
    assertThrows(IllegalStateException.class, rows::next, "next() after the reader returned");
    assertThrows(IllegalStateException.class, () -> rows.getObject(0), "a value after the reader returned");
    assertEquals(2, count(d), "the driver stays usable");
  }

  @DriverContractTest
  void rowValues_withoutACurrentRow_areRefusedAsMisuse(SqliteDriver d) {
    withTable(d);
    put(d, "a", 1);
    // Before the first next() and after next() returned false there is no row: reading one is a programming
    // mistake (IllegalStateException), never a SQLException a caller might retry or translate.
    List<String> seen = d.read(s -> s.query("SELECT k, v FROM tck_kv", List.of(), rs -> {
      List<String> out = new ArrayList<>();
      for (String phase : List.of("before next()", "after the last row")) {
        if (phase.startsWith("after")) {
          assertTrue(rs.next(), "the one row");
          out.add(rs.getString(0));
          assertFalse(rs.next(), "past the end");
        }
        assertThrows(IllegalStateException.class, () -> rs.getObject(0), "getObject " + phase);
        assertThrows(IllegalStateException.class, () -> rs.getLong(1), "getLong " + phase);
        assertThrows(IllegalStateException.class, () -> rs.getDouble(1), "getDouble " + phase);
        assertThrows(IllegalStateException.class, () -> rs.getString(0), "getString " + phase);
        assertThrows(IllegalStateException.class, () -> rs.getBytes(0), "getBytes " + phase);
        assertThrows(IllegalStateException.class, () -> rs.isNull(0), "isNull " + phase);
        out.add(phase);
      }
      return out;
    }));
    assertEquals(List.of("before next()", "a", "after the last row"), seen);
    assertEquals(1, count(d), "the driver stays usable");
  }

  @DriverContractTest
  void query_earlyReturn_closesTheCursor_driverStaysUsable(SqliteDriver d) {
    withTable(d);
    d.write(s -> s.batch(INSERT, List.of(List.of("a", 1L), List.of("b", 2L), List.of("c", 3L))));
    for (int i = 0; i < 20; i++) {
      // Returning after the first of several rows must release the statement every time (a leak would exhaust
      // a pool or keep a read transaction open that blocks checkpoints).
      String k = d.read(s -> s.query("SELECT k FROM tck_kv ORDER BY k", List.of(), rs -> rs.next() ? rs.getString(0)
          : null));
      assertEquals("a", k);
    }
    put(d, "d", 4);
    assertEquals(4, count(d));
  }

  @DriverContractTest
  @RequiresDriver(DriverFeature.REGEXP)
  void regexp_operatorWorks(SqliteDriver d) {
    assertEquals(List.of(1L, 0L), d.read(s -> s.query("SELECT 'abc' REGEXP 'b.', 'abc' REGEXP '^x'", List.of(),
        rs -> {
          rs.next();
          return List.of(rs.getLong(0), rs.getLong(1));
        })));
  }

  @DriverContractTest
  @RequiresDriver(absent = DriverFeature.REGEXP)
  void regexp_absent_failsWithATypedError(SqliteDriver d) {
    assertThrows(io.sqlitekit.spi.error.RepositoryException.class,
        () -> d.read(s -> s.query("SELECT 'abc' REGEXP 'b'", List.of(), rs -> rs.next())));
  }
}
