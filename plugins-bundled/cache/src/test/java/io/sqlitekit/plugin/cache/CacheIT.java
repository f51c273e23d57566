package io.sqlitekit.plugin.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.plugin.tenant.Tenants;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache plugin on a real SQLite file (WAL) through the core repository. */
class CacheIT {
  /** A row with a counter. */
  public record Item(String id, String tenant, Long v) {
  }

  static final TableDef ITEMS = TableDef.of("items", Column.text("id").primaryKey(), Column.text("tenant"),
      Column.integer("v").notNull());

  /** Narrows every scoped operation to the caller's tenant, as the multi-tenant plugin would. */
  static final class TenantScope implements RepositoryPlugin {
    @Override
    public String name() {
      return "test-tenant-scope";
    }

    @Override
    public void install(HookRegistry registry) {
      EnumSet<Operation> scoped = EnumSet.noneOf(Operation.class);
      for (Operation op : Operation.values()) {
        if (op.isScoped()) {
          scoped.add(op);
        }
      }
      registry.before(scoped, HookPriority.POLICY, ctx -> ctx.callContext().get(Tenants.TENANT_ID)
          .ifPresent(t -> ctx.setFilter(Filters.and(ctx.filter(), Filters.eq("tenant", t)))));
    }
  }

  @TempDir
  Path dir;

  private InMemoryCacheAdapter adapter;
  private SqliteKit kit;
  private SqliteRepository<Item, String> items;

