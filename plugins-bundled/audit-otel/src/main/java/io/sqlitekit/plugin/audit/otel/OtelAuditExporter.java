package io.sqlitekit.plugin.audit.otel;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.LoggerBuilder;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.sqlitekit.plugin.audit.otel.internal.AuditAttributes;
import io.sqlitekit.spi.audit.AuditEntry;
import io.sqlitekit.spi.audit.AuditExporter;
import java.util.Objects;

/**
 * An {@link AuditExporter} named {@code "otel"} that hands each entry to OpenTelemetry: as a log record with
 * event name {@value #EVENT_NAME}, severity INFO and the entry's timestamp, and/or as a span event of the
 * same name on the current span (the caller's span; the telemetry plugin's span has ended by then).
 *
 * <p>Attributes: {@code db.system.name}, {@code db.collection.name} (table), {@code db.operation.name}
 * (repository method) and, under {@code sqlitekit.audit.*}, {@code row_id}, {@code actor}, {@code tenant},
 * {@code changed_fields} (names only) and {@code affected_rows}. Field values (the before/after images) are
 * never exported: telemetry backends are not an audit store; use the table exporter for images.
 *
 * <p>The instrumentation scope is {@value #SCOPE_NAME}, versioned by this module's descriptor. Thread-safe.
 *
 * @since 0.1.0
 */
public final class OtelAuditExporter implements AuditExporter {
  /** The instrumentation scope name. */
  public static final String SCOPE_NAME = "io.sqlitekit.plugin.audit.otel";
  /** The log record's event name and the span event's name. */
  public static final String EVENT_NAME = "sqlitekit.audit";

  private final OpenTelemetry explicit;
  private final OtelAuditOptions options;
  private volatile Logger logger;

  /**
   * Creates an exporter over {@code GlobalOpenTelemetry.get()}, resolved at the first export (also the
   * ServiceLoader constructor).
   */
  public OtelAuditExporter() {
    this.explicit = null;
    this.options = OtelAuditOptions.defaults();
  }

  /**
   * Creates an exporter over the given OpenTelemetry.
   *
   * @param openTelemetry the instance
   * @param options the options
   * @throws NullPointerException if an argument is null
   */
  public OtelAuditExporter(OpenTelemetry openTelemetry, OtelAuditOptions options) {
    this.explicit = Objects.requireNonNull(openTelemetry, "openTelemetry");
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public String name() {
    return "otel";
  }

  @Override
  public void export(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    Attributes attributes = AuditAttributes.of(entry);
    if (options.logRecords()) {
      logger().logRecordBuilder()
          .setEventName(EVENT_NAME)
          .setTimestamp(entry.timestamp())
          .setSeverity(Severity.INFO)
          .setBody(entry.operation().name() + " " + entry.table())
          .setAllAttributes(attributes)
          .emit();
    }
    if (options.spanEvents()) {
      Span span = Span.current();
      if (span.isRecording()) {
        span.addEvent(EVENT_NAME, attributes, entry.timestamp());
      }
    }
  }

  private Logger logger() {
    Logger l = logger;
    if (l == null) {
      OpenTelemetry otel = explicit != null ? explicit : GlobalOpenTelemetry.get();
      LoggerBuilder b = otel.getLogsBridge().loggerBuilder(SCOPE_NAME);
      AuditAttributes.version().ifPresent(b::setInstrumentationVersion);
      l = b.build();
      logger = l;
    }
    return l;
  }
}
