package io.sqlitekit.memory;

import io.sqlitekit.spi.error.ConfigurationException;
import io.sqlitekit.spi.plugin.HookPriority;
import io.sqlitekit.spi.plugin.HookRegistry;
import io.sqlitekit.spi.plugin.Operation;
import io.sqlitekit.spi.plugin.PluginProvider;
import io.sqlitekit.spi.plugin.RepositoryPlugin;
import java.util.Map;
import java.util.Set;

/** A test plugin registered through META-INF/services: names created users "tagged". */
public final class TestTagProvider implements PluginProvider {
  @Override
  public String name() {
    return "test-tag";
  }

  @Override
  public RepositoryPlugin create(Map<String, String> options) {
    if (!options.isEmpty()) {
      throw new ConfigurationException("test-tag takes no options");
    }
    return new RepositoryPlugin() {
      @Override
      public String name() {
        return "test-tag";
      }

      @Override
      public Set<String> runsAfter() {
        return Set.of("first");
      }

      @Override
      public void install(HookRegistry registry) {
        registry.before(Set.of(Operation.CREATE), HookPriority.DEFAULT, c -> c.rows().forEach(r -> r.put("name", "tagged")));
      }
    };
  }
}
