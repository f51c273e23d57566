package io.sqlitekit.driver.dqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.error.TransientConflictException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.testsupport.DqliteCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The driver through the kit on a real 3-node dqlite cluster. */
class DqliteDriverIT {
  private static DqliteCluster cluster;
  private static final AtomicInteger DB = new AtomicInteger();

  /** A record with every storage class and the kit's timestamp/bool columns. */
  public record Item(String id, String name, Long n, Double score, byte[] data, Boolean active, Instant at) {}

  static final TableDef ITEMS = TableDef.of("items", Column.text("id").primaryKey(), Column.text("name").notNull()
      .unique(), Column.integer("n"), Column.real("score"), Column.blob("data"), Column.bool("active"),
      Column.timestamp("at"));

  @BeforeAll
  static void up() throws Exception {
    cluster = ClusterSupport.start("driver");
  }

  @AfterAll
  static void down() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String freshUrl() {
    return cluster.url("it" + DB.incrementAndGet() + "_" + System.nanoTime());
  }

  @Test
  void kitFindsTheDriverAndValuesRoundTripExactlyIncludingNulls() {
    try (SqliteKit kit = SqliteKit.open(freshUrl())) {
      kit.createTable(ITEMS);
      SqliteRepository<Item, String> repo = kit.repository(ITEMS, Item.class);
      byte[] blob = {0, (byte) 0xff, 1, 0, 127, (byte) 0x80, 2, 3, 0};
      Instant at = Instant.parse("2024-01-02T03:04:05.123Z");
      repo.create(new Item("a", "héllo ✓ \uD83D\uDE00", Long.MIN_VALUE, 3.25, blob, true, at));
      repo.create(new Item("b", "nulls", null, null, null, null, null));
      repo.create(new Item("c", "max", Long.MAX_VALUE, -0.1, new byte[0], false, Instant.EPOCH));
      Item a = repo.getById("a").orElseThrow();
      assertEquals("héllo ✓ \uD83D\uDE00", a.name());
      assertEquals(Long.MIN_VALUE, a.n());
      assertEquals(3.25, a.score());
      assertArrayEquals(blob, a.data());
      assertEquals(true, a.active());
      assertEquals(at, a.at());
      Item b = repo.getById("b").orElseThrow();
      assertNull(b.n());
      assertNull(b.score());
      assertNull(b.data());
      assertNull(b.active(), "a NULL boolean stays NULL (dqlite's BOOLEAN type would return false)");
      assertNull(b.at(), "a NULL timestamp stays NULL (dqlite's DATETIME type would return '')");
      Item c = repo.getById("c").orElseThrow();
      assertEquals(Long.MAX_VALUE, c.n());
      assertEquals(-0.1, c.score());
      assertEquals(false, c.active());
      assertEquals(Instant.EPOCH, c.at());
      assertEquals(3, repo.count(io.sqlitekit.spi.filter.Filters.all()));
      String decl = kit.driver().read(s -> s.query("SELECT group_concat(type, ',') FROM pragma_table_info('items')",
          List.of(), rs -> rs.next() ? rs.getString(0) : null));
      assertEquals("TEXT,TEXT,INTEGER,REAL,BLOB,INTEGER,TEXT", decl, "the kit declares storage classes only");
    }
  }

  @Test
  void duplicateKeyIsTyped() {
    try (SqliteKit kit = SqliteKit.open(freshUrl())) {
      kit.createTable(ITEMS);
      SqliteRepository<Item, String> repo = kit.repository(ITEMS, Item.class);
      repo.create(new Item("a", "x", 1L, null, null, null, null));
      DuplicateKeyException e = assertThrows(DuplicateKeyException.class,
          () -> repo.create(new Item("b", "x", 2L, null, null, null, null)));
      assertTrue(e.getMessage().contains("items"), e.getMessage());
      assertEquals(1, repo.count(io.sqlitekit.spi.filter.Filters.all()));
    }
  }

  @Test
  void nestedWriteIsASavepointAndAfterCommitRunsOnlyOnCommit() {
    try (SqliteKit kit = SqliteKit.open(freshUrl())) {
      kit.execute("CREATE TABLE t (v INTEGER)");
      SqliteDriver d = kit.driver();
      List<String> log = new ArrayList<>();
      d.write(s -> {
        s.update("INSERT INTO t VALUES (1)", List.of());
        d.afterCommit(() -> log.add("outer"));
        assertThrows(IllegalStateException.class, () -> d.write(s2 -> {
          s2.update("INSERT INTO t VALUES (2)", List.of());
          d.afterCommit(() -> log.add("inner"));
          throw new IllegalStateException("undo the savepoint");
        }));
        assertTrue(d.inTransaction());
        return null;
      });
      assertEquals(List.of("outer"), log);
      assertEquals(List.of(1L), values(d, "SELECT v FROM t ORDER BY v"));
      assertThrows(IllegalArgumentException.class, () -> d.write(s -> {
        s.update("INSERT INTO t VALUES (3)", List.of());
        d.afterCommit(() -> log.add("rolled back"));
        throw new IllegalArgumentException("boom");
      }));
      assertEquals(List.of("outer"), log);
      assertEquals(List.of(1L), values(d, "SELECT v FROM t ORDER BY v"));
    }
  }

