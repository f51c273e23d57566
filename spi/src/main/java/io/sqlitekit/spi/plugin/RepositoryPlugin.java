package io.sqlitekit.spi.plugin;

/**
 * A plugin: hook registrations over one repository. Every method has a default, so a plugin implements
 * only what it needs.
 *
 * <p>Plugins are enabled by name ({@code plugins("timestamp", "soft-delete")}, looked up among
 * {@link PluginProvider}s found by {@link java.util.ServiceLoader}) or passed as instances. Being on the
 * module path or class path only makes a plugin available; it never changes behaviour by itself.
 *
 * @since 0.1.0
 */
public interface RepositoryPlugin {
  /**
   * Returns the plugin's name, for example {@code "soft-delete"}; names are unique within a kit.
   *
   * @return the name
   */
  default String name() {
    return getClass().getSimpleName();
  }

  /**
   * Registers the plugin's hooks on one repository. Called once per repository.
   *
   * @param registry the registry
   */
  default void install(HookRegistry registry) {
  }

  /**
   * Returns the names of plugins that must run <em>before</em> this one when both are enabled at the same
   * priority (for example the cache requires multi-tenant scoping first). The kit rejects an order that
   * violates it at build time.
   *
   * @return plugin names, possibly empty
   */
  default java.util.Set<String> runsAfter() {
    return java.util.Set.of();
  }
}
