package io.sqlitekit.d1.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.testsupport.WranglerDev;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against a real local D1: {@code wrangler dev --local} 4.86.0 (installed by the setup when
 * missing) with a Worker binding one D1 database, through the local explorer's HTTP API. Every test uses
 * its own tables.
 */
final class D1LocalIT {
  private static WranglerDev dev;
  private static D1Client d1;

  @BeforeAll
  static void startWrangler() throws Exception {
    String missing = WranglerDev.installIfMissing();
    if (missing != null) {
      System.err.println("[D1 IT] SKIPPED: " + missing);
      Assumptions.abort(missing);
    }
    Path dir = Files.createTempDirectory("d1-it-");
    long t0 = System.nanoTime();
    dev = WranglerDev.start(dir);
    System.err.printf("[D1 IT] %s ready in %d ms, state in %s%n", dev,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), dir);
    d1 = D1Client.builder().local(dev.base(), WranglerDev.DATABASE_ID).requestTimeout(Duration.ofSeconds(20))
        .build();
  }

  @AfterAll
  static void stopWrangler() {
    if (d1 != null) {
      d1.close();
    }
    if (dev != null) {
      List<Long> pids = dev.pids();
      dev.close();
      assertEquals(List.of(), dev.alive(), "every process of the tree stopped: " + pids);
    }
  }

  @Test
  void explorer_listsTheBinding_nameResolves() {
    assertTrue(d1.listDatabases().contains(new D1Database(WranglerDev.DATABASE_ID, WranglerDev.BINDING)),
        d1.listDatabases().toString());
    try (D1Client byName = D1Client.open("d1+http://127.0.0.1:" + dev.port + "/" + WranglerDev.BINDING)) {
      assertEquals(WranglerDev.DATABASE_ID, byName.databaseId());
      assertEquals(1L, byName.execute("SELECT 1 AS one").rows().get(0).get("one"));
    }
  }

  @Test
  void roundTrip_everyTypeAndNull() {
    d1.execute("CREATE TABLE rt (id INTEGER PRIMARY KEY, i INTEGER, r REAL, s TEXT, b BLOB, x)");
    byte[] blob = new byte[256];
    for (int k = 0; k < blob.length; k++) {
      blob[k] = (byte) k;
    }
    D1Result ins = d1.execute("INSERT INTO rt (i, r, s, b, x) VALUES (?, ?, ?, ?, ?)", 42L, -2.75,
        "it's é ☃ 😀", blob, true);
    assertEquals(1, ins.changes());
    long id = ins.lastRowId().orElseThrow();
    d1.execute("INSERT INTO rt (i, r, s, b, x) VALUES (?, ?, ?, ?, ?)", null, null, null, null, null);
    d1.execute("INSERT INTO rt (i, r, s, b, x) VALUES (?, ?, ?, ?, ?)", (short) -7, 1.0f, "", new byte[0],
        false);
    List<D1Row> rows = d1.execute("SELECT id, i, r, s, b, x, typeof(i) AS ti, typeof(r) AS tr, typeof(s) AS ts, "
        + "typeof(b) AS tb, typeof(x) AS tx FROM rt ORDER BY id").rows();
    assertEquals(3, rows.size());
    D1Row a = rows.get(0);
    assertEquals(id, a.getLong(0));
    assertEquals(42L, a.get("i"));
    assertEquals(-2.75, a.get("r"));
    assertEquals("it's é ☃ 😀", a.get("s"));
    assertArrayEquals(blob, a.getBytes(4));
    assertEquals(1L, a.get("x"), "true is stored as 1");
    assertEquals(List.of("integer", "real", "text", "blob", "integer"), List.of(a.get("ti"), a.get("tr"),
        a.get("ts"), a.get("tb"), a.get("tx")), "each value kept its storage class");
    D1Row n = rows.get(1);
    for (int k = 1; k <= 5; k++) {
      assertTrue(n.isNull(k), "column " + k);
    }
    assertEquals("null", n.get("ti"));
    D1Row c = rows.get(2);
    assertEquals(-7L, c.get("i"));
    assertEquals(1L, c.get("r"), "D1 prints the REAL 1.0 as 1");
    assertEquals("real", c.get("tr"));
    assertEquals(1.0, c.getDouble(2));
    assertEquals("", c.get("s"));
    assertArrayEquals(new byte[0], c.getBytes(4));
    assertEquals(0L, c.get("x"));
  }

  @Test
  void text_staysText_evenWhenItLooksLikeANumber() {
    D1Row r = d1.execute("SELECT typeof(?) AS t, ? AS v, typeof(?) AS n", "42", "007", 7L).rows().get(0);
    assertEquals("text", r.get("t"));
    assertEquals("007", r.get("v"));
    assertEquals("integer", r.get("n"));
  }

  @Test
  void textWithNul_asParameter_roundTrips() {
    d1.execute("CREATE TABLE nul (s TEXT)");
    d1.execute("INSERT INTO nul VALUES (?)", "a\0b");
    assertEquals("a\0b", d1.execute("SELECT s FROM nul").rows().get(0).get(0));
    assertThrows(IllegalArgumentException.class,
        () -> d1.batch(List.of(D1Statement.of("INSERT INTO nul VALUES (?)", "c\0d"))));
  }

  @Test
  void doubles_randomBitPatterns_exact() {
    SplittableRandom rnd = new SplittableRandom(86);
    List<Double> values = new ArrayList<>(List.of(0.0, 0.1, -0.3, 1.0 / 3, Double.MIN_VALUE, Double.MIN_NORMAL,
        Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300, 1e300, 2.5e-310, 123456.789));
    while (values.size() < 2500) {
      double v = Double.longBitsToDouble(rnd.nextLong());
      if (Double.isFinite(v)) {
        values.add(v);
      }
    }
    int exact = 0;
    int refused = 0;
    for (int from = 0; from < values.size(); from += 500) {
      List<Object> chunk = new ArrayList<>(values.subList(from, Math.min(values.size(), from + 500)));
      String sql = "SELECT column1 AS v FROM (VALUES " + String.join(",", Collections.nCopies(chunk.size(), "(?)"))
          + ")";
      List<D1Row> rows = d1.execute(sql, chunk).rows();
      assertEquals(chunk.size(), rows.size());
      for (int k = 0; k < rows.size(); k++) {
        double sent = (Double) chunk.get(k);
        try {
          Object got = rows.get(k).get(0);
          double back = got instanceof Long ? (double) (Long) got : (Double) got;
          assertEquals(sent == 0 ? 0.0 : sent, back == 0 ? 0.0 : back, "sent " + sent);
          exact++;
        } catch (D1PrecisionException e) {
          // Integral values in [2^53, 1e21) print as plain digits, like a rounded INTEGER would.
          assertTrue(Math.abs(sent) >= 0x1p53 && Math.abs(sent) < 1e21 && sent == Math.rint(sent), "" + sent);
          refused++;
        }
      }
    }
    assertEquals(values.size(), exact + refused);
    assertTrue(refused < values.size() / 20, refused + " refused");
    System.err.printf("[D1 IT] doubles: %d exact, %d refused as possibly rounded%n", exact, refused);
  }

  @Test
  void longs_storedExactly_beyond2pow53_readAsTextOnly() {
    d1.execute("CREATE TABLE big (k INTEGER PRIMARY KEY, v INTEGER)");
    long[] values = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -(1L << 53) - 1, -(1L << 53) + 1, -1, 0, (1L << 53) - 1,
        (1L << 53) + 1, Long.MAX_VALUE};
    for (int k = 0; k < values.length; k++) {
      d1.execute("INSERT INTO big (k, v) VALUES (?, ?)", k, values[k]);
    }
    List<D1Row> rows = d1.execute("SELECT v, CAST(v AS TEXT) AS t, typeof(v) AS ty FROM big ORDER BY k").rows();
    for (int k = 0; k < values.length; k++) {
      D1Row r = rows.get(k);
      assertEquals(Long.toString(values[k]), r.get("t"), "stored exactly");
      assertEquals("integer", r.get("ty"));
      if (Math.abs((double) values[k]) <= (double) D1Client.MAX_SAFE_INTEGER && values[k] != Long.MIN_VALUE) {
        assertEquals(values[k], r.getLong(0));
      } else {
        D1PrecisionException e = assertThrows(D1PrecisionException.class, () -> r.get(0), "" + values[k]);
        assertEquals("v", e.column());
      }
    }
    // What D1 itself does with such a number: it arrives rounded, which is why the client refuses it.
    assertEquals("9007199254740993", d1.execute("SELECT CAST(9007199254740993 AS TEXT) AS t").rows().get(0)
        .get(0));
    assertThrows(D1PrecisionException.class, () -> d1.execute("SELECT 9007199254740993 AS v").rows().get(0)
        .get(0));
  }

  @Test
  void multiRowResults() {
    List<D1Row> rows = d1.execute("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ?) "
        + "SELECT i, 'row ' || i AS s, i * 0.5 AS h FROM c", 5000L).rows();
    assertEquals(5000, rows.size());
    for (int k = 0; k < rows.size(); k += 499) {
      D1Row r = rows.get(k);
      assertEquals(k + 1L, r.getLong(0));
      assertEquals("row " + (k + 1), r.getString(1));
      assertEquals((k + 1) * 0.5, r.getDouble(2));
    }
    d1.execute("CREATE TABLE many (id INTEGER PRIMARY KEY, s TEXT)");
    List<D1Statement> inserts = new ArrayList<>();
    for (int k = 0; k < 300; k++) {
      inserts.add(D1Statement.of("INSERT INTO many (s) VALUES (?)", "v" + k));
    }
    D1BatchResult b = d1.batch(inserts);
    assertEquals(300, b.totalChanges());
    assertEquals(300L, d1.execute("SELECT count(*) AS n FROM many").rows().get(0).get("n"));
    assertEquals(0, d1.execute("SELECT * FROM many WHERE id < 0").rows().size());
  }

  @Test
  void constraintErrors_withSqliteCodes() {
    d1.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, age INTEGER "
        + "CHECK (age >= 0))");
    d1.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id))");
    d1.execute("INSERT INTO parent (id, name, age) VALUES (?, ?, ?)", 1L, "a", 1L);
    assertSql(D1ErrorKind.DUPLICATE_KEY, 2067, () -> d1.execute("INSERT INTO parent (id, name) VALUES (2, ?)", "a"));
    assertSql(D1ErrorKind.DUPLICATE_KEY, 1555, () -> d1.execute("INSERT INTO parent (id, name) VALUES (1, ?)", "b"));
    assertSql(D1ErrorKind.NOT_NULL, 1299, () -> d1.execute("INSERT INTO parent (id, name) VALUES (3, ?)",
        (Object) null));
    assertSql(D1ErrorKind.CHECK, 275, () -> d1.execute("INSERT INTO parent (name, age) VALUES (?, ?)", "c", -1L));
    assertSql(D1ErrorKind.FOREIGN_KEY, 787, () -> d1.execute("INSERT INTO child (parent_id) VALUES (?)", 99L));
    assertEquals(1L, d1.execute("SELECT count(*) FROM parent").rows().get(0).get(0), "nothing was applied");
  }

  @Test
  void sqlErrors_kinds() {
    assertSql(D1ErrorKind.SYNTAX, 1, () -> d1.execute("SELEC 1"));
    assertSql(D1ErrorKind.NO_SUCH_TABLE, 1, () -> d1.execute("SELECT * FROM no_such_table"));
    d1.execute("CREATE TABLE kinds (a)");
    assertSql(D1ErrorKind.NO_SUCH_COLUMN, 1, () -> d1.execute("SELECT b FROM kinds"));
    assertSql(D1ErrorKind.ALREADY_EXISTS, 1, () -> d1.execute("CREATE TABLE kinds (a)"));
    assertSql(D1ErrorKind.TRANSACTION_REFUSED, -1, () -> d1.execute("BEGIN"));
    assertSql(D1ErrorKind.TRANSACTION_REFUSED, -1, () -> d1.execute("SAVEPOINT s1"));
    assertSql(D1ErrorKind.NOT_AUTHORIZED, 1, () -> d1.execute("SELECT sqlite_version()"));
    List<Object> texts = new ArrayList<>(Collections.nCopies(101, "t"));
    assertSql(D1ErrorKind.LIMIT_EXCEEDED, 1, () -> d1.execute("SELECT " + String.join(",",
        Collections.nCopies(101, "?")), texts));
    assertSql(D1ErrorKind.LIMIT_EXCEEDED, 18, () -> d1.execute("SELECT length(?) AS n", new byte[60_000]));
  }

  private static void assertSql(D1ErrorKind kind, int code, Runnable call) {
    D1SqlException e = assertThrows(D1SqlException.class, call::run);
    assertEquals(kind, e.kind(), e.getMessage());
    assertEquals(code, e.code(), e.getMessage());
  }

  @Test
  void batch_atomic_failureOnThirdStatementLeavesNoTrace() {
    d1.execute("CREATE TABLE acct (id INTEGER PRIMARY KEY, owner TEXT UNIQUE, balance INTEGER)");
    d1.execute("INSERT INTO acct (owner, balance) VALUES (?, ?)", "taken", 0L);
    D1SqlException e = assertThrows(D1SqlException.class, () -> d1.batch(List.of(
        D1Statement.of("INSERT INTO acct (owner, balance) VALUES (?, ?)", "first", 10L),
        D1Statement.of("UPDATE acct SET balance = balance + ? WHERE owner = ?", 5L, "taken"),
        D1Statement.of("INSERT INTO acct (owner, balance) VALUES (?, ?)", "taken", 1L))));
    assertEquals(D1ErrorKind.DUPLICATE_KEY, e.kind());
    List<D1Row> rows = d1.execute("SELECT owner, balance FROM acct ORDER BY id").rows();
    assertEquals(1, rows.size(), "the first insert was rolled back");
    assertEquals("taken", rows.get(0).get("owner"));
    assertEquals(0L, rows.get(0).get("balance"), "the update was rolled back");
  }

  @Test
  void batch_success_scriptsAndTriggers_lastResult() {
    D1BatchResult r = d1.batch(List.of(
        D1Statement.of("CREATE TABLE tr (a INTEGER); CREATE TRIGGER tr_clamp AFTER INSERT ON tr BEGIN "
            + "UPDATE tr SET a = CASE WHEN new.a > 0 THEN new.a ELSE 0 END WHERE rowid = new.rowid; END;"),
        D1Statement.of("INSERT INTO tr VALUES (?), (?)", -5L, 7L),
        D1Statement.of("SELECT sum(a) AS total, ? AS tag FROM tr", "it's done")));
    assertEquals(4, r.statementCount());
    D1Row last = r.last().rows().get(0);
    assertEquals(7L, last.get("total"));
    assertEquals("it's done", last.get("tag"));
    System.err.printf("[D1 IT] batch of %d statements: %d result(s) returned, changes %d%n", r.statementCount(),
        r.results().size(), r.totalChanges());
  }

  /**
   * Why the client does not use the {@code {"batch": [...]}} request form: the explorer runs it statement by
   * statement. This pins the measured behaviour; if a later wrangler makes it atomic, revisit
   * {@link D1Capabilities#batchRequestForm()}.
   */
  @Test
  void explorerBatchForm_isNotAtomic_soTheClientDoesNotUseIt() throws Exception {
    d1.execute("CREATE TABLE bf (s TEXT UNIQUE)");
    d1.execute("INSERT INTO bf VALUES ('dup')");
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(dev.base()
        + "/cdn-cgi/explorer/api/d1/database/" + WranglerDev.DATABASE_ID + "/raw"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            "{\"batch\":[{\"sql\":\"INSERT INTO bf VALUES (?)\",\"params\":[\"one\"]},"
                + "{\"sql\":\"INSERT INTO bf VALUES (?)\",\"params\":[\"two\"]},"
                + "{\"sql\":\"INSERT INTO bf VALUES (?)\",\"params\":[\"dup\"]}]}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(500, r.statusCode(), r.body());
    assertTrue(r.body().contains("UNIQUE constraint failed"), r.body());
    assertEquals(3L, d1.execute("SELECT count(*) FROM bf").rows().get(0).get(0),
        "'one' and 'two' stayed although the batch failed");
    assertFalse(d1.capabilities().batchRequestForm());
    assertTrue(d1.capabilities().atomicBatch());
  }

  @Test
  void unknownDatabase_typed() {
    try (D1Client other = D1Client.builder().local(dev.base(), "00000000-0000-4000-8000-000000000000").build()) {
      D1DatabaseNotFoundException e = assertThrows(D1DatabaseNotFoundException.class,
          () -> other.execute("SELECT 1"));
      assertEquals(404, e.status());
      assertEquals(7404, e.errors().get(0).code());
    }
    try (D1Client other = D1Client.open("d1+http://127.0.0.1:" + dev.port + "/NO_SUCH_BINDING")) {
      assertThrows(D1DatabaseNotFoundException.class, () -> other.execute("SELECT 1"));
    }
  }

  @Test
  void updateAndDelete_changesAndLastRowId() {
    d1.execute("CREATE TABLE cnt (id INTEGER PRIMARY KEY, v INTEGER)");
    assertEquals(3, d1.batch(List.of(D1Statement.of("INSERT INTO cnt (v) VALUES (1), (2), (3)"))).totalChanges());
    D1Result u = d1.execute("UPDATE cnt SET v = v + ? WHERE v >= ?", 10L, 2L);
    assertEquals(2, u.changes());
    assertTrue(u.changedDb());
    D1Result ins = d1.execute("INSERT INTO cnt (id, v) VALUES (?, ?)", 1000L, 0L);
    assertEquals(1000L, ins.lastRowId().orElseThrow());
    assertEquals(4, d1.execute("DELETE FROM cnt").changes());
    assertNull(d1.execute("SELECT max(v) AS m FROM cnt").rows().get(0).get("m"));
  }
}
