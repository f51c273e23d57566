package io.sqlitekit.support.hook;

import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.KeysetRequest;
import io.sqlitekit.spi.PageRequest;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.BeforeHook;
import io.sqlitekit.spi.plugin.HookContext;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.support.rules.ViewRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The mutable state of one repository call, seen by hooks as their {@code HookContext}: the kit executes
 * from this state after the before-hooks ran, so their rewrites take effect. One instance per call, one
 * thread at a time.
 */
public final class CallState extends MutableCall {
  /**
   * The transactions of a kit without a driver (the in-memory kit keeps its own): a write transaction that
   * joins the caller's, whether a caller's transaction is open on this thread, and the actions to run when
   * the outermost one ends, with the same meaning as the {@link SqliteDriver} methods of the same names. The
   * engine runs before-commit hooks inside {@link #write}. Without it a driverless call reports no
   * transaction, runs such actions at once and runs before-commit hooks right after the execution.
   *
   * @since 0.2.0
   */
  public interface Transactions {
    /**
     * Runs work in one write transaction, joining the current thread's transaction if there is one: rolled
     * back when it throws (the exception propagates unchanged), committed when the outermost one returns.
     *
     * @param work the work
     * @param <R> the result type
     * @return the work's result
     */
    <R> R write(Supplier<R> work);

    /**
     * Returns whether the current thread is inside a transaction.
     *
     * @return true inside a transaction
     */
    boolean inTransaction();

    /**
     * Runs an action after the outermost transaction commits (discarded if it rolls back), or at once
     * outside a transaction.
     *
     * @param action the action
     */
    void afterCommit(Runnable action);

    /**
     * Runs an action when the outermost transaction ends either way, or at once outside a transaction.
     *
     * @param action the action
     */
    void afterCompletion(Runnable action);
  }

  private final TableDef table;
  private final CallContext view;
  private final SqliteDriver driver;
  private final WriteOwner owner;
  private final Transactions transactions;
  private final boolean inTransaction;
  private CallContext effective;
  private Object id;
  private boolean physical;
  private List<BatchStatement> batch = List.of();
  private Object request;
  private Map<String, Object> attributes;
  private boolean shortCircuited;
  private Object shortCircuitResult;

  /**
   * Creates the state of one call.
   *
   * @param operation the operation
   * @param table the table
   * @param view the repository view's context, merged over the thread's context on first use
   * @param driver the driver, or null
   */
  public CallState(Operation operation, TableDef table, CallContext view, SqliteDriver driver) {
    this(operation, table, view, driver, null);
  }

  /**
   * Creates the state of one call of a SQLite-backed kit whose executions join the write the engine opens for
   * the call ({@link WriteOwner}), so the call has one transaction owner.
   *
   * @param operation the operation
   * @param table the table
   * @param view the repository view's context, merged over the thread's context on first use
   * @param driver the driver, or null
   * @param owner the kit's hand-off, or null for executions that open their own writes
   * @throws io.sqlitekit.spi.error.ReadOnlyException if the operation writes and the table is a view
   * @since 0.2.0
   */
  public CallState(Operation operation, TableDef table, CallContext view, SqliteDriver driver, WriteOwner owner) {
    super(writableOn(table, operation), Filters.all(), List.of(), Update.empty());
    this.table = table;
    this.view = view;
    this.driver = driver;
    this.owner = owner;
    this.transactions = null;
    this.inTransaction = driver != null && driver.inTransaction();
  }

  /**
   * Creates the state of one call of a kit without a driver that keeps its own transactions: before-commit
   * hooks run inside the kit's write transaction, and {@link #inTransaction()}, {@link #afterCommit} and
   * {@link #afterCompletion} follow the kit's transactions, as they follow the driver's on the SQLite kit.
   *
   * @param operation the operation
   * @param table the table
   * @param view the repository view's context, merged over the thread's context on first use
   * @param transactions the kit's transactions
   * @throws io.sqlitekit.spi.error.ReadOnlyException if the operation writes and the table is a view
   */
  public CallState(Operation operation, TableDef table, CallContext view, Transactions transactions) {
    super(writableOn(table, operation), Filters.all(), List.of(), Update.empty());
    this.table = table;
    this.view = view;
    this.driver = null;
    this.owner = null;
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.inTransaction = transactions.inTransaction();
  }

