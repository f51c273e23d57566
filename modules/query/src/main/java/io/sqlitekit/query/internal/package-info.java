/**
 * Internal, not API, may change: query-string decoding, key parsing and value coercion behind
 * {@link io.sqlitekit.query.QueryParser}.
 *
 * <p>Parameters and return values are never null unless stated.
 */
package io.sqlitekit.query.internal;
