package io.sqlitekit.spi.plugin;

import java.util.Map;

/**
 * A {@link java.util.ServiceLoader} service that makes a plugin available by name. Declare it with
 * {@code provides io.sqlitekit.spi.plugin.PluginProvider with …} in {@code module-info.java} and in
 * {@code META-INF/services} for class-path users.
 *
 * @since 0.1.0
 */
public interface PluginProvider {
  /**
   * Returns the name users enable the plugin by, for example {@code "soft-delete"}.
   *
   * @return the name
   */
  String name();

  /**
   * Creates a plugin from text options (as they arrive from configuration).
   *
   * @param options option name to value; unknown names must be rejected
   * @return the plugin
   * @throws io.sqlitekit.spi.error.ConfigurationException for unknown or invalid options
   */
  RepositoryPlugin create(Map<String, String> options);
}
