package io.sqlitekit.plugin.tenant;

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
import java.util.Optional;
import java.util.Set;

/**
 * A minimal stand-in for the core hook engine, so that the plugin's rewriting of a call can be checked
 * without a database: installs plugins, then runs the before-hooks in priority order (stable) on a context.
 * The integration tests run the same plugins through the real core repository.
 */
final class FakeHooks implements HookRegistry {
  private record Registered(Set<Operation> ops, int priority, int seq, BeforeHook hook) {
  }

  private final TableDef table;
  private final Clock clock;
  private final List<Registered> before = new ArrayList<>();

  FakeHooks(TableDef table, Clock clock, RepositoryPlugin... plugins) {
    this.table = table;
    this.clock = clock;
    for (RepositoryPlugin p : plugins) {
      p.install(this);
    }
  }

  /** Runs the before-hooks for the context's operation. */
  Ctx run(Ctx ctx) {
    before.stream().filter(r -> r.ops().contains(ctx.operation()))
        .sorted(Comparator.comparingInt(Registered::priority).thenComparingInt(Registered::seq))
        .forEach(r -> r.hook().before(ctx));
    return ctx;
  }

  Ctx ctx(Operation op, CallContext call) {
    return new Ctx(op, table, call);
  }

  @Override
  public TableDef table() {
    return table;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Optional<SqliteDriver> driver() {
    return Optional.empty();
  }

  @Override
  public StandardRepo<Map<String, Object>, Object> documents() {
    throw new UnsupportedOperationException("not needed by the policy plugins");
  }

  @Override
  public void before(Set<Operation> operations, int priority, BeforeHook hook) {
    before.add(new Registered(Set.copyOf(operations), priority, before.size(), hook));
  }

  @Override
  public void after(Set<Operation> operations, int priority, AfterHook hook) {
  }

  @Override
  public void onError(Set<Operation> operations, int priority, ErrorHook hook) {
  }

  @Override
  public void onClose(AutoCloseable resource) {
  }

  /** A mutable context with the HookContext contract's checks. */
  static final class Ctx implements HookContext {
    private final Operation op;
    private final TableDef table;
    private final CallContext call;
    Object id;
    Filter filter = Filters.all();
    final List<Map<String, Object>> rows = new ArrayList<>();
    Update update = Update.empty();
    boolean converted;
    List<BatchStatement> batch = List.of();
    Object request;
    final Map<String, Object> attributes = new HashMap<>();

    Ctx(Operation op, TableDef table, CallContext call) {
      this.op = op;
      this.table = table;
      this.call = call;
    }

    Ctx row(Map<String, ?> row) {
      rows.add(new LinkedHashMap<>(row));
      return this;
    }

    Ctx update(Update u) {
      this.update = u;
      return this;
    }

    Ctx filter(Filter f) {
      this.filter = f;
      return this;
    }

    Ctx request(Object r) {
      this.request = r;
      return this;
    }

    Ctx batch(BatchStatement... statements) {
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
      this.filter = java.util.Objects.requireNonNull(f);
    }

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
      this.update = java.util.Objects.requireNonNull(u);
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
    public void shortCircuit(Object result) {
      throw new IllegalStateException("policy plugins never short-circuit");
    }

    @Override
    public boolean isShortCircuited() {
      return false;
    }

    @Override
    public boolean inTransaction() {
      return false;
    }

    @Override
    public void afterCommit(Runnable action) {
      action.run();
    }

    @Override
    public void afterCompletion(Runnable action) {
      action.run();
    }
  }
}
