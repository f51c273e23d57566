/**
 * The URL query parser: {@link io.sqlitekit.query.QueryParser}, configured by an allow-list in
 * {@link io.sqlitekit.query.QueryOptions}, parses a query string into a {@link io.sqlitekit.query.ParsedQuery}
 * (filter, sort, projection, page, limit, keyset cursor) ready to hand to a repository. Bad input is never
 * dropped or guessed at: it fails with a {@link io.sqlitekit.spi.error.QueryParseException} naming the
 * parameter.
 *
 * <p>Parameters and return values are never null unless stated.
 *
 * @since 0.1.0
 */
package io.sqlitekit.query;
