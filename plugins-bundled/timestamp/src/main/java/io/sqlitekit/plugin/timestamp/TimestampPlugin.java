package io.sqlitekit.plugin.timestamp;

import io.sqlitekit.plugin.timestamp.internal.TimestampHooks;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Objects;

/**
 * Creates the timestamp plugin ({@code "timestamp"}).
 *
 * <p><b>Inserts</b> (create, createMany, upsert, getOrCreate, the insert of an upserting findOneAndUpdate,
 * batch inserts and upserts): {@code createdAt} is set when the row leaves it absent or null, and
 * {@code updatedAt} when absent or null, to the same value as {@code createdAt}. All rows of one call get
 * the same instant.
 *
 * <p><b>Updates</b> (update, updateMany, findOneAndUpdate, increment, the conflict update of upsert, batch
 * updates and upserts, and deletes that the soft-delete plugin turned into updates): {@code updatedAt} is
 * set to now, replacing any value the caller gave; {@code createdAt} is never touched, and an upsert that
 * hits an existing row keeps that row's {@code createdAt}.
 *
 * <p>Values come from the kit's {@link java.time.Clock} at millisecond precision and are written as
 * {@link java.time.Instant}, so each column stores them in its own mode (ISO-8601 text, epoch milliseconds
 * or epoch seconds); a plain TEXT column gets ISO-8601 text and a plain INTEGER column epoch milliseconds.
 * The hooks run just after the other {@link io.sqlitekit.spi.plugin.HookPriority#POLICY} hooks, so they see
 * deletes converted by soft-delete. Installing fails with a
 * {@link io.sqlitekit.spi.error.ConfigurationException} naming the table when a stamped field is missing or
 * has an unsuitable type. Thread-safe.
 *
 * <pre>{@code
 * SqliteKit kit = SqliteKit.builder().url(url)
 *     .plugin(TimestampPlugin.create(TimestampOptions.defaults().withoutCreated()))
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class TimestampPlugin {
  /** The name the plugin is enabled by. */
  public static final String NAME = "timestamp";

  private TimestampPlugin() {
  }

  /**
   * Creates the plugin.
   *
   * @param options the options
   * @return the plugin
   * @throws NullPointerException if {@code options} is null
   */
  public static RepositoryPlugin create(TimestampOptions options) {
    return new TimestampHooks(Objects.requireNonNull(options, "options"));
  }
}
