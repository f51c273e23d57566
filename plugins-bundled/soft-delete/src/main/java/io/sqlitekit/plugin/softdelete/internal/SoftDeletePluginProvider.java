package io.sqlitekit.plugin.softdelete.internal;

import io.sqlitekit.plugin.softdelete.SoftDeleteOptions;
import io.sqlitekit.plugin.softdelete.SoftDeletePlugin;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Internal, not API, may change. Makes the soft-delete plugin available as {@code "soft-delete"}.
 *
 * <p>Text options: {@code field} (property key of the deletion time). Unknown options and invalid values
 * are rejected.
 */
public final class SoftDeletePluginProvider implements PluginProvider {
  /** Creates the provider (ServiceLoader). */
  public SoftDeletePluginProvider() {
  }

  @Override
  public String name() {
    return SoftDeletePlugin.NAME;
  }

  @Override
  public RepositoryPlugin create(Map<String, String> options) {
    Objects.requireNonNull(options, "options");
    SoftDeleteOptions o = SoftDeleteOptions.defaults();
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (!"field".equals(e.getKey())) {
        throw new ConfigurationException(String.format(Locale.ROOT,
            "soft-delete plugin: unknown option %s (expected field)", Messages.quote(e.getKey())));
      }
      try {
        o = o.withField(e.getValue() == null ? "" : e.getValue().trim());
      } catch (IllegalArgumentException ex) {
        throw new ConfigurationException("soft-delete plugin: invalid value for option \"field\"", ex);
      }
    }
    return SoftDeletePlugin.create(o);
  }
}
