/**
 * The plugin SPI: {@link io.sqlitekit.spi.plugin.RepositoryPlugin}, {@link io.sqlitekit.spi.plugin.PluginProvider}
 * for {@link java.util.ServiceLoader} discovery, the hook types, the per-call
 * {@link io.sqlitekit.spi.plugin.HookContext} and the priorities.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.spi.plugin;
