package io.sqlitekit.driver.d1.internal;

import static io.sqlitekit.testsupport.FakeD1Server.Reply;
import static io.sqlitekit.testsupport.FakeD1Server.error;
import static io.sqlitekit.testsupport.FakeD1Server.raw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.testsupport.FakeD1Server;
import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.ConstraintViolationException;
import io.sqlitekit.spi.error.DataAccessException;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.spi.error.OutcomeUnknownException;
import io.sqlitekit.spi.error.ReadOnlyException;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.error.TransientConflictException;
import io.sqlitekit.spi.error.ValidationException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The D1 driver against an in-JVM fake of D1's API: how statements become requests (one per statement, one per
 * batch), the one-write rule, row decoding, the mapping of every client failure onto the kit's family, and
 * bounded time for unreachable, silent and malformed endpoints. The real local D1 runs in integration-tests.
 */
class D1DriverTest {
  private static final String DB = "5d1c0ffe-0000-4000-8000-00000000d1d1";
  private FakeD1Server server;
  private D1Driver driver;
  private final List<StatementEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = new FakeD1Server();
    driver = open("");
  }

  @AfterEach
  void stop() {
    driver.close();
    server.close();
  }

  private D1Driver open(String options) {
    return D1Driver.open("d1+http://127.0.0.1:" + server.port() + "/" + DB + options,
        DriverOptions.defaults().withStatementListener(events::add));
  }

  private static String ok(long changes) {
    return raw(List.of(), List.of(), changes);
  }

  // ---- requests ----------------------------------------------------------------------------------------

  @Test
  void query_oneRequest_rowsDecodedLikeSqlite() {
    server.reply(Reply.json(200, raw(List.of("id", "name", "n", "r", "b", "z"),
        List.of(List.of("1", "\"ann\"", "\"42abc\"", "2.5", "[104,105]", "null")), 0)));
    List<Object> got = driver.read(s -> s.query("SELECT id, name, n, r, b, z FROM t WHERE name = ?",
        List.of("ann"), rs -> {
          List<Object> out = new ArrayList<>();
          assertTrue(rs.next());
          assertEquals(6, rs.columnCount());
          assertEquals("name", rs.columnName(1));
          out.add(rs.getObject(0));
          out.add(rs.getString(1));
          out.add(rs.getLong(2));
          out.add(rs.getDouble(3));
          out.add(new String(rs.getBytes(4), StandardCharsets.UTF_8));
          out.add(rs.isNull(5));
          out.add(rs.getLong(5));
          out.add(rs.getString(0));
          assertFalse(rs.next());
          return out;
        }));
    assertEquals(List.of(1L, "ann", 42L, 2.5, "hi", true, 0L, "1"), got);
    assertEquals(1, server.requests().size());
    FakeD1Server.Request r = server.requests().get(0);
    assertEquals("POST", r.method());
    assertEquals("/cdn-cgi/explorer/api/d1/database/" + DB + "/raw", r.path());
    assertTrue(r.body().contains("\"params\":[\"ann\"]"), r.body());
    StatementEvent e = events.get(0);
    assertEquals(StatementEvent.Kind.QUERY, e.kind());
    assertEquals(1, e.rows());
    assertTrue(e.succeeded());
    assertFalse(e.sql().contains("ann"));
  }

  @Test
  void atomic_oneRequest_lastStatementsRows_countsAsTheUnitsWrite() {
    server.reply(Reply.json(200, raw(List.of("seq", "n"), List.of(List.of("0", "7"), List.of("1", "8")), 3)));
    List<Long> got = driver.write(s -> {
      List<Long> out = s.atomic(List.of("INSERT INTO t (k, v) VALUES (?, ?)", "UPDATE t SET n = ? WHERE k = ?",
          "DELETE FROM scratch RETURNING seq, n"), List.of(List.of("a", 1L), List.of(7L, "a"), List.of()), rs -> {
            List<Long> rows = new ArrayList<>();
            while (rs.next()) {
              rows.add(rs.getLong(1));
            }
            return rows;
          });
      assertThrows(OperationNotSupportedException.class, () -> s.update("DELETE FROM t", List.of()));
      return out;
    });
    assertEquals(List.of(7L, 8L), got);
    assertEquals(1, server.requests().size(), "one request, and the refused second write was never sent");
    String body = server.requests().get(0).body();
    assertTrue(body.contains("INSERT INTO t (k, v) VALUES ('a', 1);\\nUPDATE t SET n = 7 WHERE k = 'a';\\nDELETE"),
        body);
    assertEquals(StatementEvent.Kind.SCRIPT, events.get(0).kind());
    assertEquals(3, events.get(0).executions());
    assertEquals(2, events.get(0).rows());
  }

  @Test
  void atomic_failure_typed_nothingElseSent() {
    server.reply(Reply.json(500, error(10001, "D1_ERROR: UNIQUE constraint failed: t.k: SQLITE_CONSTRAINT "
        + "(extended: SQLITE_CONSTRAINT_UNIQUE)")));
    assertThrows(DuplicateKeyException.class, () -> driver.write(s -> s.atomic(List.of("INSERT INTO t (k) VALUES (?)",
        "SELECT 1"), List.of(List.of("a"), List.of()), rs -> null)));
    assertEquals(1, server.requests().size());
  }

  @Test
  void rows_unusableAfterTheReaderReturned() {
    server.reply(Reply.json(200, raw(List.of("x"), List.of(List.of("1")), 0)));
    io.sqlitekit.spi.driver.Rows[] kept = new io.sqlitekit.spi.driver.Rows[1];
    driver.read(s -> s.query("SELECT 1 AS x", List.of(), rs -> {
      kept[0] = rs;
      return null;
    }));
    assertThrows(IllegalStateException.class, () -> kept[0].next());
  }

  @Test
  void update_returnsChanges() {
    server.reply(Reply.json(200, ok(3)));
    long n = driver.write(s -> s.update("UPDATE t SET n = n + 1 WHERE k = ?", List.of("a")));
    assertEquals(3L, n);
    assertEquals(StatementEvent.Kind.UPDATE, events.get(0).kind());
    assertEquals(3, events.get(0).rows());
  }

  @Test
  void capabilities_noTransactionsNoRegexp() {
    assertFalse(driver.interactiveTransactions());
    assertFalse(driver.supportsRegexp());
  }

  // ---- the one-write rule ------------------------------------------------------------------------------

  @Test
  void writeUnit_readsAroundOneWrite_run() {
    server.otherwise(r -> Reply.json(200, ok(r.body().contains("INSERT") ? 1 : 0)));
    long n = driver.write(s -> {
      s.query("SELECT 1 AS x", List.of(), rs -> null);
      long c = s.update("INSERT INTO t(k) VALUES (?)", List.of("a"));
      s.query("SELECT k FROM t", List.of(), rs -> null);
      return c;
    });
    assertEquals(1, n);
    assertEquals(3, server.requests().size());
  }

  @Test
  void writeUnit_secondWrite_refusedNamingD1_notSent() {
    server.otherwise(r -> Reply.json(200, ok(1)));
    OperationNotSupportedException e = assertThrows(OperationNotSupportedException.class,
        () -> driver.write(s -> {
          s.update("INSERT INTO t(k) VALUES (?)", List.of("a"));
          return s.update("DELETE FROM t WHERE k = ?", List.of("b"));
        }));
    assertTrue(e.getMessage().contains("Cloudflare D1"), e.getMessage());
    assertTrue(e.getMessage().contains("INSERT INTO t(k)"), e.getMessage());
    assertEquals(1, server.requests().size(), "the second write never left the JVM");
  }

  @Test
  void nestedWrite_joinsTheUnit_andCountsTowardsTheRule() {
    server.otherwise(r -> Reply.json(200, ok(1)));
    assertThrows(OperationNotSupportedException.class, () -> driver.write(s -> {
      assertTrue(driver.inTransaction());
      s.update("INSERT INTO t(k) VALUES (?)", List.of("a"));
      return driver.write(inner -> inner.update("INSERT INTO t(k) VALUES (?)", List.of("b")));
    }));
    assertEquals(1, server.requests().size());
    assertFalse(driver.inTransaction());
  }

  @Test
  void readUnit_write_refusedReadOnly_notSent() {
    assertThrows(ReadOnlyException.class, () -> driver.read(s -> s.update("DELETE FROM t", List.of())));
    assertThrows(ReadOnlyException.class, () -> driver.read(s -> {
      s.executeScript("CREATE TABLE x (a)");
      return null;
    }));
    assertEquals(0, server.requests().size());
  }

  @Test
  void readUnit_unclassifiedText_goesToD1ForItsOwnError() {
    server.reply(Reply.json(500, error(10001, "D1_ERROR: near \"SELEC\": syntax error at offset 0: SQLITE_ERROR")));
    DataAccessException e = assertThrows(DataAccessException.class,
        () -> driver.read(s -> s.query("SELEC 1", List.of(), rs -> null)));
    assertTrue(e.getMessage().contains("syntax error"), e.getMessage());
  }

  @Test
  void batch_plainInserts_oneAtomicRequest() {
    server.reply(Reply.json(200, ok(3)));
    long[] counts = driver.write(s -> s.batch("INSERT INTO t(k, v) VALUES (?, ?)",
        List.of(List.of("a", 1L), List.of("b", 2L), List.of("c", 3L))));
    assertArrayEquals(new long[] {1, 1, 1}, counts);
    assertEquals(1, server.requests().size());
    String body = server.requests().get(0).body();
    assertTrue(body.contains("'a'") && body.contains("'b'") && body.contains("'c'"), body);
    assertEquals(StatementEvent.Kind.BATCH, events.get(0).kind());
    assertEquals(3, events.get(0).executions());
  }

  @Test
  void batch_otherStatementsWithSeveralRows_refusedBeforeSending() {
    OperationNotSupportedException e = assertThrows(OperationNotSupportedException.class,
        () -> driver.write(s -> s.batch("DELETE FROM t WHERE k = ?", List.of(List.of("a"), List.of("b")))));
    assertTrue(e.getMessage().contains("Cloudflare D1"), e.getMessage());
    assertEquals(0, server.requests().size());
  }

  @Test
  void batch_oneRow_isOneUpdate() {
    server.reply(Reply.json(200, ok(0)));
    assertArrayEquals(new long[] {0}, driver.write(s -> s.batch("DELETE FROM t WHERE k = ?",
        List.of(List.of("a")))));
    assertEquals(1, server.requests().size());
  }

  @Test
  void executeScript_oneRequest() {
    server.reply(Reply.json(200, ok(0)));
    driver.write(s -> {
      s.executeScript("CREATE TABLE a (x); CREATE INDEX ia ON a (x);");
      return null;
    });
    assertEquals(1, server.requests().size());
    assertTrue(server.requests().get(0).body().contains("CREATE INDEX ia"));
  }

  // ---- after commit ------------------------------------------------------------------------------------

  @Test
  void afterCommit_runsOnceTheWriteUnitEnds_notAfterAnSqlFailure() {
    server.reply(Reply.json(200, ok(1)));
    List<String> seen = new ArrayList<>();
    driver.write(s -> {
      driver.afterCommit(() -> seen.add("commit"));
      driver.afterCompletion(() -> seen.add("completion"));
      assertTrue(seen.isEmpty(), "deferred while the unit runs");
      return s.update("INSERT INTO t(k) VALUES (?)", List.of("a"));
    });
    assertEquals(List.of("commit", "completion"), seen);
    seen.clear();
    server.reply(Reply.json(500, error(10001, "D1_ERROR: UNIQUE constraint failed: t.k: SQLITE_CONSTRAINT "
        + "(extended: SQLITE_CONSTRAINT_UNIQUE)")));
    assertThrows(DuplicateKeyException.class, () -> driver.write(s -> {
      driver.afterCommit(() -> seen.add("commit"));
      driver.afterCompletion(() -> seen.add("completion"));
      return s.update("INSERT INTO t(k) VALUES (?)", List.of("a"));
    }));
    assertEquals(List.of("completion"), seen, "D1 applied nothing: no after-commit action");
  }

  @Test
  void afterCommit_runsWhenTheWriteWasAppliedButTheWorkThrewAfterwards() {
    server.reply(Reply.json(200, ok(1)));
    List<String> seen = new ArrayList<>();
    IllegalStateException boom = new IllegalStateException("after the write");
    assertEquals(boom, assertThrows(IllegalStateException.class, () -> driver.write(s -> {
      driver.afterCommit(() -> seen.add("commit"));
      s.update("INSERT INTO t(k) VALUES (?)", List.of("a"));
      throw boom;
    })));
    assertEquals(List.of("commit"), seen, "D1 committed the write on its own, so listeners must learn of it");
  }

  // ---- failures ----------------------------------------------------------------------------------------

  private RepositoryException failRead(Reply reply) {
    server.reply(reply);
    return assertThrows(RepositoryException.class,
        () -> driver.read(s -> s.query("SELECT * FROM t", List.of(), rs -> null)));
  }

  @Test
  void sqlErrors_mappedToTheFamily() {
    RepositoryException dup = failRead(Reply.json(500, error(10001, "D1_ERROR: UNIQUE constraint failed: t.k: "
        + "SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_UNIQUE)")));
    assertTrue(dup instanceof DuplicateKeyException, dup.toString());
    assertTrue(dup.getMessage().contains("t.k"), dup.getMessage());
    RepositoryException nn = failRead(Reply.json(500, error(10001, "D1_ERROR: NOT NULL constraint failed: t.k: "
        + "SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_NOTNULL)")));
    assertEquals(ConstraintViolationException.class, nn.getClass());
    RepositoryException syntax = failRead(Reply.json(500, error(10001,
        "D1_ERROR: near \"SELEC\": syntax error at offset 0: SQLITE_ERROR")));
    assertEquals(DataAccessException.class, syntax.getClass());
    assertTrue(syntax.getMessage().contains("Cloudflare D1") && syntax.getMessage().contains("syntax error"),
        syntax.getMessage());
    RepositoryException tx = failRead(Reply.json(500, error(10001, "D1_ERROR: To execute a transaction, please"
        + " use the state.storage.transaction() or state.storage.transactionSync() APIs instead of the SQL BEGIN"
        + " TRANSACTION or SAVEPOINT statements.")));
    assertEquals(OperationNotSupportedException.class, tx.getClass());
    assertTrue(tx.getMessage().contains("Cloudflare D1"), tx.getMessage());
    RepositoryException limit = failRead(Reply.json(500, error(10001,
        "D1_ERROR: too many SQL variables at offset 10: SQLITE_ERROR")));
    assertTrue(limit instanceof ValidationException || limit instanceof DataAccessException, limit.toString());
  }

  @Test
  void authAndNotFound_configurationErrors() {
    RepositoryException auth = failRead(Reply.json(401, error(10000, "Authentication error")));
    assertEquals(ConfigurationException.class, auth.getClass());
    assertTrue(auth.getMessage().contains("token"), auth.getMessage());
    RepositoryException missing = failRead(Reply.json(404, error(7404, "The database " + DB + " could not be"
        + " found")));
    assertEquals(ConfigurationException.class, missing.getClass());
  }

  @Test
  void malformedAnswer_dataAccessError() {
    RepositoryException e = failRead(new Reply(200, "<html>not json</html>", java.util.Map.of(), 0, false));
    assertEquals(DataAccessException.class, e.getClass());
    assertTrue(e.getMessage().contains("not D1's format"), e.getMessage());
  }

  @Test
  void writeWithoutDefiniteAnswer_outcomeUnknown_notTransient() {
    server.reply(Reply.json(503, "{\"success\":false,\"errors\":[],\"result\":null}"));
    List<String> seen = new ArrayList<>();
    OutcomeUnknownException e = assertThrows(OutcomeUnknownException.class, () -> driver.write(s -> {
      driver.afterCommit(() -> seen.add("commit"));
      return s.update("INSERT INTO t(k) VALUES (?)", List.of("a"));
    }));
    assertTrue(e.getMessage().contains("outcome unknown"), e.getMessage());
    assertFalse(e.isTransient(), "a blind retry could apply the write twice");
    assertEquals(1, server.requests().size(), "a write is sent once");
    assertEquals(List.of("commit"), seen, "it may have been applied, so after-commit actions run");
  }

  @Test
  void rateLimitedRead_retriedThenTransient() {
    driver.close();
    driver = open("?maxAttempts=2");
    server.otherwise(r -> Reply.json(429, error(971, "rate limited")).withHeader("Retry-After", "0"));
    TransientConflictException e = assertThrows(TransientConflictException.class,
        () -> driver.read(s -> s.query("SELECT 1 AS x", List.of(), rs -> null)));
    assertTrue(e.getMessage().contains("429"), e.getMessage());
    assertEquals(2, server.requests().size());
  }

  @Test
  void silentServer_readEndsWithinItsBound() {
    driver.close();
    driver = open("?requestTimeoutMs=300&maxAttempts=2&deadlineMs=2000");
    server.otherwise(r -> Reply.json(200, ok(0)).delayed(5_000));
    long t0 = System.nanoTime();
    assertThrows(TransientConflictException.class,
        () -> driver.read(s -> s.query("SELECT 1 AS x", List.of(), rs -> null)));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(ms < 3_000, "took " + ms + " ms");
  }

  @Test
  void unreachableEndpoint_transientWithinItsBound_forReadsAndWrites() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (D1Driver d = D1Driver.open("d1+http://127.0.0.1:" + port + "/" + DB
        + "?connectTimeoutMs=300&requestTimeoutMs=500&deadlineMs=1500", DriverOptions.defaults())) {
      long t0 = System.nanoTime();
      assertThrows(TransientConflictException.class,
          () -> d.read(s -> s.query("SELECT 1 AS x", List.of(), rs -> null)));
      TransientConflictException w = assertThrows(TransientConflictException.class,
          () -> d.write(s -> s.update("INSERT INTO t(k) VALUES (?)", List.of("a"))));
      assertTrue(w.getMessage().contains("nothing was applied"), w.getMessage());
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(ms < 4_000, "took " + ms + " ms");
    }
  }

  @Test
  void badUrl_configurationError_withoutRepeatingTheToken() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> D1Driver.open("d1://acct/db?token=S3CRET-TOKEN&bogus=1", DriverOptions.defaults()));
    assertFalse(e.getMessage().contains("S3CRET-TOKEN"), e.getMessage());
    try (D1Driver d = D1Driver.open("d1://acct/5d1c0ffe-0000-4000-8000-00000000d1d2?token=S3CRET-TOKEN",
        DriverOptions.defaults())) {
      assertFalse(d.url().contains("S3CRET"), d.url());
      assertFalse(d.toString().contains("S3CRET"), d.toString());
    }
  }

  @Test
  void failingAfterCommitAction_loggedNotThrown_laterActionsStillRun() {
    server.reply(Reply.json(200, ok(1)));
    List<String> seen = new ArrayList<>();
    long n = driver.write(s -> {
      driver.afterCommit(() -> {
        throw new IllegalStateException("listener broke");
      });
      driver.afterCommit(() -> seen.add("second"));
      return s.update("INSERT INTO t(k) VALUES (?)", List.of("a"));
    });
    assertEquals(1, n);
    assertEquals(List.of("second"), seen);
  }

  @Test
  void closeFromInsideWork_refused() {
    assertThrows(IllegalStateException.class, () -> driver.read(s -> {
      driver.close();
      return null;
    }));
    driver.read(s -> null);
  }

  @Test
  void closedDriver_refusesNewWork() {
    driver.close();
    assertThrows(IllegalStateException.class, () -> driver.read(s -> null));
    driver.close();
  }

  @Test
  void provider_acceptsD1UrlsOnly() {
    D1DriverProvider p = new D1DriverProvider();
    assertEquals("d1", p.name());
    assertTrue(p.accepts("d1://acct/db"));
    assertTrue(p.accepts("d1+http://127.0.0.1:8787/DB"));
    assertTrue(p.accepts("d1+https://example.test/DB"));
    assertFalse(p.accepts("jdbc:sqlite:x.db"));
    assertFalse(p.accepts("d1:/x"));
    assertThrows(IllegalArgumentException.class, () -> p.open("jdbc:sqlite:x.db", DriverOptions.defaults()));
  }

  @Test
  void sqlKind_readsAndPlainInserts() {
    assertTrue(SqlKind.isRead("  -- c\n SELECT 1"));
    assertTrue(SqlKind.isRead("/* x */ with a as (select 1) select * from a"));
    assertFalse(SqlKind.isRead("WITH a AS (SELECT 1) DELETE FROM t"));
    assertTrue(SqlKind.isRead("PRAGMA table_info(t)"));
    assertFalse(SqlKind.isRead("PRAGMA foreign_keys = OFF"));
    assertFalse(SqlKind.isRead("INSERT INTO t VALUES (1) RETURNING *"));
    assertTrue(SqlKind.isPlainInsert("INSERT INTO \"t\" (\"a\", \"b\") VALUES (?, ?)"));
    assertFalse(SqlKind.isPlainInsert("INSERT OR IGNORE INTO t (a) VALUES (?)"));
    assertFalse(SqlKind.isPlainInsert("INSERT INTO t (a) VALUES (?) ON CONFLICT DO NOTHING"));
    assertFalse(SqlKind.isPlainInsert("INSERT INTO t (a) VALUES (?), (?)"));
    assertFalse(SqlKind.isPlainInsert("INSERT INTO t (a) SELECT a FROM u"));
    assertFalse(SqlKind.isPlainInsert("INSERT INTO t (a) VALUES (?) RETURNING a"));
    assertTrue(SqlKind.isKnownWrite(" delete from t"));
    assertTrue(SqlKind.isKnownWrite("CREATE TABLE a (x)"));
    assertTrue(SqlKind.isKnownWrite("WITH a AS (SELECT 1) UPDATE t SET x = 1"));
    assertFalse(SqlKind.isKnownWrite("SELEC 1"));
    assertFalse(SqlKind.isKnownWrite("SELECT 1"));
    assertFalse(SqlKind.isKnownWrite("ENDING"));
  }
}
