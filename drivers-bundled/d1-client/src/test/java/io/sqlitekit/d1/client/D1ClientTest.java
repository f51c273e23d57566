package io.sqlitekit.d1.client;

import static io.sqlitekit.testsupport.FakeD1Server.Reply;
import static io.sqlitekit.testsupport.FakeD1Server.entry;
import static io.sqlitekit.testsupport.FakeD1Server.error;
import static io.sqlitekit.testsupport.FakeD1Server.raw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.testsupport.FakeD1Server;
import io.sqlitekit.d1.client.internal.Json;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against {@link FakeD1Server}: request shape, decoding, failure mapping, retries, timeouts. */
final class D1ClientTest {
  static final String DB = "0f0e0d0c-0b0a-4909-8807-060504030201";
  static final String TOKEN = "tok-SECRET-4f8a1c";

  private FakeD1Server server;

  @BeforeEach
  void start() throws Exception {
    server = new FakeD1Server();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The local form on the fake server, with short pauses between retries. */
  private D1Client local() {
    return D1Client.builder().local(server.base(), DB).connectTimeout(Duration.ofSeconds(1))
        .requestTimeout(Duration.ofSeconds(2)).deadline(Duration.ofSeconds(5))
        .retry(4, Duration.ofMillis(10), Duration.ofMillis(40)).build();
  }

  /** The Cloudflare form with its API base on the fake server. */
  private D1Client cloudflare(String database) {
    return D1Client.builder().cloudflare("acct-1", database).apiBase(URI.create(server.base() + "/client/v4"))
        .token(TOKEN).requestTimeout(Duration.ofSeconds(2)).retry(3, Duration.ofMillis(10), Duration.ofMillis(40))
        .build();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String body) throws Exception {
    return (Map<String, Object>) Json.parse(body);
  }

  // ---- request shape -----------------------------------------------------------------------------------

  @Test
  void execute_cloudflareForm_postsRawWithBearerToken_textBoundOtherValuesAsLiterals() throws Exception {
    try (D1Client c = cloudflare(DB)) {
      c.execute("INSERT INTO t(a, b, c, d, e, f) VALUES (?, ?, ?, ?, ?, ?)", "it's", 42L, -1.5, null,
          new byte[] {0, (byte) 0xAB}, true);
    }
    FakeD1Server.Request r = server.requests().get(0);
    assertEquals("POST", r.method());
    assertEquals("/client/v4/accounts/acct-1/d1/database/" + DB + "/raw", r.path());
    assertEquals("Bearer " + TOKEN, r.header("Authorization"));
    assertEquals("application/json", r.header("Content-Type"));
    Map<String, Object> body = json(r.body());
    assertEquals("INSERT INTO t(a, b, c, d, e, f) VALUES (?1, 42, (-1.5), NULL, X'00ab', 1)", body.get("sql"));
    assertEquals(List.of("it's"), body.get("params"), "only text travels as a (string) parameter");
  }

  @Test
  void execute_localForm_explorerPath_noAuthorization_noParamsWithoutText() throws Exception {
    try (D1Client c = local()) {
      c.execute("SELECT ?2 + ?1", 1L, 2L);
    }
    FakeD1Server.Request r = server.requests().get(0);
    assertEquals("/cdn-cgi/explorer/api/d1/database/" + DB + "/raw", r.path());
    assertNull(r.header("Authorization"));
    Map<String, Object> body = json(r.body());
    assertEquals("SELECT 2 + 1", body.get("sql"));
    assertFalse(body.containsKey("params"));
  }

  @Test
  void execute_numberedPlaceholders_textRenumbered() throws Exception {
    try (D1Client c = local()) {
      c.execute("SELECT ?3, ?1, ?3, ?2", "a", 7L, "c");
    }
    Map<String, Object> body = json(server.requests().get(0).body());
    assertEquals("SELECT ?2, ?1, ?2, 7", body.get("sql"));
    assertEquals(List.of("a", "c"), body.get("params"));
  }

  @Test
  void batch_oneMultiStatementText_everyValueWritten_noParams() throws Exception {
    server.reply(Reply.json(200, "{\"success\":true,\"errors\":[],\"result\":["
        + entry(List.of("n"), List.of(List.of("3")), 2, 9) + "]}"));
    D1BatchResult result;
    try (D1Client c = local()) {
      result = c.batch(List.of(D1Statement.of("INSERT INTO t(s) VALUES (?) -- first", "o'k"),
          D1Statement.of("UPDATE t SET n = ? WHERE s = ?;", 5L, "x"),
          D1Statement.of("SELECT count(*) AS n FROM t /* trailing")));
    }
    Map<String, Object> body = json(server.requests().get(0).body());
    assertEquals("INSERT INTO t(s) VALUES ('o''k');\nUPDATE t SET n = 5 WHERE s = 'x';\n"
        + "SELECT count(*) AS n FROM t", body.get("sql"));
    assertFalse(body.containsKey("params"));
    assertEquals(3, result.statementCount());
    assertFalse(result.perStatement(), "the local D1 answers a multi-statement text with the last result only");
    assertEquals(2, result.totalChanges());
    assertEquals(3L, result.last().rows().get(0).get("n"));
  }

  @Test
  void badArguments_refusedBeforeSending() {
    try (D1Client c = local()) {
      assertThrows(IllegalArgumentException.class, () -> c.execute("SELECT ?, ?", 1L));
      assertThrows(IllegalArgumentException.class, () -> c.execute("SELECT ?", 1L, 2L));
      assertThrows(IllegalArgumentException.class, () -> c.execute("SELECT 1; SELECT 2"));
      assertThrows(IllegalArgumentException.class, () -> c.execute("  -- nothing\n"));
      assertThrows(IllegalArgumentException.class, () -> c.execute("SELECT :name", "x"));
      assertThrows(IllegalArgumentException.class, () -> c.execute("SELECT ?", new java.math.BigDecimal("1")));
      assertThrows(IllegalArgumentException.class, () -> c.execute("SELECT ?", Double.NaN));
      assertThrows(IllegalArgumentException.class, () -> c.execute("SELECT ?", Double.POSITIVE_INFINITY));
      assertThrows(IllegalArgumentException.class, () -> c.execute("SELECT ?", "bad \uD800 surrogate"));
      assertThrows(IllegalArgumentException.class, () -> c.execute("SELECT 'open"));
      assertThrows(IllegalArgumentException.class, () -> c.execute("SELECT '\uDC00'"));
      assertThrows(IllegalArgumentException.class, () -> c.batch(List.of()));
      IllegalArgumentException nul = assertThrows(IllegalArgumentException.class,
          () -> c.batch(List.of(D1Statement.of("SELECT 1"), D1Statement.of("SELECT ?", "a\0b"))));
      assertTrue(nul.getMessage().startsWith("batch statement 1: parameter 1"), nul.getMessage());
    }
    assertEquals(0, server.requests().size(), "nothing was sent");
  }

  @Test
  void execute_textWithNul_isBoundAsParameter() throws Exception {
    try (D1Client c = local()) {
      c.execute("SELECT ?", "a\0b");
    }
    assertEquals(List.of("a\0b"), json(server.requests().get(0).body()).get("params"));
  }

  // ---- decoding ----------------------------------------------------------------------------------------

  @Test
  void decode_everyType_andMeta() {
    server.reply(Reply.json(200, "{\"success\":true,\"errors\":[],\"result\":["
        + entry(List.of("n", "i", "r", "s", "b", "one", "i"),
            List.of(List.of("null", "-42", "2.5", "\"h\\u00e9\\\"llo\"", "[0,255,16]", "1", "7"),
                List.of("null", "9007199254740991", "1e+300", "\"\"", "[]", "-0", "8")), 1, 17)
        + "]}"));
    D1Result r;
    try (D1Client c = local()) {
      r = c.execute("SELECT 1");
    }
    assertEquals(List.of("n", "i", "r", "s", "b", "one", "i"), r.columns());
    D1Row row = r.rows().get(0);
    assertTrue(row.isNull(0));
    assertEquals(-42L, row.get(1));
    assertEquals(2.5, row.getDouble(2));
    assertEquals("h\u00e9\"llo", row.getString(3));
    assertArrayEquals(new byte[] {0, (byte) 255, 16}, row.getBytes(4));
    assertEquals(1.0, row.getDouble(5), "an integral REAL arrives as an integer and reads as a double");
    assertEquals(-42L, row.get("i"), "the first column of a name wins");
    D1Row second = r.rows().get(1);
    assertEquals(9007199254740991L, second.getLong(1), "2^53-1 is exact");
    assertEquals(1e300, second.get(2));
    assertArrayEquals(new byte[0], second.getBytes(4));
    assertEquals(0L, second.get(5));
    assertEquals(1, r.changes());
    assertEquals(17L, r.lastRowId().orElseThrow());
    assertTrue(r.changedDb());
    assertEquals(0.5, r.durationMillis().orElseThrow());
    assertThrows(IllegalStateException.class, () -> row.getLong(2));
    assertThrows(IllegalStateException.class, () -> row.getString(1));
    assertThrows(NoSuchElementException.class, () -> row.get("nope"));
    assertFalse(row.toString().contains("llo"), "toString shows types, not values: " + row);
    byte[] copy = row.getBytes(4);
    copy[0] = 9;
    assertEquals(0, row.getBytes(4)[0], "blobs are copied out");
  }

  @Test
  void decode_integerBeyond2pow53_refusedOnRead_notRounded() {
    server.reply(Reply.json(200, raw(List.of("big", "ok"), List.of(List.of("9007199254740992", "1"),
        List.of("-9223372036854776000", "2")), 0)));
    D1Result r;
    try (D1Client c = local()) {
      r = c.execute("SELECT big, ok FROM t");
    }
    assertEquals(1L, r.rows().get(0).get("ok"), "the other cells of the row stay readable");
    D1PrecisionException e = assertThrows(D1PrecisionException.class, () -> r.rows().get(0).get(0));
    assertEquals("big", e.column());
    assertTrue(e.getMessage().contains("CAST(big AS TEXT)"), e.getMessage());
    assertThrows(D1PrecisionException.class, () -> r.rows().get(1).getLong(0));
    assertThrows(D1PrecisionException.class, () -> r.rows().get(1).getDouble(0));
  }

  @Test
  void decode_lastRowIdBeyond2pow53_refused() {
    server.reply(Reply.json(200, "{\"success\":true,\"result\":[" + entry(List.of(), List.of(), 1, 0)
        .replace("\"last_row_id\":0", "\"last_row_id\":9007199254740993") + "]}"));
    try (D1Client c = local()) {
      D1Result r = c.execute("INSERT INTO t VALUES (1)");
      assertEquals(1, r.changes());
      assertThrows(D1PrecisionException.class, r::lastRowId);
    }
  }

  @Test
  void decode_malformedAnswers_areProtocolErrors_notRetried() {
    String[] bodies = {
      "not json", "[1,2]", "{\"success\":true}", "{\"success\":true,\"result\":[{\"results\":{\"columns\":[\"a\"],"
          + "\"rows\":[[1,2]]}}]}", "{\"success\":true,\"result\":[{\"results\":{\"columns\":[\"a\"],\"rows\":[[true]]}}]}",
      "{\"success\":true,\"result\":[{\"results\":{\"columns\":[\"a\"],\"rows\":[[[1,256]]]}}]}",
      "{\"success\":true,\"result\":[]}"
    };
    try (D1Client c = local()) {
      for (String body : bodies) {
        server.reply(Reply.json(200, body));
        int before = server.requests().size();
        assertThrows(D1ProtocolException.class, () -> c.execute("SELECT a FROM t"), body);
        assertEquals(before + 1, server.requests().size(), "not retried: " + body);
      }
    }
  }

  @Test
  void decode_malformedAnswerToAWrite_isOutcomeUnknown() {
    server.reply(Reply.json(200, "<html>gateway</html>"));
    try (D1Client c = local()) {
      D1OutcomeUnknownException e = assertThrows(D1OutcomeUnknownException.class,
          () -> c.execute("DELETE FROM t"));
      assertInstanceOf(D1ProtocolException.class, e.getCause());
    }
  }

  @Test
  void decode_answerLargerThanLimit_protocolError() {
    server.reply(Reply.json(200, raw(List.of("s"), List.of(List.of("\"" + "x".repeat(5000) + "\"")), 0)));
    try (D1Client c = D1Client.builder().local(server.base(), DB).maxResponseBytes(1000).build()) {
      D1ProtocolException e = assertThrows(D1ProtocolException.class, () -> c.execute("SELECT s FROM t"));
      assertTrue(e.getMessage().contains("maxResponseBytes"), e.getMessage());
    }
  }

  // ---- failures ----------------------------------------------------------------------------------------

  @Test
  void sqlError_localExplorerForm_codesAndKind_notRetried() {
    server.reply(Reply.json(500, error(10001, "D1_ERROR: UNIQUE constraint failed: t.u: SQLITE_CONSTRAINT "
        + "(extended: SQLITE_CONSTRAINT_UNIQUE)")));
    try (D1Client c = local()) {
      D1SqlException e = assertThrows(D1SqlException.class, () -> c.execute("SELECT 1"));
      assertEquals(19, e.primaryCode());
      assertEquals(2067, e.extendedCode());
      assertEquals(2067, e.code());
      assertEquals("SQLITE_CONSTRAINT_UNIQUE", e.codeName().orElseThrow());
      assertEquals("UNIQUE constraint failed: t.u", e.serverMessage());
      assertEquals(D1ErrorKind.DUPLICATE_KEY, e.kind());
      assertTrue(e.isDuplicateKey());
      assertTrue(e.isConstraintViolation());
      assertEquals(500, e.httpStatus());
      assertEquals(10001, e.apiCode());
    }
    assertEquals(1, server.requests().size(), "an SQL failure is an answer, even with HTTP 500");
  }

  @Test
  void sqlError_restApiForm_withoutD1Prefix() {
    server.reply(Reply.json(400, error(7500, "no such table: missing: SQLITE_ERROR")));
    try (D1Client c = cloudflare(DB)) {
      D1SqlException e = assertThrows(D1SqlException.class, () -> c.execute("DELETE FROM missing"));
      assertEquals(1, e.code());
      assertEquals(D1ErrorKind.NO_SUCH_TABLE, e.kind());
      assertEquals("no such table: missing", e.serverMessage());
    }
  }

  @Test
  void sqlError_withoutCode_transactionRefused() {
    server.reply(Reply.json(500, error(10001, "D1_ERROR: To execute a transaction, please use the "
        + "state.storage.transaction() or state.storage.transactionSync() APIs instead of the SQL BEGIN "
        + "TRANSACTION or SAVEPOINT statements.")));
    try (D1Client c = local()) {
      D1SqlException e = assertThrows(D1SqlException.class, () -> c.execute("BEGIN"));
      assertEquals(-1, e.code());
      assertTrue(e.codeName().isEmpty());
      assertEquals(D1ErrorKind.TRANSACTION_REFUSED, e.kind());
    }
  }

  @Test
  void unauthorized_typed_tokenNeverInMessage() {
    server.reply(Reply.json(401, error(10000, "Authentication error")));
    server.reply(Reply.json(403, error(10000, "Authentication error")));
    try (D1Client c = cloudflare(DB)) {
      D1AuthenticationException e1 = assertThrows(D1AuthenticationException.class, () -> c.execute("SELECT 1"));
      D1AuthenticationException e2 = assertThrows(D1AuthenticationException.class,
          () -> c.execute("DELETE FROM t"));
      assertEquals(401, e1.status());
      assertEquals(403, e2.status());
      assertEquals(List.of(new D1ApiError(10000, "Authentication error")), e1.errors());
      assertFalse(e1.getMessage().contains(TOKEN));
    }
    assertEquals(2, server.requests().size(), "never retried");
  }

  @Test
  void databaseNotFound_typed() {
    server.reply(Reply.json(404, error(7404, "The database " + DB + " could not be found")));
    try (D1Client c = local()) {
      D1DatabaseNotFoundException e = assertThrows(D1DatabaseNotFoundException.class,
          () -> c.execute("INSERT INTO t VALUES (1)"));
      assertEquals(404, e.status());
    }
  }

  @Test
  void notAD1Endpoint_404PlainText_httpErrorWithHint() {
    server.reply(new Reply(404, "404 Not Found", Map.of("Content-Type", "text/plain"), 0, false));
    try (D1Client c = local()) {
      D1HttpException e = assertThrows(D1HttpException.class, () -> c.execute("SELECT 1"));
      assertEquals(D1HttpException.class, e.getClass());
      assertTrue(e.getMessage().contains("is this a D1 endpoint"), e.getMessage());
      assertTrue(e.getMessage().contains("404 Not Found"), e.getMessage());
    }
  }

  @Test
  void invalidInput400_httpError_notRetried() {
    server.reply(Reply.json(400, error(10001, "Invalid input")));
    try (D1Client c = local()) {
      D1HttpException e = assertThrows(D1HttpException.class, () -> c.execute("SELECT 1"));
      assertEquals(400, e.status());
    }
    assertEquals(1, server.requests().size());
  }

  // ---- retries -----------------------------------------------------------------------------------------

  @Test
  void read_429Then200_retriedOnce() {
    server.reply(Reply.json(429, error(971, "Please wait and consider throttling your request speed")));
    try (D1Client c = local()) {
      assertEquals(0, c.execute("SELECT 1").rows().size());
    }
    assertEquals(2, server.requests().size());
  }

  @Test
  void read_5xxAndTransientD1Error_retriedUntilSuccess() {
    server.reply(Reply.json(503, "{}"), Reply.json(502, "bad gateway?"),
        Reply.json(500, error(7500, "D1_ERROR: Network connection lost.")));
    try (D1Client c = local()) {
      c.execute("WITH x AS (SELECT 1) SELECT * FROM x");
    }
    assertEquals(4, server.requests().size());
  }

  @Test
  void read_retryAfterHonoured() {
    server.reply(Reply.json(429, error(971, "slow down")).withHeader("Retry-After", "1"));
    long t0 = System.nanoTime();
    try (D1Client c = local()) {
      c.execute("SELECT 1");
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms >= 950, "waited " + ms + " ms for Retry-After: 1");
    assertEquals(2, server.requests().size());
  }

  @Test
  void read_attemptsExhausted_lastFailureThrown() {
    server.otherwise(r -> Reply.json(503, error(7500, "D1 DB is overloaded. Requests queued for too long.")));
    try (D1Client c = local()) {
      D1HttpException e = assertThrows(D1HttpException.class, () -> c.execute("SELECT 1"));
      assertEquals(503, e.status());
    }
    assertEquals(4, server.requests().size(), "maxAttempts 4");
  }

  @Test
  void write_500_notRetried_outcomeUnknown() {
    server.reply(Reply.json(500, error(7500, "Internal server error")));
    try (D1Client c = local()) {
      D1OutcomeUnknownException e = assertThrows(D1OutcomeUnknownException.class,
          () -> c.execute("INSERT INTO t VALUES (?)", 1L));
      assertEquals(500, assertInstanceOf(D1HttpException.class, e.getCause()).status());
    }
    assertEquals(1, server.requests().size(), "a write is never resent");
  }

  @Test
  void write_429_refused_notRetried_notOutcomeUnknown() {
    server.reply(Reply.json(429, error(971, "slow down")));
    try (D1Client c = local()) {
      D1HttpException e = assertThrows(D1HttpException.class, () -> c.execute("UPDATE t SET a = 1"));
      assertEquals(429, e.status());
    }
    assertEquals(1, server.requests().size());
  }

  @Test
  void writeClassification_withDml_pragma_multiStatementBatch_notRetried() {
    server.otherwise(r -> Reply.json(503, "{}"));
    try (D1Client c = local()) {
      assertThrows(D1OutcomeUnknownException.class, () -> c.execute("WITH x AS (SELECT 1) DELETE FROM t"));
      assertThrows(D1OutcomeUnknownException.class, () -> c.execute("PRAGMA foreign_keys = OFF"));
      assertThrows(D1OutcomeUnknownException.class, () -> c.execute("INSERT INTO t SELECT 1 RETURNING *"));
      assertThrows(D1OutcomeUnknownException.class,
          () -> c.batch(List.of(D1Statement.of("SELECT 1"), D1Statement.of("SELECT 2"))));
    }
    assertEquals(4, server.requests().size());
  }

  @Test
  void read_droppedConnection_retried_write_droppedConnection_outcomeUnknown() {
    server.reply(Reply.dropConnection());
    try (D1Client c = local()) {
      c.execute("SELECT 1");
      assertEquals(2, server.requests().size());
      server.reply(Reply.dropConnection());
      D1OutcomeUnknownException e = assertThrows(D1OutcomeUnknownException.class,
          () -> c.execute("DELETE FROM t"));
      D1ConnectionException cause = assertInstanceOf(D1ConnectionException.class, e.getCause());
      assertTrue(cause.requestSent());
    }
    assertEquals(3, server.requests().size());
  }

  // ---- timeouts ----------------------------------------------------------------------------------------

  @Test
  void read_slowServer_requestTimeoutPerAttempt_thenTimeoutException() {
    server.otherwise(r -> Reply.json(200, raw(List.of(), List.of(), 0)).delayed(3000));
    long t0 = System.nanoTime();
    try (D1Client c = D1Client.builder().local(server.base(), DB).connectTimeout(Duration.ofMillis(200))
        .requestTimeout(Duration.ofMillis(250)).retry(2, Duration.ofMillis(10), Duration.ofMillis(20)).build()) {
      D1TimeoutException e = assertThrows(D1TimeoutException.class, () -> c.execute("SELECT 1"));
      assertTrue(e.requestSent());
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms >= 450 && ms < 1500, "two attempts of 250 ms took " + ms + " ms");
    assertEquals(2, server.requests().size());
  }

  @Test
  void write_slowServer_timesOut_outcomeUnknown_sentOnce() {
    server.otherwise(r -> Reply.json(200, raw(List.of(), List.of(), 1)).delayed(3000));
    long t0 = System.nanoTime();
    try (D1Client c = D1Client.builder().local(server.base(), DB).connectTimeout(Duration.ofMillis(200))
        .requestTimeout(Duration.ofMillis(300)).build()) {
      D1OutcomeUnknownException e = assertThrows(D1OutcomeUnknownException.class,
          () -> c.execute("INSERT INTO t VALUES (1)"));
      assertInstanceOf(D1TimeoutException.class, e.getCause());
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms < 1500, "bounded by the request timeout: " + ms + " ms");
    assertEquals(1, server.requests().size());
  }

  @Test
  void read_deadlineBoundsAllAttempts() {
    server.otherwise(r -> Reply.json(503, "{}").delayed(200));
    long t0 = System.nanoTime();
    try (D1Client c = D1Client.builder().local(server.base(), DB).connectTimeout(Duration.ofMillis(200))
        .requestTimeout(Duration.ofMillis(300)).deadline(Duration.ofMillis(700))
        .retry(100, Duration.ofMillis(50), Duration.ofMillis(100)).build()) {
      D1Exception e = assertThrows(D1Exception.class, () -> c.execute("SELECT 1"));
      assertTrue(e instanceof D1TimeoutException || e instanceof D1HttpException, e.toString());
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms < 1200, "the 700 ms deadline held: " + ms + " ms");
    assertTrue(server.requests().size() < 6, server.requests().size() + " attempts");
  }

  @Test
  void connectionRefused_readRetriedThenTyped_writeNotSent() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    long t0 = System.nanoTime();
    try (D1Client c = D1Client.builder().local(URI.create("http://127.0.0.1:" + port), DB)
        .connectTimeout(Duration.ofMillis(500)).retry(3, Duration.ofMillis(10), Duration.ofMillis(20)).build()) {
      D1ConnectionException read = assertThrows(D1ConnectionException.class, () -> c.execute("SELECT 1"));
      assertFalse(read.requestSent());
      D1ConnectionException write = assertThrows(D1ConnectionException.class,
          () -> c.execute("INSERT INTO t VALUES (1)"));
      assertFalse(write.requestSent(), "refused at connect: nothing was sent, so the outcome is known");
    }
    assertTrue((System.nanoTime() - t0) / 1_000_000 < 3000);
  }

