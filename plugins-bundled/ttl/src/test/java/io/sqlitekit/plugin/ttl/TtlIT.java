package io.sqlitekit.plugin.ttl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.testsupport.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The TTL plugin on real SQLite files, with a mutable clock. */
class TtlIT {
  /** A session that may expire. */
  public record Session(String id, String user, Instant expiresAt) {
  }

  static final Instant T0 = Instant.parse("2026-06-01T12:00:00.000Z");
  static final TableDef ISO = TableDef.of("sessions", Column.text("id").primaryKey(), Column.text("user"),
      Column.timestamp("expiresAt"));
  static final TableDef MILLIS = TableDef.of("sessions", Column.text("id").primaryKey(), Column.text("user"),
      Column.timestampMillis("expiresAt"));

  @TempDir
  Path dir;

  private SqliteKit open(String name, MutableClock clock, TtlOptions options, TableDef table) {
    SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve(name)).preset(PragmaPreset.PRODUCTION)
        .clock(clock).plugin(TtlPlugin.create(options)).build();
    kit.createTableIfNotExists(table);
    return kit;
  }

  static Stream<Arguments> encodings() {
    return Stream.of(Arguments.of("ISO-8601 text", ISO), Arguments.of("epoch millis", MILLIS));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodings")
  void lazy_hidesExpiredRows_atMillisecondPrecision_andSweepRemovesThem(String label, TableDef table) {
    MutableClock clock = new MutableClock(T0);
    try (SqliteKit kit = open("lazy.db", clock, TtlOptions.defaults().withMode(TtlMode.LAZY), table)) {
      SqliteRepository<Session, String> s = kit.repository(table, RowMapper.forRecord(Session.class));
      s.createMany(List.of(new Session("a", "u", T0.plusMillis(1)), new Session("b", "u", T0.plusMillis(2)),
          new Session("forever", "u", null)));
      assertEquals(3, s.count(Filters.all()));
      clock.advance(Duration.ofMillis(1)); // "a" expires exactly now
      assertEquals(2, s.count(Filters.all()));
      assertTrue(s.getById("a").isEmpty());
      assertTrue(s.getById("b").isPresent());
      assertEquals(List.of("b", "forever"), s.findAll(Filters.all()).stream().map(Session::id).sorted().toList());
      StandardRepo<Session, String> all = s.withContext(CallContext.of(TtlPlugin.INCLUDE_EXPIRED, true));
      assertEquals(3, all.count(Filters.all()));
      assertTrue(all.getById("a").isPresent());
      assertEquals(1, TtlSweeper.sweepExpired(s));
      assertEquals(2, all.count(Filters.all()));
      assertEquals(0, TtlSweeper.sweepExpired(s), "sweeping is idempotent");
      clock.advance(Duration.ofDays(365));
      assertEquals(1, s.count(Filters.all()), "a NULL expiry never expires");
      assertEquals(1, TtlSweeper.sweepExpired(s));
    }
  }

  @Test
  void trigger_prunesExpiredRowsOnInsert_bySqlitesClock() {
    MutableClock clock = new MutableClock(T0);
    try (SqliteKit kit = open("trigger.db", clock, TtlOptions.defaults().withMode(TtlMode.TRIGGER), ISO)) {
      SqliteRepository<Session, String> s = kit.repository(ISO, RowMapper.forRecord(Session.class));
      StandardRepo<Session, String> all = s.withContext(CallContext.of(TtlPlugin.INCLUDE_EXPIRED, true));
      // The trigger compares with SQLite's wall clock: a row from 2001 is long expired, one in 2999 is not.
      s.create(new Session("old", "u", Instant.parse("2001-01-01T00:00:00Z")));
      assertEquals(0, all.count(Filters.all()), "the insert's own trigger removed it");
      s.create(new Session("future", "u", Instant.parse("2999-01-01T00:00:00Z")));
      s.create(new Session("none", "u", null));
      assertEquals(2, all.count(Filters.all()));
      assertEquals(2, s.count(Filters.all()));
    }
  }

  @Test
  void trigger_onMillisColumn() {
    MutableClock clock = new MutableClock(T0);
    try (SqliteKit kit = open("trigger-ms.db", clock, TtlOptions.defaults().withMode(TtlMode.TRIGGER), MILLIS)) {
      SqliteRepository<Session, String> s = kit.repository(MILLIS, RowMapper.forRecord(Session.class));
      StandardRepo<Session, String> all = s.withContext(CallContext.of(TtlPlugin.INCLUDE_EXPIRED, true));
      s.create(new Session("future", "u", Instant.parse("2999-01-01T00:00:00Z")));
      s.create(new Session("old", "u", Instant.parse("2001-01-01T00:00:00Z")));
      assertEquals(List.of("future"), all.findAll(Filters.all()).stream().map(Session::id).toList());
    }
  }

  @Test
  void scheduled_sweepsInTheBackground_andStopsOnClose() throws Exception {
    MutableClock clock = new MutableClock(T0);
    SqliteKit kit = open("scheduled.db", clock,
        TtlOptions.defaults().withMode(TtlMode.SCHEDULED).withInterval(Duration.ofMillis(20)), ISO);
    try {
      SqliteRepository<Session, String> s = kit.repository(ISO, RowMapper.forRecord(Session.class));
      StandardRepo<Session, String> all = s.withContext(CallContext.of(TtlPlugin.INCLUDE_EXPIRED, true));
      s.createMany(List.of(new Session("a", "u", T0.plusSeconds(1)), new Session("b", "u", T0.plusSeconds(10))));
      clock.advance(Duration.ofSeconds(5));
      assertEquals(List.of("b"), s.findAll(Filters.all()).stream().map(Session::id).toList(),
          "expired rows are hidden before any sweep");
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (all.count(Filters.all()) != 1 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(List.of("b"), all.findAll(Filters.all()).stream().map(Session::id).toList());
      assertTrue(sweeperThreadAlive());
    } finally {
      kit.close();
    }
    assertFalse(sweeperThreadAlive(), "the sweeper stops with the kit");
  }

  private static boolean sweeperThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().equals("sqlitekit-ttl-sessions"));
  }

  @Test
  void nonTimestampField_isAConfigurationError() {
    TableDef bad = TableDef.of("bad", Column.text("id").primaryKey(), Column.text("expiresAt"));
    MutableClock clock = new MutableClock(T0);
    assertThrows(ConfigurationException.class, () -> {
      try (SqliteKit kit = open("bad.db", clock, TtlOptions.defaults().withMode(TtlMode.LAZY), bad)) {
        kit.repository(bad, RowMapper.documents());
      }
    });
  }

  /**
   * 100k expired rows are swept in batches of 1,000 while another thread keeps writing: the writer's
   * individual writes stay fast because the sweep releases the writer lock between batches.
   */
  @Test
  void sweepOf100kRows_runsInBatches_whileAConcurrentWriterProceeds() throws Exception {
    MutableClock clock = new MutableClock(T0);
    try (SqliteKit kit = open("big.db", clock, TtlOptions.defaults().withMode(TtlMode.LAZY), ISO)) {
      SqliteRepository<Session, String> s = kit.repository(ISO, RowMapper.forRecord(Session.class));
      List<Session> chunk = new ArrayList<>();
      for (int i = 0; i < 100_000; i++) {
        chunk.add(new Session("x" + i, "u", T0.plusMillis(i % 1000)));
        if (chunk.size() == 10_000) {
          List<Session> batch = List.copyOf(chunk);
          s.withTransaction(tx -> tx.createMany(batch));
          chunk.clear();
        }
      }
      clock.advance(Duration.ofSeconds(1));
      AtomicBoolean sweeping = new AtomicBoolean(true);
      AtomicLong writesDuringSweep = new AtomicLong();
      AtomicLong maxLatencyNanos = new AtomicLong();
      CountDownLatch writing = new CountDownLatch(1);
      Thread writer = new Thread(() -> {
        int i = 0;
        while (sweeping.get()) {
          long t = System.nanoTime();
          s.create(new Session("live" + i++, "u", T0.plusSeconds(3600)));
          maxLatencyNanos.accumulateAndGet(System.nanoTime() - t, Math::max);
          writesDuringSweep.incrementAndGet();
          writing.countDown();
        }
      }, "concurrent-writer");
      writer.start();
      assertTrue(writing.await(30, TimeUnit.SECONDS));
      long writesBefore = writesDuringSweep.get();
      long removed;
      try {
        removed = TtlSweeper.sweepExpired(s);
      } finally {
        sweeping.set(false);
        writer.join(30_000);
      }
      System.out.printf("ttl sweep: %d rows removed, %d concurrent writes, max write latency %d ms%n", removed,
          writesDuringSweep.get() - writesBefore, maxLatencyNanos.get() / 1_000_000);
      assertEquals(100_000, removed);
      assertTrue(writesDuringSweep.get() > writesBefore, "the writer made progress during the sweep");
      // A writer blocked behind one 100k-row delete would wait for all of it; batches bound each wait.
      assertTrue(maxLatencyNanos.get() < Duration.ofSeconds(2).toNanos(),
          "max write latency during the sweep: " + maxLatencyNanos.get() / 1_000_000 + " ms");
      assertEquals(writesDuringSweep.get(), s.count(Filters.all()));
    }
  }
}
