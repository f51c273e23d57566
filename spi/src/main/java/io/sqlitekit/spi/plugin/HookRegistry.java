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
   * Registers an after-hook.
   *
   * @param operations the operations it listens to
   * @param priority see {@link HookPriority}
   * @param hook the hook
   */
  void after(Set<Operation> operations, int priority, AfterHook hook);

  /**
   * Registers an error hook.
   *
   * @param operations the operations it listens to
   * @param priority see {@link HookPriority}
   * @param hook the hook
   */
  void onError(Set<Operation> operations, int priority, ErrorHook hook);

  /**
   * Registers something to close with the repository's kit (a scheduled sweeper, for example).
   *
   * @param resource the resource
   */
  void onClose(AutoCloseable resource);
}
