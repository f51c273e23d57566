package io.sqlitekit.spi.plugin;

/**
 * A typed after-hook: receives the call's result as a {@link CallResult} ({@code Written}, {@code Counted},
 * {@code Batched} or {@code Read}), so a plugin switches over the four kinds and a change of a repository
 * method's return type fails to compile in {@link CallResult#of} instead of failing in plugins at run time.
 * Registered with {@link HookRegistry#afterResult} or {@link HookRegistry#beforeCommitResult}; it runs with the
 * semantics of the phase it is registered for ({@link AfterHook} or before-commit).
 *
 * <pre>{@code
 * registry.afterResult(Operation.writes(), HookPriority.OBSERVABILITY, (ctx, result) -> {
 *   if (result instanceof CallResult.Written w) { w.rows().forEach(this::publish); }
 * });
 * }</pre>
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface ResultHook {
  /**
   * Handles the result.
   *
   * @param context the call's context
   * @param result the typed result the call returns
   */
  void handle(HookContext context, CallResult result);
}
