package io.sqlitekit.plugin.audit.internal;

import io.sqlitekit.plugin.audit.AuditOptions;
import io.sqlitekit.plugin.audit.AuditPlugin;
import io.sqlitekit.spi.BatchResult;
import io.sqlitekit.spi.BatchStatement;
import io.sqlitekit.spi.CallContext;
import io.sqlitekit.spi.FindOneAndUpdateOptions;
import io.sqlitekit.spi.ReturnDocument;
import io.sqlitekit.spi.audit.AuditEntry;
import io.sqlitekit.spi.audit.AuditExporter;
import io.sqlitekit.spi.audit.TransactionalAuditExporter;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.plugin.CallResult;
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
      registry.afterResult(options.operations(), HookPriority.OBSERVABILITY, (ctx, result) -> {
        for (AuditEntry entry : entriesOf(ctx, result, clock)) {
          for (AuditExporter e : afterCommit) {
            e.export(entry);
          }
        }
      });
    }
  }

  @SuppressWarnings("unchecked")
  private List<AuditEntry> entriesOf(HookContext ctx, CallResult result, Clock clock) {
    Object built = ctx.attributes().get(ENTRIES);
    if (built instanceof List) {
      return (List<AuditEntry>) built;
    }
    List<AuditEntry> entries = entries(ctx, result, clock.instant());
    ctx.attributes().put(ENTRIES, entries);
    return entries;
  }

  List<AuditEntry> entries(HookContext ctx, CallResult typed, Instant now) {
    Set<String> redacted = options.redactedFields();
    TableDef table = ctx.table();
    String pk = table.primaryKey().name();
    CallContext call = ctx.callContext();
    String actor = call.get(CallContext.ACTOR_ID).map(String::valueOf).orElse(null);
    String tenant = call.getByName(AuditPlugin.TENANT_KEY_NAME).map(String::valueOf).orElse(null);
    Builder b = new Builder(ctx.operation(), actor, tenant, now);
    List<AuditEntry> out = new ArrayList<>();
    if (typed instanceof CallResult.Written written) {
      // One entry per stored row; an update-kind call records the update's fields, an insert the row's fields.
      List<Object> rows = written.rows();
      boolean update = ctx.operation().kind() == Operation.Kind.UPDATE;
      boolean beforeImage = ctx.request(FindOneAndUpdateOptions.class)
          .map(o -> o.returnDocument() == ReturnDocument.BEFORE).orElse(false);
      for (int i = 0; i < rows.size(); i++) {
        Map<String, Object> image = Images.of(rows.get(i), redacted);
        List<String> changed = update ? new ArrayList<>(ctx.update().fields()) : insertedFields(ctx, i);
        if (changed.isEmpty()) {
          changed = insertedFields(ctx, i);
        }
        out.add(b.entry(table.name(), idOf(image, pk, rows.size() == 1 ? ctx : null), beforeImage ? image : Map.of(),
            beforeImage ? Map.of() : image, changed, 1));
      }
    } else if (typed instanceof CallResult.Counted counted) {
      long n = counted.rows();
      if (n > 0) {
        boolean byId = ctx.operation() == Operation.DELETE;
        boolean updated = ctx.operation() == Operation.UPDATE_MANY || ctx.deleteConvertedToUpdate();
        out.add(b.entry(table.name(), byId ? ctx.id().map(String::valueOf).orElse(null) : null, Map.of(), Map.of(),
            updated ? List.copyOf(ctx.update().fields()) : List.of(), n));
      }
    } else if (typed instanceof CallResult.Batched batched) {
      batchEntries(ctx, batched.results(), b, out);
    }
    return out;
  }

  private void batchEntries(HookContext ctx, List<BatchResult<?>> results, Builder b, List<AuditEntry> out) {
    List<BatchStatement> statements = ctx.batchStatements();
    for (int i = 0; i < statements.size() && i < results.size(); i++) {
      BatchStatement s = statements.get(i);
      BatchResult<?> br = results.get(i);
      if (br.changes() <= 0) {
        continue;
      }
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
