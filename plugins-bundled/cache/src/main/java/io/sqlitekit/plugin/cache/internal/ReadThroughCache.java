package io.sqlitekit.plugin.cache.internal;

import io.sqlitekit.plugin.cache.CacheOptions;
import io.sqlitekit.plugin.cache.CachePlugin;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.ContextKey;
import io.sqlitekit.spi.cache.CacheAdapter;
import io.sqlitekit.spi.driver.ChangeBatch;
import io.sqlitekit.spi.driver.ChangeSubscription;
import io.sqlitekit.spi.driver.RowChange;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.plugin.CallResult;
import io.sqlitekit.spi.plugin.HookContext;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.plugin.TimeVariantFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal, not API, may change. The read-through cache plugin; see {@link CachePlugin} for the contract
 * and {@link TableGeneration} for why no stale read is served.
 *
 * <p>Keys: {@code <namespace>g<generation>;i<install>;<encoded question>}, where the namespace identifies the
 * database (one serial per driver instance, so two {@code :memory:} kits sharing this plugin never share
 * entries) and the table, the install identifies the repository (its row mapper), and the question is the
 * {@link KeyEncoder} encoding of operation, id, filter, request and the values of the call context's keys
 * that {@linkplain ContextKey#scopesReads() scope reads}. Declared {@link TimeVariantFilter} parts are encoded as
 * their rule, and their entries are {@link TimedEntry}s that answer only reads built for an instant they cover.
 *
 * <p>Known gap: core's internal document view of a repository shares that repository's hooks, and the hook
 * context does not say which view is calling, so a read of the same question through both would share an
 * entry. Plugins use that view for writes; user code cannot reach it.
 */
public final class ReadThroughCache implements RepositoryPlugin {
  private static final Logger LOG = LoggerFactory.getLogger(ReadThroughCache.class);

  static final Set<Operation> READS = Collections.unmodifiableSet(EnumSet.of(Operation.GET_BY_ID,
      Operation.GET_BY_IDS, Operation.GET_ONE, Operation.FIND_ALL, Operation.GET_ALL, Operation.COUNT,
      Operation.EXISTS));
  static final Set<Operation> WRITES = Operation.writes();

  private static final Set<String> POLICY_PLUGINS = Set.of("multi-tenant", "soft-delete", "ttl");

  private static final String PENDING = "io.sqlitekit.plugin.cache.pending";
  private static final String END = "io.sqlitekit.plugin.cache.end";

  private final Duration ttl;
  private final Duration externalPoll;
  private final CacheAdapter adapter;
  /** One change subscription per database this plugin caches for (drivers that report changes). */
  private final Map<SqliteDriver, ChangeSubscription> watching = Collections.synchronizedMap(new WeakHashMap<>());
  private final ConcurrentHashMap<String, TableGeneration> generations = new ConcurrentHashMap<>();
  private final Map<SqliteDriver, Long> driverSerials = Collections.synchronizedMap(new WeakHashMap<>());
  private final AtomicLong nextSerial = new AtomicLong(1);
  private final AtomicLong nextInstall = new AtomicLong(1);

  /**
   * Creates the plugin.
   *
   * @param options the options
   * @param adapter the store
   */
  public ReadThroughCache(CacheOptions options, CacheAdapter adapter) {
    this.ttl = options.ttl();
    this.externalPoll = options.externalChangePoll();
    this.adapter = adapter;
  }

  @Override
  public String name() {
    return CachePlugin.NAME;
  }

  /**
   * Policy plugins narrow the filter that becomes part of the key, so they must install (and, at equal
   * priority, run) first; names of plugins that are not enabled are ignored by the kit.
   */
  @Override
  public Set<String> runsAfter() {
    return POLICY_PLUGINS;
  }

  @Override
  public void install(HookRegistry registry) {
    // Driverless implementations (an in-memory store) share serial 0: one store per plugin instance.
    long serial = registry.driver().map(d -> driverSerials.computeIfAbsent(d, k -> nextSerial.getAndIncrement()))
        .orElse(0L);
    // Each install is one repository with its own row mapper: two repositories over one table (say two
    // record types) must not hand each other their results, so the install is part of every key. They
    // still share the table's generation, so a write through either invalidates both.
    String install = "i" + nextInstall.getAndIncrement() + ';';
    registry.driver().filter(SqliteDriver::supportsChangeNotifications)
        .ifPresent(d -> watch(registry, d, serial));
    registry.before(READS, HookPriority.CACHE, ctx -> beforeRead(serial, install, ctx));
    registry.afterResult(READS, HookPriority.CACHE, this::afterRead);
    registry.before(WRITES, HookPriority.CACHE, ctx -> beforeWrite(serial, ctx));
    // A write must end whatever happens, or the table stays uncached for good. The engine runs every
    // after-hook even when one throws and fires error hooks for that failure too, so any priority works;
    // the earliest one ends the write before other after-hooks (which may read) run. Ending is idempotent.
    registry.afterResult(WRITES, Integer.MIN_VALUE, (ctx, result) -> endOf(ctx));
    registry.onError(WRITES, Integer.MIN_VALUE, (ctx, error) -> endOf(ctx));
  }

  /**
   * Subscribes once per database to its committed changes, so writes that bypass the repository (raw SQL on
   * the kit's driver, another connection or process) invalidate too. A change is applied exactly like a write
   * that ended: the table's generation moves, so entries stored before are unreachable. A batch that cannot
   * name its tables (another process committed) moves every table of the database.
   */
  private void watch(HookRegistry registry, SqliteDriver driver, long serial) {
    synchronized (watching) {
      if (watching.containsKey(driver)) {
        return;
      }
      ChangeSubscription sub = driver.watch(batch -> onChange(serial, batch), externalPoll);
      watching.put(driver, sub);
      registry.onClose(() -> {
        watching.remove(driver);
        sub.close();
      });
    }
  }

  private void onChange(long serial, ChangeBatch batch) {
    Set<String> namespaces = new LinkedHashSet<>();
    if (batch.complete()) {
      for (RowChange c : batch.changes()) {
        namespaces.add(namespace(serial, c.table()));
      }
    } else {
      String prefix = "c" + serial + ':';
      for (String ns : generations.keySet()) {
        if (ns.startsWith(prefix)) {
          namespaces.add(ns);
        }
      }
    }
    for (String ns : namespaces) {
      // The hook reports SQLite's spelling of a table; it is cached under its TableDef name, which SQLite
      // matches case-insensitively. A table never cached has no generation and nothing to drop.
      String key = generations.containsKey(ns) ? ns : keyIgnoringCase(ns);
      TableGeneration tg = key == null ? null : generations.get(key);
      // A write through the kit in flight on this table (usually the very write being reported) will move the
      // generation when it ends, after this commit: nothing stored now is reachable then, so skip the key scan.
      if (tg == null || !tg.quiet()) {
        continue;
      }
      tg.beginWrite();
      tg.endWrite();
      adapter.invalidatePrefix(key + 'g');
    }
  }

  private String keyIgnoringCase(String namespace) {
    for (String k : generations.keySet()) {
      if (k.equalsIgnoreCase(namespace)) {
        return k;
      }
    }
    return null;
  }

  static String namespace(long serial, String table) {
    StringBuilder sb = new StringBuilder("c").append(serial).append(':');
    return sb.append(table.length()).append(':').append(table).toString();
  }

  private TableGeneration generation(String namespace) {
    return generations.computeIfAbsent(namespace, k -> new TableGeneration());
  }

  private void beforeRead(long serial, String install, HookContext ctx) {
    CallContext call = ctx.callContext();
    // Inside a transaction a read may see the transaction's own uncommitted writes: never cache those.
    if (ctx.isShortCircuited() || call.isSet(CachePlugin.BYPASS_CACHE) || ctx.inTransaction()) {
      return;
    }
    String ns = namespace(serial, ctx.table().name());
    TableGeneration tg = generation(ns);
    long g = tg.current();
    if (!tg.quiet()) {
      return;
    }
    List<TimeVariantFilter> timed = TimeVariantFilter.declared(ctx);
    String question;
    try {
      question = KeyEncoder.encode(Arrays.asList(ctx.operation(), ctx.id().orElse(null), ctx.filter(),
          ctx.request().orElse(null), readScope(call)), TimedEntry.standIns(timed));
    } catch (KeyEncoder.Unencodable e) {
      LOG.debug("{} on table {} not cached: {}", ctx.operation(), ctx.table().name(), e.getMessage());
      return;
    }
    String key = ns + 'g' + g + ';' + install + question;
    java.util.Optional<Object> hit = adapter.get(key);
    if (hit.isPresent() && tg.current() == g) {
      Object value = hit.get();
      if (!(value instanceof TimedEntry)) {
        ctx.shortCircuit(value);
        return;
      }
      // Keyed without the instants of its time-variant parts: valid only while none of them selects other rows.
      TimedEntry entry = (TimedEntry) value;
      if (entry.answers(timed)) {
        ctx.shortCircuit(entry.value());
        return;
      }
    }
    ctx.attributes().put(PENDING, new Pending(key, g, tg, timed));
  }

  /**
   * The call's values of every key that scopes reads, by key name: whichever plugin declared them (tenant,
   * visibility flags, a third party's own scope), a read in one scope never answers a read in another. A
   * context holds one key per name, so the map loses nothing; the encoder sorts it.
   */
  private static Map<String, Object> readScope(CallContext call) {
    Map<String, Object> scope = null;
    for (ContextKey<?> k : call.keys()) {
      if (k.scopesReads()) {
        if (scope == null) {
          scope = new HashMap<>();
        }
        scope.put(k.name(), call.get(k).orElse(null));
      }
    }
    return scope == null ? Map.of() : scope;
  }

  private void afterRead(HookContext ctx, CallResult typed) {
    // Reads only (READS): the value is stored and later returned exactly as the repository method returned it.
    Object result = typed instanceof CallResult.Read read ? read.value() : null;
    if (ctx.isShortCircuited() || result == null) {
      return;
    }
    Object p = ctx.attributes().remove(PENDING);
    if (p instanceof Pending) {
      Pending pending = (Pending) p;
      Object stored = result;
      if (!pending.timed.isEmpty()) {
        // Asked before the generation check below: a write that changes the answer also moves the generation.
        stored = TimedEntry.of(result, pending.timed);
        if (stored == null) {
          return;
        }
      }
      // Store only what was read wholly inside generation g with no write in flight.
      if (pending.generation.current() == pending.expected && pending.generation.quiet()) {
        adapter.put(pending.key, stored, ttl);
      }
    }
  }

  private void beforeWrite(long serial, HookContext ctx) {
    Set<String> namespaces = new LinkedHashSet<>();
    namespaces.add(namespace(serial, ctx.table().name()));
    if (ctx.operation() == Operation.BATCH) {
      for (BatchStatement s : ctx.batchStatements()) {
        namespaces.add(namespace(serial, s.table().name()));
      }
    }
    List<TableGeneration> tables = new ArrayList<>(namespaces.size());
    for (String ns : namespaces) {
      TableGeneration tg = generation(ns);
      tg.beginWrite();
      tables.add(tg);
    }
    AtomicBoolean done = new AtomicBoolean();
    Runnable end = () -> {
      if (done.compareAndSet(false, true)) {
        tables.forEach(TableGeneration::endWrite);
        // Entries of older generations are unreachable; drop them now rather than wait for eviction.
        namespaces.forEach(ns -> adapter.invalidatePrefix(ns + 'g'));
      }
    };
    ctx.attributes().put(END, end);
    if (ctx.inTransaction()) {
      // Guaranteed to run when the outermost transaction ends, whatever happens to this call.
      ctx.afterCompletion(end);
    }
  }

  private static void endOf(HookContext ctx) {
    Object end = ctx.attributes().get(END);
    if (end instanceof Runnable) {
      ctx.afterCompletion((Runnable) end);
    }
  }

  private static final class Pending {
    final String key;
    final long expected;
    final TableGeneration generation;
    final List<TimeVariantFilter> timed;

    Pending(String key, long expected, TableGeneration generation, List<TimeVariantFilter> timed) {
      this.key = key;
      this.expected = expected;
      this.generation = generation;
      this.timed = timed;
    }
  }
}
