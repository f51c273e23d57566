package io.sqlitekit.plugin.telemetry.internal;

import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.AfterHook;
import io.sqlitekit.spi.plugin.BeforeHook;
import io.sqlitekit.spi.plugin.ErrorHook;
import io.sqlitekit.spi.plugin.HookContext;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A minimal stand-in for core's hook engine (before → work → after / error, transactions deferring
 * afterCompletion), so the cache's generation protocol can be tested in isolation, including interleavings
 * that are hard to provoke through a real database.
 */
final class FakeEngine implements HookRegistry {
  private final TableDef table;
  private final List<Object[]> before = new ArrayList<>();
  private final List<Object[]> after = new ArrayList<>();
  private final List<Object[]> error = new ArrayList<>();
  private final ThreadLocal<List<Runnable>> tx = new ThreadLocal<>();

  FakeEngine(TableDef table) {
    this.table = table;
  }

  @Override
  public TableDef table() {
    return table;
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public Optional<SqliteDriver> driver() {
    return Optional.empty();
  }

  /** Hooks in priority order, as the real engine runs them. */
  void sortByPriority() {
    before.sort(java.util.Comparator.comparingInt(h -> (Integer) h[2]));
    after.sort(java.util.Comparator.comparingInt(h -> (Integer) h[2]));
    error.sort(java.util.Comparator.comparingInt(h -> (Integer) h[2]));
  }

  @Override
  public StandardRepo<Map<String, Object>, Object> documents() {
    throw new UnsupportedOperationException();
  }

  @Override
  public void before(Set<Operation> operations, int priority, BeforeHook hook) {
    before.add(new Object[] {operations, hook, priority});
  }

  @Override
  public void after(Set<Operation> operations, int priority, AfterHook hook) {
    after.add(new Object[] {operations, hook, priority});
  }

  @Override
  public void onError(Set<Operation> operations, int priority, ErrorHook hook) {
    error.add(new Object[] {operations, hook, priority});
  }

  @Override
  public void onClose(AutoCloseable resource) {
  }

  /** Runs work as a transaction: afterCompletion actions run when it ends. */
  <R> R inTransaction(Supplier<R> work) {
    tx.set(new ArrayList<>());
    try {
      return work.get();
    } finally {
      List<Runnable> actions = tx.get();
      tx.remove();
      actions.forEach(Runnable::run);
    }
  }

  /** Runs one call through the hooks. The work runs only if no before-hook short-circuited. */
  @SuppressWarnings("unchecked")
  Object call(Operation op, Object id, Filter filter, CallContext cc, Supplier<Object> work) {
    Ctx ctx = new Ctx(op, id, filter, cc);
    try {
      for (Object[] h : before) {
        if (((Set<Operation>) h[0]).contains(op)) {
          ((BeforeHook) h[1]).before(ctx);
        }
      }
      Object result = ctx.shortCircuited ? ctx.result : work.get();
      for (Object[] h : after) {
        if (((Set<Operation>) h[0]).contains(op)) {
          ((AfterHook) h[1]).after(ctx, result);
        }
      }
      return result;
    } catch (RuntimeException e) {
      for (Object[] h : error) {
        if (((Set<Operation>) h[0]).contains(op)) {
          ((ErrorHook) h[1]).onError(ctx, e);
        }
      }
      throw e;
    }
  }

  private final class Ctx implements HookContext {
    final Operation op;
    final Object id;
    Filter filter;
    final CallContext cc;
    final Map<String, Object> attributes = new HashMap<>();
    boolean shortCircuited;
    Object result;

    Ctx(Operation op, Object id, Filter filter, CallContext cc) {
      this.op = op;
      this.id = id;
      this.filter = filter;
      this.cc = cc;
    }

    @Override
    public Operation operation() {
      return op;
    }

    @Override
    public TableDef table() {
      return table;
    }

    @Override
    public CallContext callContext() {
      return cc;
    }

    @Override
    public Optional<Object> id() {
      return Optional.ofNullable(id);
    }

    @Override
    public Filter filter() {
      return filter;
    }

    @Override
    public void setFilter(Filter f) {
      filter = f;
    }

    @Override
    public List<Map<String, Object>> rows() {
      return new ArrayList<>();
    }

    @Override
    public Update update() {
      return Update.empty();
    }

    @Override
    public void setUpdate(Update update) {
    }

    @Override
    public void convertDeleteToUpdate(Update update) {
    }

    @Override
    public boolean deleteConvertedToUpdate() {
      return false;
    }

    @Override
    public List<BatchStatement> batchStatements() {
      return List.of();
    }

    @Override
    public void setBatchStatements(List<BatchStatement> statements) {
    }

    @Override
    public Optional<Object> request() {
      return Optional.empty();
    }

    @Override
    public void setRequest(Object request) {
    }

    @Override
    public Map<String, Object> attributes() {
      return attributes;
    }

    @Override
    public void shortCircuit(Object r) {
      shortCircuited = true;
      result = r;
    }

    @Override
    public boolean isShortCircuited() {
      return shortCircuited;
    }

    @Override
    public boolean inTransaction() {
      return tx.get() != null;
    }

    @Override
    public void afterCommit(Runnable action) {
      afterCompletion(action);
    }

    @Override
    public void afterCompletion(Runnable action) {
      List<Runnable> actions = tx.get();
      if (actions == null) {
        action.run();
      } else {
        actions.add(action);
      }
    }
  }

  static Filter all() {
    return Filters.all();
  }
}
