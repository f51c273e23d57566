package io.sqlitekit.plugin.telemetry.internal;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.sqlitekit.plugin.telemetry.TelemetryOptions;
import io.sqlitekit.plugin.telemetry.TelemetryPlugin;
import io.sqlitekit.spi.driver.StatementEvent;
import io.sqlitekit.spi.driver.StatementListener;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.error.SqliteResultCode;
import io.sqlitekit.spi.plugin.HookContext;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Internal, not API, may change. Starts a span in a before-hook and ends it in an after- or error hook.
 *
 * <p>Ordering: the span starts at OBSERVABILITY, after policy and cache hooks settled the call, and is
 * current while the database work runs. It ends in the <em>first</em> after- or error hook
 * ({@link #END_PRIORITY}), so the span measures the database work and its scope is closed before other
 * plugins' after-hooks run. The engine runs every after-hook even when one throws and then also fires the
 * error hooks, so the span is always ended; a failure of a later after-hook is not recorded on the already
 * ended span (ending is idempotent). The span and its scope live in the call's attributes; the scope is
 * closed on the calling thread, where hooks run.
 *
 * <p>SQL text: the span's context also carries the set of SQL texts of its call; one shared statement listener
 * ({@code HookRegistry.onStatement}) adds each statement run while that context is current, and the span gets
 * them as {@code db.query.text} when it ends. Listeners plugins register never receive values (the kit strips
 * them even when the application's SQL log asked for them), so neither does the span.
 */
public final class TracingHooks implements RepositoryPlugin {
  /** After and error hooks end the span before any other hook of that phase runs. */
  static final int END_PRIORITY = Integer.MIN_VALUE;

  private static final String SPAN = "io.sqlitekit.plugin.telemetry.span";
  private static final String SCOPE = "io.sqlitekit.plugin.telemetry.scope";
  private static final String QUERIES = "io.sqlitekit.plugin.telemetry.queries";

  /** The SQL texts of the traced call running on this thread, found through the span's OpenTelemetry context. */
  private static final ContextKey<Set<String>> QUERY_TEXT = ContextKey.named("io.sqlitekit.plugin.telemetry.sql");

  /**
   * One listener for every repository: it adds each statement's SQL (placeholders, never values) to the call
   * whose span is current on the running thread, and ignores statements outside a traced call and transaction
   * control.
   */
  private static final StatementListener COLLECT_SQL = event -> {
    if (event.kind() == StatementEvent.Kind.TRANSACTION) {
      return;
    }
    Set<String> texts = Context.current().get(QUERY_TEXT);
    if (texts != null) {
      texts.add(event.sql());
    }
  };

  private final OpenTelemetry openTelemetry;
  private final TelemetryOptions options;

  /**
   * Creates the plugin.
   *
   * @param openTelemetry the instance, or null for {@code GlobalOpenTelemetry.get()} at install time
   * @param options the options
   */
  public TracingHooks(OpenTelemetry openTelemetry, TelemetryOptions options) {
    this.openTelemetry = openTelemetry;
    this.options = options;
  }

  @Override
  public String name() {
    return TelemetryPlugin.NAME;
  }

  @Override
  public void install(HookRegistry registry) {
    OpenTelemetry otel = openTelemetry != null ? openTelemetry : GlobalOpenTelemetry.get();
    TracerBuilder tb = otel.getTracerProvider().tracerBuilder(TelemetryPlugin.SCOPE_NAME);
    version().ifPresent(tb::setInstrumentationVersion);
    Tracer tracer = tb.build();
    String table = registry.table().name();
    Optional<String> namespace = options.namespace().isEmpty()
        ? registry.driver().flatMap(d -> DbAttributes.namespaceOf(d.url()))
        : Optional.of(options.namespace());
    registry.onStatement(COLLECT_SQL);
    registry.before(options.operations(), HookPriority.OBSERVABILITY, ctx -> start(tracer, table, namespace, ctx));
    registry.afterResult(options.operations(), END_PRIORITY, (ctx, result) -> end(ctx, null));
    registry.onError(options.operations(), END_PRIORITY, TracingHooks::end);
  }

  /** The version of this module from its descriptor, or of its package on the class path. */
  static Optional<String> version() {
    Module m = TracingHooks.class.getModule();
    if (m.isNamed() && m.getDescriptor() != null) {
      Optional<String> v = m.getDescriptor().rawVersion();
      if (v.isPresent()) {
        return v;
      }
    }
    return Optional.ofNullable(TracingHooks.class.getPackage().getImplementationVersion());
  }

  private static void start(Tracer tracer, String table, Optional<String> namespace, HookContext ctx) {
    if (ctx.isShortCircuited() || ctx.attributes().containsKey(SPAN)) {
      return;
    }
    Operation op = ctx.operation();
    String summary = DbAttributes.verb(op, ctx.deleteConvertedToUpdate()) + " " + table;
    SpanBuilder b = tracer.spanBuilder(summary)
        .setSpanKind(SpanKind.CLIENT)
        .setParent(Context.current())
        .setAttribute(DbAttributes.DB_SYSTEM_NAME, DbAttributes.SQLITE)
        .setAttribute(DbAttributes.DB_COLLECTION_NAME, table)
        .setAttribute(DbAttributes.DB_OPERATION_NAME, DbAttributes.methodName(op))
        .setAttribute(DbAttributes.DB_QUERY_SUMMARY, summary);
    namespace.ifPresent(n -> b.setAttribute(DbAttributes.DB_NAMESPACE, n));
    if (op == Operation.BATCH && ctx.batchStatements().size() > 1) {
      b.setAttribute(DbAttributes.DB_OPERATION_BATCH_SIZE, (long) ctx.batchStatements().size());
    }
    Span span = b.startSpan();
    Set<String> texts = new LinkedHashSet<>();
    ctx.attributes().put(SPAN, span);
    ctx.attributes().put(QUERIES, texts);
    ctx.attributes().put(SCOPE, Context.current().with(span).with(QUERY_TEXT, texts).makeCurrent());
  }

  private static void end(HookContext ctx, RuntimeException error) {
    Object s = ctx.attributes().remove(SPAN);
    Object scope = ctx.attributes().remove(SCOPE);
    Object queries = ctx.attributes().remove(QUERIES);
    if (scope instanceof Scope) {
      ((Scope) scope).close();
    }
    if (!(s instanceof Span)) {
      return;
    }
    Span span = (Span) s;
    if (queries instanceof Set && !((Set<?>) queries).isEmpty()) {
      // Several statements (a page and its count, a batch, the audit insert) are one text, separated as the
      // semantic conventions suggest for batches.
      StringBuilder text = new StringBuilder();
      for (Object q : (Set<?>) queries) {
        text.append(text.length() == 0 ? "" : "; ").append(q);
      }
      span.setAttribute(DbAttributes.DB_QUERY_TEXT, text.toString());
    }
    if (error != null) {
      span.setAttribute(DbAttributes.ERROR_TYPE, error.getClass().getName());
      if (error instanceof RepositoryException) {
        SqliteResultCode code = ((RepositoryException) error).sqliteCode();
        if (code != SqliteResultCode.NONE) {
          span.setAttribute(DbAttributes.DB_RESPONSE_STATUS_CODE, Integer.toString(code.code()));
        }
      }
      span.recordException(error);
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }
}
