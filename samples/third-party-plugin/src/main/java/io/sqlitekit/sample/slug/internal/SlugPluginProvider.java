package io.sqlitekit.sample.slug.internal;

import io.sqlitekit.sample.slug.SlugPlugin;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Map;
import java.util.Set;

/** Makes the plugin available by name; options {@code source} and {@code field}. */
public final class SlugPluginProvider implements PluginProvider {
  @Override
  public String name() {
    return SlugPlugin.NAME;
  }

  @Override
  public RepositoryPlugin create(Map<String, String> options) {
    for (String key : options.keySet()) {
      if (!Set.of("source", "field").contains(key)) {
        throw new ConfigurationException("slug plugin: unknown option \"" + key + "\" (expected source, field)");
      }
    }
    return SlugPlugin.create(options.getOrDefault("source", "name"), options.getOrDefault("field", "slug"));
  }
}
