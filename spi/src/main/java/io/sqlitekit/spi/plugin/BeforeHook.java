package io.sqlitekit.spi.plugin;

/**
 * Runs before an operation reaches the database; may rewrite the context. Throwing aborts the call
 * (error hooks fire, nothing is written).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface BeforeHook {
  /**
   * Handles the event.
   *
   * @param context the call's context
   */
  void before(HookContext context);
}
