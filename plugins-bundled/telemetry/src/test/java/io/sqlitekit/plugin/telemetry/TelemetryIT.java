package io.sqlitekit.plugin.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.SqliteRepository;
import io.sqlitekit.spi.driver.PragmaPreset;
import io.sqlitekit.spi.error.DuplicateKeyException;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.plugin.AfterHookException;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.RowMapper;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.spi.update.Update;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spans of the telemetry plugin over a real SQLite file, captured by the SDK's in-memory exporter. */
class TelemetryIT {
  /** A user. */
  public record User(String id, String email) {
  }

  static final TableDef USERS = TableDef.of("users", Column.text("id").primaryKey(), Column.text("email").unique());
  static final String SECRET = "secret-value-7f3a@example.com";

  @TempDir
  Path dir;

  private InMemorySpanExporter spans;
  private OpenTelemetrySdk otel;
  private SqliteKit kit;
  private SqliteRepository<User, String> users;

  @BeforeEach
  void open() {
    spans = InMemorySpanExporter.create();
    otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .build();
    kit = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("app.db")).preset(PragmaPreset.PRODUCTION)
        .plugin(TelemetryPlugin.create(otel)).build();
    kit.createTableIfNotExists(USERS);
    users = kit.repository(USERS, RowMapper.forRecord(User.class));
  }

  @AfterEach
  void close() {
    kit.close();
    otel.close();
  }

  private List<SpanData> dbSpans() {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> s.getInstrumentationScopeInfo().getName().equals(TelemetryPlugin.SCOPE_NAME)).toList();
  }

  @Test
  @SuppressWarnings("try") // the scope is used for its side effect
  void operation_getsAClientSpan_childOfTheCallersSpan_withSemconvAttributes() {
    Span parent = otel.getTracer("app").spanBuilder("request").startSpan();
    try (Scope ignored = parent.makeCurrent()) {
      users.create(new User("u1", SECRET));
      users.getById("u1");
      users.update("u1", Update.set("email", SECRET + ".2"));
      users.count(Filters.eq("email", SECRET));
    } finally {
      parent.end();
    }
    List<SpanData> db = dbSpans();
    assertEquals(4, db.size());
    for (SpanData s : db) {
      assertEquals(SpanKind.CLIENT, s.getKind());
      assertEquals(parent.getSpanContext().getSpanId(), s.getParentSpanId());
      assertEquals(parent.getSpanContext().getTraceId(), s.getTraceId());
      assertEquals("sqlite", s.getAttributes().get(AttributeKey.stringKey("db.system.name")));
      assertEquals("users", s.getAttributes().get(AttributeKey.stringKey("db.collection.name")));
      assertEquals("app.db", s.getAttributes().get(AttributeKey.stringKey("db.namespace")));
      assertFalse(s.toString().contains("secret-value"), () -> "a bound value leaked into " + s);
    }
    assertEquals(List.of("create", "getById", "update", "count"), db.stream()
        .map(s -> s.getAttributes().get(AttributeKey.stringKey("db.operation.name"))).toList());
    assertEquals(List.of("INSERT users", "SELECT users", "UPDATE users", "SELECT users"),
        db.stream().map(SpanData::getName).toList());
    assertEquals("INSERT users", db.get(0).getAttributes().get(AttributeKey.stringKey("db.query.summary")));
    AttributeKey<String> text = AttributeKey.stringKey("db.query.text");
    List<String> texts = db.stream().map(s -> s.getAttributes().get(text)).toList();
    assertTrue(texts.get(0).startsWith("INSERT INTO \"users\"") && texts.get(0).contains("?"), texts.get(0));
    assertTrue(texts.get(1).startsWith("SELECT ") && texts.get(1).contains("FROM \"users\""), texts.get(1));
    assertTrue(texts.get(2).startsWith("UPDATE \"users\""), texts.get(2));
    assertTrue(texts.get(3).startsWith("SELECT count(*)") || texts.get(3).startsWith("SELECT COUNT(*)"), texts.get(3));
    for (String t : texts) {
      assertFalse(t.contains("secret-value") || t.contains("BEGIN") || t.contains("COMMIT"),
          "placeholders only, no transaction control: " + t);
    }
    assertTrue(db.get(0).getInstrumentationScopeInfo().getName().equals("io.sqlitekit.plugin.telemetry"));
  }

  @Test
  void valuesRequestedByTheSqlLog_neverReachTheSpan() {
    List<String> loggedValues = new java.util.concurrent.CopyOnWriteArrayList<>();
    io.sqlitekit.spi.driver.StatementListener valuesLog = new io.sqlitekit.spi.driver.StatementListener() {
      @Override
      public void onStatement(io.sqlitekit.spi.driver.StatementEvent event) {
        loggedValues.add(event.values().toString());
      }

      @Override
      public boolean wantsValues() {
        return true;
      }
    };
    try (SqliteKit logged = SqliteKit.builder().url("jdbc:sqlite:" + dir.resolve("logged.db"))
        .statementListener(valuesLog).plugin(TelemetryPlugin.create(otel)).build()) {
      logged.createTableIfNotExists(USERS);
      SqliteRepository<User, String> repo = logged.repository(USERS, RowMapper.forRecord(User.class));
      repo.create(new User("u1", SECRET));
      repo.findAll(Filters.eq("email", SECRET));
    }
    assertTrue(loggedValues.stream().anyMatch(v -> v.contains(SECRET)), "the SQL log asked for and got values");
    List<SpanData> db = dbSpans();
    assertEquals(2, db.size());
    for (SpanData s : db) {
      String t = s.getAttributes().get(AttributeKey.stringKey("db.query.text"));
      assertTrue(t != null && t.contains("?"), String.valueOf(t));
      assertFalse(s.toString().contains("secret-value"), () -> "a bound value leaked into " + s);
    }
  }

  @Test
  void statementsOutsideATracedCall_reachNoSpan_andEveryRepositoryShareOneListener() {
    kit.execute("CREATE TABLE other (x INTEGER)");
    SqliteRepository<User, String> second = kit.repository(USERS, RowMapper.forRecord(User.class));
    second.getById("a");
    users.getById("b");
    List<SpanData> db = dbSpans();
    assertEquals(2, db.size());
    for (SpanData s : db) {
      String t = s.getAttributes().get(AttributeKey.stringKey("db.query.text"));
      assertFalse(t.contains("CREATE TABLE") || t.contains(";"), "one statement, once, no DDL: " + t);
    }
  }

  @Test
  void withoutACurrentSpan_theSpanIsARoot() {
    users.getById("nobody");
    SpanData s = dbSpans().get(0);
    assertFalse(s.getParentSpanContext().isValid());
  }

  @Test
  void failure_isRecordedWithErrorTypeAndStatusCode() {
    users.create(new User("u1", SECRET));
    assertThrows(DuplicateKeyException.class, () -> users.create(new User("u2", SECRET)));
    SpanData failed = dbSpans().get(1);
    assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());
    assertEquals(DuplicateKeyException.class.getName(),
        failed.getAttributes().get(AttributeKey.stringKey("error.type")));
    assertEquals("2067", failed.getAttributes().get(AttributeKey.stringKey("db.response.status_code")));
    assertFalse(failed.getAttributes().toString().contains("secret-value"));
  }

  @Test
  void failingAfterHook_leavesNoScopeOpen_andTheSpanEnded() {
    RepositoryPlugin failing = new RepositoryPlugin() {
      @Override
      public String name() {
        return "failing-after-hook";
      }

      @Override
      public void install(HookRegistry registry) {
        registry.after(java.util.EnumSet.of(Operation.CREATE), HookPriority.DEFAULT, (ctx, result) -> {
          throw new IllegalStateException("exporter down");
        });
      }
    };
    SqliteRepository<User, String> repo = kit.repository(USERS, RowMapper.forRecord(User.class), List.of(failing));
    assertThrows(AfterHookException.class, () -> repo.create(new User("u9", "z@x")));
    assertFalse(Span.current().getSpanContext().isValid(), "no span left current on the thread");
    assertEquals(1, dbSpans().size(), "the span ended although a later after-hook failed");
  }

  @Test
  void batch_recordsItsSize() {
    users.batch(b -> List.of(b.insert(new User("a", "a@x")), b.insert(new User("b", "b@x"))));
    SpanData s = dbSpans().get(0);
    assertEquals("batch", s.getAttributes().get(AttributeKey.stringKey("db.operation.name")));
    assertEquals(2L, s.getAttributes().get(AttributeKey.longKey("db.operation.batch.size")));
  }
}
