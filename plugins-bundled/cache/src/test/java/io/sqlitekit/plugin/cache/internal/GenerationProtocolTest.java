package io.sqlitekit.plugin.cache.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.plugin.cache.CacheOptions;
import io.sqlitekit.plugin.cache.InMemoryCacheAdapter;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.testsupport.FakeHooks;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cache's hooks against a fake engine and a counter standing in for the database. */
class GenerationProtocolTest {
  static final TableDef T = TableDef.of("t", Column.text("id").primaryKey(), Column.integer("v"));

  private FakeHooks engine;
  private InMemoryCacheAdapter adapter;
  private final AtomicLong db = new AtomicLong();
  private final AtomicInteger dbReads = new AtomicInteger();

  @BeforeEach
  void setUp() {
    adapter = new InMemoryCacheAdapter();
    engine = new FakeHooks(T, Clock.systemUTC(),
        new ReadThroughCache(CacheOptions.defaults().withTtl(Duration.ZERO), adapter));
  }

  private long read() {
    return (Long) engine.call(Operation.COUNT, null, Filters.all(), CallContext.empty(), () -> {
      dbReads.incrementAndGet();
      return db.get();
    });
  }

  private void write(long v) {
    engine.call(Operation.INCREMENT, "a", Filters.all(), CallContext.empty(), () -> {
      db.set(v);
      return v;
    });
  }

  @Test
  void hit_thenWriteInvalidates() {
    assertEquals(0, read());
    assertEquals(0, read());
    assertEquals(1, dbReads.get(), "second read was a hit");
    write(5);
    assertEquals(5, read());
    assertEquals(2, dbReads.get());
  }

  @Test
  void readOverlappingAWrite_isNotStored() {
    // The read starts, then a write commits before the read's result is stored.
    long seen = (Long) engine.call(Operation.COUNT, null, Filters.all(), CallContext.empty(), () -> {
      long old = db.get();
      write(7);
      return old;
    });
    assertEquals(0, seen);
    assertEquals(7, read(), "the stale result of the overlapping read was not cached");
  }

  @Test
  void readsDuringAnOpenTransaction_bypassTheCache_andRollbackLeavesNoTrace() {
    assertEquals(0, read());
    assertThrows(IllegalStateException.class, () -> engine.inTransaction(() -> {
      engine.call(Operation.UPDATE, "a", Filters.all(), CallContext.empty(), () -> {
        db.set(99);
        return 99L;
      });
      // Another caller reads while the write is in flight (and its data visible to this fake).
      assertEquals(99, read());
      db.set(0); // the rollback
      throw new IllegalStateException("rollback");
    }));
    assertEquals(0, read(), "nothing read during the transaction was served afterwards");
  }

  @Test
  void failedWrite_endsItsGeneration() {
    assertThrows(IllegalStateException.class, () -> engine.call(Operation.CREATE, null, Filters.all(),
        CallContext.empty(), () -> {
          throw new IllegalStateException("constraint");
        }));
    assertEquals(0, read());
    assertEquals(0, read());
    assertEquals(1, dbReads.get(), "caching resumed after the failed write ended");
  }

  @Test
  void bypassFlag_skipsTheCache() {
    CallContext bypass = CallContext.of(CallContext.BYPASS_CACHE, true);
    engine.call(Operation.COUNT, null, Filters.all(), bypass, () -> db.get());
    engine.call(Operation.COUNT, null, Filters.all(), bypass, () -> db.get());
    assertEquals(0, adapter.size());
  }
}
