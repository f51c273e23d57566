package io.sqlitekit.spi.plugin;

/**
 * Runs when an operation or one of its before-hooks failed. Exceptions thrown by error hooks are
 * suppressed onto the original error, which always wins.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ErrorHook {
  /**
   * Handles the event.
   *
   * @param context the call's context
   * @param error the failure the caller will receive
   */
  void onError(HookContext context, RuntimeException error);
}
