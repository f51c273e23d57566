package io.sqlitekit.plugin.audit.internal;

import io.sqlitekit.plugin.audit.AuditOptions;
import io.sqlitekit.plugin.audit.AuditPlugin;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.EnumSet;
import java.util.Locale;
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
    AuditOptions o = AuditOptions.defaults();
    String exporters = "slf4j";
    for (Map.Entry<String, String> e : options.entrySet()) {
      String[] values = split(e.getValue());
      switch (e.getKey()) {
        case "exporters":
          exporters = e.getValue() == null ? "" : e.getValue();
          break;
        case "redact":
          o = o.withRedactedFields(values);
          break;
        case "operations":
          EnumSet<Operation> ops = EnumSet.noneOf(Operation.class);
          for (String v : values) {
            try {
              ops.add(Operation.valueOf(v.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException ex) {
              throw new ConfigurationException(String.format(Locale.ROOT,
                  "audit plugin: unknown operation %s in option \"operations\"", Messages.quote(v)), ex);
            }
          }
          try {
            o = o.withOperations(ops);
          } catch (IllegalArgumentException ex) {
            throw new ConfigurationException("audit plugin: " + ex.getMessage(), ex);
          }
          break;
        default:
          throw new ConfigurationException(String.format(Locale.ROOT,
              "audit plugin: unknown option %s (expected exporters, redact, operations)",
              Messages.quote(e.getKey())));
      }
    }
    return AuditPlugin.create(o.withExporterNames(split(exporters)));
  }

  private static String[] split(String value) {
    if (value == null || value.isBlank()) {
      return new String[0];
    }
    return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .toArray(String[]::new);
  }
}