  @Test
  void aReaderMayRunStatementsWhileItsRowsStream() {
    try (SqliteKit kit = SqliteKit.open(freshUrl())) {
      kit.execute("CREATE TABLE t (v INTEGER)");
      SqliteDriver d = kit.driver();
      d.write(s -> {
        List<List<?>> rows = new ArrayList<>();
        for (long i = 0; i < 3000; i++) {
          rows.add(List.of(i));
        }
        s.batch("INSERT INTO t VALUES (?)", rows);
        return null;
      });
      long sum = d.read(s -> s.query("SELECT v FROM t ORDER BY v", List.of(), rs -> {
        long total = 0;
        while (rs.next()) {
          long v = rs.getLong(0);
          // A nested statement while rows are still streaming (3000 rows span several batches).
          total += s.query("SELECT ? + 0", List.of(v), r2 -> r2.next() ? r2.getLong(0) : -1);
        }
        return total;
      }));
      assertEquals(2999L * 3000 / 2, sum);
    }
  }

  @Test
  void oneWriterAtATimeAcrossThreads() throws Exception {
    try (SqliteKit kit = SqliteKit.open(freshUrl())) {
      kit.execute("CREATE TABLE c (id INTEGER PRIMARY KEY, v INTEGER NOT NULL); INSERT INTO c VALUES (1, 0)");
      SqliteDriver d = kit.driver();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          fs.add(pool.submit(() -> {
            for (int i = 0; i < 10; i++) {
              d.write(s -> {
                long v = s.query("SELECT v FROM c WHERE id = 1", List.of(), rs -> rs.next() ? rs.getLong(0) : -1);
                return s.update("UPDATE c SET v = ? WHERE id = 1", List.of(v + 1));
              });
              d.read(s -> s.query("SELECT v FROM c", List.of(), rs -> rs.next()));
            }
            return null;
          }));
        }
        for (Future<?> f : fs) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(List.of(80L), values(d, "SELECT v FROM c"));
    }
  }

  @Test
  void busyFromAnotherProcessIsRetriedThenTyped() throws Exception {
    String url = freshUrl();
    try (SqliteKit kit = SqliteKit.open(url + "?busyTimeout=5s");
        SqliteKit other = SqliteKit.builder().url(url + "?busyTimeout=0")
            .lockRetry(io.sqlitekit.core.RetryPolicy.none()).build()) {
      kit.execute("CREATE TABLE t (v INTEGER)");
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Thread holder = new Thread(() -> kit.driver().write(s -> {
        s.update("INSERT INTO t VALUES (1)", List.of());
        holding.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
        return null;
      }));
      holder.start();
      assertTrue(holding.await(10, TimeUnit.SECONDS));
      // "other" is a second driver, like another process: dqlite answers SQLITE_BUSY at once, and with no
      // busy budget and no lock retry the caller sees a typed transient conflict, nothing applied.
      long t0 = System.nanoTime();
      TransientConflictException e = assertThrows(TransientConflictException.class,
          () -> other.driver().write(s -> s.update("INSERT INTO t VALUES (2)", List.of())));
      assertTrue(e.isTransient());
      assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3));
      // With a budget the same write waits out the holder through bounded retries.
      Thread releaser = new Thread(() -> {
        try {
          Thread.sleep(300);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
        release.countDown();
      });
      try (SqliteKit patient = SqliteKit.builder().url(url + "?busyTimeout=5s")
          .lockRetry(io.sqlitekit.core.RetryPolicy.none()).build()) {
        releaser.start();
        patient.driver().write(s -> s.update("INSERT INTO t VALUES (3)", List.of()));
        holder.join(10_000);
        assertEquals(List.of(1L, 3L), values(patient.driver(), "SELECT v FROM t ORDER BY v"));
      }
    }
  }

  @Test
  void lossyDeclaredTypesAreRefusedAndThePoisonRowNeverReachesTheCluster() throws Exception {
    String url = freshUrl();
    try (SqliteKit kit = SqliteKit.open(url)) {
      for (String type : List.of("DATETIME", "date", "TimeStamp", "BOOLEAN", "\"DATETIME\"")) {
        ValidationException e = assertThrows(ValidationException.class,
            () -> kit.execute("CREATE TABLE ty (id INTEGER PRIMARY KEY, d " + type + ")"));
        assertTrue(e.getMessage().contains("ty.d"), e.getMessage());
      }
      ValidationException alter = assertThrows(ValidationException.class, () -> {
        kit.execute("CREATE TABLE ok (id INTEGER PRIMARY KEY)");
        kit.driver().write(s -> s.update("ALTER TABLE ok ADD COLUMN d DATETIME", List.of()));
      });
      assertTrue(alter.getMessage().contains("ok.d"), alter.getMessage());
      // The poison script of the reference: the table is refused, so the REAL never lands in a DATETIME column.
      assertThrows(ValidationException.class, () -> kit.execute(
          "CREATE TABLE p (id INTEGER PRIMARY KEY, d DATETIME); INSERT INTO p(d) VALUES (2460000.5)"));
      assertEquals(List.of(0L), values(kit.driver(),
          "SELECT count(*) FROM sqlite_master WHERE name IN ('ty', 'p')"));
      assertEquals(List.of("id"), kit.driver().read(s -> s.query("SELECT name FROM pragma_table_info('ok')",
          List.of(), rs -> {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
              out.add(rs.getString(0));
            }
            return out;
          })));
    }
    // A table created behind the kit's back makes the driver refuse the database at open, before any read.
    String db = url.substring(url.lastIndexOf('/') + 1);
    cluster.shell(cluster.servers(), db, "CREATE TABLE legacy (id INTEGER PRIMARY KEY, b BOOLEAN)");
    ConfigurationException refused = assertThrows(ConfigurationException.class, () -> SqliteKit.open(url));
    assertTrue(refused.getMessage().contains("legacy.b BOOLEAN"), refused.getMessage());
    // Quorum kept: all three voters, all nodes alive, and SQL still answers.
    assertEquals(3, cluster.voters());
    for (String a : cluster.addresses()) {
      assertTrue(cluster.alive(a), a);
    }
    assertEquals("1", cluster.shell(cluster.servers(), "x", "SELECT 1"));
  }

  @Test
  void badUrlsAndUnreachableNodesFailTypedAndBounded() throws Exception {
    for (String bad : List.of("dqlite://", "dqlite://127.0.0.1:1", "dqlite://127.0.0.1/db", "dqlite://h:99999/db",
        "dqlite://127.0.0.1:1/db?nope=1", "dqlite://127.0.0.1:1/db?callTimeout=soon", "dqlite://a:1,a:1/db",
        "dqlite://127.0.0.1:1/")) {
      assertThrows(ConfigurationException.class, () -> SqliteKit.open(bad), bad);
    }
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    long t0 = System.nanoTime();
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> SqliteKit.open(
        "dqlite://127.0.0.1:" + port + "/db?discoveryTimeout=1s&connectTimeout=500ms"));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(ms < 5000, "took " + ms + " ms");
    assertTrue(e.getMessage().contains("cannot open dqlite database db"), e.getMessage());
  }

  @Test
  void aSilentNodeAndALiveClusterOpen_aSilentNodeAloneFailsTypedWithinTheDiscoveryTimeout() throws Exception {
    // A node that accepts TCP but never answers (a hung process, a black-holed proxy): no reset tells us it is gone.
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      String node = "127.0.0.1:" + silent.getLocalPort();
      long t0 = System.nanoTime();
      try (SqliteKit kit = SqliteKit.open("dqlite://" + node + "," + cluster.servers() + "/silent"
          + DB.incrementAndGet() + "?connectTimeout=2s")) {
        kit.execute("CREATE TABLE t (v INTEGER)");
      }
      long withCluster = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      // The nodes are asked at once, so the silent one listed first does not cost its 2 s connect timeout.
      assertTrue(withCluster < 1900, "a silent node delayed opening by " + withCluster + " ms");
      t0 = System.nanoTime();
      ConfigurationException e = assertThrows(ConfigurationException.class, () -> SqliteKit.open(
          "dqlite://" + node + "/db?discoveryTimeout=1500ms&connectTimeout=500ms"));
      long alone = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertTrue(alone >= 1400 && alone < 5000, "bounded by the discovery timeout: took " + alone + " ms");
      assertTrue(e.getMessage().contains("cannot open dqlite database db"), e.getMessage());
    }
  }

  @Test
  void snapshotReadsAndReadOnlyReaders() {
    try (SqliteKit kit = SqliteKit.open(freshUrl())) {
      kit.execute("CREATE TABLE t (v INTEGER)");
      SqliteDriver d = kit.driver();
      d.write(s -> s.update("INSERT INTO t VALUES (1), (2)", List.of()));
      List<Long> both = d.readSnapshot(s -> Arrays.asList(
          s.query("SELECT count(*) FROM t", List.of(), rs -> rs.next() ? rs.getLong(0) : -1),
          s.query("SELECT sum(v) FROM t", List.of(), rs -> rs.next() ? rs.getLong(0) : -1)));
      assertEquals(List.of(2L, 3L), both);
      assertThrows(io.sqlitekit.spi.error.ReadOnlyException.class,
          () -> d.read(s -> s.update("INSERT INTO t VALUES (3)", List.of())));
      assertEquals(List.of(1L, 2L), values(d, "SELECT v FROM t ORDER BY v"));
      assertFalse(d.inTransaction());
    }
  }

  static List<Long> values(SqliteDriver d, String sql) {
    return d.read(s -> s.query(sql, List.of(), rs -> {
      List<Long> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getLong(0));
      }
      return out;
    }));
  }
}
