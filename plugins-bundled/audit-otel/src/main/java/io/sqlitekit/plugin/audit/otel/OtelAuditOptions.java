package io.sqlitekit.plugin.audit.otel;

/**
 * Settings of the OpenTelemetry audit exporter. Immutable; copy with the {@code withX} methods.
 *
 * <p>Defaults: both a log record and a span event per entry.
 *
 * @param logRecords emit each entry as a log record through the Logs API
 * @param spanEvents add each entry as an event to the current span (when it is recording)
 * @since 0.1.0
 */
public record OtelAuditOptions(boolean logRecords, boolean spanEvents) {
  /**
   * Returns the defaults: log records and span events.
   *
   * @return the defaults
   */
  public static OtelAuditOptions defaults() {
    return new OtelAuditOptions(true, true);
  }

  /**
   * Returns a copy with log records switched on or off.
   *
   * @param enabled whether to emit log records
   * @return the new options
   */
  public OtelAuditOptions withLogRecords(boolean enabled) {
    return new OtelAuditOptions(enabled, spanEvents);
  }

  /**
   * Returns a copy with span events switched on or off.
   *
   * @param enabled whether to add span events
   * @return the new options
   */
  public OtelAuditOptions withSpanEvents(boolean enabled) {
    return new OtelAuditOptions(logRecords, enabled);
  }
}
