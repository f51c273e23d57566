package io.sqlitekit.plugin.validation.internal;

import io.sqlitekit.plugin.validation.ValidationOptions;
import io.sqlitekit.plugin.validation.ValidationPlugin;
import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Internal, not API, may change. Makes the validation plugin available as {@code "validation"}.
 *
 * <p>Text options: {@code tableRules} ({@code true}/{@code false}) and {@code entity.<table>} = the binary
 * name of the entity class, loaded through the thread's context class loader (the application's loader on
 * the class path and the module path alike). Unknown options and classes that cannot be loaded are
 * rejected.
 */
public final class ValidationPluginProvider implements PluginProvider {
  private static final String ENTITY_PREFIX = "entity.";

  /** Creates the provider (ServiceLoader). */
  public ValidationPluginProvider() {
  }

  @Override
  public String name() {
    return ValidationPlugin.NAME;
  }

  @Override
  public RepositoryPlugin create(Map<String, String> options) {
    Objects.requireNonNull(options, "options");
    ValidationOptions result = ValidationOptions.defaults();
    boolean tableRules = true;
    for (Map.Entry<String, String> e : options.entrySet()) {
      String key = e.getKey();
      String v = e.getValue() == null ? "" : e.getValue().trim();
      if (key.equals("tableRules")) {
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
          throw new ConfigurationException("validation plugin: option \"tableRules\" must be true or false");
        }
        tableRules = Boolean.parseBoolean(v);
      } else if (key.startsWith(ENTITY_PREFIX) && key.length() > ENTITY_PREFIX.length()) {
        result = withEntity(result, key.substring(ENTITY_PREFIX.length()), v);
      } else {
        throw new ConfigurationException(String.format(Locale.ROOT,
            "validation plugin: unknown option %s (expected tableRules or entity.<table>)", Messages.quote(key)));
      }
    }
    try {
      return ValidationPlugin.create(tableRules ? result
          : new ValidationOptions(result.entities(), false));
    } catch (IllegalArgumentException ex) {
      throw new ConfigurationException("validation plugin: invalid options: " + ex.getMessage(), ex);
    }
  }

  private static ValidationOptions withEntity(ValidationOptions options, String table, String className) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try {
      Class<?> type = Class.forName(className, false, loader != null ? loader : ClassLoader.getSystemClassLoader());
      return options.withEntity(table, type);
    } catch (ClassNotFoundException | LinkageError ex) {
      throw new ConfigurationException(String.format(Locale.ROOT,
          "validation plugin: option %s names class %s, which cannot be loaded", Messages.quote(ENTITY_PREFIX + table),
          Messages.quote(className)), ex);
    } catch (IllegalArgumentException ex) {
      throw new ConfigurationException("validation plugin: invalid options: " + ex.getMessage(), ex);
    }
  }
}
