package io.sqlitekit.plugin.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.sqlitekit.plugin.telemetry.TelemetryOptions;
import io.sqlitekit.plugin.telemetry.TelemetryPlugin;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.testsupport.FakeHooks;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tracing hooks against a fake engine (hooks in priority order, as core runs them), spans captured by the SDK's in-memory exporter. */
class TracingHooksTest {
  static final TableDef USERS = TableDef.of("users", Column.text("id").primaryKey(), Column.text("email"));

  private InMemorySpanExporter spans;
  private OpenTelemetrySdk otel;
  private FakeHooks engine;

  @BeforeEach
  void setUp() {
    spans = InMemorySpanExporter.create();
    otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .build();
    engine = new FakeHooks(USERS, Clock.systemUTC());
    new TracingHooks(otel, TelemetryOptions.defaults().withNamespace("app.db")).install(engine);
  }

  @AfterEach
  void tearDown() {
    otel.close();
  }

  @Test
  @SuppressWarnings("try") // the scope is used for its side effect
  void span_isAChildOfTheCurrentSpan_andCurrentDuringTheCall() {
    Span parent = otel.getTracer("app").spanBuilder("request").startSpan();
    String[] currentDuringCall = new String[1];
    try (Scope ignored = parent.makeCurrent()) {
      engine.call(Operation.GET_ONE, null, Filters.eq("email", "secret@x"), CallContext.empty(), () -> {
        currentDuringCall[0] = Span.current().getSpanContext().getSpanId();
        return java.util.Optional.empty();
      });
      assertEquals(parent.getSpanContext().getSpanId(), Span.current().getSpanContext().getSpanId(),
          "the caller's span is current again after the call");
    } finally {
      parent.end();
    }
    SpanData db = spans.getFinishedSpanItems().get(0);
    assertEquals(SpanKind.CLIENT, db.getKind());
    assertEquals(parent.getSpanContext().getSpanId(), db.getParentSpanId());
    assertEquals(db.getSpanId(), currentDuringCall[0]);
    assertEquals("SELECT users", db.getName());
    assertEquals("getOne", db.getAttributes().get(AttributeKey.stringKey("db.operation.name")));
    assertEquals("sqlite", db.getAttributes().get(AttributeKey.stringKey("db.system.name")));
    assertEquals("app.db", db.getAttributes().get(AttributeKey.stringKey("db.namespace")));
    assertEquals("users", db.getAttributes().get(AttributeKey.stringKey("db.collection.name")));
    assertEquals(TelemetryPlugin.SCOPE_NAME, db.getInstrumentationScopeInfo().getName());
    assertFalse(db.toString().contains("secret@x"));
  }

  @Test
  void failure_setsErrorTypeAndStatus() {
    assertThrows(ValidationException.class, () -> engine.call(Operation.CREATE, null, Filters.all(),
        CallContext.empty(), () -> {
          throw new ValidationException("email", "bad email");
        }));
    SpanData db = spans.getFinishedSpanItems().get(0);
    assertEquals(StatusCode.ERROR, db.getStatus().getStatusCode());
    assertEquals(ValidationException.class.getName(), db.getAttributes().get(AttributeKey.stringKey("error.type")));
    assertEquals(null, db.getAttributes().get(AttributeKey.stringKey("db.response.status_code")));
    assertEquals(List.of("exception"), db.getEvents().stream().map(e -> e.getName()).toList());
    assertFalse(Span.current().getSpanContext().isValid(), "no scope leaked");
  }
}
