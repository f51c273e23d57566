package io.sqlitekit.support.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqlitekit.spi.driver.SqlSession;
import io.sqlitekit.spi.driver.SqliteDriver;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Both forwarding bases pass every method of their SPI interface, the defaulted ones included, to the wrapped
 * object with the same arguments and return its answer. The wrapped object is a recording proxy: what is
 * checked is pure delegation, which needs no database.
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
  void delegateIsRequired_andReturnedToSubclasses() {
    assertThrows(NullPointerException.class, () -> new ForwardingSqliteDriver(null) { });
    assertThrows(NullPointerException.class, () -> new ForwardingSqlSession(null) { });
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
