package io.sqlitekit.plugin.cache.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.memory.MemoryKit;
import io.sqlitekit.memory.MemoryRepository;
import io.sqlitekit.plugin.cache.CacheOptions;
import io.sqlitekit.plugin.cache.CachePlugin;
import io.sqlitekit.plugin.cache.InMemoryCacheAdapter;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.ContextKey;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cache's generation protocol and key rule on the in-memory kit (the shared hook engine, the kit's own
 * transactions): a probe that runs after the cache counts the reads the store really executed, and a count of
 * the table's rows is the value read.
 */
class GenerationProtocolTest {
  static final TableDef T = TableDef.of("t", Column.text("id").primaryKey(), Column.integer("v"),
      Column.text("region"));

  private InMemoryCacheAdapter adapter;
  private final AtomicInteger dbReads = new AtomicInteger();
  private MemoryKit kit;
  private MemoryRepository<Map<String, Object>, Object> docs;

  /** A plugin of the given name that installs the given hooks. */
  private static RepositoryPlugin plugin(String name, Consumer<HookRegistry> install) {
    return new RepositoryPlugin() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void install(HookRegistry registry) {
        install.accept(registry);
      }
    };
  }

  /** Counts the reads the kit executes: after every other before-hook, a read not short-circuited runs. */
  private RepositoryPlugin dbReadCounter() {
    return plugin("db-reads", r -> r.before(ReadThroughCache.READS, Integer.MAX_VALUE, ctx -> {
      if (!ctx.isShortCircuited()) {
        dbReads.incrementAndGet();
      }
    }));
  }

  private void open(RepositoryPlugin... more) {
    close();
    dbReads.set(0);
    adapter = new InMemoryCacheAdapter();
    MemoryKit.Builder b = MemoryKit.builder()
        .plugin(CachePlugin.create(CacheOptions.defaults().withTtl(Duration.ZERO), adapter))
        .plugin(dbReadCounter());
    for (RepositoryPlugin p : more) {
      b.plugin(p);
    }
    kit = b.build();
    docs = kit.documents(T);
  }

  @BeforeEach
  void setUp() {
    open();
  }

  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
  }

  private static Map<String, Object> row(String id, String region) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("region", region);
    return m;
  }

  private long read() {
    return docs.count(Filters.all());
  }

  private void write(String id) {
    docs.create(row(id, null));
  }

  @Test
  void hit_thenWriteInvalidates() {
    assertEquals(0, read());
    assertEquals(0, read());
    assertEquals(1, dbReads.get(), "second read was a hit");
    write("a");
    assertEquals(1, read());
    assertEquals(2, dbReads.get());
  }

  @Test
  void readOverlappingAWrite_isNotStored() {
    // Once armed, a write commits after the read executed and before the cache stores its result (the
    // interloper's after-hook runs before the cache's), so the read returns the state before that write.
    AtomicBoolean armed = new AtomicBoolean();
    AtomicInteger writes = new AtomicInteger();
    open(plugin("interloper", r -> r.after(EnumSet.of(Operation.COUNT), HookPriority.POLICY, (ctx, result) -> {
      if (armed.getAndSet(false)) {
        r.documents().create(row("w" + writes.incrementAndGet(), null));
      }
    })));
    armed.set(true);
    assertEquals(0, read(), "the read saw the table before the overlapping write");
    assertEquals(1, writes.get());
    assertEquals(0, adapter.size(), "its result was not stored");
    assertEquals(1, read(), "the stale result of the overlapping read was not cached");
    assertEquals(2, dbReads.get());
  }

  @Test
  void readsDuringAnOpenTransaction_bypassTheCache_andRollbackLeavesNoTrace() {
    assertEquals(0, read());
    assertThrows(IllegalStateException.class, () -> kit.inTransaction(() -> {
      write("a");
      // A read inside the transaction sees its uncommitted write.
      assertEquals(1, read());
      assertEquals(1, read());
      throw new IllegalStateException("rollback");
    }));
    assertEquals(3, dbReads.get(), "both reads inside the transaction went to the store");
    assertEquals(0, read(), "nothing read during the transaction was served afterwards");
  }

  @Test
  void failedWrite_endsItsGeneration() {
    write("a");
    assertThrows(DuplicateKeyException.class, () -> write("a"));
    assertEquals(1, read());
    assertEquals(1, read());
    assertEquals(1, dbReads.get(), "caching resumed after the failed write ended");
  }

  @Test
  void bypassFlag_skipsTheCache() {
    MemoryRepository<Map<String, Object>, Object> bypass =
        docs.withContext(CallContext.of(CachePlugin.BYPASS_CACHE, true));
    bypass.count(Filters.all());
    bypass.count(Filters.all());
    assertEquals(0, adapter.size());
    assertEquals(2, dbReads.get());
  }

  @Test
  void aThirdPartyKeyThatScopesReads_partitionsTheCache_withoutTheCacheKnowingIt() {
    // Declared here, unknown to the cache. Its plugin narrows reads *after* the cache has built its key, so the
    // narrowed filter is not part of the key: only the key's "scopes reads" mark keeps the regions apart.
    ContextKey<String> region = ContextKey.scopingReads("test.region", String.class);
    open(plugin("region", r -> r.before(ReadThroughCache.READS, HookPriority.DEFAULT, ctx -> ctx.callContext()
        .get(region).ifPresent(v -> ctx.setFilter(Filters.and(ctx.filter(), Filters.eq("region", v)))))));
    docs.createMany(List.of(row("a", "north"), row("b", "north"), row("c", "south")));
    MemoryRepository<Map<String, Object>, Object> north = docs.withContext(CallContext.of(region, "north"));
    MemoryRepository<Map<String, Object>, Object> south = docs.withContext(CallContext.of(region, "south"));
    assertEquals(2, north.count(Filters.all()));
    assertEquals(1, south.count(Filters.all()), "south is not served north's entry");
    assertEquals(3, docs.count(Filters.all()), "nor is a call without the key");
    assertEquals(3, dbReads.get());
    assertEquals(2, north.count(Filters.all()));
    assertEquals(1, south.count(Filters.all()));
    assertEquals(3, dbReads.get(), "each region still has its own hits");
  }

  @Test
  void aKeyThatDoesNotScopeReads_isNotPartOfTheCacheKey() {
    write("a");
    assertEquals(1, docs.withContext(CallContext.of(CallContext.ACTOR_ID, "ann")).count(Filters.all()));
    assertEquals(1, docs.withContext(CallContext.of(CallContext.ACTOR_ID, "bob")).count(Filters.all()));
    assertEquals(1, dbReads.get(), "who calls does not change what a read returns: one entry serves both");
  }
}
