package io.sqlitekit.core;

import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Map;
import java.util.Set;

/** A test plugin registered through META-INF/services: stamps {@code name} on created rows. */
public final class TestStampProvider implements PluginProvider {
  @Override
  public String name() {
    return "test-stamp";
  }

  @Override
  public RepositoryPlugin create(Map<String, String> options) {
    if (!options.isEmpty()) {
      throw new ConfigurationException("test-stamp takes no options");
    }
    return new RepositoryPlugin() {
      @Override
      public String name() {
        return "test-stamp";
      }

      @Override
      public void install(HookRegistry registry) {
        registry.before(Set.of(Operation.CREATE), HookPriority.POLICY,
            c -> c.rows().forEach(r -> r.put("name", "stamp")));
      }
    };
  }
}
