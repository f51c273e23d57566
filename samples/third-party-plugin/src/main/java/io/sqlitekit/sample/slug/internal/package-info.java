/**
 * Internal, not API, may change: the plugin's {@code ServiceLoader} provider.
 */
package io.sqlitekit.sample.slug.internal;