  @BeforeEach
  void open() {
    adapter = new InMemoryCacheAdapter();
    kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("cache.db")).preset(PragmaPreset.PRODUCTION)
        .plugin(new TenantScope())
        .plugin(CachePlugin.create(CacheOptions.defaults().withTtl(Duration.ZERO), adapter))
        .build();
    kit.createTableIfNotExists(ITEMS);
    items = kit.repository(ITEMS, RowMapper.forRecord(Item.class));
  }

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void getById_secondReadIsAHit_andUpdateInvalidates() {
    items.create(new Item("a", "t1", 1L));
    assertEquals(1L, items.getById("a").orElseThrow().v());
    long hits = adapter.hitCount();
    assertEquals(1L, items.getById("a").orElseThrow().v());
    assertEquals(hits + 1, adapter.hitCount(), "second read served from the cache");
    items.update("a", Update.set("v", 2L));
    assertEquals(2L, items.getById("a").orElseThrow().v());
  }

  @Test
  void increment_invalidates() {
    items.create(new Item("a", "t1", 1L));
    assertEquals(1L, items.getById("a").orElseThrow().v());
    assertEquals(1L, items.count(Filters.all()));
    items.increment("a", "v", 5);
    assertEquals(6L, items.getById("a").orElseThrow().v());
  }

  @Test
  void miss_isNotServedAfterCreate() {
    assertEquals(Optional.empty(), items.getById("late"));
    assertFalse(items.exists(Filters.eq("id", "late")));
    assertEquals(0L, items.count(Filters.all()));
    items.create(new Item("late", "t1", 1L));
    assertTrue(items.getById("late").isPresent());
    assertTrue(items.exists(Filters.eq("id", "late")));
    assertEquals(1L, items.count(Filters.all()));
  }

  @Test
  void everyWritePath_invalidatesListsAndCounts() {
    items.create(new Item("a", "t1", 1L));
    long expected = 1;
    assertEquals(expected, items.count(Filters.all()));
    items.createMany(List.of(new Item("b", "t1", 1L), new Item("c", "t1", 1L)));
    assertEquals(expected += 2, items.count(Filters.all()));
    items.upsert(new Item("d", "t1", 1L));
    assertEquals(expected += 1, items.count(Filters.all()));
    items.getOrCreate(Filters.eq("id", "e"), new Item("e", "t1", 1L));
    assertEquals(expected += 1, items.count(Filters.all()));
    items.updateMany(Filters.eq("tenant", "t1"), Update.set("v", 7L));
    assertEquals(expected, items.findAll(Filters.eq("v", 7L)).size());
    items.findOneAndUpdate(Filters.eq("id", "a"), Update.set("v", 8L),
        io.sqlitekit.spi.FindOneAndUpdateOptions.defaults());
    assertEquals(1, items.findAll(Filters.eq("v", 8L)).size());
    items.delete("a");
    assertEquals(expected -= 1, items.count(Filters.all()));
    items.deleteMany(Filters.eq("id", "b"));
    assertEquals(expected -= 1, items.count(Filters.all()));
    items.batch(b -> List.of(b.delete("c"), b.update("d", Update.set("v", 9L))));
    assertEquals(expected -= 1, items.count(Filters.all()));
    assertEquals(9L, items.getById("d").orElseThrow().v());
  }

  @Test
  void rollback_doesNotPoisonTheCache() {
    items.create(new Item("a", "t1", 1L));
    assertEquals(1L, items.getById("a").orElseThrow().v());
    assertThrows(IllegalStateException.class, () -> items.withTransaction(tx -> {
      tx.update("a", Update.set("v", 99L));
      assertEquals(99L, tx.getById("a").orElseThrow().v(), "the transaction sees its own write");
      throw new IllegalStateException("roll back");
    }));
    assertEquals(1L, items.getById("a").orElseThrow().v());
    assertEquals(1L, items.getById("a").orElseThrow().v());
  }

  @Test
  void commit_invalidatesOnlyWhenTheTransactionEnds() {
    items.create(new Item("a", "t1", 1L));
    assertEquals(1L, items.getById("a").orElseThrow().v());
    items.withTransaction(tx -> tx.update("a", Update.set("v", 2L)));
    assertEquals(2L, items.getById("a").orElseThrow().v());
  }

  @Test
  void tenantScopedViews_getDifferentEntries() {
    items.createMany(List.of(new Item("a", "t1", 1L), new Item("b", "t1", 1L), new Item("c", "t2", 1L)));
    StandardRepo<Item, String> t1 = items.withContext(CallContext.of(Tenants.TENANT_ID, "t1"));
    StandardRepo<Item, String> t2 = items.withContext(CallContext.of(Tenants.TENANT_ID, "t2"));
    for (int i = 0; i < 3; i++) {
      assertEquals(2L, t1.count(Filters.all()));
      assertEquals(1L, t2.count(Filters.all()));
      assertEquals(List.of("c"), t2.findAll(Filters.all()).stream().map(Item::id).toList());
      assertEquals(Optional.empty(), t2.getById("a"));
      assertTrue(t1.getById("a").isPresent());
    }
    assertTrue(adapter.hitCount() > 0);
  }

  /** Only the id and the counter. */
  public record Counter(String id, Long v) {
  }

  @Test
  void twoRepositoriesOverOneTable_neverShareEntries_butShareInvalidation() {
    items.create(new Item("a", "t1", 1L));
    SqliteRepository<Counter, String> counters = kit.repository(ITEMS, RowMapper.forRecord(Counter.class));
    SqliteRepository<java.util.Map<String, Object>, Object> docs = kit.documents(ITEMS);
    for (int i = 0; i < 2; i++) {
      assertEquals(new Item("a", "t1", 1L), items.getById("a").orElseThrow());
      assertEquals(new Counter("a", 1L), counters.getById("a").orElseThrow());
      assertEquals(1L, ((Number) docs.getById("a").orElseThrow().get("v")).longValue());
    }
    counters.increment("a", "v", 1);
    assertEquals(2L, items.getById("a").orElseThrow().v());
    assertEquals(2L, ((Number) docs.getById("a").orElseThrow().get("v")).longValue());
  }

  @Test
  void failingAfterHookOfAWrite_stillEndsTheWrite_soCachingResumes() {
    RepositoryPlugin failing = new RepositoryPlugin() {
      @Override
      public String name() {
        return "failing-after-hook";
      }

      @Override
      public void install(HookRegistry registry) {
        registry.after(EnumSet.of(Operation.UPDATE), HookPriority.POLICY, (ctx, result) -> {
          throw new IllegalStateException("policy after-hook failed");
        });
      }
    };
    SqliteRepository<Item, String> repo = kit.repository(ITEMS, RowMapper.forRecord(Item.class), List.of(failing));
    repo.create(new Item("a", "t1", 1L));
    assertThrows(io.sqlitekit.spi.plugin.AfterHookException.class, () -> repo.update("a", Update.set("v", 2L)));
    assertEquals(2L, repo.getById("a").orElseThrow().v());
    long hits = adapter.hitCount();
    assertEquals(2L, repo.getById("a").orElseThrow().v());
    assertEquals(hits + 1, adapter.hitCount(), "the table is cached again");
  }

  @Test
  void bypass_neitherReadsNorFills() {
    items.create(new Item("a", "t1", 1L));
    StandardRepo<Item, String> bypass = items.withContext(CallContext.of(CachePlugin.BYPASS_CACHE, true));
    bypass.getById("a");
    bypass.getById("a");
    assertEquals(0, adapter.hitCount() + adapter.missCount());
    assertEquals(0, adapter.size());
  }

  /**
   * Six readers and two writers on 20 rows. A writer publishes a row's value after its update returned
   * (committed); a reader notes the published value before it reads and must never see less.
   */
  @Test
  void concurrentReadersAndWriters_neverSeeAStaleValue() throws Exception {
    int rows = 20;
    List<Item> seed = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      seed.add(new Item("r" + i, "t1", 0L));
    }
    items.createMany(seed);
    AtomicLongArray committed = new AtomicLongArray(rows);
    AtomicLong reads = new AtomicLong();
    AtomicLong stale = new AtomicLong();
    AtomicLong writes = new AtomicLong();
    int readers = 6;
    int readsEach = 4_000;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> futures = new ArrayList<>();
    for (int r = 0; r < readers; r++) {
      int seedOffset = r;
      futures.add(pool.submit(() -> {
        for (int i = 0; i < readsEach; i++) {
          // Pace the readers so that writes really interleave (cache hits are far faster than writes).
          while (reads.get() > (writes.get() + 2) * 100) {
            Thread.onSpinWait();
            Thread.yield();
          }
          int row = (i * 7 + seedOffset) % rows;
          long floor = committed.get(row);
          long seen = items.getById("r" + row).orElseThrow().v();
          if (seen < floor) {
            stale.incrementAndGet();
          }
          reads.incrementAndGet();
        }
        return null;
      }));
    }
    for (int w = 0; w < 2; w++) {
      int writer = w;
      futures.add(pool.submit(() -> {
        long lastAt = 0;
        int n = 0;
        while (reads.get() < (long) readers * readsEach) {
          // One write per ~100 reads: interleaved, yet leaves the cache room to serve hits.
          if (reads.get() - lastAt < 100) {
            Thread.onSpinWait();
            Thread.yield();
            continue;
          }
          lastAt = reads.get();
          int row = (n++ * 3 + writer) % rows;
          long v = items.increment("r" + row, "v", 1).orElseThrow().v();
          committed.accumulateAndGet(row, v, Math::max);
          writes.incrementAndGet();
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertEquals(0, stale.get(), "stale reads observed");
    assertTrue(writes.get() >= 100, "writes interleaved: " + writes.get());
    System.out.printf("cache concurrency: %d reads, %d writes, %d hits, %d misses%n", reads.get(), writes.get(),
        adapter.hitCount(), adapter.missCount());
    double ratio = (double) adapter.hitCount() / Math.max(1, adapter.hitCount() + adapter.missCount());
    assertTrue(ratio > 0.3, "hit ratio " + ratio);
    for (int i = 0; i < rows; i++) {
      assertEquals(committed.get(i), items.getById("r" + i).orElseThrow().v());
    }
  }
}
