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
import io.sqlitekit.memory.MemoryKit;
import io.sqlitekit.memory.MemoryRepository;
import io.sqlitekit.plugin.telemetry.TelemetryOptions;
import io.sqlitekit.plugin.telemetry.TelemetryPlugin;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tracing plugin on the in-memory kit (the shared hook engine, no database), spans captured by the SDK's
 * in-memory exporter.
 */
class TracingHooksTest {
  static final TableDef USERS = TableDef.of("users", Column.text("id").primaryKey(), Column.text("email"));

  private InMemorySpanExporter spans;
  private OpenTelemetrySdk otel;
  private final List<String> currentAtExecution = new ArrayList<>();
  private MemoryRepository<Map<String, Object>, Object> users;

  @BeforeEach
  void setUp() {
    spans = InMemorySpanExporter.create();
    otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .build();
    // Runs after every other before-hook, just before the kit executes the call.
    RepositoryPlugin probe = new RepositoryPlugin() {
      @Override
      public String name() {
        return "probe";
      }

      @Override
      public void install(HookRegistry registry) {
        registry.before(EnumSet.allOf(Operation.class), Integer.MAX_VALUE,
            ctx -> currentAtExecution.add(Span.current().getSpanContext().getSpanId()));
      }
    };
    users = MemoryKit.builder()
        .plugin(new TracingHooks(otel, TelemetryOptions.defaults().withNamespace("app.db")))
        .plugin(probe)
        .build().documents(USERS);
  }

  @AfterEach
  void tearDown() {
    otel.close();
  }

  @Test
  @SuppressWarnings("try") // the scope is used for its side effect
  void span_isAChildOfTheCurrentSpan_andCurrentDuringTheCall() {
    Span parent = otel.getTracer("app").spanBuilder("request").startSpan();
    try (Scope ignored = parent.makeCurrent()) {
      assertEquals(Optional.empty(), users.getOne(Filters.eq("email", "secret@x")));
      assertEquals(parent.getSpanContext().getSpanId(), Span.current().getSpanContext().getSpanId(),
          "the caller's span is current again after the call");
    } finally {
      parent.end();
    }
    SpanData db = spans.getFinishedSpanItems().get(0);
    assertEquals(SpanKind.CLIENT, db.getKind());
    assertEquals(parent.getSpanContext().getSpanId(), db.getParentSpanId());
    assertEquals(List.of(db.getSpanId()), currentAtExecution, "the call's span is current while the kit executes");
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
    // The kit refuses the row while executing the call, after the span started.
    assertThrows(ValidationException.class, () -> users.create(Map.of("id", "u1", "nickname", "x")));
    SpanData db = spans.getFinishedSpanItems().get(0);
    assertEquals(StatusCode.ERROR, db.getStatus().getStatusCode());
    assertEquals(ValidationException.class.getName(), db.getAttributes().get(AttributeKey.stringKey("error.type")));
    assertEquals(null, db.getAttributes().get(AttributeKey.stringKey("db.response.status_code")));
    assertEquals(List.of("exception"), db.getEvents().stream().map(e -> e.getName()).toList());
    assertFalse(Span.current().getSpanContext().isValid(), "no scope leaked");
  }
}
