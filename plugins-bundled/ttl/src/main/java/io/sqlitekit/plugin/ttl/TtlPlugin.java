package io.sqlitekit.plugin.ttl;

import io.sqlitekit.plugin.ttl.internal.TtlHooks;
import io.sqlitekit.spi.ContextKey;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Objects;

/**
 * Creates the TTL plugin ({@code "ttl"}) and declares its context key, {@link #INCLUDE_EXPIRED}.
 *
 * <p><b>Reads:</b> in every mode a before-hook at {@link io.sqlitekit.spi.plugin.HookPriority#POLICY} narrows
 * every read (getById, getByIds, getOne, findAll, getAll, stream, count, exists, distinct, aggregate) to
 * {@code expiry IS NULL OR expiry > now}, with "now" from the kit's clock at millisecond precision, unless
 * the call context sets {@link #INCLUDE_EXPIRED}. Writes are not narrowed. On a SQLite-backed kit the live filter
 * is declared as a {@link io.sqlitekit.spi.plugin.TimeVariantFilter}, so a read cache reuses an answer until the
 * next stored expiry and never serves an expired row.
 *
 * <p><b>Removal:</b> see {@link TtlMode}. Sweeps delete through the driver in batches of
 * {@link TtlOptions#batchSize()} rows, each batch its own short write transaction, so other writers get the
 * lock between batches. Sweeps and the trigger bypass repository hooks (no audit entries, no cache
 * invalidation; the read filter already hides those rows).
 *
 * <p>Installing checks that the field is an ISO-8601 or epoch-millisecond timestamp column; TRIGGER mode
 * creates its trigger and expiry index then, so the table must exist. Thread-safe.
 *
 * <pre>{@code
 * SqliteKit kit = SqliteKit.builder().url(url)
 *     .plugin(TtlPlugin.create(TtlOptions.defaults().withMode(TtlMode.LAZY)))
 *     .build();
 * long removed = TtlSweeper.sweepExpired(sessions);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class TtlPlugin {
  /** The name the plugin is enabled by. */
  public static final String NAME = "ttl";

  /**
   * When set to true, reads also see expired rows. It {@linkplain ContextKey#scopesReads() scopes reads}, so
   * a read cache keeps such reads apart.
   *
   * @since 0.2.0
   */
  public static final ContextKey<Boolean> INCLUDE_EXPIRED = ContextKey.scopingReads("includeExpired", Boolean.class);

  private TtlPlugin() {
  }

  /**
   * Creates the plugin.
   *
   * @param options the options
   * @return the plugin
   * @throws NullPointerException if {@code options} is null
   */
  public static RepositoryPlugin create(TtlOptions options) {
    return new TtlHooks(Objects.requireNonNull(options, "options"));
  }
}
