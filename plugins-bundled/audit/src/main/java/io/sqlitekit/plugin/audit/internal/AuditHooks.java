package io.sqlitekit.plugin.audit.internal;

import io.sqlitekit.plugin.audit.AuditOptions;
import io.sqlitekit.plugin.audit.AuditPlugin;
import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.GetOrCreateResult;
import io.sqlitekit.spi.ReturnDocument;
import io.sqlitekit.spi.UpdateResult;
import io.sqlitekit.spi.audit.AuditEntry;
import io.sqlitekit.spi.audit.AuditExporter;
import io.sqlitekit.spi.audit.TransactionalAuditExporter;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.plugin.HookContext;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import io.sqlitekit.spi.table.TableDef;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Internal, not API, may change. The audit plugin, at OBSERVABILITY over the audited writes, building entries
 * as {@link AuditPlugin} documents and exporting them on the writing thread: table exporters from a
 * before-commit hook (their rows commit or roll back with the change), every other exporter from an
 * after-hook once the change committed. The entries are built once per call and shared by both phases.
 */
public final class AuditHooks implements RepositoryPlugin {
  private final AuditOptions options;
  private static final String ENTRIES = "io.sqlitekit.plugin.audit.entries";

  private final List<AuditExporter> exporters;

  /**
   * Creates the plugin.
   *
   * @param options the options
   * @param exporters the resolved exporters, in order
   */
  public AuditHooks(AuditOptions options, List<AuditExporter> exporters) {
    this.options = options;
    this.exporters = List.copyOf(exporters);
  }

  @Override
  public String name() {
    return AuditPlugin.NAME;
  }

  @Override
  public void install(HookRegistry registry) {
    SqliteDriver driver = registry.driver().orElse(null);
    List<TransactionalAuditExporter> inTransaction = new ArrayList<>();
    List<AuditExporter> afterCommit = new ArrayList<>();
    for (AuditExporter e : exporters) {
      if (e instanceof TransactionalAuditExporter) {
        inTransaction.add((TransactionalAuditExporter) e);
      } else {
        afterCommit.add(e);
      }
    }
    for (TransactionalAuditExporter e : inTransaction) {
      if (driver == null) {
        throw new ConfigurationException(String.format(Locale.ROOT,
            "audit plugin: the %s exporter writes in the change's transaction and needs a SQLite-backed "
                + "repository (table %s)", e.name(), registry.table().name()));
      }
      if (!driver.interactiveTransactions()) {
        // The exporter writes its rows in the change's own transaction; a driver without one (Cloudflare
        // D1) would commit the change and then refuse the audit insert, leaving the change unaudited.
        throw new ConfigurationException(String.format(Locale.ROOT,
            "audit plugin: the %s exporter needs a driver with write transactions, and the driver of %s has"
                + " none (Cloudflare D1 commits each statement on its own); use an after-commit exporter such as"
                + " \"slf4j\" (table %s)", e.name(), driver.url().replaceFirst("\\?.*", ""),
            registry.table().name()));
      }
      String ddl = e.schemaScript();
      if (!ddl.isBlank()) {
        driver.write(s -> {
          s.executeScript(ddl);
          return null;
        });
      }
    }
    Clock clock = registry.clock();
    if (!inTransaction.isEmpty()) {
      // The write's own session: the audit rows join its transaction (no savepoint), and a failed export rolls
      // the change back, so no change commits unaudited.
      registry.beforeCommit(options.operations(), HookPriority.OBSERVABILITY, (ctx, result, session) -> {
        List<AuditEntry> entries = entriesOf(ctx, result, clock);
        if (!entries.isEmpty()) {
          for (TransactionalAuditExporter e : inTransaction) {
            e.export(entries, session);
          }
        }
      });
    }
    if (!afterCommit.isEmpty()) {
      // Logs and telemetry leave the process: only report changes that are committed (or, inside a caller's
      // transaction, that the caller's transaction still holds).
      registry.after(options.operations(), HookPriority.OBSERVABILITY, (ctx, result) -> {
        for (AuditEntry entry : entriesOf(ctx, result, clock)) {
          for (AuditExporter e : afterCommit) {
            e.export(entry);
          }
        }
      });
    }
  }

  @SuppressWarnings("unchecked")
  private List<AuditEntry> entriesOf(HookContext ctx, Object result, Clock clock) {
    Object built = ctx.attributes().get(ENTRIES);
    if (built instanceof List) {
      return (List<AuditEntry>) built;
    }
    List<AuditEntry> entries = entries(ctx, result, clock.instant());
    ctx.attributes().put(ENTRIES, entries);
    return entries;
  }

