package io.sqlitekit.dqlite.client;

import static io.sqlitekit.dqlite.client.FakeDqliteServer.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.dqlite.client.FakeDqliteServer.Failure;
import io.sqlitekit.dqlite.client.FakeDqliteServer.HangUp;
import io.sqlitekit.dqlite.client.FakeDqliteServer.Req;
import io.sqlitekit.dqlite.client.FakeDqliteServer.Result;
import io.sqlitekit.dqlite.client.FakeDqliteServer.Rows;
import io.sqlitekit.dqlite.client.FakeDqliteServer.Stall;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A connection against the in-JVM fake node: framing, statements, rows, failures, deadlines, misuse. */
final class DqliteConnectionTest {
  private FakeDqliteServer server;
  private DqliteClient client;

  @BeforeEach
  void start() throws IOException {
    server = new FakeDqliteServer();
    client = clientFor(server, 64);
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  static DqliteClient clientFor(FakeDqliteServer s, int cacheSize) {
    return DqliteClient.builder().nodes(s.address).connectTimeout(Duration.ofSeconds(2))
        .callTimeout(Duration.ofSeconds(2)).discoveryTimeout(Duration.ofSeconds(2))
        .backoff(Duration.ofMillis(10), Duration.ofMillis(100)).statementCacheSize(cacheSize).build();
  }

  @Test
  void connect_handshakeLeaderClientOpen() {
    try (DqliteConnection conn = client.connect("app")) {
      assertEquals(List.of(1L), server.handshakes, "protocol version 1 is the first word");
      List<Integer> types = server.log.stream().map(Req::type).toList();
      assertEquals(List.of(0, 1, 3), types, "LEADER, CLIENT, OPEN");
      assertEquals("app|volatile", server.requests(3).get(0).sql());
      assertEquals(server.address, conn.address());
      assertEquals("app", conn.database());
      assertTrue(conn.isOpen());
    }
  }

  @Test
  void connect_openRefused_typedFailure() {
    server.openFailure = new Failure(14, "unable to open database file");
    DqliteFailureException e = assertThrows(DqliteFailureException.class, () -> client.connect("x"));
    assertEquals(14, e.code());
    assertEquals("unable to open database file", e.serverMessage());
    assertEquals(server.address, e.address().orElseThrow());
  }

  @Test
  void params_everyTypeArrivesWithItsCode() {
    byte[] blob = {0, 1, (byte) 0xFF, 0, 7, 8, 9, 10, 11};
    Instant at = Instant.parse("2024-01-02T03:04:05.123456789Z");
    try (DqliteConnection conn = client.connect("app");
        DqliteRows rows = conn.query("SELECT ?,?,?,?,?,?,?,?,?,?,?,?", Long.MIN_VALUE, 42, (short) 7,
            3.25, 1.5f, "héllo ✓", blob, null, true, DqliteValue.iso8601(at),
            DqliteValue.unixTime(at), DqliteValue.iso8601(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0,
                ZoneOffset.ofHours(2))))) {
      Req q = server.requests(6).get(0);
      assertEquals(0, q.schema());
      assertEquals(List.of(1, 1, 1, 2, 2, 3, 4, 5, 11, 10, 1, 10), q.paramTypes());
      List<Object> p = q.params();
      assertEquals(Long.MIN_VALUE, p.get(0));
      assertEquals(42L, p.get(1));
      assertEquals(7L, p.get(2));
      assertEquals(3.25, p.get(3));
      assertEquals(1.5, p.get(4));
      assertEquals("héllo ✓", p.get(5));
      assertArrayEquals(blob, (byte[]) p.get(6));
      assertNull(p.get(7));
      assertEquals(true, p.get(8));
      assertEquals("2024-01-02 03:04:05.123456789+00:00", p.get(9));
      assertEquals(at.getEpochSecond(), p.get(10), "unix time travels as an integer");
      assertEquals("2024-01-02 03:04:05.000000000+02:00", p.get(11));

      // The echoed row decodes back to the same values and types.
      assertTrue(rows.next());
      assertEquals(Long.MIN_VALUE, rows.getLong(0));
      assertEquals(DqliteType.INTEGER, rows.type(0));
      assertEquals(3.25, rows.getDouble(3));
      assertEquals("héllo ✓", rows.getString(5));
      assertArrayEquals(blob, rows.getBytes(6));
      assertTrue(rows.isNull(7));
      assertNull(rows.get(7));
      assertEquals(DqliteType.BOOLEAN, rows.type(8));
      assertTrue(rows.getBoolean(8));
      assertEquals(DqliteType.ISO8601, rows.type(9));
      assertFalse(rows.next());
      assertTrue(rows.isDone());
    }
  }

