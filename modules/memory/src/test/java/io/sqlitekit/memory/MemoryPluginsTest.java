package io.sqlitekit.memory;

import static io.sqlitekit.memory.Fixtures.USERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.AfterHookException;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Enabling, ordering and installing plugins on the in-memory kit, and the kit-specific parts of running them:
 * its transactions standing in for the driver's (inTransaction, after-commit actions, before-commit hooks
 * inside the write), the registry a plugin sees, and resources closed with the kit. That hooks see the same
 * state as on the SQLite kit is {@link HookParityIT}'s job.
 */
class MemoryPluginsTest {
  private static final Set<Operation> ALL = EnumSet.allOf(Operation.class);

  /** A plugin of the given name that installs the given hooks. */
  private static RepositoryPlugin plugin(String name, Set<String> runsAfter, Consumer<HookRegistry> install) {
    return new RepositoryPlugin() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Set<String> runsAfter() {
        return runsAfter;
      }

      @Override
      public void install(HookRegistry registry) {
        install.accept(registry);
      }
    };
  }

  private static Map<String, Object> user(String name) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    return m;
  }

  @Test
  void discoveredPluginIsEnabledOnlyByName() {
    assertEquals("ann", MemoryKit.create().documents(USERS).create(user("ann")).get("name"),
        "being on the class path does not enable it");
    MemoryKit kit = MemoryKit.builder().plugins("test-tag").build();
    assertEquals(List.of("test-tag"), kit.pluginNames());
    assertEquals("tagged", kit.documents(USERS).create(user("ann")).get("name"));
  }

  @Test
  void unknownDuplicateAndCyclicPluginsFail() {
    ConfigurationException unknown = assertThrows(ConfigurationException.class,
        () -> MemoryKit.builder().plugins("nope").build());
    assertTrue(unknown.getMessage().contains("\"nope\"") && unknown.getMessage().contains("test-tag"),
        unknown.getMessage());
    ConfigurationException twice = assertThrows(ConfigurationException.class,
        () -> MemoryKit.builder().plugins("test-tag").plugin(new TestTagProvider().create(Map.of())).build());
    assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
    MemoryKit kit = MemoryKit.builder().plugins("test-tag").build();
    ConfigurationException extra = assertThrows(ConfigurationException.class,
        () -> kit.documents(USERS, List.of(new TestTagProvider().create(Map.of()))));
    assertTrue(extra.getMessage().contains("twice"), extra.getMessage());
    assertThrows(ConfigurationException.class, () -> MemoryKit.builder()
        .plugin(plugin("a", Set.of("b"), r -> { })).plugin(plugin("b", Set.of("a"), r -> { })).build());
  }

  @Test
  void pluginsInstallInRunsAfterOrder_extraPluginsOnlyOnTheirRepository() {
    List<String> installed = new ArrayList<>();
    MemoryKit kit = MemoryKit.builder().plugins("test-tag")
        .plugin(plugin("first", Set.of(), r -> installed.add("first"))).build();
    assertEquals(List.of("first", "test-tag"), kit.pluginNames());
    AtomicInteger seen = new AtomicInteger();
    RepositoryPlugin counter = plugin("counter", Set.of(), r -> r.after(ALL, HookPriority.DEFAULT,
        (ctx, result) -> seen.incrementAndGet()));
    StandardRepo<Map<String, Object>, Object> counted = kit.documents(USERS, List.of(counter));
    StandardRepo<Map<String, Object>, Object> plain = kit.documents(USERS);
    assertEquals(List.of("first", "first"), installed, "each repository installs the kit's plugins once");
    counted.create(user("ann"));
    plain.count(Filters.all());
    assertEquals(1, seen.get(), "the extra plugin runs on its repository only");
    assertEquals("tagged", plain.getById(1L).orElseThrow().get("name"));
  }

  @Test
  void registryOffersTableClockAndDocumentsButNoDriver() {
    Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    AtomicReference<HookRegistry> seen = new AtomicReference<>();
    RepositoryPlugin probe = plugin("probe", Set.of(), r -> {
      seen.set(r);
      assertThrows(IllegalStateException.class, r::documents, "no repository exists while plugins install");
      // A hook may use the document view: it is the same table with every hook active.
      r.before(EnumSet.of(Operation.CREATE), HookPriority.DEFAULT, ctx -> {
        long before = r.documents().count(Filters.all());
        ctx.rows().forEach(row -> row.put("age", (int) before));
      });
    });
    MemoryKit kit = MemoryKit.builder().clock(clock).plugin(probe).build();
    StandardRepo<Map<String, Object>, Object> docs = kit.documents(USERS);
    HookRegistry r = seen.get();
    assertEquals(Optional.empty(), r.driver());
    assertSame(clock, r.clock());
    assertEquals(USERS, r.table());
    docs.create(user("ann"));
    assertEquals(1L, docs.create(user("bob")).get("age"));
  }

  @Test
  void hooksSeeTheKitsTransactions_afterCommitActionsWaitForTheOutermostCommit() {
    List<String> events = new ArrayList<>();
    RepositoryPlugin tx = plugin("tx", Set.of(), r -> r.after(EnumSet.of(Operation.CREATE), HookPriority.DEFAULT,
        (ctx, result) -> {
          String name = (String) ((Map<?, ?>) result).get("name");
          events.add(name + (ctx.inTransaction() ? " in tx" : " alone"));
          ctx.afterCommit(() -> events.add(name + " committed"));
          ctx.afterCompletion(() -> events.add(name + " completed"));
        }));
    MemoryKit kit = MemoryKit.builder().plugin(tx).build();
    MemoryRepository<Map<String, Object>, Object> docs = kit.documents(USERS);
    docs.create(user("a"));
    assertEquals(List.of("a alone", "a committed", "a completed"), events);
    events.clear();
    kit.inTransaction(() -> {
      docs.create(user("b"));
      assertThrows(IllegalStateException.class, () -> docs.withTransaction(inner -> {
        inner.create(user("c"));
        throw new IllegalStateException("savepoint rolls back");
      }));
      events.add("body done");
      return null;
    });
    assertEquals(List.of("b in tx", "c in tx", "body done", "b committed", "b completed", "c completed"), events,
        "c's after-commit action went with its savepoint; completion actions always run");
    events.clear();
    assertThrows(IllegalArgumentException.class, () -> kit.inTransaction(scope -> {
      scope.repo(docs).create(user("d"));
      throw new IllegalArgumentException("caller rolls back");
    }));
    assertEquals(List.of("d in tx", "d completed"), events);
    assertEquals(2, docs.count(Filters.all()), "a and b");
  }

  @Test
  void beforeCommitHooksRunInsideTheWrite_aFailureUndoesIt() {
    List<String> events = new ArrayList<>();
    AtomicReference<HookRegistry> registry = new AtomicReference<>();
    RepositoryPlugin audit = plugin("audit", Set.of(), r -> {
      registry.set(r);
      r.beforeCommit(EnumSet.of(Operation.CREATE), HookPriority.OBSERVABILITY, (ctx, result) -> {
        Object id = ((Map<?, ?>) result).get("id");
        // Inside the write: the new row is visible to the hook's own reads, and a throw undoes it.
        events.add("visible " + registry.get().documents().getById(id).isPresent());
        if ("refused".equals(((Map<?, ?>) result).get("name"))) {
          throw new IllegalStateException("audit store refuses");
        }
      });
      r.after(EnumSet.of(Operation.CREATE), HookPriority.OBSERVABILITY, (ctx, result) -> events.add("after"));
      r.onError(EnumSet.of(Operation.CREATE), HookPriority.OBSERVABILITY,
          (ctx, e) -> events.add("error " + e.getClass().getSimpleName()));
    });
    MemoryKit kit = MemoryKit.builder().plugin(audit).build();
    MemoryRepository<Map<String, Object>, Object> docs = kit.documents(USERS);
    docs.create(user("ok"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> docs.create(user("refused")));
    assertEquals("audit store refuses", e.getMessage(), "the hook's exception, unchanged: nothing was committed");
    assertEquals(List.of("visible true", "after", "visible true", "error IllegalStateException"), events);
    assertEquals(1, docs.count(Filters.all()));
  }

  @Test
  void afterHookFailureOfAWrite_isAnAfterHookException_theWriteStays() {
    RepositoryPlugin failing = plugin("failing", Set.of(), r -> r.after(EnumSet.of(Operation.CREATE),
        HookPriority.DEFAULT, (ctx, result) -> {
          throw new IllegalStateException("exporter down");
        }));
    MemoryRepository<Map<String, Object>, Object> docs = MemoryKit.builder().plugin(failing).build().documents(USERS);
    AfterHookException e = assertThrows(AfterHookException.class, () -> docs.create(user("ann")));
    assertEquals("exporter down", e.getCause().getMessage());
    assertEquals(1, docs.count(Filters.all()));
  }

  @Test
  void aReadCanBeShortCircuited() {
    RepositoryPlugin cache = plugin("cache", Set.of(), r -> r.before(EnumSet.of(Operation.COUNT), HookPriority.CACHE,
        ctx -> ctx.shortCircuit(42L)));
    MemoryRepository<Map<String, Object>, Object> docs = MemoryKit.builder().plugin(cache).build().documents(USERS);
    assertEquals(42L, docs.count(Filters.all()));
  }

  @Test
  void closingTheKitClosesPluginResourcesOnce() {
    AtomicInteger closed = new AtomicInteger();
    MemoryKit kit = MemoryKit.builder().plugin(plugin("res", Set.of(), r -> r.onClose(closed::incrementAndGet)))
        .build();
    MemoryRepository<Map<String, Object>, Object> docs = kit.documents(USERS);
    kit.documents(USERS);
    kit.close();
    kit.close();
    assertEquals(2, closed.get(), "one resource per installed repository, each closed once");
    assertThrows(IllegalStateException.class, () -> kit.documents(USERS));
    assertEquals(0, docs.count(Filters.all()), "rows stay readable");
  }

  @Test
  void transactionScopeChecksTheKit_builderIsSingleUse() {
    MemoryKit kit = MemoryKit.create();
    MemoryRepository<Map<String, Object>, Object> own = kit.documents(USERS);
    MemoryRepository<Map<String, Object>, Object> foreign = MemoryKit.create().documents(USERS);
    assertSame(own, kit.inTransaction(scope -> scope.repo(own)));
    assertThrows(IllegalArgumentException.class, () -> kit.inTransaction(scope -> scope.repo(foreign)));
    MemoryKit.Builder b = MemoryKit.builder();
    assertNotNull(b.build());
    assertThrows(IllegalStateException.class, b::build);
    assertThrows(IllegalStateException.class, () -> b.plugins("test-tag"));
    assertThrows(NullPointerException.class, () -> MemoryKit.builder().plugin(null));
    assertEquals(List.of(), kit.pluginNames());
  }
}
