/**
 * Internal, not API, may change. The per-repository hook engine and the per-call hook context.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.core.internal.hook;
