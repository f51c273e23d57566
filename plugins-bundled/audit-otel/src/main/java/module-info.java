/**
 * Exports audit entries to OpenTelemetry: the {@code "otel"} {@link io.sqlitekit.spi.audit.AuditExporter}
 * emits each entry as a log record (Logs API) and/or as an event on the current span. Uses only the
 * OpenTelemetry API; the application supplies the SDK.
 *
 * @provides io.sqlitekit.spi.audit.AuditExporter the {@code "otel"} exporter
 * @since 0.1.0
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.sqlitekit.plugin.audit.otel {
  // OtelAuditExporter implements the spi's AuditExporter and takes its AuditEntry.
  requires transitive io.sqlitekit.spi;
  // OtelAuditExporter's constructor takes the application's OpenTelemetry (an automatic module).
  requires transitive io.opentelemetry.api;
  // Span events go to the span of the current Context.
  requires io.opentelemetry.context;

  exports io.sqlitekit.plugin.audit.otel;

  provides io.sqlitekit.spi.audit.AuditExporter with io.sqlitekit.plugin.audit.otel.OtelAuditExporter;
}
