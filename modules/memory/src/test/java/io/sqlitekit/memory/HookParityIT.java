package io.sqlitekit.memory;

import static io.sqlitekit.memory.Fixtures.USERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.ContextKey;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.FindOptions;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.ReturnDocument;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.WriteOptions;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.HookContext;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two kits run plugins alike: one script of every repository operation (plain, through a context view,
 * inside {@code withTransaction}, failing) runs on the SQLite kit and on the in-memory kit with the same two
 * plugins. One rewrites calls (narrows filters, stamps rows, extends updates, turns deleteMany into an update,
 * rewrites batch statements and requests, gives upserts a conflict update); the other records what every
 * before-, before-commit-, after- and error-hook sees (operation, key, filter, rows, update, request, batch
 * statements, conversion, transaction flag, context; results and error types) and when after-commit actions
 * run. The two logs, the script's results and the final tables must be equal.
 */
class HookParityIT {
  /** A context flag of the rewriting plugin: hide rows with this name. */
  static final ContextKey<String> HIDE = ContextKey.of("hideName", String.class);

  @TempDir
  Path dir;

  @Test
  void everyOperationShowsHooksTheSameStateAndReturnsTheSameResults() {
    List<Object> sqliteLog = new ArrayList<>();
    List<Object> memoryLog = new ArrayList<>();
    List<Object> sqliteResults;
    List<Object> memoryResults;
    try (SqliteKit kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("parity.db")).preset(PragmaPreset.TEST)
        .plugin(new Rewriter()).plugin(new Recorder(sqliteLog)).build()) {
      kit.createTable(USERS);
      sqliteResults = script(kit.documents(USERS));
      sqliteResults.add(table(kit.documents(USERS)));
    }
    MemoryKit memory = MemoryKit.builder().plugin(new Rewriter()).plugin(new Recorder(memoryLog)).build();
    memoryResults = script(memory.documents(USERS));
    memoryResults.add(table(memory.documents(USERS)));

