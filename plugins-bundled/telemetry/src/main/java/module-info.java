/**
 * The tracing plugin ({@code "telemetry"}): one OpenTelemetry CLIENT span per repository operation, with the
 * database semantic-convention attributes and never a bound value. Uses only the OpenTelemetry API; the
 * application supplies the SDK.
 *
 * @provides io.sqlitekit.spi.plugin.PluginProvider the {@code "telemetry"} plugin
 * @since 0.1.0
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.sqlitekit.plugin.telemetry {
  // TelemetryOptions and TelemetryPlugin expose spi types (Operation, RepositoryPlugin) in their signatures.
  requires transitive io.sqlitekit.spi;
  // TelemetryPlugin.create(OpenTelemetry) takes the application's OpenTelemetry (an automatic module).
  requires transitive io.opentelemetry.api;
  // Spans are parented to, and made, the current Context.
  requires io.opentelemetry.context;

  exports io.sqlitekit.plugin.telemetry;

  provides io.sqlitekit.spi.plugin.PluginProvider
      with io.sqlitekit.plugin.telemetry.internal.TelemetryPluginProvider;
}