  @Test
  void rows_specialTypesDecode() {
    server.onQuery = (sql, p) -> new Rows(List.of("t", "i", "b", "n"), List.of(
        FakeDqliteServer.rowOf(v(9, 1_700_000_000L), v(10, ""), v(11, false), v(5, null))));
    try (DqliteConnection conn = client.connect("app");
        DqliteRows rows = conn.query("SELECT t, i, b, n FROM ty")) {
      assertEquals(List.of("t", "i", "b", "n"), rows.columnNames());
      assertTrue(rows.next());
      assertEquals(DqliteType.UNIXTIME, rows.type(0));
      assertEquals(1_700_000_000L, rows.getLong(0));
      assertEquals("", rows.getString(1), "dqlite's NULL in a DATETIME column");
      assertEquals(Boolean.FALSE, rows.get(2));
      assertEquals(0L, rows.getLong(2));
      DqliteRow copy = rows.row();
      assertEquals(List.of(DqliteType.UNIXTIME, DqliteType.ISO8601, DqliteType.BOOLEAN, DqliteType.NULL),
          copy.types());
      assertThrows(IllegalStateException.class, () -> rows.getLong(3), "NULL is not an integer");
      assertThrows(IllegalStateException.class, () -> rows.getString(0));
      assertThrows(IndexOutOfBoundsException.class, () -> rows.get(4));
    }
  }

