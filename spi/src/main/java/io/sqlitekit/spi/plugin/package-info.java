/**
 * The plugin SPI: {@link io.sqlitekit.spi.plugin.RepositoryPlugin}, {@link io.sqlitekit.spi.plugin.PluginProvider}
 * for {@link java.util.ServiceLoader} discovery, the hook types, the per-call
 * {@link io.sqlitekit.spi.plugin.HookContext} and the priorities.
 *
 * <p>Typed contract (0.2.0): a hook reads its request with {@code ctx.request(Type.class)} and its result as a
 * {@link io.sqlitekit.spi.plugin.CallResult}; the scope filter is the one source of truth (a request carrying a
 * filter always carries it); batch statements get a plugin's single-call policy through
 * {@code ctx.applyToBatch(hook)} (or any per-statement rewrite through {@code ctx.rewriteBatch}); rows a plugin
 * writes inside the change's transaction go through the write's own session
 * ({@link io.sqlitekit.spi.plugin.SessionHook}); options arrive through
 * {@link io.sqlitekit.spi.plugin.PluginOptions}.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.spi.plugin;
