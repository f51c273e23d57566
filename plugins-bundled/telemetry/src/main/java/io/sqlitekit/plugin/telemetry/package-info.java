/**
 * The tracing plugin: {@link io.sqlitekit.plugin.telemetry.TelemetryPlugin} builds it from an
 * {@code OpenTelemetry} instance and {@link io.sqlitekit.plugin.telemetry.TelemetryOptions}.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.plugin.telemetry;
