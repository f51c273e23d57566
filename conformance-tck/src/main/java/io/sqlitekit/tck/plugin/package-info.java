/**
 * Conformance checks for plugin authors: extend {@link io.sqlitekit.tck.plugin.PluginConformance} in a test
 * class and implement {@link io.sqlitekit.tck.plugin.PluginHarness}.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.2.0
 */
package io.sqlitekit.tck.plugin;
