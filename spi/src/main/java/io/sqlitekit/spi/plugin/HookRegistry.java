package io.sqlitekit.spi.plugin;

import io.sqlitekit.spi.StandardRepo;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.table.TableDef;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a plugin sees while it is installed on one repository: the table, the kit's clock and driver, and
 * methods to register hooks.
 *
 * @since 0.1.0
 */
public interface HookRegistry {
  /**
   * Returns the repository's table.
   *
   * @return the definition
   */
  TableDef table();

  /**
   * Returns the kit's clock; plugins never call {@code Instant.now()} directly.
   *
   * @return the clock
   */
  Clock clock();

  /**
   * Returns the SQLite driver behind the repository, for plugins that run their own SQL (DDL, audit
   * table, TTL sweeps). Work submitted on the calling thread inside a repository write joins its
   * transaction.
   *
   * @return the driver, or empty for implementations that are not backed by SQLite
   */
  Optional<SqliteDriver> driver();

  /**
   * Returns a document view of the same repository (all hooks active), for plugin helpers such as a TTL
   * sweep.
   *
   * @return the repository over {@code Map<String, Object>} documents
   */
  StandardRepo<Map<String, Object>, Object> documents();

  /**
   * Registers a before-hook.
   *
   * @param operations the operations it listens to
   * @param priority see {@link HookPriority}
   * @param hook the hook
   */
  void before(Set<Operation> operations, int priority, BeforeHook hook);

  /**
   * Registers an after-hook that receives the result untyped. Prefer {@link #afterResult}: this form stays for
   * plugins written against 0.1 and for wrappers that pass the result on unchanged.
   *
   * @param operations the operations it listens to
   * @param priority see {@link HookPriority}
   * @param hook the hook
   */
  void after(Set<Operation> operations, int priority, AfterHook hook);

  /**
   * Registers a typed after-hook: same phase, ordering and failure semantics as {@link #after}, with the result
   * handed over as a {@link CallResult} (typed by {@link CallResult#of}).
   *
   * @param operations the operations it listens to
   * @param priority see {@link HookPriority}
   * @param hook the hook
   * @since 0.2.0
   */
  default void afterResult(Set<Operation> operations, int priority, ResultHook hook) {
    java.util.Objects.requireNonNull(hook, "hook");
    after(operations, priority, (ctx, result) -> hook.handle(ctx, CallResult.of(ctx.operation(), result)));
  }

  /**
   * Registers a typed before-commit hook: same phase, ordering and failure semantics as
   * {@link #beforeCommit(Set, int, AfterHook)}, with the result handed over as a {@link CallResult}.
   *
   * @param operations the operations it listens to (read operations are ignored)
   * @param priority see {@link HookPriority}
   * @param hook the hook
   * @since 0.2.0
   */
  default void beforeCommitResult(Set<Operation> operations, int priority, ResultHook hook) {
    java.util.Objects.requireNonNull(hook, "hook");
    beforeCommit(operations, priority,
        (AfterHook) (ctx, result) -> hook.handle(ctx, CallResult.of(ctx.operation(), result)));
  }

  /**
   * Registers a before-commit hook: it runs on the writing thread inside the write's transaction, after the
   * operation's SQL ran, with the operation's result, before the transaction commits. Work it submits to
   * {@link #driver()} joins that transaction, so a plugin can write rows that commit or roll back together
   * with the change (an audit table, an outbox). A hook that throws rolls the write back (when the call
   * runs inside a caller's transaction, the caller's transaction fails as usual) and the exception
   * propagates unchanged to the caller and to the error hooks: nothing was committed, so it is not an
   * {@link AfterHookException}. Such hooks run after the before-hooks and before the after-hooks, in
   * priority order. Reads never run them.
   *
   * <p>The default registers the hook as an {@link #after after-hook}: implementations without
   * transactions (an in-memory store, a test double) run it once the write is done, with after-hook
   * semantics. The SQLite kit overrides it.
   *
   * @param operations the operations it listens to (read operations are ignored)
   * @param priority see {@link HookPriority}
   * @param hook the hook, called with the context and the result the call will return
   */
  default void beforeCommit(Set<Operation> operations, int priority, AfterHook hook) {
    after(operations, priority, hook);
  }

  /**
   * Registers a before-commit hook that writes through the write's own session: same phase and ordering as
   * {@link #beforeCommit(Set, int, AfterHook)}, but the hook receives the {@link io.sqlitekit.spi.driver.SqlSession}
   * of the transaction the kit opened for the write (or, inside a caller's transaction, the caller's), so its
   * statements commit or roll back with the change without a nested transaction or savepoint of their own.
   * Prefer it over reaching for {@link #driver()} from a before-commit hook.
   *
   * <p>The default refuses: only a repository backed by a SQLite session can offer one (the SQLite kit
   * overrides it); an in-memory store has no SQL session.
   *
   * @param operations the operations it listens to (read operations are ignored)
   * @param priority see {@link HookPriority}
   * @param hook the hook
   * @throws io.sqlitekit.spi.error.ConfigurationException if the repository has no SQL session to offer
   * @since 0.2.0
   */
  default void beforeCommit(Set<Operation> operations, int priority, SessionHook hook) {
    throw new io.sqlitekit.spi.error.ConfigurationException("a before-commit hook with a SQL session needs a "
        + "SQLite-backed repository; table " + table().name() + " has none");
  }

  /**
   * Registers an error hook.
   *
   * @param operations the operations it listens to
   * @param priority see {@link HookPriority}
   * @param hook the hook
   */
  void onError(Set<Operation> operations, int priority, ErrorHook hook);

  /**
   * Registers a listener for every statement the kit's driver runs, so a plugin can see the SQL of the calls it
   * hooks (tracing sets {@code db.query.text} from it). It is called on the thread that ran the statement, while
   * that thread's call is still inside its hooks, so a plugin correlates statements with its call through
   * thread-bound state it set in a before-hook (for example the current OpenTelemetry context). It sees SQL text,
   * kind, counts and timing, never parameter values; see {@link io.sqlitekit.spi.driver.StatementListener} for
   * what it may do. Registering the same listener instance from several repositories registers it once.
   *
   * <p>The default ignores the listener: an implementation that runs no SQL (an in-memory store) has no
   * statements to report.
   *
   * @param listener the listener
   * @since 0.2.0
   */
  default void onStatement(io.sqlitekit.spi.driver.StatementListener listener) {
    java.util.Objects.requireNonNull(listener, "listener");
  }

  /**
   * Registers something to close with the repository's kit (a scheduled sweeper, for example).
   *
   * @param resource the resource
   */
  void onClose(AutoCloseable resource);
}