    assertTrue(sqliteLog.size() > 150, "the script exercised too little: " + sqliteLog.size() + " hook events");
    for (int i = 0; i < Math.min(sqliteLog.size(), memoryLog.size()); i++) {
      assertEquals(sqliteLog.get(i), memoryLog.get(i), "hook event " + i);
    }
    assertEquals(sqliteLog.size(), memoryLog.size(), "hook events");
    for (int i = 0; i < sqliteResults.size(); i++) {
      assertEquals(sqliteResults.get(i), memoryResults.get(i), "result of step " + i);
    }
    assertEquals(sqliteResults.size(), memoryResults.size());
  }

  private static List<Map<String, Object>> table(StandardRepo<Map<String, Object>, Object> docs) {
    return docs.findAll(Filters.all(), FindOptions.defaults().withSort(Sort.by(SortField.asc("id"))));
  }

  private static Map<String, Object> user(String name, String email, int age) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("email", email);
    m.put("age", age);
    return m;
  }

  /** Every operation, its result (or error type) recorded; the same calls on either kit. */
  private static List<Object> script(StandardRepo<Map<String, Object>, Object> d) {
    StandardRepo<Map<String, Object>, Object> v = d.withContext(CallContext.empty().with(HIDE, "hidden"));
    List<Object> out = new ArrayList<>();
    Step step = call -> {
      try {
        Object r = call.apply(null);
        out.add(r instanceof Stream ? ((Stream<?>) r).collect(Collectors.toList()) : r);
      } catch (RuntimeException e) {
        out.add("throws " + e.getClass().getSimpleName());
      }
    };
    step.run(x -> d.create(user("ann", "a@x", 30)));
    step.run(x -> d.create(user("hidden", "h@x", 40)));
    step.run(x -> d.createMany(List.of(user("bob", "b@x", 20), user("cid", "c@x", 25), user("dee", "d@x", 35))));
    step.run(x -> d.create(user("dup", "a@x", 1)));
    step.run(x -> d.create(user("boom", "boom@x", 1)));
    step.run(x -> d.getById(1L));
    step.run(x -> v.getById(2L));
    step.run(x -> v.getById(1L, Projection.include("name")));
    step.run(x -> v.getByIds(List.of(1L, 2L, 3L, 99L)));
    step.run(x -> v.getOne(Filters.gt("age", 0)));
    step.run(x -> v.findAll(Filters.all()));
    step.run(x -> d.findAll(Filters.gte("age", 20), FindOptions.defaults().withSort(Sort.by(SortField.asc("name")))
        .withLimit(2).withOffset(1)));
    step.run(x -> v.count(Filters.all()));
    step.run(x -> v.exists(Filters.eq("name", "hidden")));
    step.run(x -> v.distinct("name", Filters.all()));
    step.run(x -> v.aggregate(AggregateRequest.of("n", Measure.count()).measure("sum", Measure.sum("age"))
        .groupBy("active")));
    step.run(x -> v.getAll(new PageRequest(Filters.all(), Sort.by(SortField.desc("age")), 1, 2, Projection.all())));
    step.run(x -> {
      KeysetPage<Map<String, Object>> p = v.getAll(new KeysetRequest(Filters.all(), Sort.by(SortField.asc("age")), null,
          2, Projection.all()));
      return List.of(p.items(), p.hasMore(), v.getAll(new KeysetRequest(Filters.all(), Sort.by(SortField.asc("age")),
          p.nextCursor(), 2, Projection.all())).items());
    });
    step.run(x -> v.stream(Filters.all(), StreamOptions.defaults().withBatchSize(2)));
    step.run(x -> d.update(1L, Update.set("age", 31)));
    step.run(x -> d.update(1L, Update.set("age", 32), WriteOptions.ifVersion(99)));
    step.run(x -> v.update(2L, Update.set("age", 41)));
    step.run(x -> d.increment(1L, "age", 5));
    step.run(x -> v.increment(2L, "age", 5));
    step.run(x -> d.increment(1L, "name", 1));
    step.run(x -> v.updateMany(Filters.gt("age", 0), Update.inc("age", 1)));
    step.run(x -> v.updateMany(Filters.all(), Update.inc("age", 1)));
    step.run(x -> d.findOneAndUpdate(Filters.eq("email", "e@x"), Update.set("age", 50).and(Update.setOnInsert(
        Map.of("name", "eve"))), FindOneAndUpdateOptions.defaults().withUpsert(true)));
    step.run(x -> v.findOneAndUpdate(Filters.eq("name", "ann"), Update.set("age", 60),
        FindOneAndUpdateOptions.defaults().returning(ReturnDocument.BEFORE)));
    step.run(x -> d.getOrCreate(Filters.eq("email", "a@x"), user("nobody", "n@x", 1)));
    step.run(x -> d.getOrCreate(Filters.eq("email", "f@x"), user("fay", "f@x", 22)));
    step.run(x -> {
      Map<String, Object> again = user("ann2", "a@x", 33);
      again.put("id", 1L);
      return d.upsert(again);
    });
    step.run(x -> d.upsert(user("gus", "g@x", 44)));
    step.run(x -> d.upsert(user("gus3", "g@x", 45), UpsertOptions.onConflict("email")));
    step.run(x -> d.batch(b -> List.of(b.insert(user("hal", "hal@x", 50)), b.upsert(user("ivy", "i@x", 51)),
        b.update(3L, Update.set("age", 26)), b.delete(4L))));
    step.run(x -> d.withTransaction(tx -> {
      Map<String, Object> created = tx.create(user("jay", "j@x", 27));
      return List.of(created, tx.update(created.get("id"), Update.inc("age", 1)));
    }));
    step.run(x -> d.withTransaction(tx -> {
      tx.create(user("kim", "k@x", 28));
      throw new IllegalStateException("caller rolls back");
    }));
    // The newer contract's optional operations, through the same hooks on both kits.
    step.run(x -> v.claim(Filters.gt("age", 0), Sort.by(SortField.desc("age")), Update.set("name", "claimed")));
    step.run(x -> v.claimVersion(Filters.gt("age", 0), Sort.by(SortField.asc("age")), Update.inc("age", 1)));
    step.run(x -> v.applyTransition(1L, io.sqlitekit.spi.Transition.of("name", "ann", "ann-t")));
    step.run(x -> v.applyTransition(1L, io.sqlitekit.spi.Transition.of("name", "zzz", "never")));
    step.run(x -> v.updatePipeline(1L, List.of(Update.set("age", 10), Update.inc("age", 2))));
    step.run(x -> v.updateManyPipeline(Filters.gt("age", 0), List.of(Update.inc("age", 1), Update.inc("age", 1))));
    step.run(x -> v.getAll(new PageRequest(Filters.all(), Sort.by(SortField.asc("age")), 1, 2, Projection.all()),
        io.sqlitekit.spi.CountStrategy.NONE));
    step.run(x -> v.bulkWrite(List.of(io.sqlitekit.spi.BulkOp.insert(user("lee", "l@x", 29)),
        io.sqlitekit.spi.BulkOp.update(1L, Update.inc("age", 1)),
        io.sqlitekit.spi.BulkOp.deleteMany(Filters.eq("name", "lee")))));
    step.run(x -> v.bulkWrite(List.of(io.sqlitekit.spi.BulkOp.insert(user("mo", "m@x", 30)),
        io.sqlitekit.spi.BulkOp.insert(user("dup", "m@x", 31)))));
    step.run(x -> v.archiveByFilter(Filters.eq("name", "hal"), new io.sqlitekit.spi.table.TableDef("users_archive",
        USERS.columns(), USERS.versionField())));
    step.run(x -> v.purgeByFilter(Filters.eq("name", "ivy")));
    step.run(x -> d.delete(3L));
    step.run(x -> v.delete(2L));
    step.run(x -> v.deleteMany(Filters.eq("name", "bob")));
    step.run(x -> d.deleteMany(Filters.all()));
    return out;
  }

  /** One script step: a call whose result or error type is recorded. */
  @FunctionalInterface
  private interface Step {
    void run(Function<Void, Object> call);
  }

  /** Rewrites every kind of call the way policy plugins do. */
  static final class Rewriter implements RepositoryPlugin {
    @Override
    public String name() {
      return "rewriter";
    }

    @Override
    public void install(HookRegistry registry) {
      Set<Operation> scoped = EnumSet.noneOf(Operation.class);
      for (Operation op : Operation.values()) {
        if (op.isScoped()) {
          scoped.add(op);
        }
      }
      registry.before(scoped, HookPriority.POLICY, ctx -> ctx.callContext().get(HIDE)
          .ifPresent(name -> ctx.setFilter(Filters.and(ctx.filter(), Filters.ne("name", name)))));
      registry.before(EnumSet.of(Operation.CREATE, Operation.CREATE_MANY, Operation.UPSERT, Operation.GET_OR_CREATE,
          Operation.FIND_ONE_AND_UPDATE), HookPriority.POLICY, ctx -> ctx.rows().forEach(r -> r.put("score", 1.5)));
      registry.before(EnumSet.of(Operation.UPDATE, Operation.UPDATE_MANY, Operation.FIND_ONE_AND_UPDATE,
          Operation.INCREMENT), HookPriority.POLICY, ctx -> ctx.setUpdate(ctx.update().withSet("score", 2.5)));
      registry.before(EnumSet.of(Operation.UPSERT), HookPriority.POLICY, ctx -> ctx.setUpdate(Update.set("score", 7.0)
          .and(Update.inc("age", 100))));
      registry.before(EnumSet.of(Operation.DELETE_MANY), HookPriority.POLICY,
          ctx -> ctx.convertDeleteToUpdate(Update.set("active", false)));
      registry.before(EnumSet.of(Operation.FIND_ALL), HookPriority.POLICY, ctx -> {
        FindOptions o = (FindOptions) ctx.request().orElseThrow();
        if (o.sort().isEmpty()) {
          ctx.setRequest(o.withSort(Sort.by(SortField.desc("age"))));
        }
      });
      registry.before(EnumSet.of(Operation.BATCH), HookPriority.POLICY, ctx -> {
        List<BatchStatement> out = new ArrayList<>();
        for (BatchStatement st : ctx.batchStatements()) {
          if (st.kind() == BatchStatement.Kind.INSERT || st.kind() == BatchStatement.Kind.UPSERT) {
            Map<String, Object> data = new LinkedHashMap<>(st.data());
            data.put("score", 3.5);
            st = st.withData(data);
          }
          out.add(st.kind() == BatchStatement.Kind.DELETE ? st.withScope(Filters.ne("name", "hidden")) : st);
        }
        ctx.setBatchStatements(out);
      });
    }
  }

  /** Records what every hook sees, and when after-commit actions run. */
  static final class Recorder implements RepositoryPlugin {
    private final List<Object> log;

    Recorder(List<Object> log) {
      this.log = log;
    }

    @Override
    public String name() {
      return "recorder";
    }

    @Override
    public void install(HookRegistry registry) {
      Set<Operation> all = EnumSet.allOf(Operation.class);
      Set<Operation> writes = EnumSet.noneOf(Operation.class);
      for (Operation op : Operation.values()) {
        if (op.isWrite()) {
          writes.add(op);
        }
      }
      registry.before(all, HookPriority.OBSERVABILITY, ctx -> log.add(snapshot("before", ctx)));
      registry.beforeCommit(writes, HookPriority.OBSERVABILITY, (ctx, result) -> {
        log.add(Arrays.asList("before-commit", ctx.operation(), comparable(result)));
        if (result instanceof Map && "boom".equals(((Map<?, ?>) result).get("name"))) {
          throw new IllegalStateException("a before-commit hook refuses the row");
        }
      });
      registry.after(all, HookPriority.OBSERVABILITY, (ctx, result) -> {
        log.add(Arrays.asList("after", snapshot("state", ctx), comparable(result)));
        if (ctx.operation().isWrite()) {
          Operation op = ctx.operation();
          ctx.afterCommit(() -> log.add(Arrays.asList("committed", op)));
          ctx.afterCompletion(() -> log.add(Arrays.asList("completed", op)));
        }
      });
      registry.onError(all, HookPriority.OBSERVABILITY, (ctx, e) -> log.add(Arrays.asList("error", ctx.operation(),
          e.getClass().getSimpleName())));
    }

    private static Object comparable(Object result) {
      return result instanceof Stream ? "a stream" : result;
    }

    private static List<Object> snapshot(String phase, HookContext ctx) {
      List<Map<String, Object>> rows = new ArrayList<>();
      ctx.rows().forEach(r -> rows.add(new LinkedHashMap<>(r)));
      return Arrays.asList(phase, ctx.operation(), ctx.id().orElse(null), ctx.filter(), rows, ctx.update(),
          ctx.request().orElse(null), ctx.batchStatements(), ctx.deleteConvertedToUpdate(), ctx.inTransaction(),
          ctx.callContext().get(HIDE).orElse(null), ctx.isShortCircuited());
    }
  }
}
