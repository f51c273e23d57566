package io.sqlitekit.support.hook;

import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.plugin.AfterHook;
import io.sqlitekit.spi.plugin.AfterHookException;
import io.sqlitekit.spi.plugin.BeforeHook;
import io.sqlitekit.spi.plugin.ErrorHook;
import io.sqlitekit.spi.plugin.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The hooks of one repository, per operation and phase, sorted by priority
 * and stable in registration order. Registrations happen while plugins install; {@link #freeze} then
 * checks ordering constraints and makes the engine read-only and lock-free.
 */
public final class HookEngine {
  private static final Entry[] NONE = new Entry[0];

  private static final class Entry {
    final int priority;
    final long seq;
    final String plugin;
    final Object hook;

    Entry(int priority, long seq, String plugin, Object hook) {
      this.priority = priority;
      this.seq = seq;
      this.plugin = plugin;
      this.hook = hook;
    }
  }

  private final Map<Operation, List<Entry>> beforeReg = new EnumMap<>(Operation.class);
  private final Map<Operation, List<Entry>> afterReg = new EnumMap<>(Operation.class);
  private final Map<Operation, List<Entry>> errorReg = new EnumMap<>(Operation.class);
  private final Map<Operation, List<Entry>> commitReg = new EnumMap<>(Operation.class);
  private final Entry[][] before = new Entry[Operation.values().length][];
  private final Entry[][] after = new Entry[Operation.values().length][];
  private final Entry[][] errors = new Entry[Operation.values().length][];
  private final Entry[][] beforeCommit = new Entry[Operation.values().length][];
  private long seq;
  private volatile boolean frozen;

  private void add(Map<Operation, List<Entry>> reg, Set<Operation> ops, int priority, String plugin, Object hook) {
    if (frozen) {
      throw new IllegalStateException("hooks can only be registered while a plugin installs");
    }
    Objects.requireNonNull(ops, "operations");
    Objects.requireNonNull(hook, "hook");
    Entry e = new Entry(priority, seq++, plugin, hook);
    for (Operation op : ops) {
      reg.computeIfAbsent(Objects.requireNonNull(op, "operation"), k -> new ArrayList<>()).add(e);
    }
  }

  /**
   * Registers a before-hook.
   *
   * @param ops operations
   * @param priority priority
   * @param plugin the registering plugin's name
   * @param hook the hook
   */
  public void before(Set<Operation> ops, int priority, String plugin, BeforeHook hook) {
    add(beforeReg, ops, priority, plugin, hook);
  }

  /**
   * Registers an after-hook.
   *
   * @param ops operations
   * @param priority priority
   * @param plugin the registering plugin's name
   * @param hook the hook
   */
  public void after(Set<Operation> ops, int priority, String plugin, AfterHook hook) {
    add(afterReg, ops, priority, plugin, hook);
  }

  /**
   * Registers a before-commit hook; read operations are ignored (they have no transaction to join).
   *
   * @param ops operations
   * @param priority priority
   * @param plugin the registering plugin's name
   * @param hook the hook
   */
  public void beforeCommit(Set<Operation> ops, int priority, String plugin, AfterHook hook) {
    add(commitReg, writesOf(ops), priority, plugin, hook);
  }

  /**
   * Registers a before-commit hook that receives the write's session; read operations are ignored.
   *
   * @param ops operations
   * @param priority priority
   * @param plugin the registering plugin's name
   * @param hook the hook
   * @since 0.2.0
   */
  public void beforeCommit(Set<Operation> ops, int priority, String plugin, io.sqlitekit.spi.plugin.SessionHook hook) {
    add(commitReg, writesOf(ops), priority, plugin, hook);
  }

  private static Set<Operation> writesOf(Set<Operation> ops) {
    Objects.requireNonNull(ops, "operations");
    Set<Operation> writes = java.util.EnumSet.noneOf(Operation.class);
    for (Operation op : ops) {
      if (Objects.requireNonNull(op, "operation").isWrite()) {
        writes.add(op);
      }
    }
    return writes;
  }

  /**
   * Registers an error hook.
   *
   * @param ops operations
   * @param priority priority
   * @param plugin the registering plugin's name
   * @param hook the hook
   */
  public void onError(Set<Operation> ops, int priority, String plugin, ErrorHook hook) {
    add(errorReg, ops, priority, plugin, hook);
  }

  /**
   * Sorts every hook list and checks that each plugin's {@code runsAfter} dependencies run first.
   *
   * @param runsAfter plugin name to the names it must run after (only enabled names)
   * @throws ConfigurationException if priorities force a dependency to run later
   */
  public void freeze(Map<String, Set<String>> runsAfter) {
    Comparator<Entry> order = Comparator.<Entry>comparingInt(e -> e.priority).thenComparingLong(e -> e.seq);
    for (Operation op : Operation.values()) {
      before[op.ordinal()] = sorted(beforeReg.get(op), order);
      after[op.ordinal()] = sorted(afterReg.get(op), order);
      errors[op.ordinal()] = sorted(errorReg.get(op), order);
      beforeCommit[op.ordinal()] = sorted(commitReg.get(op), order);
      check(op, before[op.ordinal()], runsAfter);
    }
    frozen = true;
  }

  private static void check(Operation op, Entry[] hooks, Map<String, Set<String>> runsAfter) {
    for (int i = 0; i < hooks.length; i++) {
      Set<String> deps = runsAfter.getOrDefault(hooks[i].plugin, Set.of());
      for (int j = i + 1; j < hooks.length; j++) {
        if (deps.contains(hooks[j].plugin)) {
          throw new ConfigurationException(String.format(Locale.ROOT,
              "plugin \"%s\" must run after \"%s\", but on %s its before-hook has priority %d and \"%s\"'s has %d",
              hooks[i].plugin, hooks[j].plugin, op, hooks[i].priority, hooks[j].plugin, hooks[j].priority));
        }
      }
    }
  }

  private static Entry[] sorted(List<Entry> list, Comparator<Entry> order) {
    if (list == null || list.isEmpty()) {
      return NONE;
    }
    List<Entry> copy = new ArrayList<>(list);
    copy.sort(order);
    return copy.toArray(NONE);
  }

  /**
   * Returns whether any hook listens to the operation.
   *
   * @param op the operation
   * @return true if at least one hook is registered
   */
  public boolean hasHooks(Operation op) {
    int i = op.ordinal();
    return before[i].length + after[i].length + errors[i].length + beforeCommit[i].length > 0;
  }

  /**
   * Runs one call: before-hooks, then the execution (unless short-circuited), then, for a write with
   * before-commit hooks, those hooks inside one write transaction around the execution (the driver's, or
   * the {@link CallState.Transactions} of a driverless kit; nested writes of the execution join it), then
   * after-hooks. Error hooks run on a failure of any
   * phase. Every after-hook runs even if an earlier one threw; the first failure is reported (later ones
   * are suppressed into it), wrapped in an {@link AfterHookException} for a write outside a caller's
   * transaction, and the error hooks see the exception the caller gets.
   *
   * @param ctx the call state
   * @param exec the execution, reading the (possibly rewritten) state
   * @param <R> the result type
   * @return the result
   */
  @SuppressWarnings("unchecked")
  public <R> R run(CallState ctx, Supplier<R> exec) {
    int i = ctx.operation().ordinal();
    Entry[] b = before[i];
    Entry[] c = beforeCommit[i];
    R result;
    try {
      for (Entry e : b) {
        ((BeforeHook) e.hook).before(ctx);
      }
      if (ctx.isShortCircuited()) {
        result = (R) ctx.shortCircuitResult();
      } else if (c.length == 0 || ctx.driver() == null && ctx.transactions() == null) {
        result = exec.get();
        // Without a driver there is no transaction to join: before-commit hooks degrade to early after-hooks.
        runBeforeCommitWithoutSession(c, ctx, result);
      } else if (ctx.driver() == null) {
        // A driverless kit with transactions of its own (the in-memory kit): the hooks join its write.
        result = ctx.transactions().write(() -> {
          R r = exec.get();
          runBeforeCommitWithoutSession(c, ctx, r);
          return r;
        });
      } else {
        io.sqlitekit.spi.driver.SqlWork<R> work = s -> {
          R r = exec.get();
          runBeforeCommit(c, ctx, r, s);
          return r;
        };
        // With the kit's hand-off the execution joins this write instead of nesting a savepoint in it.
        result = ctx.owner() != null ? ctx.owner().open(ctx.driver(), work) : ctx.driver().write(work);
      }
    } catch (RuntimeException ex) {
      fireErrors(i, ctx, ex);
      throw ex;
    }
    RuntimeException failure = null;
    for (Entry e : after[i]) {
      try {
        ((AfterHook) e.hook).after(ctx, result);
      } catch (RuntimeException ex) {
        if (failure == null) {
          failure = ex;
        } else if (failure != ex) {
          failure.addSuppressed(ex);
        }
      }
    }
    if (failure != null) {
      RuntimeException reported = ctx.operation().isWrite() && !ctx.inTransaction()
          ? new AfterHookException(ctx.operation(), result, failure) : failure;
      fireErrors(i, ctx, reported);
      throw reported;
    }
    return result;
  }

  private static void runBeforeCommitWithoutSession(Entry[] hooks, CallState ctx, Object result) {
    try {
      runBeforeCommit(hooks, ctx, result, null);
    } catch (java.sql.SQLException e) {
      // Only session hooks throw it, and without a session they are refused before running.
      throw new IllegalStateException(e);
    }
  }

  private static void runBeforeCommit(Entry[] hooks, CallState ctx, Object result,
      io.sqlitekit.spi.driver.SqlSession session) throws java.sql.SQLException {
    for (Entry e : hooks) {
      if (e.hook instanceof AfterHook) {
        ((AfterHook) e.hook).after(ctx, result);
      } else if (session != null) {
        ((io.sqlitekit.spi.plugin.SessionHook) e.hook).beforeCommit(ctx,
            io.sqlitekit.spi.plugin.CallResult.of(ctx.operation(), result), session);
      } else {
        // Registration refuses session hooks without a driver; a driverless call cannot get here with one.
        throw new IllegalStateException("plugin \"" + e.plugin + "\" registered a session hook, but " + ctx.operation()
            + " on " + ctx.table().name() + " runs without a SQL session");
      }
    }
  }

  private void fireErrors(int i, CallState ctx, RuntimeException ex) {
    for (Entry e : errors[i]) {
      try {
        ((ErrorHook) e.hook).onError(ctx, ex);
      } catch (RuntimeException suppressed) {
        if (suppressed != ex) {
          ex.addSuppressed(suppressed);
        }
      }
    }
  }
}
