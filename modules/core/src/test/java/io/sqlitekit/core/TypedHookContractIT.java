package io.sqlitekit.core;

import static io.sqlitekit.spi.filter.Filters.and;
import static io.sqlitekit.spi.filter.Filters.eq;
import static io.sqlitekit.core.HooksIT.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.Fixtures.User;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.CallResult;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The typed hook contract: one source of truth for the filter (a hook rewriting a request's filter is honoured
 * and keeps what earlier hooks narrowed), typed requests and results, and the batch rewrite helper.
 */
class TypedHookContractIT {
  @TempDir
  Path dir;

  private static User user(String id, String name, long age) {
    return new User(id, id + "@x", name, age, true, null, null);
  }

  @Test
  void aHookRewritingTheRequestsFilter_isHonoured_andKeepsEarlierNarrowing() {
    // Policy first: only active users. Then a later hook narrows the page request's own filter to one name.
    RepositoryPlugin policy = plugin("policy", r -> r.before(Operation.scoped(), HookPriority.POLICY,
        ctx -> ctx.setFilter(and(ctx.filter(), eq("active", true)))));
    RepositoryPlugin narrowing = plugin("narrowing", r -> r.before(EnumSet.of(Operation.GET_ALL,
        Operation.AGGREGATE), HookPriority.DEFAULT, ctx -> {
          ctx.request(PageRequest.class).ifPresent(p -> ctx.setRequest(p.withFilter(and(p.filter(),
              eq("name", "ann")))));
          ctx.request(AggregateRequest.class).ifPresent(a -> ctx.setRequest(a.where(and(a.filter(),
              eq("name", "ann")))));
        }));
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<User, String> users = kit.repository(Fixtures.USERS, User.class, List.of(policy, narrowing));
      users.createMany(List.of(user("a", "ann", 1), user("b", "bob", 2), user("c", "ann", 3)));
      users.update("c", Update.set("active", false));
      OffsetPage<User> page = users.getAll(PageRequest.of(1, 10));
      assertEquals(List.of("a"), page.items().stream().map(User::id).toList(),
          "the rewritten request's filter applied, and the policy's narrowing (active) kept");
      assertEquals(1, page.total());
      List<Map<String, Object>> rows = users.aggregate(AggregateRequest.of("n", Measure.count()));
      assertEquals(List.of(Map.of("n", 1L)), rows);
    }
  }

  @Test
  void resultsAreTyped_byWhatTheCallDid() {
    List<String> seen = new CopyOnWriteArrayList<>();
    // The typed registration: the hook gets a CallResult at compile time, no CallResult.of in the plugin.
    RepositoryPlugin typed = plugin("typed", r -> r.afterResult(Operation.writes(), HookPriority.OBSERVABILITY,
        (ctx, res) -> seen.add(ctx.operation() + " " + describe(res))));
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<User, String> users = kit.repository(Fixtures.USERS, User.class, List.of(typed));
      users.create(user("a", "ann", 1));
      users.update("zz", Update.set("name", "x"));
      users.getOrCreate(eq("id", "a"), user("a", "ann", 1));
      users.updateMany(eq("name", "ann"), Update.set("age", 5L));
      users.batch(b -> List.of(b.insert(user("b", "bob", 2)), b.delete("a")));
      users.delete("b");
    }
    assertEquals(List.of("CREATE written 1", "UPDATE written 0", "GET_OR_CREATE written 0", "UPDATE_MANY counted 1",
        "BATCH batched 2", "DELETE counted 1"), seen);
    assertThrows(IllegalArgumentException.class, () -> CallResult.of(Operation.UPDATE, 3L),
        "a result of the wrong type is a kit bug, reported as such");
    assertTrue(CallResult.of(Operation.COUNT, 3L) instanceof CallResult.Read);
  }

  private static String describe(CallResult res) {
    if (res instanceof CallResult.Written w) {
      return "written " + w.rows().size();
    } else if (res instanceof CallResult.Counted c) {
      return "counted " + c.rows();
    } else if (res instanceof CallResult.Batched b) {
      return "batched " + b.results().size();
    }
    return "read " + ((CallResult.Read) res).value();
  }

  @Test
  void typedReadAndBeforeCommitHooks_andSessionHooks_getCallResults() {
    List<String> seen = new CopyOnWriteArrayList<>();
    RepositoryPlugin typed = plugin("typed", r -> {
      r.afterResult(EnumSet.of(Operation.COUNT), HookPriority.OBSERVABILITY,
          (ctx, res) -> seen.add("after " + describe(res)));
      r.beforeCommitResult(EnumSet.of(Operation.CREATE, Operation.COUNT), HookPriority.OBSERVABILITY,
          (ctx, res) -> seen.add("beforeCommit " + ctx.operation() + " " + describe(res)));
      r.beforeCommit(EnumSet.of(Operation.DELETE_MANY), HookPriority.OBSERVABILITY,
          (ctx, res, session) -> seen.add("session " + describe(res) + " " + session.writable()));
    });
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<User, String> users = kit.repository(Fixtures.USERS, User.class, List.of(typed));
      users.create(user("a", "ann", 1));
      assertEquals(1L, users.count(Filters.all()));
      assertEquals(1L, users.deleteMany(eq("id", "a")));
    }
    assertEquals(List.of("beforeCommit CREATE written 1", "after read 1", "session counted 1 true"), seen,
        "reads never run before-commit hooks");
  }

  @Test
  void rewriteBatch_touchesOnlyThisRepositorysStatements() {
    RepositoryPlugin stamp = plugin("stamp", r -> r.before(EnumSet.of(Operation.BATCH), HookPriority.POLICY,
        ctx -> ctx.rewriteBatch(st -> {
          if (st.kind() != BatchStatement.Kind.INSERT) {
            return st;
          }
          Map<String, Object> data = new LinkedHashMap<>(st.data());
          data.put("name", "stamped");
          return st.withData(data);
        })));
    try (SqliteKit kit = Fixtures.open(dir)) {
      SqliteRepository<User, String> users = kit.repository(Fixtures.USERS, User.class, List.of(stamp));
      List<String> names = new ArrayList<>();
      users.batch(b -> List.of(b.insert(user("a", "ann", 1)), b.insert(user("b", "bob", 2))))
          .forEach(res -> res.rows().forEach(u -> names.add(u.name())));
      assertEquals(List.of("stamped", "stamped"), names);
      assertEquals("stamped", users.getById("b").orElseThrow().name());
    }
  }
}
