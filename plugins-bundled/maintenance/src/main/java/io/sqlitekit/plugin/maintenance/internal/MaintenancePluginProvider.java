package io.sqlitekit.plugin.maintenance.internal;

import io.sqlitekit.plugin.maintenance.CheckpointMode;
import io.sqlitekit.plugin.maintenance.MaintenanceOptions;
import io.sqlitekit.plugin.maintenance.MaintenancePlugin;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Internal, not API, may change. Makes the maintenance plugin available as {@code "maintenance"}.
 *
 * <p>Text options: {@code vacuumEvery}, {@code incrementalVacuumEvery}, {@code optimizeEvery},
 * {@code checkpointEvery} (ISO-8601 durations such as {@code PT1H}, or whole milliseconds),
 * {@code incrementalVacuumPages} (an integer), {@code optimizeOnClose} ({@code true}/{@code false}) and
 * {@code checkpointMode} (PASSIVE, FULL, RESTART, TRUNCATE). Unknown options are rejected.
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
    MaintenanceOptions o = MaintenanceOptions.defaults();
    Duration incremental = Duration.ZERO;
    int pages = 0;
    Duration checkpoint = Duration.ZERO;
    CheckpointMode mode = CheckpointMode.PASSIVE;
    for (Map.Entry<String, String> e : options.entrySet()) {
      String value = e.getValue() == null ? "" : e.getValue().trim();
      try {
        switch (e.getKey()) {
          case "vacuumEvery":
            o = o.withVacuumEvery(duration(value));
            break;
          case "incrementalVacuumEvery":
            incremental = duration(value);
            break;
          case "incrementalVacuumPages":
            pages = Integer.parseInt(value);
            break;
          case "optimizeEvery":
            o = o.withOptimizeEvery(duration(value));
            break;
          case "optimizeOnClose":
            if (!value.equals("true") && !value.equals("false")) {
              throw new IllegalArgumentException("optimizeOnClose must be true or false");
            }
            o = o.withOptimizeOnClose(Boolean.parseBoolean(value));
            break;
          case "checkpointEvery":
            checkpoint = duration(value);
            break;
          case "checkpointMode":
            mode = CheckpointMode.valueOf(value.toUpperCase(Locale.ROOT));
            break;
          default:
            throw new ConfigurationException(String.format(Locale.ROOT, "maintenance plugin: unknown option %s"
                + " (expected vacuumEvery, incrementalVacuumEvery, incrementalVacuumPages, optimizeEvery,"
                + " optimizeOnClose, checkpointEvery, checkpointMode)", Messages.quote(e.getKey())));
        }
      } catch (DateTimeParseException | IllegalArgumentException ex) {
        throw new ConfigurationException(String.format(Locale.ROOT, "maintenance plugin: option %s: %s",
            Messages.quote(e.getKey()), ex.getMessage()), ex);
      }
    }
    try {
      return MaintenancePlugin.create(o.withIncrementalVacuumEvery(incremental, pages)
          .withCheckpointEvery(checkpoint, mode));
    } catch (IllegalArgumentException ex) {
      throw new ConfigurationException("maintenance plugin: " + ex.getMessage(), ex);
    }
  }

  private static Duration duration(String value) {
    return value.startsWith("P") || value.startsWith("p") ? Duration.parse(value)
        : Duration.ofMillis(Long.parseLong(value));
  }
}
