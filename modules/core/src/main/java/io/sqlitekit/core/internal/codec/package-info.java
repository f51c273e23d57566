/**
 * Internal, not API, may change. The built-in JSON codec used when none is configured or discovered.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.core.internal.codec;