  @Test
  void params_moreThan255_useWideSchemaWhenServerHasIt() {
    List<Object> many = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      many.add((long) i);
    }
    String sql = "INSERT INTO t VALUES " + String.join(",", Collections.nCopies(300, "(?)"));
    try (DqliteConnection conn = client.connect("app")) {
      assertTrue(conn.supportsWideParameters());
      conn.exec(sql, many);
      Req exec = server.requests(5).get(0);
      assertEquals(1, exec.schema(), "schema revision 1 in header byte 5");
      assertEquals(many, exec.params());
      // 255 still goes narrow.
      conn.exec("INSERT INTO t VALUES " + String.join(",", Collections.nCopies(255, "(?)")),
          many.subList(0, 255));
      assertEquals(0, server.requests(5).get(1).schema());
      assertEquals(many.subList(0, 255), server.requests(5).get(1).params());
      // The probe ran once for this connection.
      assertEquals(1, server.requests(9).size());
    }
  }

  @Test
  void params_moreThan255_refusedByOldServer_nothingSent() {
    server.legacyParams = true;
    List<Object> many = Collections.nCopies(256, 1L);
    String sql = "INSERT INTO t VALUES " + String.join(",", Collections.nCopies(256, "(?)"));
    try (DqliteConnection conn = client.connect("app")) {
      DqliteUnsupportedException e =
          assertThrows(DqliteUnsupportedException.class, () -> conn.exec(sql, many));
      assertTrue(e.getMessage().contains("256 parameters"), e.getMessage());
      assertTrue(server.requests(5).isEmpty() && server.requests(8).isEmpty(), "no EXEC reached the server");
      assertTrue(server.requests(4).isEmpty(), "not even a PREPARE");
      assertFalse(conn.supportsWideParameters());
      assertEquals(1, server.requests(9).size(), "probed once");
      assertEquals(List.of(0), server.requests(9).get(0).paramTypes(),
          "an old server reads the probe's count as one byte and then type 0, a parse error");
      // The connection is still usable.
      assertEquals(new DqliteResult(0, 0), conn.exec("INSERT INTO t VALUES (?)", 1L));
    }
  }

  @Test
  void rows_manyBatches_readInOrder() {
    List<List<Object[]>> data = new ArrayList<>();
    for (long i = 0; i < 10_000; i++) {
      data.add(FakeDqliteServer.rowOf(v(1, i), v(3, "row " + i)));
    }
    server.rowsPerBatch = 97;
    server.onQuery = (sql, p) -> new Rows(List.of("id", "name"), data);
    try (DqliteConnection conn = client.connect("app");
        DqliteRows rows = conn.query("SELECT id, name FROM big")) {
      long expected = 0;
      while (rows.next()) {
        assertEquals(expected, rows.getLong(0));
        assertEquals("row " + expected, rows.getString(1));
        expected++;
      }
      assertEquals(10_000, expected);
      assertEquals(10_000 / 97 + 1, rows.batches());
      assertEquals(1, server.requests(6).size(), "one QUERY request, the batches were pushed");
      // The connection is free again.
      assertEquals(new DqliteResult(0, 0), conn.exec("DELETE FROM big"));
    }
  }

  @Test
  void rows_emptyResult() {
    server.onQuery = (sql, p) -> new Rows(List.of("id"), List.of());
    try (DqliteConnection conn = client.connect("app")) {
      DqliteRows rows = conn.query("SELECT id FROM t WHERE 0");
      assertFalse(rows.next());
      assertTrue(rows.toList().isEmpty());
      rows.close();
      assertTrue(server.requests(10).isEmpty(), "nothing to interrupt");
    }
  }

  @Test
  void rows_closedEarly_interruptsAndConnectionStaysUsable() {
    List<List<Object[]>> data = new ArrayList<>();
    for (long i = 0; i < 5_000; i++) {
      data.add(FakeDqliteServer.rowOf(v(1, i)));
    }
    server.rowsPerBatch = 50;
    server.onQuery = (sql, p) -> sql.contains("big") ? new Rows(List.of("id"), data) : null;
    try (DqliteConnection conn = client.connect("app")) {
      try (DqliteRows rows = conn.query("SELECT id FROM big")) {
        for (int i = 0; i < 10; i++) {
          assertTrue(rows.next());
        }
        assertThrows(IllegalStateException.class, () -> conn.exec("DELETE FROM big"),
            "no other request while rows are open");
      }
      assertEquals(1, server.requests(10).size(), "INTERRUPT sent on early close");
      try (DqliteRows rows = conn.query("SELECT ?", 5L)) {
        assertTrue(rows.next());
        assertEquals(5L, rows.getLong(0), "the next answer is this query's, not leftover rows");
      }
    }
  }

  @Test
  void rows_readToLastRowThenClose_noInterrupt() {
    server.onQuery = (sql, p) -> new Rows(List.of("a"), List.of(FakeDqliteServer.rowOf(v(1, 1L))));
    try (DqliteConnection conn = client.connect("app")) {
      try (DqliteRows rows = conn.query("SELECT 1")) {
        assertTrue(rows.next());
      }
      assertTrue(server.requests(10).isEmpty());
      conn.exec("SELECT 1");
    }
  }

  @Test
  void failure_decodedWithCode_connectionUsable() {
    server.onExec = (sql, p) -> sql.contains("dup")
        ? new Failure(1555, "UNIQUE constraint failed: t.id") : new Result(7, 1);
    try (DqliteConnection conn = client.connect("app")) {
      DqliteFailureException e =
          assertThrows(DqliteFailureException.class, () -> conn.exec("INSERT INTO dup VALUES (?)", 1));
      assertEquals(1555, e.code());
      assertEquals(19, e.primaryCode());
      assertTrue(e.isConstraintViolation());
      assertFalse(e.isBusy() || e.isLeaderUnavailable());
      assertEquals("UNIQUE constraint failed: t.id", e.serverMessage());
      assertTrue(e.getMessage().contains("1555") && !e.getMessage().contains("VALUES (1)"));
      assertTrue(conn.isOpen());
      assertEquals(new DqliteResult(7, 1), conn.exec("INSERT INTO ok VALUES (?)", 2));
    }
  }

  @Test
  void failure_leaderAndBusyCodes() {
    server.onExec = (sql, p) -> new Failure(Long.parseLong(sql.substring(sql.indexOf('#') + 1, sql.indexOf('\n'))), "x");
    try (DqliteConnection conn = client.connect("app")) {
      assertTrue(assertThrows(DqliteFailureException.class, () -> conn.exec("--#10250\nSELECT 1"))
          .isLeaderUnavailable());
      assertTrue(assertThrows(DqliteFailureException.class, () -> conn.exec("--#10506\nSELECT 1"))
          .isLeaderUnavailable());
      assertTrue(assertThrows(DqliteFailureException.class, () -> conn.exec("--#5\nSELECT 1")).isBusy());
      assertTrue(assertThrows(DqliteFailureException.class, () -> conn.exec("--#517\nSELECT 1")).isBusy());
    }
  }

  @Test
  void failure_prepareRefused_notCached() {
    try (DqliteConnection conn = client.connect("app")) {
      DqliteFailureException e = assertThrows(DqliteFailureException.class, () -> conn.exec("BAD SQL"));
      assertEquals(1, e.code());
      assertEquals(0, conn.cachedStatementCount());
      assertThrows(DqliteFailureException.class, () -> conn.query("BAD SQL"));
      assertEquals(2, server.requests(4).size());
    }
  }

  @Test
  void failure_midStream_afterFirstBatch() {
    List<List<Object[]>> data = new ArrayList<>();
    for (long i = 0; i < 300; i++) {
      data.add(FakeDqliteServer.rowOf(v(1, i)));
    }
    server.rowsPerBatch = 100;
    server.onQuery = (sql, p) -> sql.contains("big") ? new Rows(List.of("id"), data, 2) : null;
    try (DqliteConnection conn = client.connect("app")) {
      DqliteRows rows = conn.query("SELECT id FROM big");
      int read = 0;
      DqliteFailureException e = null;
      try {
        while (rows.next()) {
          read++;
        }
      } catch (DqliteFailureException x) {
        e = x;
      }
      assertEquals(200, read, "two batches arrived before the failure");
      assertEquals(11, e.code());
      rows.close();
      assertTrue(server.requests(10).isEmpty(), "the server ended the query itself");
      try (DqliteRows again = conn.query("SELECT ?", 1L)) {
        assertTrue(again.next());
      }
    }
  }

  @Test
  void statementCache_preparesOnce_evictsLeastRecentlyUsed() throws IOException {
    try (FakeDqliteServer s = new FakeDqliteServer();
        DqliteConnection conn = clientFor(s, 2).connect("app")) {
      conn.exec("INSERT INTO a VALUES (?)", 1);
      conn.exec("INSERT INTO a VALUES (?)", 2);
      conn.exec("INSERT INTO b VALUES (?)", 3);
      assertEquals(2, s.requests(4).size(), "a and b prepared once each");
      conn.exec("INSERT INTO a VALUES (?)", 4); // a is now most recent
      conn.exec("INSERT INTO c VALUES (?)", 5); // evicts b
      List<Req> fin = s.requests(7);
      assertEquals(1, fin.size());
      assertEquals("INSERT INTO b VALUES (?)", fin.get(0).sql());
      assertEquals(2, conn.cachedStatementCount());
      conn.exec("INSERT INTO a VALUES (?)", 6);
      assertEquals(3, s.requests(4).size(), "a still cached");
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L),
          s.requests(5).stream().map(r -> r.params().get(0)).toList());
    }
  }

  @Test
  void statementCache_disabled_usesSqlTextRequests() throws IOException {
    try (FakeDqliteServer s = new FakeDqliteServer();
        DqliteConnection conn = clientFor(s, 0).connect("app")) {
      conn.exec("INSERT INTO a VALUES (?)", 1);
      try (DqliteRows rows = conn.query("SELECT ?", "x")) {
        assertTrue(rows.next());
        assertEquals("x", rows.getString(0));
      }
      assertTrue(s.requests(4).isEmpty(), "no PREPARE");
      assertEquals(1, s.requests(8).size());
      assertEquals(1, s.requests(9).size());
    }
  }

  @Test
  void params_countMustMatchPreparedStatement() {
    try (DqliteConnection conn = client.connect("app")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> conn.exec("INSERT INTO a VALUES (?, ?)", 1));
      assertTrue(e.getMessage().contains("2 parameters, 1 were given"), e.getMessage());
      assertTrue(server.requests(5).isEmpty());
    }
  }

  @Test
  void params_badValues_refusedBeforeSending() {
    try (DqliteConnection conn = client.connect("app")) {
      assertThrows(IllegalArgumentException.class, () -> conn.exec("SELECT ?", new java.math.BigDecimal("1")));
      assertThrows(IllegalArgumentException.class, () -> conn.exec("SELECT ?", "a\u0000b"));
      assertThrows(IllegalArgumentException.class, () -> conn.exec("  ;; -- nothing\n"));
      assertTrue(server.requests(5).isEmpty());
      assertTrue(conn.isOpen());
      conn.exec("SELECT ?", "ok");
    }
  }

  @Test
  void script_multipleStatements_goAsExecSql() {
    try (DqliteConnection conn = client.connect("app")) {
      conn.exec("BEGIN; INSERT INTO a VALUES (1); COMMIT");
      assertEquals(1, server.requests(8).size());
      assertTrue(server.requests(4).isEmpty());
      assertThrows(IllegalArgumentException.class, () -> conn.exec("INSERT INTO a VALUES (?); SELECT 1", 1));
      assertThrows(IllegalArgumentException.class, () -> conn.query("SELECT 1; SELECT 2"));
      conn.exec("CREATE TRIGGER tr AFTER INSERT ON a BEGIN UPDATE a SET x = 1; DELETE FROM b; END");
      assertEquals(1, server.requests(4).size(), "a trigger is one statement: prepared");
    }
  }

  @Test
  void cluster_listsNodesWithRoles() {
    server.clusterNodes = List.of(new Object[] {1L, "10.0.0.1:9001", 0L},
        new Object[] {2L, "10.0.0.2:9001", 1L}, new Object[] {3L, "10.0.0.3:9001", 2L},
        new Object[] {4L, "10.0.0.4:9001", 7L});
    List<DqliteNode> expected = List.of(new DqliteNode(1, "10.0.0.1:9001", DqliteRole.VOTER),
        new DqliteNode(2, "10.0.0.2:9001", DqliteRole.STANDBY),
        new DqliteNode(3, "10.0.0.3:9001", DqliteRole.SPARE),
        new DqliteNode(4, "10.0.0.4:9001", DqliteRole.UNKNOWN));
    assertEquals(expected, client.cluster());
    try (DqliteConnection conn = client.connect("app")) {
      assertEquals(expected, conn.cluster());
    }
    assertEquals("format=1", server.requests(16).get(0).sql());
  }

  @Test
  void timeout_stalledServer_boundedAndConnectionClosed() {
    server.onExec = (sql, p) -> new Stall();
    try (DqliteConnection conn = client.connect("app")) {
      conn.setCallTimeout(Duration.ofMillis(300));
      long t0 = System.nanoTime();
      DqliteTimeoutException e =
          assertThrows(DqliteTimeoutException.class, () -> conn.exec("INSERT INTO a VALUES (1)"));
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(ms >= 250 && ms < 2_000, "took " + ms + " ms");
      assertTrue(e.requestSent(), "the server got the request: outcome unknown");
      assertFalse(conn.isOpen());
      DqliteConnectionException after =
          assertThrows(DqliteConnectionException.class, () -> conn.exec("SELECT 1"));
      assertFalse(after.requestSent(), "nothing sent on a broken connection");
      assertInstanceOf(DqliteTimeoutException.class, after.getCause());
    }
  }

  @Test
  void connectionLost_afterRequest_outcomeUnknown() {
    server.onExec = (sql, p) -> new HangUp();
    try (DqliteConnection conn = client.connect("app")) {
      DqliteConnectionException e = assertThrows(DqliteConnectionException.class,
          () -> conn.exec("INSERT INTO a VALUES (1)"));
      assertFalse(e instanceof DqliteTimeoutException);
      assertTrue(e.requestSent());
      assertFalse(conn.isOpen());
    }
  }

  @Test
  void close_fromAnotherThread_abortsBlockedCall() throws Exception {
    server.onQuery = (sql, p) -> new Stall();
    DqliteConnection conn = client.connect("app");
    conn.setCallTimeout(Duration.ofSeconds(30));
    ExecutorService ex = Executors.newSingleThreadExecutor();
    try {
      Future<?> f = ex.submit(() -> conn.query("SELECT slow()"));
      Thread.sleep(200);
      long t0 = System.nanoTime();
      conn.close();
      Exception e = assertThrows(Exception.class, () -> f.get(5, TimeUnit.SECONDS));
      assertInstanceOf(DqliteConnectionException.class, e.getCause());
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 2_000);
      assertThrows(IllegalStateException.class, () -> conn.exec("SELECT 1"), "closed by the user");
    } finally {
      ex.shutdownNow();
    }
  }

  @Test
  void concurrentUse_refused() throws Exception {
    server.onExec = (sql, p) -> sql.contains("slow") ? new Stall() : new Result(0, 0);
    try (DqliteConnection conn = client.connect("app")) {
      conn.setCallTimeout(Duration.ofSeconds(1));
      CountDownLatch started = new CountDownLatch(1);
      ExecutorService ex = Executors.newSingleThreadExecutor();
      try {
        Future<?> f = ex.submit(() -> {
          started.countDown();
          return conn.exec("SELECT slow()");
        });
        started.await();
        Thread.sleep(100);
        IllegalStateException e =
            assertThrows(IllegalStateException.class, () -> conn.exec("SELECT 1"));
        assertTrue(e.getMessage().contains("not thread-safe"), e.getMessage());
        Exception timeout = assertThrows(Exception.class, () -> f.get(5, TimeUnit.SECONDS));
        assertInstanceOf(DqliteTimeoutException.class, timeout.getCause());
      } finally {
        ex.shutdownNow();
      }
    }
  }

  @Test
  void protocolViolation_oversizedMessage_closesConnection() throws IOException {
    server.onQuery = (sql, p) -> new Rows(List.of("b"),
        List.of(FakeDqliteServer.rowOf(v(4, new byte[8192]))));
    DqliteClient small = DqliteClient.builder().nodes(server.address).maxMessageBytes(4096)
        .callTimeout(Duration.ofSeconds(2)).build();
    try (DqliteConnection conn = small.connect("app")) {
      DqliteProtocolException e =
          assertThrows(DqliteProtocolException.class, () -> conn.query("SELECT b FROM big"));
      assertTrue(e.getMessage().contains("4096"), e.getMessage());
      assertFalse(conn.isOpen());
    }
  }
}
