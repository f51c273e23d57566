/**
 * Internal, not API, may change: the tracing hooks, semantic-convention keys and provider.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.plugin.telemetry.internal;
