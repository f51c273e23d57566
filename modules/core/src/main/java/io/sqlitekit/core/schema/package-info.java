/**
 * Schema helpers: DDL rendered from a {@code TableDef} ({@link io.sqlitekit.core.schema.Ddl}) and index
 * management ({@link io.sqlitekit.core.schema.Indexes}). Every identifier is validated and double-quoted;
 * default values are rendered as SQL literals through the column codecs.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.core.schema;