  /** The operation, once a write on a view is refused: every call of every kit starts here, before hooks,
   * statements or locks. */
  private static Operation writableOn(TableDef table, Operation operation) {
    ViewRules.requireWritable(table, operation);
    return operation;
  }

  /**
   * Sets the key of a by-id operation.
   *
   * @param key the key
   * @return this
   */
  public CallState withId(Object key) {
    this.id = key;
    return this;
  }

  /**
   * Sets the initial scope filter.
   *
   * @param f the filter
   * @return this
   */
  public CallState withFilter(Filter f) {
    setFilter(f);
    return this;
  }

  /**
   * Sets the rows of an insert path without copying: the caller hands over a list and maps that it built for
   * this call alone, mutable, and that nothing else holds.
   *
   * @param r the rows
   * @return this
   */
  public CallState withRowsOwned(List<Map<String, Object>> r) {
    replaceRows(r);
    return this;
  }

  /**
   * Sets the rows of an insert path (copied into mutable maps).
   *
   * @param r the rows
   * @return this
   */
  public CallState withRows(List<Map<String, Object>> r) {
    List<Map<String, Object>> copy = new ArrayList<>(r.size());
    for (Map<String, Object> m : r) {
      copy.add(new LinkedHashMap<>(m));
    }
    replaceRows(copy);
    return this;
  }

  /**
   * Sets the initial update.
   *
   * @param u the update
   * @return this
   */
  public CallState withUpdate(Update u) {
    setUpdate(u);
    return this;
  }

  /**
   * Sets the request object.
   *
   * @param r the request
   * @return this
   */
  public CallState withRequest(Object r) {
    this.request = r;
    return this;
  }

  /**
   * Sets the batch statements.
   *
   * @param statements the statements
   * @return this
   */
  public CallState withBatch(List<BatchStatement> statements) {
    this.batch = List.copyOf(statements);
    return this;
  }

  /**
   * Returns the short-circuit result.
   *
   * @return the result a before-hook supplied
   */
  public Object shortCircuitResult() {
    return shortCircuitResult;
  }

  @Override
  public TableDef table() {
    return table;
  }

  @Override
  public CallContext callContext() {
    if (effective == null) {
      effective = CallContext.current().merge(view);
    }
    return effective;
  }

  @Override
  public Optional<Object> id() {
    return Optional.ofNullable(id);
  }

  @Override
  public void convertDeleteToUpdate(Update newUpdate) {
    Operation operation = operation();
    if (operation != Operation.DELETE && operation != Operation.DELETE_MANY) {
      throw new IllegalStateException("only DELETE and DELETE_MANY can be converted to an update, not " + operation);
    }
    if (physical) {
      // purge and archive delete physically by definition: the hooks (and audit) see a delete, not an update.
      return;
    }
    convertToUpdate(newUpdate);
  }

  /**
   * Marks a delete call as physical by definition ({@code purgeByFilter}, {@code archiveByFilter}): a hook's
   * {@link #convertDeleteToUpdate} is then not applied, so the call stays a delete for every hook.
   *
   * @return this state
   * @since 0.3.0
   */
  public CallState physicalDelete() {
    this.physical = true;
    return this;
  }

  @Override
  public List<BatchStatement> batchStatements() {
    return batch;
  }

  @Override
  public void setBatchStatements(List<BatchStatement> statements) {
    Objects.requireNonNull(statements, "statements");
    if (statements.size() != batch.size()) {
      throw new IllegalArgumentException("a hook may rewrite batch statements but not change their count ("
          + batch.size() + " -> " + statements.size() + ")");
    }
    this.batch = List.copyOf(statements);
  }

