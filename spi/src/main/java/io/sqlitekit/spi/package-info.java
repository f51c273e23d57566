/**
 * The repository contract of sqlitekit: {@link io.sqlitekit.spi.StandardRepo} and
 * {@link io.sqlitekit.spi.MinimalRepo}, with the request, result and option records they use, the
 * {@link io.sqlitekit.spi.CallContext} that carries tenant, actor and per-call flags, and the capabilities
 * descriptor.
 *
 * <p>Parameters and return values are never null unless stated; collections are never null, only empty.
 *
 * @since 0.1.0
 */
package io.sqlitekit.spi;
