package io.sqlitekit.support.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.BulkWriteResult;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.Capabilities;
import io.sqlitekit.spi.Capability;
import io.sqlitekit.spi.CountStrategy;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.FindOptions;
import io.sqlitekit.spi.GetOrCreateResult;
import io.sqlitekit.spi.KeysetPage;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.OffsetPage;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.StreamOptions;
import io.sqlitekit.spi.Transition;
import io.sqlitekit.spi.TransitionResult;
import io.sqlitekit.spi.UpdateResult;
import io.sqlitekit.spi.UpsertOptions;
import io.sqlitekit.spi.WriteOptions;
import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.support.repo.ForwardingStandardRepo;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The forwarding bases (driver, session, repository) pass every method of their SPI interface, the defaulted
 * ones included, to the wrapped object with the same arguments and return its answer. The wrapped object is a
 * recording proxy: what is checked is pure delegation, which needs no database.
 */
class ForwardingTest {

  /** What the recording proxy saw, and the value it answers every call with. */
  private static final class Recorder {
    final List<Method> calls = new ArrayList<>();
    final List<Object[]> args = new ArrayList<>();
    boolean flag;

    <T> T proxy(Class<T> type) {
      return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
        calls.add(m);
        args.add(a == null ? new Object[0] : a);
        return answer(m.getReturnType());
      }));
    }

    Object answer(Class<?> type) {
      if (type == boolean.class) {
        return flag;
      }
      if (type == int.class) {
        return flag ? 7 : 8;
      }
      if (type == long.class) {
        return flag ? 7L : 8L;
      }
      if (type == long[].class) {
        return SENTINEL_COUNTS;
      }
      if (type == String.class) {
        return flag ? "sentinel-true" : "sentinel-false";
      }
      if (type == RuntimeException.class) {
        return SENTINEL_ERROR;
      }
      if (SAMPLES.containsKey(type)) {
        return SAMPLES.get(type);
      }
      if (type.isInterface()) {
        // One instance per interface type, so the test can check the very object comes back.
        return ANSWERS.computeIfAbsent(type, t -> Proxy.newProxyInstance(t.getClassLoader(), new Class<?>[] {t},
            (p, m, a) -> null));
      }
      return type == void.class ? null : SENTINEL;
    }
  }

  private static final Object SENTINEL = new Object() {
    @Override
    public String toString() {
      return "sentinel";
    }
  };
  private static final java.util.Map<Class<?>, Object> ANSWERS = new java.util.concurrent.ConcurrentHashMap<>();
  private static final long[] SENTINEL_COUNTS = {1, 2};
  private static final TableDef TABLE = TableDef.of("t", Column.integer("id").primaryKey());
  /**
   * One distinct instance per concrete (or sealed) SPI type the repository contract takes or returns, used both
   * as an argument and as the delegate's answer, so identity checks mean something.
   */
  private static final java.util.Map<Class<?>, Object> SAMPLES = java.util.Map.ofEntries(
      java.util.Map.entry(Object.class, new Object()),
      java.util.Map.entry(int.class, 3),
      java.util.Map.entry(Number.class, 5L),
      java.util.Map.entry(Throwable.class, new IllegalArgumentException("arg")),
      java.util.Map.entry(Optional.class, Optional.of("row")),
      java.util.Map.entry(Collection.class, List.of("id")),
      java.util.Map.entry(CallContext.class, CallContext.of(CallContext.ACTOR_ID, "actor")),
      java.util.Map.entry(Capabilities.class, Capabilities.of(Capability.UPSERT)),
      java.util.Map.entry(TableDef.class, TABLE),
      java.util.Map.entry(Filter.class, Filters.eq("id", 1)),
      java.util.Map.entry(Update.class, Update.set("id", 2)),
      java.util.Map.entry(Sort.class, Sort.parse("id")),
      java.util.Map.entry(Projection.class, Projection.include("id")),
      java.util.Map.entry(FindOptions.class, FindOptions.defaults()),
      java.util.Map.entry(PageRequest.class, PageRequest.of(2, 5)),
      java.util.Map.entry(KeysetRequest.class, KeysetRequest.first(Sort.parse("id"), 5)),
      java.util.Map.entry(CountStrategy.class, CountStrategy.NONE),
      java.util.Map.entry(StreamOptions.class, StreamOptions.defaults()),
      java.util.Map.entry(WriteOptions.class, WriteOptions.ifVersion(4)),
      java.util.Map.entry(UpsertOptions.class, UpsertOptions.onConflict("id")),
      java.util.Map.entry(FindOneAndUpdateOptions.class, FindOneAndUpdateOptions.defaults()),
      java.util.Map.entry(AggregateRequest.class, AggregateRequest.of("n", Measure.count())),
      java.util.Map.entry(Transition.class, Transition.of("id", 1, 2)),
      java.util.Map.entry(OffsetPage.class, OffsetPage.of(List.of("row"), 1, 5, 1)),
      java.util.Map.entry(KeysetPage.class, new KeysetPage<>(List.of("row"), 5, null, false)),
      java.util.Map.entry(UpdateResult.class, new UpdateResult(2, 1)),
      java.util.Map.entry(GetOrCreateResult.class, new GetOrCreateResult<>("row", true)),
      java.util.Map.entry(TransitionResult.class, new TransitionResult<>(true, Optional.of("row"))),
      java.util.Map.entry(BulkWriteResult.class, new BulkWriteResult<>(List.of())));
  private static final RuntimeException SENTINEL_ERROR = new IllegalStateException("sentinel");

  @Test
  void forwardingDriver_overridesEveryDriverMethod() {
    assertEquals(List.of(), notOverridden(SqliteDriver.class, ForwardingSqliteDriver.class));
  }

  @Test
  void forwardingSession_overridesEverySessionMethod() {
    assertEquals(List.of(), notOverridden(SqlSession.class, ForwardingSqlSession.class));
  }

  @Test
  void forwardingDriver_passesEachCallAndItsAnswerThrough() throws Exception {
    for (boolean flag : new boolean[] {true, false}) {
      Recorder r = new Recorder();
      r.flag = flag;
      SqliteDriver wrapped = new ForwardingSqliteDriver(r.proxy(SqliteDriver.class)) { };
      checkEveryMethod(SqliteDriver.class, wrapped, r);
    }
  }

  @Test
  void forwardingSession_passesEachCallAndItsAnswerThrough() throws Exception {
    for (boolean flag : new boolean[] {true, false}) {
      Recorder r = new Recorder();
      r.flag = flag;
      SqlSession wrapped = new ForwardingSqlSession(r.proxy(SqlSession.class)) { };
      checkEveryMethod(SqlSession.class, wrapped, r);
    }
  }

  @Test
  void forwardingRepo_overridesEveryRepoMethod() {
    assertEquals(List.of(), notOverridden(StandardRepo.class, ForwardingStandardRepo.class));
  }

  @Test
  void forwardingRepo_passesEachCallAndItsAnswerThrough() throws Exception {
    for (boolean flag : new boolean[] {true, false}) {
      Recorder r = new Recorder();
      r.flag = flag;
      @SuppressWarnings("unchecked")
      StandardRepo<Object, Object> wrapped = new ForwardingStandardRepo<Object, Object>(
          r.proxy(StandardRepo.class)) { };
      checkEveryMethod(StandardRepo.class, wrapped, r);
    }
  }

  @Test
  void forwardingRepo_runsEachDataOperationThroughForwardOnce_underItsMethodName() throws Exception {
    List<String> seen = new ArrayList<>();
    Recorder r = new Recorder();
    @SuppressWarnings("unchecked")
    StandardRepo<Object, Object> wrapped = new ForwardingStandardRepo<Object, Object>(r.proxy(StandardRepo.class)) {
      @Override
      protected <R> R forward(String operation, java.util.function.Supplier<R> call) {
        seen.add(operation);
        return call.get();
      }
    };
    java.util.Set<String> notOperations = java.util.Set.of("table", "capabilities", "withContext", "scopedReads",
        "isDuplicateKeyError", "isTransientConflictError");
    for (Method m : StandardRepo.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      seen.clear();
      m.invoke(wrapped, Arrays.stream(m.getParameterTypes()).map(ForwardingTest::argumentFor).toArray());
      assertEquals(notOperations.contains(m.getName()) ? List.of() : List.of(m.getName()), seen, m.toString());
    }
  }

  @Test
  void delegateIsRequired_andReturnedToSubclasses() {
    assertThrows(NullPointerException.class, () -> new ForwardingSqliteDriver(null) { });
    assertThrows(NullPointerException.class, () -> new ForwardingSqlSession(null) { });
    assertThrows(NullPointerException.class, () -> new ForwardingStandardRepo<Object, Object>(null) { });
    SqliteDriver inner = new Recorder().proxy(SqliteDriver.class);
    assertSame(inner, new ForwardingSqliteDriver(inner) {
      SqliteDriver exposed() {
        return delegate();
      }
    }.exposed());
  }

  private static <T> void checkEveryMethod(Class<T> api, T wrapped, Recorder r) throws Exception {
    for (Method m : api.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      Object[] args = Arrays.stream(m.getParameterTypes()).map(ForwardingTest::argumentFor).toArray();
      int before = r.calls.size();
      Object result;
      try {
        result = m.invoke(wrapped, args);
      } catch (InvocationTargetException e) {
        throw new AssertionError(m + " threw instead of forwarding", e.getCause());
      }
      assertEquals(before + 1, r.calls.size(), m + " must reach the delegate exactly once");
      assertEquals(m, r.calls.get(before), "forwarded to a different method");
      assertTrue(Arrays.equals(args, r.args.get(before)), m + " must pass its arguments unchanged");
      Object expected = r.answer(m.getReturnType());
      if (m.getReturnType().isPrimitive()) {
        assertEquals(expected, result, m + " must return the delegate's answer");
      } else {
        assertSame(expected, result, m + " must return the delegate's answer");
      }
    }
  }

  /** A distinct, non-null argument where one can be made, so the identity check means something. */
  private static Object argumentFor(Class<?> type) {
    if (SAMPLES.containsKey(type)) {
      return SAMPLES.get(type);
    }
    if (type == String.class) {
      return "arg";
    }
    if (type == List.class) {
      return List.of("x");
    }
    if (type == Runnable.class) {
      return (Runnable) () -> { };
    }
    if (type == java.sql.SQLException.class) {
      return new java.sql.SQLException("arg");
    }
    if (type == java.time.Duration.class) {
      return java.time.Duration.ofSeconds(3);
    }
    if (type == java.nio.file.Path.class) {
      return java.nio.file.Path.of("arg.db");
    }
    if (type.isInterface()) {
      return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> null);
    }
    throw new AssertionError("no test argument for " + type + ": extend argumentFor");
  }

  private static List<String> notOverridden(Class<?> api, Class<?> forwarding) {
    List<String> missing = new ArrayList<>();
    for (Method m : api.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      try {
        forwarding.getDeclaredMethod(m.getName(), m.getParameterTypes());
      } catch (NoSuchMethodException e) {
        missing.add(m.getName());
      }
    }
    return missing;
  }
}