  @Override
  public void rewriteBatch(UnaryOperator<BatchStatement> rewrite) {
    Objects.requireNonNull(rewrite, "rewrite");
    List<BatchStatement> out = new ArrayList<>(batch.size());
    boolean changed = false;
    String own = table.name();
    for (BatchStatement st : batch) {
      BatchStatement next = st.table().name().equals(own)
          ? Objects.requireNonNull(rewrite.apply(st), "rewritten statement") : st;
      changed |= next != st;
      out.add(next);
    }
    if (changed) {
      setBatchStatements(out);
    }
  }

  @Override
  public void applyToBatch(BeforeHook singleCallHook) {
    Objects.requireNonNull(singleCallHook, "singleCallHook");
    if (operation() != Operation.BATCH) {
      throw new IllegalStateException("applyToBatch is for BATCH calls, not " + operation());
    }
    rewriteBatch(st -> {
      StatementCall call = new StatementCall(this, st);
      singleCallHook.before(call);
      return call.toStatement();
    });
  }

  @Override
  public Optional<Object> request() {
    return Optional.ofNullable(requestValue());
  }

  /**
   * Returns the request without wrapping it (hot paths), carrying the current scope filter when it is a request
   * with a filter.
   *
   * @return the request, or null
   */
  public Object requestValue() {
    Filter carried = filterOf(request);
    Filter filter = filter();
    if (carried != null && carried != filter) {
      // One source of truth: the request reads back with the filter hooks narrowed.
      request = withFilter(request, filter);
    }
    return request;
  }

  @Override
  public void setRequest(Object newRequest) {
    Objects.requireNonNull(newRequest, "request");
    if (request != null && request.getClass() != newRequest.getClass()) {
      throw new IllegalArgumentException("request of " + operation() + " must stay a "
          + request.getClass().getSimpleName() + ", not " + newRequest.getClass().getSimpleName());
    }
    this.request = newRequest;
    Filter carried = filterOf(newRequest);
    if (carried != null) {
      setFilter(carried);
    }
  }

  /** The filter a request carries, or null for requests without one. */
  private static Filter filterOf(Object r) {
    if (r instanceof PageRequest) {
      return ((PageRequest) r).filter();
    }
    if (r instanceof KeysetRequest) {
      return ((KeysetRequest) r).filter();
    }
    if (r instanceof AggregateRequest) {
      return ((AggregateRequest) r).filter();
    }
    return null;
  }

  private static Object withFilter(Object r, Filter f) {
    if (r instanceof PageRequest) {
      return ((PageRequest) r).withFilter(f);
    }
    if (r instanceof KeysetRequest) {
      return ((KeysetRequest) r).withFilter(f);
    }
    return ((AggregateRequest) r).where(f);
  }

  @Override
  public Map<String, Object> attributes() {
    if (attributes == null) {
      attributes = new LinkedHashMap<>();
    }
    return attributes;
  }

  @Override
  public void shortCircuit(Object result) {
    if (operation().isWrite()) {
      throw new IllegalStateException("only reads can be short-circuited, not " + operation());
    }
    this.shortCircuited = true;
    this.shortCircuitResult = result;
  }

  @Override
  public boolean isShortCircuited() {
    return shortCircuited;
  }

  /** The driver of the call, or null; the engine runs before-commit hooks in its write transaction. */
  SqliteDriver driver() {
    return driver;
  }

  /** The kit's write hand-off, or null. */
  WriteOwner owner() {
    return owner;
  }

  /** The transactions of a driverless kit, or null; the engine runs before-commit hooks in their write. */
  Transactions transactions() {
    return transactions;
  }

  @Override
  public boolean inTransaction() {
    return inTransaction;
  }

  @Override
  public void afterCommit(Runnable action) {
    Objects.requireNonNull(action, "action");
    if (driver != null) {
      driver.afterCommit(action);
    } else if (transactions != null) {
      transactions.afterCommit(action);
    } else {
      action.run();
    }
  }

  @Override
  public void afterCompletion(Runnable action) {
    Objects.requireNonNull(action, "action");
    if (driver != null) {
      driver.afterCompletion(action);
    } else if (transactions != null) {
      transactions.afterCompletion(action);
    } else {
      action.run();
    }
  }
}
