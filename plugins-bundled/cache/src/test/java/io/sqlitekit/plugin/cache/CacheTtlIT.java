package io.sqlitekit.plugin.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.plugin.ttl.TtlMode;
import io.sqlitekit.plugin.ttl.TtlOptions;
import io.sqlitekit.plugin.ttl.TtlPlugin;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cache and the TTL plugin together on a real SQLite file (WAL) with a clock that moves only when told: reads
 * are served from the cache while no row crosses its expiry, and an expired row is never served from it.
 */
class CacheTtlIT {
  /** A session that may expire. */
  public record Session(String id, Instant expiresAt) {
  }

  static final Instant T0 = Instant.parse("2026-06-01T12:00:00.000Z");

  @TempDir
  Path dir;

  private SqliteKit kit;
  private SqliteRepository<Session, String> sessions;
  private final MutableClock clock = new MutableClock(T0);
  /** Reads of the table that reached the database (the TTL plugin's own next-expiry query excluded). */
  private final AtomicInteger databaseReads = new AtomicInteger();

  private void open(boolean millis) {
    TableDef table = TableDef.of("sessions", Column.text("id").primaryKey(),
        millis ? Column.timestampMillis("expiresAt") : Column.timestamp("expiresAt"));
    kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("cache-ttl.db")).preset(PragmaPreset.PRODUCTION)
        .clock(clock)
        .statementListener(e -> {
          if (e.sql().startsWith("SELECT") && e.sql().contains("sessions") && !e.sql().contains("MIN(")) {
            databaseReads.incrementAndGet();
          }
        })
        .plugin(TtlPlugin.create(TtlOptions.defaults().withMode(TtlMode.LAZY)))
        .plugin(CachePlugin.create(CacheOptions.defaults().withTtl(Duration.ZERO), new InMemoryCacheAdapter()))
        .build();
    kit.createTableIfNotExists(table);
    sessions = kit.repository(table, RowMapper.forRecord(Session.class));
    sessions.createMany(List.of(new Session("a", T0.plusSeconds(10)), new Session("b", T0.plusSeconds(20)),
        new Session("forever", null)));
  }

  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
  }

  private List<String> ids() {
    return sessions.findAll(Filters.all()).stream().map(Session::id).collect(Collectors.toList());
  }

  /** Runs a read and says whether it reached the database. */
  private boolean fromDatabase(Runnable read) {
    int before = databaseReads.get();
    read.run();
    return databaseReads.get() > before;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(booleans = {false, true})
  void readsHitWhileNoRowExpires_andAnExpiredRowIsNeverServed(boolean millis) {
    open(millis);
    assertTrue(fromDatabase(() -> assertEquals(List.of("a", "b", "forever"), ids())), "first read");
    clock.advance(Duration.ofMillis(9_999));
    // "now" moved, but no row crossed its expiry: the same answer, from the cache.
    assertTrue(!fromDatabase(() -> assertEquals(List.of("a", "b", "forever"), ids())), "hit at T0+9.999s");
    assertTrue(fromDatabase(() -> assertEquals(3L, sessions.count(Filters.all()))));
    assertTrue(!fromDatabase(() -> assertEquals(3L, sessions.count(Filters.all()))), "count hit");
    assertTrue(fromDatabase(() -> assertTrue(sessions.getById("a").isPresent())));
    assertTrue(!fromDatabase(() -> assertTrue(sessions.getById("a").isPresent())), "getById hit");

    clock.advance(Duration.ofMillis(1)); // T0+10s: "a" has expired (live means expiresAt > now)
    assertTrue(fromDatabase(() -> assertEquals(List.of("b", "forever"), ids())), "re-read once a row expired");
    assertTrue(fromDatabase(() -> assertEquals(Optional.empty(), sessions.getById("a"))));
    assertTrue(fromDatabase(() -> assertEquals(2L, sessions.count(Filters.all()))));

    clock.advance(Duration.ofSeconds(5)); // T0+15s: still valid until "b" expires at T0+20s
    assertTrue(!fromDatabase(() -> assertEquals(List.of("b", "forever"), ids())), "hit at T0+15s");
    assertTrue(!fromDatabase(() -> assertEquals(Optional.empty(), sessions.getById("a"))), "miss cached");

    clock.advance(Duration.ofSeconds(5)); // T0+20s
    assertTrue(fromDatabase(() -> assertEquals(List.of("forever"), ids())));
    assertTrue(fromDatabase(() -> assertEquals(1L, sessions.count(Filters.all()))));
    // Nothing expires any more: every later instant answers from the cache.
    clock.advance(Duration.ofDays(400));
    assertTrue(!fromDatabase(() -> assertEquals(List.of("forever"), ids())), "hit when no row expires later");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(booleans = {false, true})
  void aClockSetBack_orAWrite_isNeverAnsweredFromAnOlderRead(boolean millis) {
    open(millis);
    clock.advance(Duration.ofSeconds(12)); // "a" expired
    assertTrue(fromDatabase(() -> assertEquals(List.of("b", "forever"), ids())));
    clock.advance(Duration.ofSeconds(-4)); // T0+8s: "a" is live again at this instant
    assertTrue(fromDatabase(() -> assertEquals(List.of("a", "b", "forever"), ids())), "clock set back");
    assertTrue(!fromDatabase(() -> assertEquals(List.of("a", "b", "forever"), ids())));
    // A new row expiring before the cached answer's bound: the write moves the cache's generation.
    sessions.create(new Session("brief", T0.plusSeconds(9)));
    assertTrue(fromDatabase(() -> assertEquals(List.of("a", "b", "brief", "forever"), ids())));
    clock.advance(Duration.ofSeconds(1)); // T0+9s: "brief" expired; the answer read at T0+8s ends there
    assertTrue(fromDatabase(() -> assertEquals(List.of("a", "b", "forever"), ids())));
  }
}
