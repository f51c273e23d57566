package io.sqlitekit.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fake engine's ordering, short-circuit, error and transaction guarantees. */
final class FakeHooksTest {
  private static final TableDef T = TableDef.of("t", Column.text("id").primaryKey());
  private static final Set<Operation> GET = Set.of(Operation.GET_ONE);

  private static RepositoryPlugin plugin(String name, java.util.function.Consumer<FakeHooks> install) {
    return new RepositoryPlugin() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void install(io.sqlitekit.spi.plugin.HookRegistry registry) {
        install.accept((FakeHooks) registry);
      }
    };
  }

  @Test
  void call_runsHooksByPriorityThenRegistration() {
    List<String> seen = new ArrayList<>();
    FakeHooks h = new FakeHooks(T, Clock.systemUTC(), plugin("p", r -> {
      r.before(GET, 20, c -> seen.add("b20"));
      r.before(GET, 10, c -> seen.add("b10a"));
      r.before(GET, 10, c -> seen.add("b10b"));
      r.after(GET, 5, (c, res) -> seen.add("a5:" + res));
      r.before(Set.of(Operation.CREATE), 0, c -> seen.add("other op"));
    }));
    assertEquals("r", h.call(Operation.GET_ONE, null, Filters.all(), CallContext.empty(), () -> "r"));
    assertEquals(List.of("b10a", "b10b", "b20", "a5:r"), seen);
  }

  @Test
  void call_shortCircuitSkipsWork_errorHooksSeeFailure() {
    List<Object> seen = new ArrayList<>();
    FakeHooks h = new FakeHooks(T, Clock.systemUTC(), plugin("p", r -> {
      r.before(GET, 0, c -> {
        if (c.id().isPresent()) {
          c.shortCircuit("cached");
        }
      });
      r.onError(GET, 0, (c, e) -> seen.add(e));
    }));
    assertEquals("cached", h.call(Operation.GET_ONE, "k", Filters.all(), CallContext.empty(), () -> {
      throw new AssertionError("work must not run");
    }));
    IllegalStateException boom = new IllegalStateException("boom");
    assertSame(boom, assertThrows(IllegalStateException.class,
        () -> h.call(Operation.GET_ONE, null, Filters.all(), CallContext.empty(), () -> {
          throw boom;
        })));
    assertEquals(List.of(boom), seen);
  }

  @Test
  void afterCompletion_deferredInsideTransaction_immediateOutside() {
    List<String> seen = new ArrayList<>();
    FakeHooks h = new FakeHooks(T, Clock.systemUTC(), plugin("p", r ->
        r.before(GET, 0, c -> c.afterCompletion(() -> seen.add("done in tx=" + c.inTransaction())))));
    h.call(Operation.GET_ONE, null, Filters.all(), CallContext.empty(), () -> null);
    assertEquals(List.of("done in tx=false"), seen);
    h.inTransaction(() -> {
      h.call(Operation.GET_ONE, null, Filters.all(), CallContext.empty(), () -> null);
      assertEquals(1, seen.size(), "deferred until the transaction ends");
      return null;
    });
    assertEquals(2, seen.size());
  }

  @Test
  void ctx_enforcesContractChecks() {
    FakeHooks h = new FakeHooks(T, Clock.systemUTC());
    FakeHooks.Ctx find = h.ctx(Operation.FIND_ALL, CallContext.empty());
    assertThrows(IllegalStateException.class, () -> find.convertDeleteToUpdate(io.sqlitekit.spi.update.Update.empty()));
    assertThrows(NullPointerException.class, () -> find.setFilter(null));
    assertThrows(IllegalArgumentException.class, () -> find.setBatchStatements(List.of(
        io.sqlitekit.spi.BatchStatement.delete(T, "a"))));
  }
}
