package io.sqlitekit.plugin.timestamp.internal;

import io.sqlitekit.plugin.timestamp.TimestampOptions;
import io.sqlitekit.plugin.timestamp.TimestampPlugin;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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
    Objects.requireNonNull(options, "options");
    TimestampOptions d = TimestampOptions.defaults();
    String createdField = d.createdField();
    String updatedField = d.updatedField();
    boolean stampCreated = d.stampCreated();
    boolean stampUpdated = d.stampUpdated();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String v = e.getValue() == null ? "" : e.getValue().trim();
      switch (e.getKey()) {
        case "createdField":
          createdField = v;
          break;
        case "updatedField":
          updatedField = v;
          break;
        case "stampCreated":
          stampCreated = bool(e.getKey(), v);
          break;
        case "stampUpdated":
          stampUpdated = bool(e.getKey(), v);
          break;
        default:
          throw new ConfigurationException(String.format(Locale.ROOT,
              "timestamp plugin: unknown option %s (expected createdField, updatedField, stampCreated,"
                  + " stampUpdated)", Messages.quote(e.getKey())));
      }
    }
    try {
      return TimestampPlugin.create(new TimestampOptions(createdField, updatedField, stampCreated, stampUpdated));
    } catch (IllegalArgumentException ex) {
      throw new ConfigurationException("timestamp plugin: invalid options: " + ex.getMessage(), ex);
    }
  }

  private static boolean bool(String key, String v) {
    if (v.equalsIgnoreCase("true")) {
      return true;
    }
    if (v.equalsIgnoreCase("false")) {
      return false;
    }
    throw new ConfigurationException(String.format(Locale.ROOT,
        "timestamp plugin: option %s must be true or false", Messages.quote(key)));
  }
}
