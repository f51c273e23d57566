package io.sqlitekit.query;

import io.sqlitekit.query.internal.QueryGrammar;
import io.sqlitekit.query.internal.QueryStrings;
import io.sqlitekit.spi.error.QueryParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parses URL query parameters into a {@link ParsedQuery}: filter IR, sort, projection, page, limit and keyset
 * cursor.
 *
 * <pre>{@code
 * QueryParser parser = QueryParser.of(QueryOptions.defaults()
 *     .withFilterField("age", FieldType.INTEGER)
 *     .withFilterField("role", FieldType.STRING)
 *     .withFilterField("createdAt", FieldType.DATE)
 *     .withSortFields("createdAt", "name"));
 * ParsedQuery q = parser.parse("age[gte]=18&role[in]=admin,editor&sort=-createdAt&limit=20");
 * OffsetPage<User> page = users.getAll(q.toPageRequest());
 * }</pre>
 *
 * <h2>Grammar</h2>
 * <ul>
 *   <li>{@code field=v} is {@code eq}; {@code field[op]=v} uses an {@link Operator} by its token: {@code eq ne
 *       gt gte lt lte in nin like contains startsWith endsWith exists between regex}.</li>
 *   <li>{@code in}, {@code nin} take a comma-separated list (at least one item); {@code between} exactly two
 *       items {@code lo,hi} (inclusive); {@code exists} takes {@code true false 1 0}.</li>
 *   <li>Values are coerced by the field's {@link FieldType}. For {@code eq} and {@code ne} the literal
 *       {@code null} means NULL ({@code IS NULL}, {@code IS NOT NULL}); so the text "null" itself cannot be
 *       matched with {@code eq}, use {@code in} for that. List items of non-text fields are trimmed; text is
 *       used exactly as given.</li>
 *   <li>{@code like}, {@code contains}, {@code startsWith}, {@code endsWith} and {@code regex} need a
 *       {@link FieldType#STRING} field; {@code contains}/{@code startsWith}/{@code endsWith} match the text
 *       literally (LIKE wildcards in it are escaped), {@code like} takes a pattern.</li>
 *   <li>Several predicates on one field (repeated keys, or {@code age[gte]=1&age[lt]=9}) are AND-ed in arrival
 *       order; fields are AND-ed in first-seen order; no filter parameter means every row.</li>
 *   <li>Control parameters, each at most once: {@code sort=-createdAt,name} ({@code -} descending, {@code +}
 *       or nothing ascending), {@code select=a,b} (only these) or {@code select=-a,-b} (all but these; mixing
 *       is an error), {@code page} (1-based), {@code limit}, {@code after} (a keyset cursor; not combinable
 *       with {@code page}).</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * <p>Anything the parser cannot honour exactly fails the whole query with a {@link QueryParseException}
 * (HTTP 400) whose {@link QueryParseException#parameter()} names the parameter: an unknown or disallowed
 * field or operator, a malformed key ({@code a[b][c]}, {@code a[}, an empty field name), a value that does not
 * fit its type, a repeated control parameter, a page or limit that is not a positive integer, a limit above
 * the maximum, too many predicates, an over-long name or value, an over-long or invalid regular expression,
 * broken percent-encoding. Nothing is ever silently dropped, because a dropped filter would widen the result
 * set. Messages never contain the submitted values.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class QueryParser {
  private final QueryOptions options;
  private final QueryGrammar grammar;

  private QueryParser(QueryOptions options) {
    this.options = options;
    this.grammar = new QueryGrammar(options);
  }

  /**
   * Creates a parser.
   *
   * @param options what the parser accepts
   * @return the parser
   * @throws NullPointerException if {@code options} is null
   */
  public static QueryParser of(QueryOptions options) {
    return new QueryParser(Objects.requireNonNull(options, "options"));
  }

  /**
   * Returns the options this parser was built with.
   *
   * @return the options
   */
  public QueryOptions options() {
    return options;
  }

  /**
   * Parses already-decoded parameters, as a servlet container or web framework provides them.
   *
   * @param parameters names to values; iteration order is arrival order, a name with several values was
   *     repeated
   * @return the parsed query
   * @throws NullPointerException if the map, a name, a value list or a value is null
   * @throws QueryParseException if any parameter is invalid; the exception names it
   */
  public ParsedQuery parse(Map<String, List<String>> parameters) {
    return grammar.parse(parameters);
  }

  /**
   * Parses a raw query string ({@code application/x-www-form-urlencoded}): parameters separated by
   * {@code &}, names and values percent-decoded as UTF-8 with {@code +} as a space; a leading {@code ?} is
   * ignored, as are empty segments; a segment without {@code =} has an empty value.
   *
   * @param rawQueryString the query string as it appears in the URL, for example
   *     {@code URI.getRawQuery()}
   * @return the parsed query
   * @throws NullPointerException if the string is null
   * @throws QueryParseException if the string is not valid percent-encoded UTF-8 or any parameter is invalid
   */
  public ParsedQuery parse(String rawQueryString) {
    Objects.requireNonNull(rawQueryString, "rawQueryString");
    return grammar.parse(QueryStrings.decode(rawQueryString));
  }
}
