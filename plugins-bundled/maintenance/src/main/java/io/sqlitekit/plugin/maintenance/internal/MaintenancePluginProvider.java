package io.sqlitekit.plugin.maintenance.internal;

import io.sqlitekit.plugin.maintenance.CheckpointMode;
import io.sqlitekit.plugin.maintenance.MaintenanceOptions;
import io.sqlitekit.plugin.maintenance.MaintenancePlugin;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.plugin.PluginOptions;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.time.Duration;
import java.util.Map;

/**
 * Internal, not API, may change. Makes the maintenance plugin available as {@code "maintenance"}.
 *
 * <p>Text options: {@code vacuumEvery}, {@code incrementalVacuumEvery}, {@code optimizeEvery},
 * {@code checkpointEvery} (ISO-8601 durations such as {@code PT1H}, or whole milliseconds),
 * {@code incrementalVacuumPages} (an integer), {@code optimizeOnClose} ({@code true}/{@code false}) and
 * {@code checkpointMode} (PASSIVE, FULL, RESTART, TRUNCATE). Parsed by {@link PluginOptions}: unknown options
 * and invalid values are rejected, naming the key.
 */
public final class MaintenancePluginProvider implements PluginProvider {
  /** Creates the provider (ServiceLoader). */
  public MaintenancePluginProvider() {
  }

  @Override
  public String name() {
    return MaintenancePlugin.NAME;
  }

  @Override
  public RepositoryPlugin create(Map<String, String> options) {
    PluginOptions p = PluginOptions.parse(MaintenancePlugin.NAME, options, "vacuumEvery", "incrementalVacuumEvery",
        "incrementalVacuumPages", "optimizeEvery", "optimizeOnClose", "checkpointEvery", "checkpointMode");
    MaintenanceOptions o = p.duration(MaintenanceOptions.defaults(), "vacuumEvery",
        MaintenanceOptions::withVacuumEvery);
    o = p.duration(o, "optimizeEvery", MaintenanceOptions::withOptimizeEvery);
    o = p.bool(o, "optimizeOnClose", MaintenanceOptions::withOptimizeOnClose);
    // Pairs of keys set one option each: read both, then apply them together.
    Duration incremental = p.duration(Duration.ZERO, "incrementalVacuumEvery", (t, v) -> v);
    int pages = p.integer(0, "incrementalVacuumPages", (t, v) -> v);
    Duration checkpoint = p.duration(Duration.ZERO, "checkpointEvery", (t, v) -> v);
    CheckpointMode mode = p.choice(CheckpointMode.PASSIVE, "checkpointMode", CheckpointMode.class, (t, v) -> v);
    try {
      return MaintenancePlugin.create(o.withIncrementalVacuumEvery(incremental, pages)
          .withCheckpointEvery(checkpoint, mode));
    } catch (IllegalArgumentException ex) {
      throw new ConfigurationException("maintenance plugin: " + ex.getMessage(), ex);
    }
  }
}
