package io.sqlitekit.driver.xerial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.driver.Rows;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.DataAccessException;
import io.sqlitekit.spi.error.ReadOnlyException;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.error.TransientConflictException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class XerialDriverTest {
  @TempDir
  Path dir;

  private final List<XerialDriver> opened = new ArrayList<>();
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void tearDown() throws InterruptedException {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    opened.forEach(XerialDriver::close);
  }

  private String url(String name) {
    return "jdbc:sqlite:" + dir.resolve(name);
  }

  private XerialDriver open(DriverOptions options) {
    return open("db.sqlite", options);
  }

  private XerialDriver open(String name, DriverOptions options) {
    XerialDriver d = XerialDriver.open(url(name), options);
    opened.add(d);
    return d;
  }

  private XerialDriver openWithTable() {
    XerialDriver d = open(DriverOptions.defaults());
    d.write(s -> {
      s.executeScript("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0)");
      return null;
    });
    return d;
  }

  private static String pragma(SqlSession s, String name) throws SQLException {
    return s.query("PRAGMA " + name, List.of(), rows -> {
      assertTrue(rows.next());
      return rows.getString(0);
    });
  }

  private static int insert(SqlSession s, String name) throws SQLException {
    return (int) s.update("INSERT INTO t(name) VALUES (?)", List.of(name));
  }

  /** The connection a session runs on, to check which connection work joined. */
  private static PooledConnection connectionOf(SqlSession s) {
    return ((XerialSession) s).pooled();
  }

  /** Waits inside SqlWork, which may only throw SQLException. */
  static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(30, TimeUnit.SECONDS), "latch timed out");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static <T> T get(Future<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  private static long rows(XerialDriver d) {
    return d.read(XerialDriverTest::count);
  }

  private static long count(SqlSession s) throws SQLException {
    return s.query("SELECT count(*) FROM t", List.of(), rows -> rows.next() ? rows.getLong(0) : -1);
  }

  // ---- pragmas

  @Test
  void statementFailingWithARuntimeError_isNotReused() {
    XerialDriver d = openWithTable();
    d.write(s -> s.update("INSERT INTO t(id, name, n) VALUES (1, 'a', 1), (2, 'b', 2)", List.of()));
    // json_extract with an invalid path fails while stepping (SQLITE_ERROR), only for the rows reaching it;
    // sqlite-jdbc then finalizes the statement. The same SQL must run again on a fresh one.
    String sql = "SELECT json_extract(1, 'bad path' || substr(n, 1, 0)) FROM t WHERE n > ?";
    for (int round = 0; round < 2; round++) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> d.read(s -> s.query(sql, List.of(1L),
          rs -> rs.next())));
      assertTrue(String.valueOf(e.getMessage()).contains("JSON path"), e.getMessage());
      boolean any = d.read(s -> s.query(sql, List.of(5L), rs -> rs.next()));
      assertFalse(any, "no row reaches the bad path");
      assertThrows(RuntimeException.class, () -> d.write(s -> s.update(
          "UPDATE t SET n = n + 1 WHERE json_extract(1, 'bad path' || substr(n, 1, 0)) IS NULL AND id = ?",
          List.of(1L))));
      long changed = d.write(s -> s.update(
          "UPDATE t SET n = n + 1 WHERE json_extract(1, 'bad path' || substr(n, 1, 0)) IS NULL AND id = ?",
          List.of(99L)));
      assertEquals(0L, changed);
    }
  }

  @Test
  void pragmas_production_onWriterAndReaders() {
    XerialDriver d = open(DriverOptions.defaults());
    assertFalse(d.sharedConnection());
    for (boolean onWriter : new boolean[] {true, false}) {
      List<String> got = onWriter ? d.write(XerialDriverTest::productionPragmas) : d.read(XerialDriverTest::productionPragmas);
      assertEquals(List.of("wal", "1", "1", "5000", "-64000", "2"), got, onWriter ? "writer" : "reader");
    }
    assertEquals("0", d.write(s -> pragma(s, "query_only")), "the writer may write");
    assertEquals("1", d.read(s -> pragma(s, "query_only")), "readers are query_only");
  }

  private static List<String> productionPragmas(SqlSession s) throws SQLException {
    List<String> out = new ArrayList<>();
    for (String p : new String[] {"journal_mode", "synchronous", "foreign_keys", "busy_timeout", "cache_size",
        "temp_store"}) {
      out.add(pragma(s, p));
    }
    return out;
  }

  @Test
  void pragmas_testPreset_sharedConnection() {
    XerialDriver d = open(DriverOptions.defaults().withPreset(PragmaPreset.TEST));
    assertTrue(d.sharedConnection(), "journal_mode=MEMORY is not WAL: one shared connection");
    assertEquals(List.of("memory", "0", "1"),
        d.read(s -> List.of(pragma(s, "journal_mode"), pragma(s, "synchronous"), pragma(s, "foreign_keys"))));
  }

  @Test
  void pragmas_readOnlyPreset_writesFail() throws Exception {
    // Create the schema first with a writable driver, as a read-only deployment would find it.
    try (XerialDriver rw = XerialDriver.open(url("ro.db"), DriverOptions.defaults())) {
      rw.write(s -> {
        s.executeScript("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0);"
            + "INSERT INTO t(name) VALUES ('a')");
        return null;
      });
    }
    XerialDriver d = open("ro.db", DriverOptions.defaults().withPreset(PragmaPreset.READ_ONLY));
    assertEquals("1", d.read(s -> pragma(s, "query_only")));
    assertEquals(1L, rows(d));
    ReadOnlyException e = assertThrows(ReadOnlyException.class, () -> d.write(s -> insert(s, "b")));
    assertTrue(e.getCause() instanceof SQLException);
    assertEquals(1L, rows(d));
  }

  @Test
  void pragmas_extraPragmaOverridesPreset() {
    XerialDriver d = open(DriverOptions.defaults().withPragma("busy_timeout", "1234").withPragma("cache_size", "-2000"));
    assertEquals(List.of("1234", "-2000"), d.write(s -> List.of(pragma(s, "busy_timeout"), pragma(s, "cache_size"))));
    assertEquals(List.of("1234", "-2000"), d.read(s -> List.of(pragma(s, "busy_timeout"), pragma(s, "cache_size"))));
  }

  @Test
  void pragmas_noPresetCustomOnly_andProductionInMemory() {
    XerialDriver custom = open("custom.db", DriverOptions.defaults().withPreset(PragmaPreset.NONE)
        .withPragma("foreign_keys", "ON").withPragma("cache_size", "-32000"));
    assertEquals(List.of("1", "-32000"),
        custom.read(s -> List.of(pragma(s, "foreign_keys"), pragma(s, "cache_size"))));
    XerialDriver memory = XerialDriver.open("jdbc:sqlite::memory:", DriverOptions.defaults());
    opened.add(memory);
    assertEquals(List.of("memory", "1", "1", "5000", "-64000", "2"), memory.read(XerialDriverTest::productionPragmas),
        "in-memory databases cannot use WAL");
  }

  @Test
  void open_malformedPragmaValue_configurationError() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> open(DriverOptions.defaults().withPragma("mmap_size", "x-y")));
    assertTrue(e.getMessage().contains("mmap_size"), e.getMessage());
  }

  // ---- transactions

  @Test
  void write_commits() {
    XerialDriver d = openWithTable();
    assertEquals(1, (int) d.write(s -> insert(s, "a")));
    assertEquals(1L, rows(d));
    assertFalse(d.inTransaction());
  }

  @Test
  void write_exceptionRollsBackAndPropagatesSameObject() {
    XerialDriver d = openWithTable();
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> d.write(s -> {
      insert(s, "a");
      assertTrue(d.inTransaction());
      throw boom;
    }));
    assertSame(boom, thrown);
    assertEquals(0L, rows(d));
    assertFalse(d.inTransaction());
    assertEquals(1, (int) d.write(s -> insert(s, "after")), "the writer is usable after a rollback");
  }

  @Test
  void write_sqlExceptionTranslatedAndRolledBack() {
    XerialDriver d = openWithTable();
    DataAccessException e = assertThrows(DataAccessException.class, () -> d.write(s -> {
      insert(s, "a");
      s.update("INSERT INTO no_such_table VALUES (1)", List.of());
      return null;
    }));
    assertTrue(e.getCause() instanceof SQLException);
    assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
    assertEquals(0L, rows(d));
  }

  @Test
  void write_checkedExceptionSmuggledPastSignature_rolledBackSameObject() {
    XerialDriver d = openWithTable();
    java.io.IOException io = new java.io.IOException("disk");
    Throwable thrown = assertThrows(java.io.IOException.class, () -> d.write(s -> {
      insert(s, "a");
      throw XerialDriverTest.<RuntimeException>sneaky(io);
    }));
    assertSame(io, thrown);
    AssertionError err = new AssertionError("error");
    assertSame(err, assertThrows(AssertionError.class, () -> d.write(s -> {
      insert(s, "b");
      throw err;
    })));
    assertEquals(0L, rows(d));
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }

  @Test
  void write_deferredForeignKeyFailsAtCommit_constraintViolation_nothingApplied() {
    XerialDriver d = openWithTable();
    d.write(s -> {
      s.executeScript("CREATE TABLE child(id INTEGER PRIMARY KEY, parent INTEGER REFERENCES t(id))");
      return null;
    });
    io.sqlitekit.spi.error.ConstraintViolationException e = assertThrows(
        io.sqlitekit.spi.error.ConstraintViolationException.class, () -> d.write(s -> {
          s.executeScript("PRAGMA defer_foreign_keys = ON");
          insert(s, "a");
          return s.update("INSERT INTO child(parent) VALUES (999)", List.of());
        }));
    assertTrue(e.getMessage().startsWith("commit: "), e.getMessage());
    assertEquals(0L, rows(d), "rolled back after the failed COMMIT");
    assertFalse(d.inTransaction());
    assertEquals(1, (int) d.write(s -> insert(s, "ok")));
  }

  @Test
  void write_nestedFailureCaught_onlyInnerUndone() {
    XerialDriver d = openWithTable();
    d.write(s -> {
      insert(s, "outer-1");
      RuntimeException inner = assertThrows(RuntimeException.class, () -> d.write(s2 -> {
        insert(s2, "inner");
        throw new IllegalArgumentException("inner fails");
      }));
      assertEquals("inner fails", inner.getMessage());
      assertTrue(d.inTransaction());
      d.write(s3 -> insert(s3, "inner-ok"));
      insert(s, "outer-2");
      return null;
    });
    assertEquals(List.of("outer-1", "inner-ok", "outer-2"), d.read(XerialDriverTest::names));
  }

  @Test
  void write_nestedFailureNotCaught_allUndone() {
    XerialDriver d = openWithTable();
    assertThrows(IllegalArgumentException.class, () -> d.write(s -> {
      insert(s, "outer");
      return d.write(s2 -> {
        insert(s2, "inner");
        throw new IllegalArgumentException("x");
      });
    }));
    assertEquals(0L, rows(d));
  }

  private static List<String> names(SqlSession s) throws SQLException {
    return s.query("SELECT name FROM t ORDER BY id", List.of(), rows -> {
      List<String> out = new ArrayList<>();
      while (rows.next()) {
        out.add(rows.getString(0));
      }
      return out;
    });
  }

  @Test
  void read_insideWrite_seesUncommittedWriteAndIsWritable() {
    XerialDriver d = openWithTable();
    d.write(s -> {
      insert(s, "a");
      assertEquals(1L, rows(d));
      assertEquals(1L, d.readSnapshot(XerialDriverTest::count));
      assertTrue(d.read(SqlSession::writable), "a read inside a write joins the writer");
      assertSame(connectionOf(s), d.read(XerialDriverTest::connectionOf));
      return null;
    });
    assertFalse(d.read(SqlSession::writable));
  }

  @Test
  void read_otherThread_doesNotSeeUncommitted() throws Exception {
    XerialDriver d = openWithTable();
    CountDownLatch inserted = new CountDownLatch(1);
    CountDownLatch checked = new CountDownLatch(1);
    Future<?> writer = pool.submit(() -> d.write(s -> {
      insert(s, "a");
      inserted.countDown();
      await(checked);
      return null;
    }));
    assertTrue(inserted.await(10, TimeUnit.SECONDS));
    try {
      assertEquals(0L, rows(d), "reader sees the last committed state");
    } finally {
      checked.countDown();
    }
    writer.get(10, TimeUnit.SECONDS);
    assertEquals(1L, rows(d));
  }

  @Test
  void reader_cannotOpenWriteTransaction() {
    XerialDriver d = openWithTable();
    ReadOnlyException e = assertThrows(ReadOnlyException.class,
        () -> d.read(s -> s.update("BEGIN IMMEDIATE", List.of())));
    assertTrue(e.getCause() instanceof SQLException);
    assertEquals(1, (int) d.write(s -> insert(s, "writer unaffected")));
  }

  @Test
  void readSnapshot_concurrentCommitInvisibleUntilEnd() throws Exception {
    XerialDriver d = openWithTable();
    d.write(s -> insert(s, "a"));
    List<Long> seen = d.readSnapshot(s -> {
      long first = count(s);
      // Commit on another thread while this snapshot is open: WAL lets the writer proceed.
      get(pool.submit(() -> d.write(s2 -> insert(s2, "b"))));
      return List.of(first, count(s));
    });
    assertEquals(List.of(1L, 1L), seen);
    assertEquals(2L, rows(d));
    List<Long> plain = d.read(s -> {
      long first = count(s);
      get(pool.submit(() -> d.write(s2 -> insert(s2, "c"))));
      return List.of(first, count(s));
    });
    assertEquals(List.of(2L, 3L), plain, "a plain read runs each statement in autocommit");
  }

  @Test
  void nestedRead_joinsReader_noSecondBorrow() {
    XerialDriver d = XerialDriver.open(url("one.db"), DriverOptions.defaults().withReaderPoolSize(1));
    opened.add(d);
    d.write(s -> {
      s.executeScript("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0)");
      return null;
    });
    PooledConnection inner = d.read(s -> {
      PooledConnection c = connectionOf(s);
      assertSame(c, d.read(XerialDriverTest::connectionOf));
      assertSame(c, d.readSnapshot(XerialDriverTest::connectionOf));
      return c;
    });
    assertSame(inner, d.read(XerialDriverTest::connectionOf), "pool of one");
  }

  @Test
  void write_lockTimeout_transientConflict() throws Exception {
    XerialDriver d = XerialDriver.open(url("lock.db"), DriverOptions.defaults().withWriteLockTimeout(Duration.ofMillis(50)));
    opened.add(d);
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<?> holder = pool.submit(() -> d.write(s -> {
      holding.countDown();
      await(release);
      return null;
    }));
    assertTrue(holding.await(10, TimeUnit.SECONDS));
    try {
      TransientConflictException e = assertThrows(TransientConflictException.class, () -> d.write(s -> null));
      assertTrue(e.isTransient());
    } finally {
      release.countDown();
    }
    holder.get(10, TimeUnit.SECONDS);
  }

  // ---- statements

  @Test
  void statementCache_reusedAcrossWork_perSqlText() {
    XerialDriver d = openWithTable();
    long before = d.write(s -> connectionOf(s).prepares());
    d.write(XerialDriverTest::count);
    d.write(XerialDriverTest::count);
    d.write(s -> insert(s, "a") + insert(s, "b"));
    assertEquals(before + 2, (long) d.write(s -> connectionOf(s).prepares()),
        "one compilation per distinct SQL text, however often it runs");
    assertEquals(2L, (long) d.write(XerialDriverTest::count), "a reused statement sees fresh data");
  }

  @Test
  void releasedStatement_clearsOnlyTextAndBlobs() {
    assertFalse(PooledConnection.mustClear(List.of()));
    assertFalse(PooledConnection.mustClear(java.util.Arrays.asList(1L, 2.5, null, true, 7)));
    assertTrue(PooledConnection.mustClear(List.of(1L, "someone@example.com")));
    assertTrue(PooledConnection.mustClear(List.of(new byte[] {1, 2})));
  }

  @Test
  void cachedStatement_numbersLeftBound_nextCallBindsItsOwn() {
    XerialDriver d = openWithTable();
    d.write(s -> insert(s, "a") + insert(s, "b") + insert(s, "c"));
    String sql = "SELECT count(*) FROM t WHERE rowid > ? AND rowid <= ?";
    List<Long> counts = d.read(s -> List.of(
        s.query(sql, List.of(0L, 3L), r -> r.next() ? r.getLong(0) : -1L),
        s.query(sql, List.of(1L, 2L), r -> r.next() ? r.getLong(0) : -1L),
        s.query(sql, List.of(5L, 9L), r -> r.next() ? r.getLong(0) : -1L)));
    assertEquals(List.of(3L, 1L, 0L), counts, "each call sees only the values it bound");
  }

  @Test
  void statementCache_disabled_everyCallPrepares() {
    XerialDriver d = XerialDriver.open(url("nocache.db"), new DriverOptions(PragmaPreset.PRODUCTION,
        java.util.Map.of(), 2, 0, Duration.ofSeconds(5)));
    opened.add(d);
    List<Long> counts = d.write(s -> {
      long before = connectionOf(s).prepares();
      s.query("SELECT 1", List.of(), Rows::next);
      s.query("SELECT 1", List.of(), Rows::next);
      return List.of(before, connectionOf(s).prepares());
    });
    assertEquals(counts.get(0) + 2, counts.get(1));
  }

  @Test
  void statementCache_evictionWhileInUse_outerCursorKeepsWorking() {
    XerialDriver d = XerialDriver.open(url("small.db"), new DriverOptions(PragmaPreset.PRODUCTION,
        java.util.Map.of(), 1, 2, Duration.ofSeconds(5)));
    opened.add(d);
    String three = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3) SELECT x FROM c";
    List<Long> seen = d.write(s -> s.query(three, List.of(), rows -> {
      List<Long> out = new ArrayList<>();
      while (rows.next()) {
        out.add(rows.getLong(0));
        // More distinct statements than the cache holds: the outer one is evicted while its cursor is open.
        for (int k = 2; k <= 4; k++) {
          assertEquals((long) k, (long) s.query("SELECT " + k, List.of(), r -> r.next() ? r.getLong(0) : -1));
        }
      }
      return out;
    }));
    assertEquals(List.of(1L, 2L, 3L), seen);
    assertEquals(1L, (long) d.write(s -> s.query(three, List.of(),
        r -> r.next() ? r.getLong(0) : -1)), "the evicted statement was closed, the SQL prepares again");
  }

  @Test
  void query_sameSqlNestedInItsOwnReader_getsItsOwnStatement() {
    XerialDriver d = openWithTable();
    d.write(s -> insert(s, "a") + insert(s, "b"));
    List<String> pairs = d.read(s -> s.query("SELECT name FROM t ORDER BY id", List.of(), rows -> {
      List<String> out = new ArrayList<>();
      while (rows.next()) {
        String outer = rows.getString(0);
        out.add(outer + "/" + String.join(",", names(s)));
      }
      return out;
    }));
    assertEquals(List.of("a/a,b", "b/a,b"), pairs);
  }

  @Test
  void query_readerStopsEarly_cursorReset_snapshotNotPinned() throws Exception {
    XerialDriver d = XerialDriver.open(url("pin.db"), DriverOptions.defaults().withReaderPoolSize(1));
    opened.add(d);
    d.write(s -> {
      s.executeScript("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0)");
      return insert(s, "a") + insert(s, "b");
    });
    assertEquals("a", d.read(s -> s.query("SELECT name FROM t ORDER BY id", List.of(),
        rows -> rows.next() ? rows.getString(0) : null)));
    d.write(s -> insert(s, "c"));
    // With the first cursor left open, the one reader would still see its old snapshot (2 rows).
    assertEquals(3L, rows(d));
  }

  @Test
  void query_rowsUsedAfterReader_illegalState() {
    XerialDriver d = openWithTable();
    Rows kept = d.read(s -> s.query("SELECT 1", List.of(), rows -> rows));
    assertThrows(IllegalStateException.class, kept::next);
  }

  @Test
  void query_rowAccessors_zeroBased() {
    XerialDriver d = openWithTable();
    List<Object> got = d.read(s -> s.query("SELECT 42 AS i, 2.5 AS r, 'x' AS t, x'0102' AS b, NULL AS n",
        List.of(), rows -> {
          assertTrue(rows.next());
          List<Object> out = new ArrayList<>();
          out.add(rows.columnCount());
          out.add(rows.columnName(0) + "," + rows.columnName(4));
          out.add(((Number) rows.getObject(0)).longValue());
          out.add(rows.getLong(0));
          out.add(rows.getDouble(1));
          out.add(rows.getObject(1));
          out.add(rows.getString(2));
          out.add(java.util.Arrays.toString(rows.getBytes(3)));
          out.add(rows.getObject(4) == null && rows.isNull(4) && !rows.isNull(0));
          out.add(rows.getString(4) == null && rows.getBytes(4) == null);
          assertFalse(rows.next());
          return out;
        }));
    assertEquals(List.of(5, "i,n", 42L, 42L, 2.5, 2.5, "x", "[1, 2]", true, true), got);
  }

  @Test
  void update_paramsBoundAndCleared_changesCounted() {
    XerialDriver d = openWithTable();
    d.write(s -> insert(s, "a") + insert(s, "b") + insert(s, "a"));
    assertEquals(2L, (long) d.write(s -> s.update("UPDATE t SET n = n + ? WHERE name = ?", List.of(5, "a"))));
    assertEquals(0L, (long) d.write(s -> s.update("UPDATE t SET n = n + ? WHERE name = ?", List.of(5, "zz"))));
    assertEquals(List.of(5L, 0L, 5L), d.read(s -> s.query("SELECT n FROM t ORDER BY id", List.of(), rows -> {
      List<Long> out = new ArrayList<>();
      while (rows.next()) {
        out.add(rows.getLong(0));
      }
      return out;
    })));
    String sql = "SELECT count(*) FROM t WHERE name = ?";
    assertEquals(2L, (long) d.read(s -> s.query(sql, List.of("a"), rows -> rows.next() ? rows.getLong(0) : -1)));
    assertEquals(0L, (long) d.read(s -> s.query(sql, List.of(), rows -> rows.next() ? rows.getLong(0) : -1)),
        "an unbound parameter is NULL, never the value of the statement's last call");
  }

  @Test
  void batch_runsEachRow_returnsChanges_failingRowsOwnError() {
    XerialDriver d = openWithTable();
    long[] changes = d.write(s -> s.batch("INSERT INTO t(id, name) VALUES (?, ?)",
        List.of(List.of(1, "a"), List.of(2, "b"), List.of(3, "c"))));
    assertEquals("[1, 1, 1]", java.util.Arrays.toString(changes));
    long[] deleted = d.write(s -> s.batch("DELETE FROM t WHERE id = ?", List.of(List.of(3), List.of(99))));
    assertEquals("[1, 0]", java.util.Arrays.toString(deleted));
    assertEquals(0, d.write(s -> s.batch("DELETE FROM t WHERE id = ?", List.of())).length);
    io.sqlitekit.spi.error.DuplicateKeyException dup = assertThrows(
        io.sqlitekit.spi.error.DuplicateKeyException.class,
        () -> d.write(s -> s.batch("INSERT INTO t(id, name) VALUES (?, ?)",
            List.of(List.of(10, "x"), List.of(1, "again")))));
    assertTrue(dup.getCause() instanceof SQLException, String.valueOf(dup.getCause()));
    assertEquals(2L, rows(d), "the failing batch rolled back with its write, the earlier row included");
  }

  @Test
  void listener_seesEveryStatementWithTiming_neverValues() {
    List<StatementEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    XerialDriver d = open("listen.db", DriverOptions.defaults().withStatementListener(events::add));
    d.write(s -> {
      s.executeScript("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0)");
      return null;
    });
    events.clear();
    d.write(s -> {
      insert(s, "secret-value");
      s.batch("INSERT INTO t(name) VALUES (?)", List.of(List.of("x"), List.of("y")));
      return d.write(inner -> count(inner));
    });
    assertThrows(DataAccessException.class, () -> d.read(s -> s.query("SELECT nope FROM t", List.of(), Rows::next)));
    List<String> seen = new ArrayList<>();
    for (StatementEvent e : events) {
      seen.add(e.kind() + " " + e.sql() + " p" + e.paramCount() + " x" + e.executions() + " r" + e.rows() + " "
          + (e.succeeded() ? "ok" : "failed"));
      assertTrue(e.nanos() > 0, e.toString());
      assertFalse(e.toString().contains("secret-value"), e.toString());
    }
    assertEquals(List.of(
        "TRANSACTION BEGIN IMMEDIATE p0 x1 r0 ok",
        "UPDATE INSERT INTO t(name) VALUES (?) p1 x1 r1 ok",
        "BATCH INSERT INTO t(name) VALUES (?) p1 x2 r2 ok",
        "TRANSACTION SAVEPOINT sk_1 p0 x1 r0 ok",
        "QUERY SELECT count(*) FROM t p0 x1 r1 ok",
        "TRANSACTION RELEASE sk_1 p0 x1 r0 ok",
        "TRANSACTION COMMIT p0 x1 r0 ok",
        "QUERY SELECT nope FROM t p0 x1 r0 failed"), seen);
    assertTrue(events.get(events.size() - 1).failure() instanceof SQLException);
  }

  @Test
  void listener_throwing_statementOutcomeStands() {
    XerialDriver d = open("throwing.db", DriverOptions.defaults().withStatementListener(e -> {
      throw new IllegalStateException("listener bug");
    }));
    d.write(s -> {
      s.executeScript("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0)");
      return insert(s, "a");
    });
    assertEquals(1L, rows(d));
  }

  @Test
  void session_usedAfterWork_illegalState() {
    XerialDriver d = openWithTable();
    SqlSession s = d.read(x -> x);
    assertThrows(IllegalStateException.class, () -> s.query("SELECT 1", List.of(), Rows::next));
    assertThrows(IllegalStateException.class, () -> s.update("DELETE FROM t", List.of()));
    assertThrows(IllegalStateException.class, () -> s.executeScript("DELETE FROM t"));
  }

  @Test
  void executeScript_literalsWithSemicolonsAndTriggers() {
    XerialDriver d = openWithTable();
    d.write(s -> {
      s.executeScript("CREATE TABLE log(msg TEXT);\n"
          + "CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN\n"
          + "  INSERT INTO log(msg) VALUES ('inserted; ' || new.name);\n"
          + "  UPDATE t SET n = n + 1 WHERE id = new.id;\n"
          + "END;\n"
          + "INSERT INTO t(name) VALUES ('x;y'); -- comment; with semicolon\n"
          + "INSERT INTO t(name) VALUES ('it''s; fine');");
      return null;
    });
    assertEquals(List.of("x;y", "it's; fine"), d.read(XerialDriverTest::names));
    assertEquals(List.of("inserted; x;y", "inserted; it's; fine", "2"), d.read(s -> {
      List<String> out = s.query("SELECT msg FROM log ORDER BY rowid", List.of(), rows -> {
        List<String> msgs = new ArrayList<>();
        while (rows.next()) {
          msgs.add(rows.getString(0));
        }
        return msgs;
      });
      out.add(s.query("SELECT sum(n) FROM t", List.of(), rows -> rows.next() ? rows.getString(0) : null));
      return out;
    }));
  }

  @Test
  void executeScript_failingStatement_wholeWriteRolledBack() {
    XerialDriver d = openWithTable();
    DataAccessException e = assertThrows(DataAccessException.class, () -> d.write(s -> {
      s.executeScript("INSERT INTO t(name) VALUES ('a'); INSERT INTO nope VALUES (1);");
      return null;
    }));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
    assertEquals(0L, rows(d));
  }

  // ---- :memory:

  @Test
  void memory_severalThreads() throws Exception {
    for (String u : new String[] {"jdbc:sqlite::memory:", "jdbc:sqlite:", "jdbc:sqlite:file::memory:"}) {
      XerialDriver d = XerialDriver.open(u, DriverOptions.defaults());
      opened.add(d);
      assertTrue(d.sharedConnection(), u);
      d.write(s -> {
        s.executeScript("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0)");
        return null;
      });
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        fs.add(pool.submit(() -> {
          for (int j = 0; j < 50; j++) {
            d.write(s -> insert(s, "x"));
            d.read(XerialDriverTest::count);
            d.readSnapshot(XerialDriverTest::count);
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get(60, TimeUnit.SECONDS);
      }
      assertEquals(200L, rows(d), u);
    }
  }

  // ---- busy from another connection

  @Test
  void foreignWriteLock_transientConflict_nothingApplied() throws Exception {
    XerialDriver d = XerialDriver.open(url("busy.db"), DriverOptions.defaults().withPragma("busy_timeout", "100"));
    opened.add(d);
    d.write(s -> {
      s.executeScript("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0)");
      return null;
    });
    try (Connection foreign = DriverManager.getConnection(url("busy.db"));
        Statement st = foreign.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
      boolean[] ran = new boolean[1];
      TransientConflictException e = assertThrows(TransientConflictException.class, () -> d.write(s -> {
        ran[0] = true;
        return insert(s, "never");
      }));
      assertTrue(e.isTransient());
      assertFalse(ran[0], "the work never ran");
      assertTrue(e.getCause() instanceof SQLException);
      st.execute("ROLLBACK");
    }
    assertEquals(0L, rows(d));
    assertEquals(1, (int) d.write(s -> insert(s, "later")), "works once the foreign lock is gone");
  }

  // ---- after-commit / after-completion

  @Test
  void afterCommit_runsAfterCommitOnly() {
    XerialDriver d = openWithTable();
    List<String> events = new ArrayList<>();
    d.write(s -> {
      d.afterCommit(() -> events.add("commit:" + d.inTransaction()));
      d.afterCompletion(() -> events.add("completion"));
      insert(s, "a");
      events.add("work");
      return null;
    });
    assertEquals(List.of("work", "commit:false", "completion"), events);
    events.clear();
    assertThrows(IllegalStateException.class, () -> d.write(s -> {
      d.afterCommit(() -> events.add("commit"));
      d.afterCompletion(() -> events.add("completion"));
      throw new IllegalStateException("x");
    }));
    assertEquals(List.of("completion"), events, "after-commit discarded on rollback");
    events.clear();
    d.afterCommit(() -> events.add("now"));
    d.afterCompletion(() -> events.add("now too"));
    assertEquals(List.of("now", "now too"), events, "no transaction: run at once");
  }

  @Test
  void afterCommit_insideRolledBackSavepoint_discarded() {
    XerialDriver d = openWithTable();
    List<String> events = new ArrayList<>();
    d.write(s -> {
      d.afterCommit(() -> events.add("outer"));
      assertThrows(IllegalStateException.class, () -> d.write(s2 -> {
        d.afterCommit(() -> events.add("inner-rolled-back"));
        throw new IllegalStateException("x");
      }));
      d.write(s3 -> {
        d.afterCommit(() -> events.add("inner-kept"));
        return null;
      });
      assertTrue(events.isEmpty(), "nothing runs before the outermost commit");
      return null;
    });
    assertEquals(List.of("outer", "inner-kept"), events);
  }

  @Test
  void afterCommit_failingAction_commitStands() {
    XerialDriver d = openWithTable();
    List<String> events = new ArrayList<>();
    int inserted = d.write(s -> {
      d.afterCommit(() -> {
        throw new IllegalStateException("listener bug");
      });
      d.afterCommit(() -> events.add("second still runs"));
      return insert(s, "a");
    });
    assertEquals(1, inserted);
    assertEquals(List.of("second still runs"), events);
    assertEquals(1L, rows(d));
  }

  // ---- close

  @Test
  void close_releasesFile_idempotent_furtherUseThrows() throws Exception {
    XerialDriver d = XerialDriver.open(url("close.db"), DriverOptions.defaults());
    d.write(s -> {
      s.executeScript("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL, n INTEGER NOT NULL DEFAULT 0)");
      return insert(s, "kept");
    });
    d.read(XerialDriverTest::count);
    d.close();
    d.close();
    assertEquals("driver closed", assertThrows(IllegalStateException.class, () -> d.read(s -> 1)).getMessage());
    assertThrows(IllegalStateException.class, () -> d.write(s -> 1));
    assertThrows(IllegalStateException.class, () -> d.readSnapshot(s -> 1));
    Path file = dir.resolve("close.db");
    assertFalse(Files.exists(dir.resolve("close.db-wal")), "last connection closed: WAL checkpointed and removed");
    try (XerialDriver again = XerialDriver.open(url("close.db"), DriverOptions.defaults())) {
      assertEquals(List.of("kept"), again.read(XerialDriverTest::names));
    }
    Files.delete(file);
    assertFalse(Files.exists(file));
  }

  @Test
  void close_waitsForRunningWork() throws Exception {
    XerialDriver d = openWithTable();
    CountDownLatch inWork = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Future<Integer> writer = pool.submit(() -> d.write(s -> {
      inWork.countDown();
      await(finish);
      return insert(s, "a");
    }));
    assertTrue(inWork.await(10, TimeUnit.SECONDS));
    AtomicReference<Throwable> closeFailure = new AtomicReference<>();
    CountDownLatch closed = new CountDownLatch(1);
    pool.submit(() -> {
      try {
        d.close();
      } catch (Throwable t) {
        closeFailure.set(t);
      }
      closed.countDown();
    });
    finish.countDown();
    assertEquals(1, writer.get(10, TimeUnit.SECONDS), "the running write completed");
    assertTrue(closed.await(10, TimeUnit.SECONDS));
    assertEquals(null, closeFailure.get());
    try (XerialDriver again = XerialDriver.open(url("db.sqlite"), DriverOptions.defaults())) {
      assertEquals(1L, rows(again), "committed before close");
    }
  }

  @Test
  void close_runningWorkMayStillNestReadsAndWrites() throws Exception {
    XerialDriver d = openWithTable();
    CountDownLatch inWrite = new CountDownLatch(1);
    CountDownLatch inRead = new CountDownLatch(1);
    CountDownLatch closeCalled = new CountDownLatch(1);
    Future<Long> writer = pool.submit(() -> d.write(s -> {
      inWrite.countDown();
      await(closeCalled);
      insert(s, "w");
      d.write(s2 -> insert(s2, "nested"));
      return d.read(XerialDriverTest::count);
    }));
    // A running read that starts a write: close() must let it through (readers are drained first).
    Future<Integer> reader = pool.submit(() -> d.read(s -> {
      inRead.countDown();
      await(closeCalled);
      return d.write(w -> insert(w, "from-read"));
    }));
    await(inWrite);
    await(inRead);
    Future<?> closer = pool.submit(d::close);
    // close() has set the flag once new outermost work is refused.
    while (true) {
      try {
        d.read(s -> 1);
      } catch (IllegalStateException refused) {
        break;
      }
      Thread.onSpinWait();
    }
    closeCalled.countDown();
    assertEquals(2L, (long) writer.get(30, TimeUnit.SECONDS));
    assertEquals(1, (int) reader.get(30, TimeUnit.SECONDS));
    closer.get(30, TimeUnit.SECONDS);
    try (XerialDriver again = XerialDriver.open(url("db.sqlite"), DriverOptions.defaults())) {
      assertEquals(3L, rows(again), "everything the running work did was committed before close");
    }
  }

  @Test
  void close_insideWork_illegalState() {
    XerialDriver d = openWithTable();
    assertThrows(IllegalStateException.class, () -> d.write(s -> {
      d.close();
      return null;
    }));
    assertEquals(0L, rows(d), "still open");
  }

  @Test
  void nullArguments_npe() {
    XerialDriver d = openWithTable();
    assertThrows(NullPointerException.class, () -> d.read(null));
    assertThrows(NullPointerException.class, () -> d.write(null));
    assertThrows(NullPointerException.class, () -> d.afterCommit(null));
    assertThrows(NullPointerException.class, () -> d.translate(null, "x"));
    RepositoryException e = (RepositoryException) d.translate(new SQLException("plain"), "probe");
    assertTrue(e instanceof DataAccessException);
  }
}