  @Test
  void read_successFalseWithTransientError_retried() {
    server.reply(Reply.json(200, error(7500, "D1_ERROR: Network connection lost.")));
    try (D1Client c = local()) {
      c.execute("SELECT 1");
    }
    assertEquals(2, server.requests().size());
  }

  @Test
  void concurrentCalls_shareOneClient_nameResolvedOnce() throws Exception {
    server.otherwise(r -> r.method().equals("GET")
        ? Reply.json(200, "{\"success\":true,\"result\":[{\"uuid\":\"" + DB + "\",\"name\":\"DB\"}]}").delayed(100)
        : Reply.json(200, raw(List.of("v"), List.of(List.of(r.body().replaceAll("[^0-9]", ""))), 0)));
    int threads = 8;
    int calls = 20;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try (D1Client c = D1Client.builder().local(server.base(), "DB").build()) {
      List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          for (int k = 0; k < calls; k++) {
            long v = thread * 1000L + k;
            if (!Long.valueOf(v).equals(c.execute("SELECT " + v).rows().get(0).get(0))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (java.util.concurrent.Future<Boolean> f : results) {
        assertTrue(f.get(30, java.util.concurrent.TimeUnit.SECONDS), "each thread got its own answers");
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, server.requests().stream().filter(r -> r.method().equals("GET")).count(),
        "the name was looked up once");
    assertEquals(threads * calls, server.requests().stream().filter(r -> r.method().equals("POST")).count());
  }

  // ---- database names, listing ---------------------------------------------------------------------

  @Test
  void databaseByName_resolvedOnceThroughTheList() {
    server.reply(Reply.json(200, "{\"success\":true,\"errors\":[],\"result\":[{\"uuid\":\"" + DB
        + "\",\"name\":\"my-db\",\"version\":\"production\"}],\"result_info\":{\"page\":1,\"per_page\":100,"
        + "\"count\":1,\"total_count\":1,\"total_pages\":1}}"));
    try (D1Client c = cloudflare("my-db")) {
      c.execute("SELECT 1");
      c.execute("SELECT 2");
      assertEquals(DB, c.databaseId());
    }
    List<FakeD1Server.Request> reqs = server.requests();
    assertEquals(3, reqs.size());
    assertEquals("GET", reqs.get(0).method());
    assertEquals("/client/v4/accounts/acct-1/d1/database", reqs.get(0).path());
    assertTrue(reqs.get(0).query().contains("name=my-db"), reqs.get(0).query());
    assertEquals("/client/v4/accounts/acct-1/d1/database/" + DB + "/raw", reqs.get(1).path());
    assertEquals("/client/v4/accounts/acct-1/d1/database/" + DB + "/raw", reqs.get(2).path());
  }

  @Test
  void databaseByName_unknown_notFound() {
    server.reply(Reply.json(200, "{\"success\":true,\"errors\":[],\"result\":[{\"uuid\":\"" + DB
        + "\",\"name\":\"other\"}]}"));
    try (D1Client c = D1Client.builder().local(server.base(), "nope").build()) {
      assertThrows(D1DatabaseNotFoundException.class, () -> c.execute("SELECT 1"));
    }
    assertEquals(1, server.requests().size(), "only the list request was sent");
  }

  @Test
  void listDatabases_cloudflarePages() {
    List<String> page1 = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      page1.add("{\"uuid\":\"u" + i + "\",\"name\":\"db" + i + "\"}");
    }
    server.reply(Reply.json(200, "{\"success\":true,\"result\":[" + String.join(",", page1)
        + "],\"result_info\":{\"page\":1,\"total_pages\":2}}"),
        Reply.json(200, "{\"success\":true,\"result\":[{\"uuid\":\"u100\",\"name\":\"db100\"}],"
            + "\"result_info\":{\"page\":2,\"total_pages\":2}}"));
    try (D1Client c = cloudflare(DB)) {
      List<D1Database> dbs = c.listDatabases();
      assertEquals(101, dbs.size());
      assertEquals(new D1Database("u100", "db100"), dbs.get(100));
    }
    assertTrue(server.requests().get(1).query().contains("page=2"));
  }

  // ---- secrets, lifecycle --------------------------------------------------------------------------

  @Test
  void token_neverInMessagesOrToString() throws Exception {
    List<String> texts = new ArrayList<>();
    server.reply(Reply.json(401, error(10000, "Authentication error")),
        Reply.json(500, error(7500, "Internal error")), Reply.json(503, "{}"), Reply.json(503, "{}"),
        Reply.json(503, "{}"));
    D1Client.Builder b = D1Client.builder().url("d1://acct-1/" + DB + "?token=" + TOKEN + "&maxAttempts=3")
        .apiBase(URI.create(server.base() + "/client/v4")).retry(3, Duration.ofMillis(5), Duration.ofMillis(10));
    texts.add(b.toString());
    try (D1Client c = b.build()) {
      texts.add(c.toString());
      texts.add(c.endpoint().toString());
      for (String sql : List.of("SELECT 1", "DELETE FROM t", "SELECT 2")) {
        try {
          c.execute(sql);
        } catch (D1Exception e) {
          for (Throwable t = e; t != null; t = t.getCause()) {
            texts.add(t.toString());
          }
        }
      }
    }
    for (String url : List.of("d1://acct/?token=" + TOKEN, "d1://acct/db?tokne=" + TOKEN,
        "d1://acct/db?token=" + TOKEN + "&token=" + TOKEN, "d1x://acct/db?token=" + TOKEN,
        "d1://acct/db?token=" + TOKEN + "&deadlineMs=-1", "d1://acct/db?" + TOKEN + "=1")) {
      texts.add(assertThrows(IllegalArgumentException.class, () -> D1Client.open(url)).getMessage());
    }
    assertEquals(3 + 1 + 2 + 1 + 6, texts.size(), texts.toString());
    for (String t : texts) {
      assertFalse(t.contains(TOKEN) || t.contains("SECRET"), "leaked: " + t);
    }
    assertEquals("Bearer " + TOKEN, server.requests().get(0).header("Authorization"));
  }

  @Test
  void close_thenCallsRefused() {
    D1Client c = local();
    c.close();
    assertThrows(IllegalStateException.class, () -> c.execute("SELECT 1"));
    assertThrows(IllegalStateException.class, c::listDatabases);
    assertEquals(0, server.requests().size());
  }

  @Test
  void builder_requiresEndpointAndTokenForCloudflare_capabilities() {
    assertThrows(IllegalStateException.class, () -> D1Client.builder().cloudflare("a", DB).build());
    assertThrows(IllegalStateException.class, () -> D1Client.builder().build());
    assertThrows(IllegalArgumentException.class, () -> D1Client.builder().token("has space"));
    assertThrows(IllegalArgumentException.class,
        () -> D1Client.builder().local(URI.create("http://user:pw@127.0.0.1:1"), DB));
    assertEquals(D1Capabilities.D1, local().capabilities());
    assertFalse(local().capabilities().interactiveTransactions());
    assertTrue(local().capabilities().atomicBatch());
    assertFalse(local().capabilities().batchRequestForm());
    assertEquals(Arrays.asList(1, null), D1Statement.of("x", 1, null).params());
  }
}
