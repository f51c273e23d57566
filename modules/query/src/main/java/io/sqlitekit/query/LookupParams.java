package io.sqlitekit.query;

import io.sqlitekit.query.internal.QueryStrings;
import io.sqlitekit.spi.Lookup;
import io.sqlitekit.spi.error.QueryParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@value #PARAMETER} parameter of a URL query: which of the server's allow-listed lookups a request
 * attaches, by name ({@code ?populate=author,comments}, or the parameter repeated). The server defines each
 * lookup in full (foreign table, fields, projection, foreign filter); a URL only picks among them, so it can
 * never join a table or read a field the server did not offer.
 *
 * <pre>{@code
 * LookupParams lookups = LookupParams.of(Lookup.one("author", USERS, "authorId", "id").select("id", "name"));
 * LookupParams.Split split = lookups.split(request.getParameterMap());
 * ParsedQuery query = parser.parse(split.rest());
 * OffsetPage<LookupRow<Post>> page = posts.lookupPage(query.toPageRequest(), split.lookups());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.3.0
 */
public final class LookupParams {
  /** The parameter naming the lookups to attach. */
  public static final String PARAMETER = "populate";

  private final Map<String, Lookup> allowed;

  private LookupParams(Map<String, Lookup> allowed) {
    this.allowed = allowed;
  }

  /**
   * Allows these lookups, each under its name ({@link Lookup#as()}).
   *
   * @param lookups the lookups a URL may pick
   * @return the parameter parser
   * @throws IllegalArgumentException when two lookups share a name
   */
  public static LookupParams of(Lookup... lookups) {
    Map<String, Lookup> m = new LinkedHashMap<>();
    for (Lookup l : lookups) {
      Objects.requireNonNull(l, "lookup");
      if (m.put(l.as(), l) != null) {
        throw new IllegalArgumentException("two allowed lookups are named \"" + l.as() + "\"");
      }
    }
    return new LookupParams(Collections.unmodifiableMap(m));
  }

  /**
   * Returns the allowed lookups by name.
   *
   * @return name → lookup, in the order given
   */
  public Map<String, Lookup> allowed() {
    return allowed;
  }

  /**
   * The lookups a query picked and the parameters left for {@link QueryParser}.
   *
   * @param lookups the picked lookups, in the order named; empty when the parameter is absent
   * @param rest every other parameter, unchanged
   */
  public record Split(List<Lookup> lookups, Map<String, List<String>> rest) {
    /** Copies both parts. */
    public Split {
      lookups = List.copyOf(lookups);
      rest = Collections.unmodifiableMap(new LinkedHashMap<>(rest));
    }
  }

  /**
   * Takes the {@value #PARAMETER} parameter out of decoded parameters.
   *
   * @param parameters names to values, as {@link QueryParser#parse(Map)} takes them
   * @return the picked lookups and the other parameters
   * @throws QueryParseException naming {@value #PARAMETER}: an empty or unknown name, a name given twice, or
   *     more than {@value Lookup#MAX_PER_READ} lookups
   */
  public Split split(Map<String, List<String>> parameters) {
    Objects.requireNonNull(parameters, "parameters");
    Map<String, List<String>> rest = new LinkedHashMap<>(parameters);
    List<String> values = rest.remove(PARAMETER);
    return new Split(values == null ? List.of() : parse(values), rest);
  }

  /**
   * Takes the {@value #PARAMETER} parameter out of a raw query string, decoded as {@link
   * QueryParser#parse(String)} decodes it.
   *
   * @param rawQueryString the query string
   * @return the picked lookups and the other parameters
   * @throws QueryParseException on malformed encoding, or as {@link #split(Map)}
   */
  public Split split(String rawQueryString) {
    Objects.requireNonNull(rawQueryString, "rawQueryString");
    return split(QueryStrings.decode(rawQueryString));
  }

  /**
   * Resolves the values of the {@value #PARAMETER} parameter: comma-separated names, surrounding blanks
   * ignored.
   *
   * @param values the parameter's values
   * @return the lookups, in the order named
   * @throws QueryParseException naming {@value #PARAMETER} on any bad name or too many lookups
   */
  public List<Lookup> parse(List<String> values) {
    Set<String> names = new LinkedHashSet<>();
    for (String value : values) {
      for (String part : Objects.requireNonNull(value, "value").split(",", -1)) {
        String name = part.strip();
        if (name.isEmpty()) {
          throw new QueryParseException(PARAMETER, "parameter \"populate\" has an empty lookup name");
        }
        if (!allowed.containsKey(name)) {
          // The submitted name is not echoed (as for every parameter of this module): only the allowed ones.
          throw new QueryParseException(PARAMETER,
              "parameter \"populate\" names an unknown lookup; allowed: " + allowed.keySet());
        }
        if (!names.add(name)) {
          throw new QueryParseException(PARAMETER, "parameter \"populate\" names lookup \"" + name + "\" twice");
        }
      }
    }
    if (names.size() > Lookup.MAX_PER_READ) {
      throw new QueryParseException(PARAMETER, String.format(Locale.ROOT,
          "parameter \"populate\" names %d lookups; at most %d", names.size(), Lookup.MAX_PER_READ));
    }
    List<Lookup> out = new ArrayList<>(names.size());
    names.forEach(n -> out.add(allowed.get(n)));
    return out;
  }
}
