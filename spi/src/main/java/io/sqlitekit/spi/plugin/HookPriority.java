package io.sqlitekit.spi.plugin;

/**
 * Hook priorities: lower runs first; equal priorities run in registration order.
 *
 * <p>Policy (tenant scope, soft delete, TTL, timestamps) rewrites filters and data before validation; the
 * cache computes its key only after policy has narrowed the filter; observability (audit, tracing) sees
 * the final state and must not mutate it.
 *
 * @since 0.1.0
 */
public final class HookPriority {
  /** Tenant scope, soft delete, TTL read filter, timestamp stamping. */
  public static final int POLICY = 100;
  /** Payload validation. */
  public static final int VALIDATION = 150;
  /** Read-through cache. */
  public static final int CACHE = 200;
  /** Audit, tracing, metrics. */
  public static final int OBSERVABILITY = 300;
  /** User hooks registered without a priority. */
  public static final int DEFAULT = 500;

  private HookPriority() {
  }
}
