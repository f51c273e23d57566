package io.sqlitekit.plugin.audit.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.sqlitekit.spi.audit.AuditEntry;
import io.sqlitekit.spi.audit.AuditExporter;
import io.sqlitekit.spi.plugin.Operation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OtelAuditExporterTest {
  private static final Instant AT = Instant.parse("2026-03-04T05:06:07.089Z");

  private InMemoryLogRecordExporter logs;
  private InMemorySpanExporter spans;
  private OpenTelemetrySdk otel;

  @BeforeEach
  void setUp() {
    logs = InMemoryLogRecordExporter.create();
    spans = InMemorySpanExporter.create();
    otel = OpenTelemetrySdk.builder()
        .setLoggerProvider(SdkLoggerProvider.builder()
            .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs)).build())
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .build();
  }

  @AfterEach
  void tearDown() {
    otel.close();
  }

  private static AuditEntry entry() {
    return new AuditEntry(Operation.UPDATE, "users", "u1", "alice", "acme", Map.of(),
        Map.of("id", "u1", "email", "secret@example.com", "password", "hunter2"), List.of("email"), 1, AT);
  }

  @Test
  void export_emitsOneLogRecord_withNamesButNoValues() {
    new OtelAuditExporter(otel, OtelAuditOptions.defaults().withSpanEvents(false)).export(entry());
    List<LogRecordData> records = logs.getFinishedLogRecordItems();
    assertEquals(1, records.size());
    LogRecordData r = records.get(0);
    assertEquals(OtelAuditExporter.SCOPE_NAME, r.getInstrumentationScopeInfo().getName());
    assertEquals(Severity.INFO, r.getSeverity());
    assertEquals(TimeUnit.MILLISECONDS.toNanos(AT.toEpochMilli()), r.getTimestampEpochNanos());
    Attributes a = r.getAttributes();
    assertEquals("sqlite", a.get(AttributeKey.stringKey("db.system.name")));
    assertEquals("users", a.get(AttributeKey.stringKey("db.collection.name")));
    assertEquals("update", a.get(AttributeKey.stringKey("db.operation.name")));
    assertEquals("u1", a.get(AttributeKey.stringKey("sqlitekit.audit.row_id")));
    assertEquals("alice", a.get(AttributeKey.stringKey("sqlitekit.audit.actor")));
    assertEquals("acme", a.get(AttributeKey.stringKey("sqlitekit.audit.tenant")));
    assertEquals(List.of("email"), a.get(AttributeKey.stringArrayKey("sqlitekit.audit.changed_fields")));
    assertEquals(1L, a.get(AttributeKey.longKey("sqlitekit.audit.affected_rows")));
    String everything = a.toString() + r.getBodyValue();
    assertFalse(everything.contains("secret@example.com"), everything);
    assertFalse(everything.contains("hunter2"), everything);
  }

  @Test
  @SuppressWarnings("try") // the scope is used for its side effect
  void export_addsAnEventToTheCurrentSpan() {
    Span span = otel.getTracer("test").spanBuilder("caller").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      new OtelAuditExporter(otel, OtelAuditOptions.defaults().withLogRecords(false)).export(entry());
    } finally {
      span.end();
    }
    assertTrue(logs.getFinishedLogRecordItems().isEmpty());
    SpanData data = spans.getFinishedSpanItems().get(0);
    assertEquals(1, data.getEvents().size());
    EventData event = data.getEvents().get(0);
    assertEquals(OtelAuditExporter.EVENT_NAME, event.getName());
    assertEquals("users", event.getAttributes().get(AttributeKey.stringKey("db.collection.name")));
    assertEquals(TimeUnit.MILLISECONDS.toNanos(AT.toEpochMilli()), event.getEpochNanos());
  }

  @Test
  void export_withoutACurrentSpan_stillLogs() {
    new OtelAuditExporter(otel, OtelAuditOptions.defaults()).export(new AuditEntry(Operation.DELETE_MANY, "users",
        null, null, null, Map.of(), Map.of(), List.of(), 7, AT));
    LogRecordData r = logs.getFinishedLogRecordItems().get(0);
    assertNull(r.getAttributes().get(AttributeKey.stringKey("sqlitekit.audit.row_id")));
    assertEquals("deleteMany", r.getAttributes().get(AttributeKey.stringKey("db.operation.name")));
    assertEquals(7L, r.getAttributes().get(AttributeKey.longKey("sqlitekit.audit.affected_rows")));
    assertTrue(spans.getFinishedSpanItems().isEmpty());
  }

  @Test
  void serviceLoader_findsTheExporterByName() {
    boolean found = false;
    for (AuditExporter e : ServiceLoader.load(AuditExporter.class)) {
      found |= e instanceof OtelAuditExporter && e.name().equals("otel");
    }
    assertTrue(found);
  }
}
