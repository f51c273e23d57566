/**
 * The slug plugin: {@link io.sqlitekit.sample.slug.SlugPlugin}.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.sample.slug;
