package io.sqlitekit.dqlite.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.testsupport.DqliteCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The client against a real 3-node dqlite cluster ({@code dqlite-demo} from Debian's {@code go-dqlite},
 * installed by the setup when missing). Every test uses its own table; the last test takes quorum away,
 * so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class DqliteClusterIT {
  private static DqliteCluster cluster;
  private static DqliteClient client;

  @BeforeAll
  static void startCluster() throws Exception {
    String missing = DqliteCluster.installIfMissing();
    if (missing != null) {
      System.err.println("[dqlite IT] SKIPPED: " + missing);
      Assumptions.abort(missing);
    }
    Path dir = Files.createTempDirectory("dqlite-it-");
    long t0 = System.nanoTime();
    cluster = DqliteCluster.start(3, dir);
    System.err.printf("[dqlite IT] 3 voters in %d ms at %s (pids %s), data in %s%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), cluster.addresses(),
        cluster.addresses().stream().map(a -> String.valueOf(cluster.pid(a))).collect(Collectors.joining(" ")),
        dir);
    client = client(cluster.addresses());
  }

  /** A client with short timeouts, for tests. */
  private static DqliteClient client(List<String> nodes) {
    return DqliteClient.builder().nodes(nodes).connectTimeout(Duration.ofSeconds(1))
        .callTimeout(Duration.ofSeconds(5)).discoveryTimeout(Duration.ofSeconds(10))
        .backoff(Duration.ofMillis(20), Duration.ofMillis(250)).build();
  }

  /** Which node processes are still alive, by address. */
  private static Map<String, Boolean> alive() {
    return cluster.addresses().stream().collect(Collectors.toMap(a -> a, cluster::alive));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
      assertFalse(alive().containsValue(true), "every node stopped: " + alive());
    }
  }

  @Test
  @Order(1)
  void cluster_threeVotersAndALeader() {
    List<DqliteNode> nodes = client.cluster();
    assertEquals(Set.copyOf(cluster.addresses()), nodes.stream().map(DqliteNode::address).collect(Collectors.toSet()));
    assertTrue(nodes.stream().allMatch(n -> n.role() == DqliteRole.VOTER), nodes.toString());
    assertEquals(3, nodes.stream().map(DqliteNode::id).distinct().count());
    DqliteNode leader = client.leader().orElseThrow();
    assertTrue(Set.copyOf(cluster.addresses()).contains(leader.address()));
    try (DqliteConnection conn = client.connect("it")) {
      assertEquals(leader.address(), conn.address(), "connections go to the leader");
      assertEquals(nodes.size(), conn.cluster().size());
    }
  }

  @Test
  @Order(2)
  void roundTrip_everyTypeAndNull() {
    byte[] blob = {0, 1, (byte) 0xFF, 0, (byte) 0x80, 5, 6, 7, 8};
    Instant at = Instant.parse("2024-01-02T03:04:05Z");
    try (DqliteConnection conn = client.connect("it")) {
      conn.exec("CREATE TABLE types (id INTEGER PRIMARY KEY, i INTEGER, r REAL, t TEXT, b BLOB, v, "
          + "flag INTEGER, iso TEXT, unix INTEGER)");
      DqliteResult r1 = conn.exec("INSERT INTO types(i, r, t, b, v, flag, iso, unix) VALUES (?,?,?,?,?,?,?,?)",
          Long.MIN_VALUE, 3.25, "héllo ✓ 😀", blob, Long.MAX_VALUE, true, DqliteValue.iso8601(at),
          DqliteValue.unixTime(at));
      assertEquals(1, r1.rowsAffected());
      DqliteResult r2 = conn.exec("INSERT INTO types(i, r, t, b, v, flag, iso, unix) VALUES (?,?,?,?,?,?,?,?)",
          null, null, null, null, null, false, null, null);
      assertEquals(r1.lastInsertId() + 1, r2.lastInsertId());

      try (DqliteRows rows = conn.query("SELECT i, r, t, b, v, flag, iso, unix, typeof(flag), typeof(iso), "
          + "typeof(unix) FROM types ORDER BY id")) {
        assertTrue(rows.next());
        assertEquals(Long.MIN_VALUE, rows.getLong(0));
        assertEquals(DqliteType.INTEGER, rows.type(0));
        assertEquals(3.25, rows.getDouble(1));
        assertEquals(DqliteType.FLOAT, rows.type(1));
        assertEquals("héllo ✓ 😀", rows.getString(2));
        assertArrayEquals(blob, rows.getBytes(3));
        assertEquals(Long.MAX_VALUE, rows.getLong(4));
        assertEquals(1L, rows.get(5), "a Boolean parameter is bound as 1");
        assertEquals("2024-01-02 03:04:05.000000000+00:00", rows.getString(6));
        assertEquals(at.getEpochSecond(), rows.getLong(7));
        assertEquals(List.of("integer", "text", "integer"),
            List.of(rows.getString(8), rows.getString(9), rows.getString(10)));

        assertTrue(rows.next());
        for (int c : new int[] {0, 1, 2, 3, 4, 6, 7}) {
          assertTrue(rows.isNull(c), "column " + c + " NULL round trip, got " + rows.type(c));
        }
        assertEquals(0L, rows.get(5));
        assertFalse(rows.next());
      }
    }
  }

  @Test
  @Order(3)
  void params_255Narrow_andMoreThan255() {
    try (DqliteConnection conn = client.connect("it")) {
      conn.exec("CREATE TABLE nums (v INTEGER)");
      List<Object> values = new ArrayList<>();
      for (long i = 0; i < 300; i++) {
        values.add(i * 7);
      }
      String insert255 = "INSERT INTO nums(v) VALUES " + String.join(",", Collections.nCopies(255, "(?)"));
      assertEquals(255, conn.exec(insert255, values.subList(0, 255)).rowsAffected());
      assertEquals(List.of(255L, 7L * (254 * 255 / 2)), one(conn, "SELECT count(*), sum(v) FROM nums"));

      String insert300 = "INSERT INTO nums(v) VALUES " + String.join(",", Collections.nCopies(300, "(?)"));
      if (conn.supportsWideParameters()) {
        System.err.println("[dqlite IT] server reads wide parameter tuples: 300 parameters round trip");
        assertEquals(300, conn.exec(insert300, values).rowsAffected());
        assertEquals(List.of(555L), one(conn, "SELECT count(*) FROM nums"));
        List<Object> wideSelect = new ArrayList<>(values);
        try (DqliteRows rows = conn.query("SELECT count(*) FROM nums WHERE v IN ("
            + String.join(",", Collections.nCopies(300, "?")) + ")", wideSelect)) {
          assertTrue(rows.next());
          assertEquals(555L, rows.getLong(0));
        }
      } else {
        // dqlite < 1.12 reads a one-byte count: 300 would bind 44 values, 256 none at all.
        System.err.println("[dqlite IT] server has no wide parameter tuples (dqlite < 1.12): "
            + "more than 255 parameters are refused before sending");
        assertThrows(DqliteUnsupportedException.class, () -> conn.exec(insert300, values));
        assertThrows(DqliteUnsupportedException.class,
            () -> conn.exec(insert300.replace(",(?)" + ",(?)".repeat(43), ""), values.subList(0, 256)));
        assertEquals(List.of(255L), one(conn, "SELECT count(*) FROM nums"), "nothing was written");
      }
    }
  }

  @Test
  @Order(4)
  void rows_thousandsAcrossBatches() {
    try (DqliteConnection conn = client.connect("it")) {
      conn.exec("CREATE TABLE big (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score REAL)");
      conn.exec("BEGIN");
      for (int i = 1; i <= 5_000; i++) {
        conn.exec("INSERT INTO big(id, name, score) VALUES (?, ?, ?)", i, "name-" + i, i / 4.0);
      }
      conn.exec("COMMIT");
      try (DqliteRows rows = conn.query("SELECT id, name, score FROM big ORDER BY id")) {
        long expected = 1;
        while (rows.next()) {
          assertEquals(expected, rows.getLong(0));
          assertEquals("name-" + expected, rows.getString(1));
          assertEquals(expected / 4.0, rows.getDouble(2));
          expected++;
        }
        assertEquals(5_001, expected);
        assertTrue(rows.batches() > 10, "5,000 rows span many ROWS batches: " + rows.batches());
        System.err.printf("[dqlite IT] 5,000 rows in %d batches%n", rows.batches());
      }
      try (DqliteRows rows = conn.query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
          + "WHERE x < ?) SELECT x, x * x FROM c", 20_000)) {
        List<DqliteRow> all = rows.toList();
        assertEquals(20_000, all.size());
        assertEquals(20_000L * 20_000L, all.get(19_999).get(1));
        assertTrue(rows.batches() > 50, "batches: " + rows.batches());
      }
    }
  }

  @Test
  @Order(5)
  void rows_closedEarly_interruptsAndConnectionStaysUsable() {
    try (DqliteConnection conn = client.connect("it")) {
      try (DqliteRows rows = conn.query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
          + "WHERE x < 50000) SELECT x, printf('%0100d', x) FROM c")) {
        for (int i = 1; i <= 10; i++) {
          assertTrue(rows.next());
          assertEquals(i, rows.getLong(0));
        }
      }
      assertEquals(List.of(42L), one(conn, "SELECT ?", 42L), "the next answer belongs to the next query");
      conn.exec("CREATE TABLE after_interrupt (x)");
      conn.exec("INSERT INTO after_interrupt VALUES (?)", "ok");
      assertEquals(List.of("ok"), one(conn, "SELECT x FROM after_interrupt"));
    }
  }

  @Test
  @Order(6)
  void discovery_pointedAtAFollower_findsTheLeader() {
    String leader = client.leader().orElseThrow().address();
    String follower = cluster.addresses().stream().filter(a -> !a.equals(leader)).findFirst().orElseThrow();
    DqliteClient viaFollower = client(List.of(follower));
    try (DqliteConnection conn = viaFollower.connect("it")) {
      assertNotEquals(follower, conn.address());
      assertEquals(leader, conn.address());
      conn.exec("CREATE TABLE via_follower (x)");
      conn.exec("INSERT INTO via_follower VALUES (1)");
      assertEquals(List.of(1L), one(conn, "SELECT count(*) FROM via_follower"));
    }
  }

  @Test
  @Order(7)
  void failures_carryTheSqliteCode_connectionStaysUsable() {
    try (DqliteConnection conn = client.connect("it")) {
      DqliteFailureException noTable =
          assertThrows(DqliteFailureException.class, () -> conn.query("SELECT * FROM nosuchtable"));
      assertEquals(1, noTable.code());
      assertTrue(noTable.serverMessage().contains("no such table: nosuchtable"), noTable.serverMessage());

      conn.exec("CREATE TABLE uniq (id INTEGER PRIMARY KEY, name TEXT UNIQUE)");
      conn.exec("INSERT INTO uniq VALUES (?, ?)", 1, "a");
      DqliteFailureException pk = assertThrows(DqliteFailureException.class,
          () -> conn.exec("INSERT INTO uniq VALUES (?, ?)", 1, "b"));
      assertEquals(DqliteFailureException.CONSTRAINT_PRIMARYKEY, pk.code());
      assertTrue(pk.isConstraintViolation());
      DqliteFailureException unique = assertThrows(DqliteFailureException.class,
          () -> conn.exec("INSERT INTO uniq VALUES (?, ?)", 2, "a"));
      assertEquals(DqliteFailureException.CONSTRAINT_UNIQUE, unique.code());
      assertEquals("UNIQUE constraint failed: uniq.name", unique.serverMessage());

      DqliteFailureException syntax =
          assertThrows(DqliteFailureException.class, () -> conn.exec("INSERT INTO uniq VALUE (1)"));
      assertEquals(1, syntax.code());
      assertTrue(conn.isOpen());
      assertEquals(List.of(1L), one(conn, "SELECT count(*) FROM uniq"));
    }
  }

  @Test
  @Order(8)
  void busy_writeLockHeldByAnotherConnection_failsAtOnce() {
    try (DqliteConnection a = client.connect("it"); DqliteConnection b = client.connect("it")) {
      a.exec("CREATE TABLE busy (x)");
      a.exec("BEGIN; INSERT INTO busy VALUES (1)");
      long t0 = System.nanoTime();
      DqliteFailureException e =
          assertThrows(DqliteFailureException.class, () -> b.exec("INSERT INTO busy VALUES (?)", 2));
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(e.isBusy(), e.getMessage());
      assertTrue(ms < 2_000, "dqlite does not wait for the lock: " + ms + " ms");
      assertEquals(List.of(0L), one(b, "SELECT count(*) FROM busy"), "B does not see A's uncommitted row");
      a.exec("COMMIT");
      b.exec("INSERT INTO busy VALUES (?)", 2);
      assertEquals(List.of(2L), one(a, "SELECT count(*) FROM busy"));
    }
  }

  @Test
  @Order(9)
  void script_severalStatementsInOneText() {
    try (DqliteConnection conn = client.connect("it")) {
      conn.exec("CREATE TABLE script (x); BEGIN; INSERT INTO script VALUES (1); INSERT INTO script VALUES (2);"
          + " COMMIT");
      assertEquals(List.of(2L, 3L), one(conn, "SELECT count(*), sum(x) FROM script"));
      assertThrows(IllegalArgumentException.class, () -> conn.exec("INSERT INTO script VALUES (?); "
          + "INSERT INTO script VALUES (?)", 3, 4));
      assertEquals(List.of(2L, 3L), one(conn, "SELECT count(*), sum(x) FROM script"), "nothing ran");
    }
  }

  /** Last: two of three nodes die, so the cluster loses quorum; every call must still end, typed. */
  @Test
  @Order(100)
  void quorumLost_callsEndWithTypedErrorsInBoundedTime() throws Exception {
    DqliteConnection conn = client.connect("it");
    conn.exec("CREATE TABLE quorum (x)");
    String leader = conn.address();
    List<String> followers = cluster.addresses().stream().filter(a -> !a.equals(leader)).toList();
    for (String f : followers) {
      cluster.kill(f);
    }
    conn.setCallTimeout(Duration.ofSeconds(2));
    long t0 = System.nanoTime();
    DqliteException write = assertThrows(DqliteException.class, () -> conn.exec("INSERT INTO quorum VALUES (1)"));
    long writeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    System.err.printf("[dqlite IT] write without quorum: %s after %d ms%n", write.getClass().getSimpleName(),
        writeMs);
    assertTrue(writeMs < 4_000, "bounded by the call timeout: " + writeMs);
    if (write instanceof DqliteConnectionException lost) {
      // Seen here: DqliteTimeoutException after the call timeout. A node that drops the socket when it
      // steps down would give a plain DqliteConnectionException; either way the outcome is unknown.
      assertTrue(lost.requestSent(), "the write was sent: its outcome is unknown");
    } else {
      assertTrue(((DqliteFailureException) write).isLeaderUnavailable(), write.getMessage());
    }
    conn.close();

    DqliteClient impatient = DqliteClient.builder().nodes(cluster.addresses())
        .connectTimeout(Duration.ofMillis(500)).callTimeout(Duration.ofSeconds(2))
        .discoveryTimeout(Duration.ofSeconds(2)).backoff(Duration.ofMillis(50), Duration.ofMillis(200)).build();
    long t1 = System.nanoTime();
    DqliteException reconnect = assertThrows(DqliteException.class, () -> {
      try (DqliteConnection c = impatient.connect("it")) {
        c.exec("INSERT INTO quorum VALUES (2)");
      }
    });
    long reconnectMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
    System.err.printf("[dqlite IT] connect+write without quorum: %s after %d ms%n",
        reconnect.getClass().getSimpleName(), reconnectMs);
    assertTrue(reconnectMs < 6_000, "bounded by discovery + call timeouts: " + reconnectMs);
    // The old leader may still believe it leads: then the first write, stuck waiting for a quorum that
    // never comes, still holds the write lock, and the new write is refused at once with SQLITE_BUSY.
    assertTrue(reconnect instanceof DqliteNoLeaderException || reconnect instanceof DqliteConnectionException
        || (reconnect instanceof DqliteFailureException f && (f.isLeaderUnavailable() || f.isBusy())),
        reconnect.toString());
    assertEquals(Set.of(leader), alive().entrySet().stream().filter(e -> e.getValue())
        .map(e -> e.getKey()).collect(Collectors.toSet()));
  }

  /** The first row of a query, as a list of values. */
  private static List<Object> one(DqliteConnection conn, String sql, Object... params) {
    try (DqliteRows rows = conn.query(sql, params)) {
      assertTrue(rows.next(), "a row from " + sql);
      return rows.row().values();
    }
  }
}
