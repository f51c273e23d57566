package io.sqlitekit.testsupport;

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
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A minimal stand-in for core's hook engine, so a plugin's hooks can be checked without a database.
 *
 * <p>Guarantees: hooks run in ascending priority, ties in registration order (as core runs them);
 * {@link #run} runs only the before-hooks, so a test can inspect how they rewrote a call;
 * {@link #call} runs a whole call (before → work unless short-circuited → after, and the error hooks
 * when any of those throws a {@code RuntimeException}, which is then rethrown unchanged). Outside
 * {@link #inTransaction} the context reports no transaction and runs {@code afterCommit} and
 * {@code afterCompletion} actions at once; inside, it defers them to the end of the transaction.
 * {@link #driver()} is empty and {@link #documents()} is unsupported, so plugins that need storage are
 * tested through the real kit instead. Not thread-safe except for the per-thread transaction.
 *
 * @since 0.1.0
 */
public final class FakeHooks implements HookRegistry {
  private enum Kind { BEFORE, AFTER, ERROR }

  private record Registered(Kind kind, Set<Operation> ops, int priority, int seq, Object hook) {
  }

  private static final Comparator<Registered> ORDER =
      Comparator.comparingInt(Registered::priority).thenComparingInt(Registered::seq);

  private final TableDef table;
  private final Clock clock;
  private final List<Registered> hooks = new ArrayList<>();
  private final ThreadLocal<List<Runnable>> tx = new ThreadLocal<>();

  /**
   * Creates the runner and installs {@code plugins} into it, in order.
   *
   * @param table the table every context reports
   * @param clock the clock {@link #clock()} hands to plugins
   * @param plugins the plugins to install
   * @throws RuntimeException whatever a plugin's {@code install} throws (e.g. a table it cannot serve)
   */
  public FakeHooks(TableDef table, Clock clock, RepositoryPlugin... plugins) {
    this.table = Objects.requireNonNull(table, "table");
    this.clock = Objects.requireNonNull(clock, "clock");
    for (RepositoryPlugin p : plugins) {
      p.install(this);
    }
  }

  /**
   * Runs the before-hooks registered for the context's operation.
   *
   * @param ctx a context from {@link #ctx}
   * @return {@code ctx}, as the hooks left it
   */
  public Ctx run(Ctx ctx) {
    for (Registered r : matching(Kind.BEFORE, ctx.operation())) {
      ((BeforeHook) r.hook()).before(ctx);
    }
    return ctx;
  }

  /**
   * A fresh context for one call: no id, the match-all filter, no rows, an empty update, no batch,
   * no request.
   *
   * @param op the operation
   * @param call the caller's per-call context
   * @return a mutable context
   */
  public Ctx ctx(Operation op, CallContext call) {
    return new Ctx(op, call);
  }

  /**
   * Runs one whole call through the hooks. The work runs only if no before-hook short-circuited;
   * otherwise the short-circuit result is the call's result.
   *
   * @param op the operation
   * @param id the key the call addresses, or null
   * @param filter the caller's filter
   * @param call the caller's per-call context
   * @param work stands in for the SQL the engine would run
   * @return the call's result, as the after-hooks saw it
   * @throws RuntimeException whatever a hook or the work threw, after the error hooks ran
   */
  public Object call(Operation op, Object id, Filter filter, CallContext call, Supplier<Object> work) {
    Ctx ctx = new Ctx(op, call).id(id).filter(filter);
    try {
      run(ctx);
      Object result = ctx.shortCircuited ? ctx.result : work.get();
      for (Registered r : matching(Kind.AFTER, op)) {
        ((AfterHook) r.hook()).after(ctx, result);
      }
      return result;
    } catch (RuntimeException e) {
      for (Registered r : matching(Kind.ERROR, op)) {
        ((ErrorHook) r.hook()).onError(ctx, e);
      }
      throw e;
    }
  }

  /**
   * Runs {@code work} as a transaction on this thread: contexts report one, and their
   * {@code afterCommit}/{@code afterCompletion} actions run, in order, when it ends (also when it throws).
   *
   * @param <R> the result type
   * @param work the work
   * @return its result
   */
  public <R> R inTransaction(Supplier<R> work) {
    tx.set(new ArrayList<>());
    try {
      return work.get();
    } finally {
      List<Runnable> actions = tx.get();
      tx.remove();
      actions.forEach(Runnable::run);
    }
  }

  private List<Registered> matching(Kind kind, Operation op) {
    return hooks.stream().filter(r -> r.kind() == kind && r.ops().contains(op)).sorted(ORDER).toList();
  }

  private void register(Kind kind, Set<Operation> operations, int priority, Object hook) {
    hooks.add(new Registered(kind, Set.copyOf(operations), priority, hooks.size(), hook));
  }

  @Override
  public TableDef table() {
    return table;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  /**
   * Always empty: the fake has no database.
   *
   * @return {@link Optional#empty()}
   */
  @Override
  public Optional<SqliteDriver> driver() {
    return Optional.empty();
  }

  /**
   * Not supported by the fake.
   *
   * @return never
   * @throws UnsupportedOperationException always
   */
  @Override
  public StandardRepo<Map<String, Object>, Object> documents() {
    throw new UnsupportedOperationException("FakeHooks has no document store; test such plugins on a real kit");
  }

  @Override
  public void before(Set<Operation> operations, int priority, BeforeHook hook) {
    register(Kind.BEFORE, operations, priority, hook);
  }

  @Override
  public void after(Set<Operation> operations, int priority, AfterHook hook) {
    register(Kind.AFTER, operations, priority, hook);
  }

  @Override
  public void onError(Set<Operation> operations, int priority, ErrorHook hook) {
    register(Kind.ERROR, operations, priority, hook);
  }

  /**
   * Ignored: the fake never closes.
   *
   * @param resource ignored
   */
  @Override
  public void onClose(AutoCloseable resource) {
  }

  /**
   * A mutable hook context with the checks the {@link HookContext} contract asks of the engine: a null
   * filter or update is refused, a delete conversion only happens on a delete, a batch keeps its size and a
   * request its type. Chained setters prepare the call a test wants to run.
   *
   * @since 0.1.0
   */
  public final class Ctx implements HookContext {
    private final Operation op;
    private final CallContext call;
    private Object id;
    private Filter filter = Filters.all();
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private Update update = Update.empty();
    private boolean converted;
    private List<BatchStatement> batch = List.of();
    private Object request;
    private final Map<String, Object> attributes = new HashMap<>();
    private boolean shortCircuited;
    private Object result;

    private Ctx(Operation op, CallContext call) {
      this.op = Objects.requireNonNull(op, "op");
      this.call = Objects.requireNonNull(call, "call");
    }

    /**
     * Sets the key the call addresses.
     *
     * @param key the key, or null for none
     * @return this context
     */
    public Ctx id(Object key) {
      this.id = key;
      return this;
    }

    /**
     * Appends a copy of one input row.
     *
     * @param row the row
     * @return this context
     */
    public Ctx row(Map<String, ?> row) {
      rows.add(new LinkedHashMap<>(row));
      return this;
    }

    /**
     * Sets the caller's update.
     *
     * @param u the update
     * @return this context
     */
    public Ctx update(Update u) {
      this.update = u;
      return this;
    }

    /**
     * Sets the caller's filter.
     *
     * @param f the filter
     * @return this context
     */
    public Ctx filter(Filter f) {
      this.filter = f;
      return this;
    }

    /**
     * Sets the caller's request object (for operations that carry one).
     *
     * @param r the request
     * @return this context
     */
    public Ctx request(Object r) {
      this.request = r;
      return this;
    }

    /**
     * Sets the statements of a batch call.
     *
     * @param statements the statements, in order
     * @return this context
     */
    public Ctx batch(BatchStatement... statements) {
      this.batch = List.of(statements);
      return this;
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
      return call;
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
      this.filter = Objects.requireNonNull(f);
    }

    /**
     * The input rows, mutable in place as the contract allows.
     *
     * @return the live list
     */
    @Override
    public List<Map<String, Object>> rows() {
      return rows;
    }

    @Override
    public Update update() {
      return update;
    }

    @Override
    public void setUpdate(Update u) {
      this.update = Objects.requireNonNull(u);
    }

    @Override
    public void convertDeleteToUpdate(Update u) {
      if (op != Operation.DELETE && op != Operation.DELETE_MANY) {
        throw new IllegalStateException("not a delete: " + op);
      }
      converted = true;
      update = u;
    }

    @Override
    public boolean deleteConvertedToUpdate() {
      return converted;
    }

    @Override
    public List<BatchStatement> batchStatements() {
      return batch;
    }

    @Override
    public void setBatchStatements(List<BatchStatement> statements) {
      if (statements.size() != batch.size()) {
        throw new IllegalArgumentException("count changed");
      }
      batch = List.copyOf(statements);
    }

    @Override
    public Optional<Object> request() {
      return Optional.ofNullable(request);
    }

    @Override
    public void setRequest(Object r) {
      if (request == null || r.getClass() != request.getClass()) {
        throw new IllegalArgumentException("request type changed");
      }
      request = r;
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
}
