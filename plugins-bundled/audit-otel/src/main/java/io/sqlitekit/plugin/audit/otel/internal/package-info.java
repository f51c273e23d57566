/**
 * Internal, not API, may change: attribute keys and mapping of the OpenTelemetry audit exporter.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.plugin.audit.otel.internal;
