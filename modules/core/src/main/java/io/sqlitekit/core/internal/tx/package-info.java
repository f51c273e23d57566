/**
 * Internal, not API, may change. Transaction support of the core: the driver decorator that applies the
 * kit's retry policy to whole write transactions.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.core.internal.tx;
