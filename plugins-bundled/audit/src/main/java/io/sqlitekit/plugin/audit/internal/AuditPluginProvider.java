package io.sqlitekit.plugin.audit.internal;

import io.sqlitekit.plugin.audit.AuditOptions;
import io.sqlitekit.plugin.audit.AuditPlugin;
import io.sqlitekit.spi.plugin.PluginOptions;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.List;
import java.util.Map;

/**
 * Internal, not API, may change. Makes the audit plugin available as {@code "audit"}.
 *
 * <p>Text options (comma-separated lists): {@code exporters} (exporter names; default {@code slf4j}),
 * {@code redact} (field names), {@code operations} (operation constant names, writes only). Unknown options
 * are rejected.
 */
public final class AuditPluginProvider implements PluginProvider {
  /** Creates the provider (ServiceLoader). */
  public AuditPluginProvider() {
  }

  @Override
  public String name() {
    return AuditPlugin.NAME;
  }

  @Override
  public RepositoryPlugin create(Map<String, String> options) {
    PluginOptions p = PluginOptions.parse(AuditPlugin.NAME, options, "exporters", "redact", "operations");
    AuditOptions o = p.list(AuditOptions.defaults(), "redact", (t, v) -> t.withRedactedFields(v.toArray(new String[0])));
    o = p.operations(o, "operations", AuditOptions::withOperations);
    List<String> exporters = p.list(List.of("slf4j"), "exporters", (t, v) -> v);
    return AuditPlugin.create(o.withExporterNames(exporters.toArray(new String[0])));
  }
}
