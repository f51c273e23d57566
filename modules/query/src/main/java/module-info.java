/**
 * The sqlitekit URL query parser: turns a request's query string ({@code ?age[gte]=18&sort=-createdAt&limit=20})
 * into the spi's Filter IR, sort, projection and page parameters, against an allow-list, and rejects anything
 * it cannot honour exactly with a {@link io.sqlitekit.spi.error.QueryParseException} (HTTP 400) naming the
 * parameter. Depends on the spi only, so web layers can use it without the core.
 *
 * @since 0.1.0
 */
module io.sqlitekit.query {
  // ParsedQuery exposes Filter, Sort, Projection, PageRequest and KeysetRequest; errors are QueryParseException.
  requires transitive io.sqlitekit.spi;

  exports io.sqlitekit.query;
}