  List<AuditEntry> entries(HookContext ctx, Object result, Instant now) {
    Set<String> redacted = options.redactedFields();
    TableDef table = ctx.table();
    String pk = table.primaryKey().name();
    CallContext call = ctx.callContext();
    String actor = call.get(CallContext.ACTOR_ID).map(String::valueOf).orElse(null);
    String tenant = call.getByName(AuditPlugin.TENANT_KEY_NAME).map(String::valueOf).orElse(null);
    Builder b = new Builder(ctx.operation(), actor, tenant, now);
    List<AuditEntry> out = new ArrayList<>();
    switch (ctx.operation()) {
      case CREATE:
      case UPSERT: {
        Map<String, Object> after = Images.of(result, redacted);
        out.add(b.entry(table.name(), idOf(after, pk, ctx), Map.of(), after, insertedFields(ctx, 0), 1));
        break;
      }
      case CREATE_MANY: {
        List<?> created = result instanceof List ? (List<?>) result : List.of();
        for (int i = 0; i < created.size(); i++) {
          Map<String, Object> after = Images.of(created.get(i), redacted);
          out.add(b.entry(table.name(), idOf(after, pk, null), Map.of(), after, insertedFields(ctx, i), 1));
        }
        break;
      }
      case GET_OR_CREATE: {
        if (result instanceof GetOrCreateResult && ((GetOrCreateResult<?>) result).created()) {
          Map<String, Object> after = Images.of(((GetOrCreateResult<?>) result).doc(), redacted);
          out.add(b.entry(table.name(), idOf(after, pk, ctx), Map.of(), after, insertedFields(ctx, 0), 1));
        }
        break;
      }
      case UPDATE:
      case INCREMENT:
      case FIND_ONE_AND_UPDATE: {
        Optional<?> row = result instanceof Optional ? (Optional<?>) result : Optional.empty();
        if (row.isPresent()) {
          Map<String, Object> image = Images.of(row.get(), redacted);
          boolean beforeImage = ctx.operation() == Operation.FIND_ONE_AND_UPDATE
              && ctx.request().filter(r -> r instanceof FindOneAndUpdateOptions)
                  .map(r -> ((FindOneAndUpdateOptions) r).returnDocument() == ReturnDocument.BEFORE).orElse(false);
          List<String> changed = new ArrayList<>(ctx.update().fields());
          if (changed.isEmpty()) {
            changed.addAll(insertedFields(ctx, 0));
          }
          out.add(b.entry(table.name(), idOf(image, pk, ctx), beforeImage ? image : Map.of(),
              beforeImage ? Map.of() : image, changed, 1));
        }
        break;
      }
      case UPDATE_MANY: {
        long n = result instanceof UpdateResult ? ((UpdateResult) result).modifiedCount() : 0;
        if (n > 0) {
          out.add(b.entry(table.name(), null, Map.of(), Map.of(), List.copyOf(ctx.update().fields()), n));
        }
        break;
      }
      case DELETE: {
        if (Boolean.TRUE.equals(result)) {
          List<String> changed = ctx.deleteConvertedToUpdate() ? List.copyOf(ctx.update().fields()) : List.of();
          out.add(b.entry(table.name(), ctx.id().map(String::valueOf).orElse(null), Map.of(), Map.of(), changed,
              1));
        }
        break;
      }
      case DELETE_MANY: {
        long n = result instanceof Number ? ((Number) result).longValue() : 0;
        if (n > 0) {
          List<String> changed = ctx.deleteConvertedToUpdate() ? List.copyOf(ctx.update().fields()) : List.of();
          out.add(b.entry(table.name(), null, Map.of(), Map.of(), changed, n));
        }
        break;
      }
      case BATCH:
        batchEntries(ctx, result, b, out);
        break;
      default:
        break;
    }
    return out;
  }

  private void batchEntries(HookContext ctx, Object result, Builder b, List<AuditEntry> out) {
    List<BatchStatement> statements = ctx.batchStatements();
    List<?> results = result instanceof List ? (List<?>) result : List.of();
    for (int i = 0; i < statements.size() && i < results.size(); i++) {
      BatchStatement s = statements.get(i);
      Object r = results.get(i);
      if (!(r instanceof BatchResult) || ((BatchResult<?>) r).changes() <= 0) {
        continue;
      }
      BatchResult<?> br = (BatchResult<?>) r;
      Map<String, Object> after = br.rows().isEmpty() ? Map.of() : Images.of(br.rows().get(0),
          options.redactedFields());
      String pk = s.table().primaryKey().name();
      String id = s.id() != null ? String.valueOf(s.id())
          : after.get(pk) != null ? String.valueOf(after.get(pk))
          : s.data().get(pk) != null ? String.valueOf(s.data().get(pk)) : null;
      List<String> changed;
      switch (s.kind()) {
        case INSERT:
        case UPSERT:
          changed = List.copyOf(s.data().keySet());
          break;
        case UPDATE:
          changed = List.copyOf(s.update().fields());
          break;
        default:
          changed = List.of();
      }
      out.add(b.entry(s.table().name(), id, Map.of(), s.kind() == BatchStatement.Kind.DELETE ? Map.of() : after,
          changed, br.changes()));
    }
  }

  private static List<String> insertedFields(HookContext ctx, int index) {
    List<Map<String, Object>> rows = ctx.rows();
    return index < rows.size() ? List.copyOf(rows.get(index).keySet()) : List.of();
  }

  private static String idOf(Map<String, Object> image, String pk, HookContext ctx) {
    Object id = image.get(pk);
    if (id == null && ctx != null) {
      id = ctx.id().orElse(null);
    }
    return id == null ? null : String.valueOf(id);
  }

  private static final class Builder {
    final Operation operation;
    final String actor;
    final String tenant;
    final Instant timestamp;

    Builder(Operation operation, String actor, String tenant, Instant timestamp) {
      this.operation = operation;
      this.actor = actor;
      this.tenant = tenant;
      this.timestamp = timestamp;
    }

    AuditEntry entry(String table, String id, Map<String, Object> before, Map<String, Object> after,
        List<String> changed, long affected) {
      return new AuditEntry(operation, table, id, actor, tenant, before, after, changed, affected, timestamp);
    }
  }
}
