package io.sqlitekit.plugin.timestamp.internal;

import io.sqlitekit.plugin.timestamp.TimestampOptions;
import io.sqlitekit.plugin.timestamp.TimestampPlugin;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.plugin.PluginOptions;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Map;

/**
 * Internal, not API, may change. Makes the timestamp plugin available as {@code "timestamp"}.
 *
 * <p>Text options: {@code createdField}, {@code updatedField} (property keys), {@code stampCreated},
 * {@code stampUpdated} ({@code true} or {@code false}). Unknown options and invalid values are rejected.
 */
public final class TimestampPluginProvider implements PluginProvider {
  /** Creates the provider (ServiceLoader). */
  public TimestampPluginProvider() {
  }

  @Override
  public String name() {
    return TimestampPlugin.NAME;
  }

  @Override
  public RepositoryPlugin create(Map<String, String> options) {
    PluginOptions p = PluginOptions.parse(TimestampPlugin.NAME, options, "createdField", "updatedField",
        "stampCreated", "stampUpdated");
    TimestampOptions d = TimestampOptions.defaults();
    String created = p.get("createdField").orElse(d.createdField());
    String updated = p.get("updatedField").orElse(d.updatedField());
    boolean stampCreated = p.bool(d.stampCreated(), "stampCreated", (t, v) -> v);
    boolean stampUpdated = p.bool(d.stampUpdated(), "stampUpdated", (t, v) -> v);
    try {
      return TimestampPlugin.create(new TimestampOptions(created, updated, stampCreated, stampUpdated));
    } catch (IllegalArgumentException ex) {
      throw new ConfigurationException("timestamp plugin: invalid options: " + ex.getMessage(), ex);
    }
  }
}
