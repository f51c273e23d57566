package io.sqlitekit.driver.xerial.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.ChangeBatch;
import io.sqlitekit.spi.driver.ChangeSubscription;
import io.sqlitekit.spi.driver.DriverOptions;
import io.sqlitekit.spi.driver.RowChange;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Change notifications of the xerial driver on a real WAL file. */
final class XerialChangeFeedTest {
  @TempDir
  Path dir;
  private XerialDriver driver;
  private final List<ChangeBatch> seen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    driver = XerialDriver.open("jdbc:sqlite:" + dir.resolve("w.db"), DriverOptions.defaults());
    driver.write(s -> {
      s.executeScript("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);"
          + "CREATE TABLE k(name TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID");
      return null;
    });
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  private void exec(String sql) {
    driver.write(s -> s.update(sql, List.of()));
  }

  @Test
  void deliversCommittedRowsOnTheWritingThreadBeforeWriteReturns() {
    assertTrue(driver.supportsChangeNotifications());
    try (ChangeSubscription sub = driver.watch(seen::add, Duration.ZERO)) {
      driver.write(s -> {
        s.update("INSERT INTO t(id, v) VALUES (1, 'a'), (2, 'b')", List.of());
        s.update("UPDATE t SET v = 'c' WHERE id = 2", List.of());
        s.update("DELETE FROM t WHERE id = 1", List.of());
        assertTrue(seen.isEmpty(), "nothing before the commit");
        return null;
      });
      assertEquals(1, seen.size());
      ChangeBatch b = seen.get(0);
      assertTrue(b.complete());
      assertFalse(b.external());
      assertEquals(List.of(new RowChange(RowChange.Kind.INSERT, "t", 1), new RowChange(RowChange.Kind.INSERT, "t", 2),
          new RowChange(RowChange.Kind.UPDATE, "t", 2), new RowChange(RowChange.Kind.DELETE, "t", 1)), b.changes());
      assertTrue(b.mayAffect("T"));
      assertFalse(b.mayAffect("other"));
    }
    exec("INSERT INTO t(id, v) VALUES (3, 'x')");
    assertEquals(1, seen.size(), "a closed subscription hears nothing");
  }

  @Test
  void externalPoll_skipsARoundAfterAboutASecond_ratherThanWaitingTheWriteLockTimeout() throws Exception {
    driver.close();
    driver = XerialDriver.open("jdbc:sqlite:" + dir.resolve("w.db"),
        DriverOptions.defaults().withWriteLockTimeout(Duration.ofSeconds(30)));
    assertNotNull(driver.pollDataVersion(), "with the writer lock free the poll reads data_version");
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Object> writer = CompletableFuture.supplyAsync(() -> driver.write(s -> {
      s.update("INSERT INTO t(id, v) VALUES (1, 'held')", List.of());
      writing.countDown();
      try {
        assertTrue(release.await(20, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return null;
    }));
    assertTrue(writing.await(10, TimeUnit.SECONDS));
    long start = System.nanoTime();
    Long during = driver.pollDataVersion();
    long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    release.countDown();
    writer.get(10, TimeUnit.SECONDS);
    assertNull(during, "a poll that cannot have the writer lock skips its round");
    long bound = XerialDriver.POLL_LOCK_WAIT.toMillis();
    assertTrue(waitedMs >= bound - 50 && waitedMs < bound + 1500,
        "the poll waited " + waitedMs + " ms; expected about " + bound + " ms, not the 30 s write-lock timeout");
    assertNotNull(driver.pollDataVersion(), "the next round reads again");
    assertEquals(1L, (long) driver.<Long>read(s -> s.query("SELECT count(*) FROM t", List.of(),
        rs -> rs.next() ? rs.getLong(0) : -1L)), "the held write committed normally");
  }

  @Test
  void neverDeliversRolledBackWork() {
    try (ChangeSubscription sub = driver.watch(seen::add, Duration.ZERO)) {
      assertThrows(IllegalStateException.class, () -> driver.write(s -> {
        s.update("INSERT INTO t(id, v) VALUES (1, 'a')", List.of());
        throw new IllegalStateException("boom");
      }));
      assertTrue(seen.isEmpty());
      driver.write(s -> {
        s.update("INSERT INTO t(id, v) VALUES (10, 'kept')", List.of());
        assertThrows(IllegalStateException.class, () -> driver.write(inner -> {
          inner.update("INSERT INTO t(id, v) VALUES (11, 'savepoint rolled back')", List.of());
          throw new IllegalStateException("inner");
        }));
        return null;
      });
      assertEquals(1, seen.size());
      assertEquals(List.of(new RowChange(RowChange.Kind.INSERT, "t", 10)), seen.get(0).changes());
      // A read-only transaction and a write that changes nothing say nothing.
      driver.write(s -> s.update("UPDATE t SET v = 'z' WHERE id = 999", List.of()));
      assertEquals(1, seen.size());
    }
  }

  @Test
  void changesTheHookCannotSeeMakeTheBatchIncomplete() {
    try (ChangeSubscription sub = driver.watch(seen::add, Duration.ZERO)) {
      exec("INSERT INTO k(name, v) VALUES ('a', 'b')");
      assertEquals(1, seen.size());
      assertFalse(seen.get(0).complete(), "WITHOUT ROWID rows are not hooked");
      assertTrue(seen.get(0).mayAffect("anything"));
    }
  }

  @Test
  void reportsCommitsOfOtherConnectionsByPolling() throws Exception {
    try (ChangeSubscription sub = driver.watch(seen::add, Duration.ofMillis(20))) {
      assertTrue(driver.changePolling());
      exec("INSERT INTO t(id, v) VALUES (1, 'own')");
      Thread.sleep(150);
      assertEquals(1, seen.size(), "own commits are not echoed as external");
      try (Connection other = DriverManager.getConnection(driver.url()); Statement st = other.createStatement()) {
        st.executeUpdate("INSERT INTO t(id, v) VALUES (2, 'raw')");
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (seen.size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(2, seen.size());
      assertTrue(seen.get(1).external());
      assertFalse(seen.get(1).complete());
    }
  }

  @Test
  void closeStopsThePollingThread() {
    driver.watch(seen::add, Duration.ofMillis(10));
    assertTrue(driver.changePolling());
    driver.close();
    assertFalse(driver.changePolling());
    assertTrue(Thread.getAllStackTraces().keySet().stream()
        .noneMatch(t -> t.getName().startsWith("sqlitekit-watch-w.db") && t.isAlive()));
  }

  @Test
  void exclusiveRunsOutsideATransaction() {
    long freelist = driver.exclusive(s -> {
      s.executeScript("VACUUM");
      return s.query("PRAGMA freelist_count", List.of(), rows -> rows.next() ? rows.getLong(0) : -1L);
    });
    assertEquals(0, freelist);
    assertThrows(IllegalStateException.class, () -> driver.write(s -> driver.exclusive(x -> null)));
  }
}
