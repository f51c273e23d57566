/**
 * The validation plugin: {@link io.sqlitekit.plugin.validation.ValidationPlugin} builds it from
 * {@link io.sqlitekit.plugin.validation.ValidationOptions}.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.plugin.validation;
