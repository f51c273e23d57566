/**
 * The OpenTelemetry audit exporter: {@link io.sqlitekit.plugin.audit.otel.OtelAuditExporter}, configured by
 * {@link io.sqlitekit.plugin.audit.otel.OtelAuditOptions}.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.plugin.audit.otel;
