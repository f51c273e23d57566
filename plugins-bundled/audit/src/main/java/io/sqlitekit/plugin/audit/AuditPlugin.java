package io.sqlitekit.plugin.audit;

import io.sqlitekit.plugin.audit.internal.AuditHooks;
import io.sqlitekit.spi.audit.AuditExporter;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Creates the audit plugin ({@code "audit"}).
 *
 * <p>For every audited write that changed something, at {@link io.sqlitekit.spi.plugin.HookPriority#OBSERVABILITY}
 * and on the writing thread, the plugin builds {@link io.sqlitekit.spi.audit.AuditEntry AuditEntries} and hands
 * each to every exporter in order:
 * <ul>
 *   <li>one entry per row for create, createMany, update, increment, upsert, findOneAndUpdate and a
 *       getOrCreate that created; one per statement with changes for batch;</li>
 *   <li>one entry per call for updateMany and deleteMany (id null, {@code affectedRows} = rows changed);</li>
 *   <li>one entry for a delete by id that removed (or, with soft delete, marked) the row;</li>
 *   <li>no entry for a write that changed nothing (an update or delete that missed, a getOrCreate that found).</li>
 * </ul>
 * Each entry carries the actor ({@link io.sqlitekit.spi.CallContext#ACTOR_ID}) and the tenant (the value of
 * the call-context key named {@value #TENANT_KEY_NAME}, which is the multi-tenant plugin's tenant key; read by
 * name, so this plugin needs no multi-tenant dependency) as text, the after image taken from the call's result
 * (for findOneAndUpdate returning the document before the change, the before image instead), the changed
 * fields (inserted fields, or the fields of the update) and the time from the kit's clock. Values of
 * redacted fields are replaced by {@value AuditOptions#REDACTED}.
 *
 * <p>{@linkplain io.sqlitekit.spi.audit.TransactionalAuditExporter Transactional exporters} (such as
 * {@link TableAuditExporter}) run from a before-commit hook
 * ({@link io.sqlitekit.spi.plugin.HookRegistry#beforeCommit(java.util.Set, int, io.sqlitekit.spi.plugin.SessionHook)})
 * and receive the write's session: their rows are part of the write's own transaction (an audited update is
 * exactly {@code BEGIN IMMEDIATE}, the {@code UPDATE}, the audit {@code INSERT}, {@code COMMIT}), also for a
 * single write outside {@code withTransaction}; if one throws, the change rolls back and the caller gets that
 * exception. Every other exporter runs from an after-hook once the change committed (logs and spans cannot be
 * rolled back); if one throws, inside
 * {@code withTransaction} the transaction rolls back, outside the caller gets an
 * {@link io.sqlitekit.spi.plugin.AfterHookException} and the write stays committed. Both phases export the
 * same entries. On implementations without transactions, before-commit hooks run as after-hooks.
 * Thread-safe.
 *
 * <pre>{@code
 * RepositoryPlugin audit = AuditPlugin.create(AuditOptions.defaults()
 *     .withExporterNames("table", "slf4j")
 *     .withRedactedFields("password"));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class AuditPlugin {
  /** The name the plugin is enabled by. */
  public static final String NAME = "audit";

  /**
   * The name of the call-context key whose value entries record as the tenant: the multi-tenant plugin's
   * {@code Tenants.TENANT_ID}, or any key of that name an application declares itself.
   *
   * @since 0.2.0
   */
  public static final String TENANT_KEY_NAME = "tenantId";

  private AuditPlugin() {
  }

  /**
   * Creates the plugin, resolving exporter names among the {@link AuditExporter} services visible to the
   * thread's context class loader (and this module).
   *
   * @param options the options
   * @return the plugin
   * @throws NullPointerException if {@code options} is null
   * @throws ConfigurationException if no exporter is configured, a name is unknown, or two services share
   *     a requested name
   */
  public static RepositoryPlugin create(AuditOptions options) {
    Objects.requireNonNull(options, "options");
    List<AuditExporter> exporters = new ArrayList<>(options.exporters());
    if (!options.exporterNames().isEmpty()) {
      Map<String, AuditExporter> found = discover();
      for (String name : options.exporterNames()) {
        AuditExporter e = found.get(name);
        if (e == null) {
          throw new ConfigurationException(String.format(Locale.ROOT,
              "audit plugin: no AuditExporter named %s (available: %s)", Messages.quote(name), found.keySet()));
        }
        exporters.add(e);
      }
    }
    if (exporters.isEmpty()) {
      throw new ConfigurationException("audit plugin: no exporter configured; add an instance or a name such as "
          + "\"table\" or \"slf4j\"");
    }
    return new AuditHooks(options, exporters);
  }

  private static Map<String, AuditExporter> discover() {
    Map<String, AuditExporter> found = new LinkedHashMap<>();
    ClassLoader tccl = Thread.currentThread().getContextClassLoader();
    List<ServiceLoader<AuditExporter>> loaders = new ArrayList<>();
    loaders.add(ServiceLoader.load(AuditExporter.class, tccl));
    if (tccl != AuditPlugin.class.getClassLoader()) {
      loaders.add(ServiceLoader.load(AuditExporter.class, AuditPlugin.class.getClassLoader()));
    }
    for (ServiceLoader<AuditExporter> loader : loaders) {
      for (AuditExporter e : loader) {
        AuditExporter previous = found.putIfAbsent(e.name(), e);
        if (previous != null && previous.getClass() != e.getClass()) {
          throw new ConfigurationException(String.format(Locale.ROOT,
              "audit plugin: two AuditExporters are named \"%s\": %s and %s", e.name(),
              previous.getClass().getName(), e.getClass().getName()));
        }
      }
    }
    return found;
  }
}
