/**
 * The soft-delete plugin: {@link io.sqlitekit.plugin.softdelete.SoftDeletePlugin} builds it from
 * {@link io.sqlitekit.plugin.softdelete.SoftDeleteOptions}; {@link io.sqlitekit.plugin.softdelete.SoftDeletes}
 * restores, lists and purges deleted rows and renders the unique-when-not-deleted index DDL.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.plugin.softdelete;
