package io.sqlitekit.driver.xerial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.error.ReadOnlyException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code readBrief} on a WAL file: served on the idle writer (whose page cache survives its own commits), still
 * unable to write, and never waiting for or reading through a running write.
 */
final class XerialBriefReadTest {
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

  private XerialDriver open(DriverOptions options) {
    XerialDriver d = XerialDriver.open("jdbc:sqlite:" + dir.resolve("db.sqlite"), options);
    opened.add(d);
    d.write(s -> {
      s.executeScript("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
      return null;
    });
    return d;
  }

  private static String role(SqlSession s) {
    return ((XerialSession) s).pooled().role();
  }

  private static long count(SqlSession s) throws SQLException {
    return s.query("SELECT count(*) FROM t", List.of(), rows -> rows.next() ? rows.getLong(0) : -1);
  }

  @Test
  void idleWriter_servesBriefReads_plainReadsStayOnReaders() {
    XerialDriver d = open(DriverOptions.defaults());
    assertEquals("writer", d.readBrief(XerialBriefReadTest::role));
    assertTrue(d.read(XerialBriefReadTest::role).startsWith("reader-"), "read() keeps its reader pool");
    assertTrue(d.readSnapshot(XerialBriefReadTest::role).startsWith("reader-"), "snapshots stay on readers");
    assertFalse(d.readBrief(SqlSession::writable));
  }

  @Test
  void briefReadOnWriter_refusesEveryKindOfWrite_andLeavesTheWriterWritable() {
    XerialDriver d = open(DriverOptions.defaults());
    assertThrows(ReadOnlyException.class, () -> d.readBrief(s -> s.update("INSERT INTO t(name) VALUES ('x')",
        List.of())));
    assertThrows(ReadOnlyException.class, () -> d.readBrief(s -> s.query(
        "INSERT INTO t(name) VALUES ('x') RETURNING id", List.of(), rows -> rows.next())));
    assertThrows(ReadOnlyException.class, () -> d.readBrief(s -> s.query(
        "WITH v(n) AS (SELECT 'x') INSERT INTO t(name) SELECT n FROM v RETURNING id", List.of(), rows -> rows.next())));
    assertThrows(ReadOnlyException.class, () -> d.readBrief(s -> {
      s.executeScript("DELETE FROM t; INSERT INTO t(name) VALUES ('x')");
      return null;
    }));
    assertThrows(ReadOnlyException.class, () -> d.readBrief(s -> s.batch("INSERT INTO t(name) VALUES (?)",
        List.of(List.of("x")))));
    assertThrows(ReadOnlyException.class, () -> d.readBrief(s -> s.update("BEGIN IMMEDIATE", List.of())));
    // A SELECT hiding a second statement behind a semicolon is not taken as a plain SELECT.
    assertThrows(ReadOnlyException.class, () -> d.readBrief(s -> {
      s.executeScript("SELECT 1; INSERT INTO t(name) VALUES ('x')");
      return null;
    }));
    assertEquals(0L, d.readBrief(XerialBriefReadTest::count), "nothing was written");
    assertEquals(1L, (long) d.write(s -> s.update("INSERT INTO t(name) VALUES ('y')", List.of())),
        "query_only was switched off again on the writer");
    assertEquals(1L, d.readBrief(XerialBriefReadTest::count));
    assertEquals("0", d.write(s -> s.query("PRAGMA query_only", List.of(), r -> {
      assertTrue(r.next());
      return r.getString(0);
    })));
  }

  @Test
  void plainSelect_isOneStatementStartingWithSelect() {
    assertTrue(XerialSession.plainSelect("SELECT \"id\" FROM \"t\" WHERE \"id\" = ?"));
    assertTrue(XerialSession.plainSelect("select\n1"));
    assertFalse(XerialSession.plainSelect("SELECT 1; DELETE FROM t"));
    assertFalse(XerialSession.plainSelect("WITH a AS (SELECT 1) SELECT * FROM a"));
    assertFalse(XerialSession.plainSelect("SELECTx"));
    assertFalse(XerialSession.plainSelect("PRAGMA query_only = OFF"));
  }

  @Test
  void briefRead_whileAWriteRuns_usesAReaderAndSeesOnlyCommittedRows() throws Exception {
    XerialDriver d = open(DriverOptions.defaults());
    CountDownLatch inWrite = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<Long> writer = pool.submit(() -> d.write(s -> {
      long n = s.update("INSERT INTO t(name) VALUES ('uncommitted')", List.of());
      inWrite.countDown();
      XerialDriverTest.await(release);
      return n;
    }));
    try {
      assertTrue(inWrite.await(10, TimeUnit.SECONDS));
      // Does not wait for the writer lock, and never reads the open transaction's row.
      assertTrue(d.readBrief(XerialBriefReadTest::role).startsWith("reader-"));
      assertEquals(0L, d.readBrief(XerialBriefReadTest::count));
    } finally {
      release.countDown();
    }
    assertEquals(1L, XerialDriverTest.get(writer));
    assertEquals(1L, d.readBrief(XerialBriefReadTest::count));
  }

  @Test
  void briefRead_insideAWrite_joinsIt_andAWriteInsideABriefReadCommits() {
    XerialDriver d = open(DriverOptions.defaults());
    assertEquals(1L, (long) d.write(s -> {
      s.update("INSERT INTO t(name) VALUES ('own')", List.of());
      return d.readBrief(XerialBriefReadTest::count);
    }), "a brief read in a write sees the write's own rows");
    long inner = d.readBrief(s -> d.write(w -> w.update("INSERT INTO t(name) VALUES ('nested')", List.of())));
    assertEquals(1L, inner);
    assertEquals(2L, d.read(XerialBriefReadTest::count), "the write started inside the brief read committed");
  }

  @Test
  void groupCommit_writeInsideBriefRead_commitsWithoutHandingOn() throws Exception {
    XerialDriver d = open(DriverOptions.defaults().withGroupCommit(true));
    List<Future<Long>> others = new ArrayList<>();
    long n = d.readBrief(s -> {
      // Writers queue behind the lock this brief read holds; the write below must still commit by itself.
      for (int i = 0; i < 3; i++) {
        others.add(pool.submit(() -> d.write(w -> w.update("INSERT INTO t(name) VALUES ('queued')", List.of()))));
      }
      return d.write(w -> w.update("INSERT INTO t(name) VALUES ('inner')", List.of()));
    });
    assertEquals(1L, n);
    for (Future<Long> f : others) {
      assertEquals(1L, XerialDriverTest.get(f));
    }
    assertEquals(4L, d.read(XerialBriefReadTest::count));
  }

  @Test
  void kitSelects_runWithoutGuardStatements() {
    List<StatementEvent> events = new CopyOnWriteArrayList<>();
    XerialDriver d = open(DriverOptions.defaults().withStatementListener(events::add));
    events.clear();
    assertEquals(0L, d.readBrief(XerialBriefReadTest::count));
    assertEquals(List.of("SELECT count(*) FROM t"), events.stream().map(StatementEvent::sql).toList());
  }

  @Test
  void sharedConnection_briefReadsBehaveLikeReads() {
    XerialDriver d = XerialDriver.open("jdbc:sqlite::memory:", DriverOptions.defaults());
    opened.add(d);
    d.write(s -> {
      s.executeScript("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
      return null;
    });
    assertEquals("writer", d.readBrief(XerialBriefReadTest::role));
    assertEquals(0L, d.readBrief(XerialBriefReadTest::count));
  }
}
