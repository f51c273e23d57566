package io.sqlitekit.core;

import static io.sqlitekit.core.Fixtures.USERS;
import static io.sqlitekit.spi.filter.Filters.all;
import static io.sqlitekit.spi.filter.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.Fixtures.User;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.ContextKey;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.AfterHookException;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HooksIT {
  @TempDir
  Path dir;

  static RepositoryPlugin plugin(String name, Consumer<HookRegistry> install) {
    return plugin(name, Set.of(), install);
  }

  static RepositoryPlugin plugin(String name, Set<String> runsAfter, Consumer<HookRegistry> install) {
    return new RepositoryPlugin() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void install(HookRegistry registry) {
        install.accept(registry);
      }

      @Override
      public Set<String> runsAfter() {
        return runsAfter;
      }
    };
  }

  static final Set<Operation> ALL_OPS = EnumSet.allOf(Operation.class);

  @Test
  void everyOperationFiresBeforeAndAfterHooks() {
    List<Operation> before = Collections.synchronizedList(new ArrayList<>());
    List<Operation> after = Collections.synchronizedList(new ArrayList<>());
    try (SqliteKit kit = Fixtures.builder(dir).plugin(plugin("spy", r -> {
      r.before(ALL_OPS, HookPriority.DEFAULT, c -> before.add(c.operation()));
      r.after(ALL_OPS, HookPriority.DEFAULT, (c, res) -> after.add(c.operation()));
    })).build()) {
      kit.createTable(USERS);
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      u.create(User.of("a", "a@x"));
      u.createMany(List.of(User.of("b", "b@x")));
      u.upsert(User.of("c", "c@x"));
      u.getOrCreate(eq("id", "d"), User.of("d", "d@x"));
      u.getById("a");
      u.getByIds(List.of("a"));
      u.getOne(all());
      u.findAll(all());
      u.getAll(PageRequest.first());
      u.getAll(KeysetRequest.first(Sort.unsorted(), 2));
      try (Stream<User> s = u.stream(all(), StreamOptions.defaults())) {
        s.count();
      }
      u.count(all());
      u.exists(all());
      u.distinct("id", all());
      u.aggregate(AggregateRequest.of("n", Measure.count()));
      u.scopedReads().orElseThrow().read(all(), "probe", scope -> scope.read(s -> s.query(
          "SELECT count(*) FROM users WHERE " + scope.where().sql(), scope.where().params(), rs -> rs.next())));
      u.update("a", Update.set("name", "x"));
      u.updateMany(eq("id", "a"), Update.set("name", "y"));
      u.findOneAndUpdate(eq("id", "a"), Update.set("name", "z"), FindOneAndUpdateOptions.defaults());
      u.increment("a", "age", 1);
      u.delete("d");
      u.deleteMany(eq("id", "c"));
      u.batch(b -> List.of(b.delete("b")));
      u.withTransaction(tx -> tx.count(all()));
      assertEquals(EnumSet.allOf(Operation.class), EnumSet.copyOf(before));
      assertEquals(before, after);
      assertEquals(Operation.COUNT, before.get(before.size() - 1), "the transaction-bound repo runs hooks");
    }
  }

  @Test
  void hooksRunByPriorityThenRegistrationOrder() {
    List<String> order = new ArrayList<>();
    RepositoryPlugin p1 = plugin("p1", r -> {
      r.before(Set.of(Operation.COUNT), 300, c -> order.add("p1@300"));
      r.before(Set.of(Operation.COUNT), 100, c -> order.add("p1@100"));
    });
    RepositoryPlugin p2 = plugin("p2", r -> {
      r.before(Set.of(Operation.COUNT), 100, c -> order.add("p2@100"));
      r.before(Set.of(Operation.COUNT), 300, c -> order.add("p2@300"));
      r.before(Set.of(Operation.COUNT), 200, c -> order.add("p2@200"));
    });
    try (SqliteKit kit = Fixtures.builder(dir).plugin(p1).plugin(p2).build()) {
      kit.createTable(USERS);
      kit.repository(USERS, User.class).count(all());
      assertEquals(List.of("p1@100", "p2@100", "p2@200", "p1@300", "p2@300"), order);
    }
  }

  @Test
  void runsAfterReordersOrRejects() {
    List<String> order = new ArrayList<>();
    RepositoryPlugin cache = plugin("cache", Set.of("tenant"),
        r -> r.before(Set.of(Operation.COUNT), 200, c -> order.add("cache")));
    RepositoryPlugin tenant = plugin("tenant", r -> r.before(Set.of(Operation.COUNT), 200, c -> order.add("tenant")));
    try (SqliteKit kit = Fixtures.builder(dir).plugin(cache).plugin(tenant).build()) {
      kit.createTable(USERS);
      kit.repository(USERS, User.class).count(all());
      assertEquals(List.of("tenant", "cache"), order);
      RepositoryPlugin late = plugin("late", r -> r.before(Set.of(Operation.COUNT), 900, c -> { }));
      RepositoryPlugin early = plugin("early", Set.of("late"),
          r -> r.before(Set.of(Operation.COUNT), 100, c -> { }));
      ConfigurationException e = assertThrows(ConfigurationException.class,
          () -> kit.repository(USERS, User.class, List.of(late, early)));
      assertTrue(e.getMessage().contains("early") && e.getMessage().contains("late"), e.getMessage());
      assertThrows(ConfigurationException.class,
          () -> kit.repository(USERS, User.class, List.of(plugin("cache", r -> { }))));
    }
  }

  @Test
  void beforeHooksRewriteStateAndConvertDeletes() {
    RepositoryPlugin policy = plugin("policy", r -> {
      r.before(EnumSet.of(Operation.FIND_ALL, Operation.COUNT, Operation.GET_BY_ID, Operation.UPDATE_MANY,
          Operation.DELETE, Operation.DELETE_MANY),
          HookPriority.POLICY, c -> c.setFilter(Filters.and(c.filter(), Filters.ne("name", "hidden"))));
      r.before(EnumSet.of(Operation.CREATE, Operation.CREATE_MANY, Operation.UPSERT), HookPriority.POLICY,
          c -> c.rows().forEach(row -> row.putIfAbsent("name", "stamped")));
      r.before(EnumSet.of(Operation.UPDATE), HookPriority.POLICY,
          c -> c.setUpdate(c.update().and(Update.set("score", 1.0))));
      r.before(EnumSet.of(Operation.DELETE, Operation.DELETE_MANY), HookPriority.POLICY,
          c -> c.convertDeleteToUpdate(Update.set("active", false)));
    });
    try (SqliteKit kit = Fixtures.builder(dir).plugin(policy).build()) {
      kit.createTable(USERS);
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      assertEquals("stamped", u.create(User.of("a", "a@x")).name());
      u.create(new User("h", "h@x", "hidden", null, null, null, null));
      assertEquals(1, u.count(all()));
      assertEquals(Optional.empty(), u.getById("h"));
      assertEquals(1.0, u.update("a", Update.set("age", 3L)).orElseThrow().score());
      assertTrue(u.delete("a"));
      assertFalse(u.delete("h"), "the scope also applies to the converted delete");
      assertEquals(false, u.getById("a").orElseThrow().active(), "delete became an update");
      long stored = kit.driver().read(s -> s.query("SELECT count(*) FROM users", List.of(),
          rs -> rs.next() ? rs.getLong(0) : -1));
      assertEquals(2L, stored, "nothing was physically deleted");
    }
  }

  @Test
  void upsertHonoursTheConflictUpdateAndTheScopeOfHooks() {
    RepositoryPlugin p = plugin("scope", r -> r.before(Set.of(Operation.UPSERT, Operation.BATCH), HookPriority.POLICY,
        c -> {
          if (c.operation() == Operation.BATCH) {
            List<io.sqlitekit.spi.BatchStatement> out = new ArrayList<>();
            c.batchStatements().forEach(st -> out.add(st.withScope(Filters.ne("name", "locked"))
                .withUpdate(Update.set("score", 2.0))));
            c.setBatchStatements(out);
            return;
          }
          c.setFilter(Filters.and(c.filter(), Filters.ne("name", "locked")));
          c.setUpdate(Update.set("score", 1.0));
        }));
    try (SqliteKit kit = Fixtures.builder(dir).plugin(p).build()) {
      kit.createTable(USERS);
      SqliteRepository<Map<String, Object>, Object> raw = kit.documents(USERS, List.of());
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      u.create(new User("a", "a@x", "open", null, null, null, null));
      u.create(new User("b", "b@x", "locked", null, null, null, null));
      User hit = u.upsert(new User("a", "a@x", "renamed", null, null, null, null));
      assertEquals("open", hit.name(), "the hook's conflict update replaces the derived one");
      assertEquals(1.0, hit.score());
      assertThrows(io.sqlitekit.spi.error.DuplicateKeyException.class,
          () -> u.upsert(new User("b", "b@x", "x", null, null, null, null)));
      assertEquals("locked", raw.getById("b").orElseThrow().get("name"), "the out-of-scope row is untouched");
      assertEquals(2.0, u.batch(x -> List.of(x.upsert(User.of("a", "a@x")))).get(0).rows().get(0).score());
      assertThrows(io.sqlitekit.spi.error.DuplicateKeyException.class,
          () -> u.batch(x -> List.of(x.upsert(User.of("b", "b@x")))));
      assertEquals(2, raw.count(all()));
    }
  }

  @Test
  void shortCircuitSkipsTheDatabaseButAfterHooksStillRun() {
    List<Object> afterResults = new ArrayList<>();
    RepositoryPlugin cache = plugin("cache", r -> {
      r.before(Set.of(Operation.COUNT), HookPriority.CACHE, c -> c.shortCircuit(42L));
      r.before(Set.of(Operation.CREATE), HookPriority.CACHE, c -> c.shortCircuit(null));
      r.after(Set.of(Operation.COUNT), HookPriority.OBSERVABILITY, (c, res) -> afterResults.add(res));
    });
    try (SqliteKit kit = Fixtures.builder(dir).plugin(cache).build()) {
      kit.createTable(USERS);
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      assertEquals(42L, u.count(all()));
      assertEquals(List.of(42L), afterResults);
      assertThrows(IllegalStateException.class, () -> u.create(User.of("a", "a@x")), "writes cannot short-circuit");
    }
  }

  @Test
  void errorHooksSeeFailuresAndTheirOwnFailuresAreSuppressed() {
    List<RuntimeException> seen = new ArrayList<>();
    RuntimeException boom = new IllegalStateException("boom");
    RepositoryPlugin p = plugin("err", r -> {
      r.before(Set.of(Operation.EXISTS), HookPriority.DEFAULT, c -> {
        throw boom;
      });
      r.onError(ALL_OPS, HookPriority.DEFAULT, (c, e) -> seen.add(e));
      r.onError(ALL_OPS, HookPriority.DEFAULT, (c, e) -> {
        throw new IllegalArgumentException("error hook failed");
      });
    });
    try (SqliteKit kit = Fixtures.builder(dir).plugin(p).build()) {
      kit.createTable(USERS);
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      u.create(User.of("a", "a@x"));
      RuntimeException e = assertThrows(RuntimeException.class, () -> u.create(User.of("a", "a@x")));
      assertSame(e, seen.get(0));
      assertEquals(1, e.getSuppressed().length);
      assertSame(boom, assertThrows(IllegalStateException.class, () -> u.exists(all())));
      assertSame(boom, seen.get(1));
    }
  }

  @Test
  void errorHooksSeeValidationFailuresOfEveryKind() {
    List<Operation> failed = new ArrayList<>();
    RepositoryPlugin p = plugin("err", r -> r.onError(ALL_OPS, HookPriority.DEFAULT, (c, e) -> {
      assertTrue(e instanceof io.sqlitekit.spi.error.ValidationException
          || e instanceof io.sqlitekit.spi.error.QueryParseException, e.toString());
      failed.add(c.operation());
    }));
    try (SqliteKit kit = Fixtures.builder(dir).plugin(p).build()) {
      kit.createTable(USERS);
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      List<Runnable> calls = List.of(
          () -> u.updateMany(all(), Update.set("name", "x")),
          () -> u.deleteMany(all()),
          () -> u.findOneAndUpdate(all(), Update.set("name", "x"), FindOneAndUpdateOptions.defaults()),
          () -> u.distinct("nope", all()),
          () -> u.increment("a", "name", 1),
          () -> u.increment("a", "nope", 1),
          () -> u.getAll(PageRequest.of(1, 5000)),
          () -> u.findAll(eq("nope", 1)),
          () -> u.update("a", Update.empty()));
      for (Runnable call : calls) {
        assertThrows(RuntimeException.class, call::run);
      }
      assertEquals(List.of(Operation.UPDATE_MANY, Operation.DELETE_MANY, Operation.FIND_ONE_AND_UPDATE,
          Operation.DISTINCT, Operation.INCREMENT, Operation.INCREMENT, Operation.GET_ALL, Operation.FIND_ALL,
          Operation.UPDATE), failed);
    }
  }

  @Test
  void afterHookFailureOnACommittedWriteCarriesTheResult() {
    RepositoryPlugin p = plugin("after", r -> r.after(Set.of(Operation.CREATE), HookPriority.DEFAULT, (c, res) -> {
      throw new IllegalStateException("after failed");
    }));
    try (SqliteKit kit = Fixtures.builder(dir).plugin(p).build()) {
      kit.createTable(USERS);
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      AfterHookException e = assertThrows(AfterHookException.class, () -> u.create(User.of("a", "a@x")));
      assertEquals("a", ((User) e.committedResult()).id());
      assertEquals(Operation.CREATE, e.operation());
      assertEquals(1, u.count(all()), "the write stays committed");
      assertThrows(IllegalStateException.class, () -> u.withTransaction(tx -> tx.create(User.of("b", "b@x"))));
      assertEquals(1, u.count(all()), "inside a transaction the failure rolls back");
    }
  }

  @Test
  void callContextMergesThreadAndView() {
    // A plugin's own key (the SPI declares only the actor).
    ContextKey<Object> tenant = ContextKey.of("tenantId", Object.class);
    List<Object> tenants = new ArrayList<>();
    RepositoryPlugin p = plugin("ctx", r -> r.before(Set.of(Operation.COUNT), HookPriority.DEFAULT,
        c -> tenants.add(c.callContext().get(tenant).orElse("none") + "/"
            + c.callContext().get(CallContext.ACTOR_ID).orElse("none") + "/" + c.inTransaction())));
    try (SqliteKit kit = Fixtures.builder(dir).plugin(p).build()) {
      kit.createTable(USERS);
      SqliteRepository<User, String> u = kit.repository(USERS, User.class);
      u.count(all());
      u.withContext(CallContext.of(tenant, "t1")).count(all());
      CallContext.run(CallContext.of(CallContext.ACTOR_ID, "bob"),
          () -> u.withContext(CallContext.of(tenant, "t2")).count(all()));
      u.withTransaction(tx -> tx.count(all()));
      assertEquals(List.of("none/none/false", "t1/none/false", "t2/bob/false", "none/none/true"), tenants);
    }
  }

  @Test
  void registryGivesDocumentsDriverClockAndCloseHook() {
    List<String> log = new ArrayList<>();
    RepositoryPlugin p = plugin("reg", r -> {
      assertEquals(Fixtures.CLOCK, r.clock());
      assertTrue(r.driver().isPresent());
      assertEquals("users", r.table().name());
      r.onClose(() -> log.add("closed"));
      r.after(Set.of(Operation.CREATE), HookPriority.DEFAULT,
          (c, res) -> log.add("docs=" + r.documents().count(all())));
    });
    SqliteKit kit = Fixtures.builder(dir).plugin(p).build();
    kit.createTable(USERS);
    kit.repository(USERS, User.class).create(User.of("a", "a@x"));
    kit.close();
    kit.close();
    assertEquals(List.of("docs=1", "closed"), log);
  }
}
