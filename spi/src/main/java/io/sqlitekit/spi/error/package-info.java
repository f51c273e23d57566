/**
 * The exception family of sqlitekit: one abstract unchecked root, {@link io.sqlitekit.spi.error.RepositoryException},
 * with typed subclasses, stable {@link io.sqlitekit.spi.error.ErrorCode}s, the
 * {@link io.sqlitekit.spi.error.ErrorContract} for web layers, and the decoder of SQLite result codes.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.spi.error;
