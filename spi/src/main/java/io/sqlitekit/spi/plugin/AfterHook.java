package io.sqlitekit.spi.plugin;

/**
 * Runs after an operation succeeded, with its result. For a write outside a transaction, the write is
 * already committed: an after-hook that throws does not undo it, and the caller receives an
 * {@link AfterHookException} that carries the committed result. Inside {@code withTransaction} the
 * exception rolls the transaction back like any other.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AfterHook {
  /**
   * Handles the event.
   *
   * @param context the call's context
   * @param result the result the call returns (an {@code Optional}, list, page, count…)
   */
  void after(HookContext context, Object result);
}
