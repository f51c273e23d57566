package io.sqlitekit.plugin.telemetry.internal;

import io.sqlitekit.plugin.telemetry.TelemetryOptions;
import io.sqlitekit.plugin.telemetry.TelemetryPlugin;
import io.sqlitekit.spi.plugin.PluginOptions;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
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
    PluginOptions p = PluginOptions.parse(TelemetryPlugin.NAME, options, "namespace", "operations");
    TelemetryOptions o = p.text(TelemetryOptions.defaults(), "namespace", TelemetryOptions::withNamespace);
    o = p.operations(o, "operations", TelemetryOptions::withOperations);
    return new TracingHooks(null, o);
  }
}
