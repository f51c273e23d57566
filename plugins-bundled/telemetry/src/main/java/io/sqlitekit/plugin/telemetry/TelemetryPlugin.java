package io.sqlitekit.plugin.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.sqlitekit.plugin.telemetry.internal.TracingHooks;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Objects;

/**
 * Creates the tracing plugin ({@code "telemetry"}).
 *
 * <p>Each traced repository call gets one span of kind CLIENT, started by a before-hook at
 * {@link io.sqlitekit.spi.plugin.HookPriority#OBSERVABILITY} as a child of the caller's current
 * {@code Context}, made current while the database work runs, and ended before any other after-hook (or
 * error hook) runs, so that a failing hook can never leave it open.
 * A read answered by a before-hook (a cache hit) gets no span. Attributes follow the database semantic
 * conventions: {@code db.system.name=sqlite}, {@code db.namespace} (the database file name),
 * {@code db.collection.name} (the table), {@code db.operation.name} (the repository method, for example
 * {@code getById}), {@code db.query.summary} (for example {@code SELECT users}),
 * {@code db.operation.batch.size} for batches of two or more statements, and on failure
 * {@code error.type} (the exception class), {@code db.response.status_code} (the SQLite result code, when
 * there is one) and an ERROR status with the exception recorded. {@code db.query.text} carries the SQL the call
 * ran (with {@code ?} placeholders; several statements separated by {@code "; "}, transaction control left out),
 * on a kit that reports statements to plugins ({@code HookRegistry.onStatement}; the in-memory kit runs no SQL).
 * Bound values and row data are never recorded.
 *
 * <p>The tracer's scope is {@value #SCOPE_NAME}, versioned by this module's descriptor. Thread-safe.
 *
 * @since 0.1.0
 */
public final class TelemetryPlugin {
  /** The name the plugin is enabled by. */
  public static final String NAME = "telemetry";
  /** The instrumentation scope name. */
  public static final String SCOPE_NAME = "io.sqlitekit.plugin.telemetry";

  private TelemetryPlugin() {
  }

  /**
   * Creates the plugin over {@code GlobalOpenTelemetry.get()}, resolved when the plugin is installed.
   *
   * @return the plugin
   */
  public static RepositoryPlugin create() {
    return new TracingHooks(null, TelemetryOptions.defaults());
  }

  /**
   * Creates the plugin over the given OpenTelemetry.
   *
   * @param openTelemetry the OpenTelemetry instance
   * @return the plugin
   * @throws NullPointerException if {@code openTelemetry} is null
   */
  public static RepositoryPlugin create(OpenTelemetry openTelemetry) {
    return create(openTelemetry, TelemetryOptions.defaults());
  }

  /**
   * Creates the plugin over the given OpenTelemetry with options.
   *
   * @param openTelemetry the OpenTelemetry instance
   * @param options the options
   * @return the plugin
   * @throws NullPointerException if an argument is null
   */
  public static RepositoryPlugin create(OpenTelemetry openTelemetry, TelemetryOptions options) {
    return new TracingHooks(Objects.requireNonNull(openTelemetry, "openTelemetry"),
        Objects.requireNonNull(options, "options"));
  }
}
