package io.sqlitekit.plugin.telemetry.internal;

import io.sqlitekit.plugin.telemetry.TelemetryOptions;
import io.sqlitekit.plugin.telemetry.TelemetryPlugin;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Locale;
import java.util.Map;

/**
 * Internal, not API, may change. Makes the tracing plugin available as {@code "telemetry"}, over
 * {@code GlobalOpenTelemetry}.
 *
 * <p>Text options: {@code namespace} (a fixed {@code db.namespace}). Unknown options are rejected.
 */
public final class TelemetryPluginProvider implements PluginProvider {
  /** Creates the provider (ServiceLoader). */
  public TelemetryPluginProvider() {
  }

  @Override
  public String name() {
    return TelemetryPlugin.NAME;
  }

  @Override
  public RepositoryPlugin create(Map<String, String> options) {
    TelemetryOptions o = TelemetryOptions.defaults();
    for (Map.Entry<String, String> e : options.entrySet()) {
      if ("namespace".equals(e.getKey())) {
        o = o.withNamespace(e.getValue() == null ? "" : e.getValue().trim());
      } else {
        throw new ConfigurationException(String.format(Locale.ROOT,
            "telemetry plugin: unknown option %s (expected namespace)", Messages.quote(e.getKey())));
      }
    }
    return new TracingHooks(null, o);
  }

}
