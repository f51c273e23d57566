package io.sqlitekit.plugin.validation.internal;

import io.sqlitekit.plugin.validation.ValidationOptions;
import io.sqlitekit.plugin.validation.ValidationPlugin;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.plugin.PluginOptions;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Map;

/**
 * Internal, not API, may change. Makes the validation plugin available as {@code "validation"}.
 *
 * <p>Text options: {@code tableRules} ({@code true}/{@code false}) and {@code entity.<table>} = the binary
 * name of the entity class, loaded through the thread's context class loader (the application's loader on
 * the class path and the module path alike). Parsed by {@link PluginOptions}: an unknown key, a class that
 * cannot be loaded or a table name that is not an identifier is a {@code ConfigurationException} naming the key.
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
    PluginOptions p = PluginOptions.parse(ValidationPlugin.NAME, options, "tableRules", ENTITY_PREFIX + "<table>");
    ValidationOptions entities = p.prefixed(ValidationOptions.defaults(), ENTITY_PREFIX,
        ValidationPluginProvider::withEntity);
    ValidationOptions o = p.bool(entities, "tableRules", (t, on) -> on ? t : t.withoutTableRules());
    return ValidationPlugin.create(o);
  }

  private static ValidationOptions withEntity(ValidationOptions options, String table, String className) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Class<?> type;
    try {
      type = Class.forName(className, false, loader != null ? loader : ClassLoader.getSystemClassLoader());
    } catch (ClassNotFoundException | LinkageError ex) {
      throw new IllegalArgumentException("class " + Messages.quote(className) + " cannot be loaded: " + ex, ex);
    }
    return options.withEntity(table, type);
  }
}
