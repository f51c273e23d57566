package io.sqlitekit.query.internal;

import io.sqlitekit.query.FieldType;
import io.sqlitekit.query.Operator;
import io.sqlitekit.query.ParsedQuery;
import io.sqlitekit.query.QueryOptions;
import io.sqlitekit.spi.Projection;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.SortField;
import io.sqlitekit.spi.error.QueryParseException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.table.Column;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Internal, not API, may change. The query grammar behind {@link io.sqlitekit.query.QueryParser}.
 *
 * <p>Strictness: every parameter either becomes exactly the constraint it asks for or fails the whole
 * query. Dropping a bad filter would silently widen the result set, so nothing is ever dropped. Error
 * messages name the parameter and what was expected, never the submitted value.
 */
public final class QueryGrammar {
  /** Longest accepted {@code after} cursor; cursors carry sort-key values, so they may exceed the value limit. */
  public static final int MAX_CURSOR_LENGTH = 8192;

  /** Longest accepted parameter name; real field names are short, so this only stops garbage early. */
  public static final int MAX_NAME_LENGTH = 256;

  private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final QueryOptions options;

  /**
   * Creates the grammar for a set of options.
   *
   * @param options the options
   */
  public QueryGrammar(QueryOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Parses decoded parameters.
   *
   * @param params names to values, in arrival order
   * @return the parsed query
   * @throws QueryParseException on any invalid parameter
   */
  public ParsedQuery parse(Map<String, List<String>> params) {
    Objects.requireNonNull(params, "params");
    Map<String, List<Filter>> byField = new LinkedHashMap<>();
    Sort sort = Sort.unsorted();
    Projection projection = Projection.all();
    Integer page = null;
    Integer limit = null;
    String after = null;
    String search = null;
    int predicates = 0;
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      String key = Objects.requireNonNull(e.getKey(), "parameter name");
      List<String> values = Objects.requireNonNull(e.getValue(), "parameter values");
      if (key.length() > MAX_NAME_LENGTH) {
        throw new QueryParseException(Names.display(key), String.format(Locale.ROOT,
            "parameter name %s is longer than %d characters", Names.quote(key), MAX_NAME_LENGTH));
      }
      if (values.isEmpty()) {
        throw new QueryParseException(Names.display(key), "parameter " + Names.quote(key) + " has no value");
      }
      for (String v : values) {
        Objects.requireNonNull(v, "parameter value");
        if (Column.unpairedSurrogate(v) >= 0) {
          // As on the query-string path: SQLite could not receive the value unchanged.
          throw new QueryParseException(Names.display(key), "parameter " + Names.quote(key)
              + " contains an unpaired surrogate");
        }
        if (v.length() > options.maxValueLength() && !key.equals("after")) {
          throw new QueryParseException(Names.display(key), String.format(Locale.ROOT,
              "the value of parameter %s is longer than %d characters", Names.quote(key),
              options.maxValueLength()));
        }
      }
      if (options.allowSearch() && key.equals(QueryOptions.SEARCH_PARAMETER)) {
        if (values.size() != 1) {
          throw new QueryParseException(key, "parameter \"search\" is given more than once");
        }
        if (values.get(0).isBlank()) {
          throw new QueryParseException(key, "parameter \"search\" is blank; expected a full-text query");
        }
        search = values.get(0);
        continue;
      }
      if (QueryOptions.CONTROL_PARAMETERS.contains(key)) {
        if (values.size() != 1) {
          throw new QueryParseException(key, "parameter \"" + key + "\" is given more than once");
        }
        String v = values.get(0);
        switch (key) {
          case "page":
            page = positiveInt(key, v, Integer.MAX_VALUE);
            break;
          case "limit":
            limit = positiveInt(key, v, options.maxLimit());
            break;
          case "after":
            after = cursor(v);
            break;
          case "sort":
            sort = sort(v);
            break;
          case "select":
          default:
            projection = select(v);
            break;
        }
        continue;
      }
      Key k = key(key);
      FieldType type = options.filterFields().get(k.field);
      for (String v : values) {
        predicates++;
        if (predicates > options.maxFilters()) {
          throw new QueryParseException(Names.display(key), String.format(Locale.ROOT,
              "the query has more than %d filter predicates", options.maxFilters()));
        }
        byField.computeIfAbsent(k.field, f -> new ArrayList<>()).add(predicate(k, type, v, key));
      }
    }
    if (after != null && page != null) {
      throw new QueryParseException("after", "parameters \"after\" and \"page\" cannot be combined: "
          + "a keyset cursor continues a walk, a page number jumps to an offset");
    }
    if (search != null && !sort.isEmpty()) {
      throw new QueryParseException("sort", "parameters \"search\" and \"sort\" cannot be combined: search hits"
          + " are ordered by relevance");
    }
    if (search != null && !projection.isAll()) {
      throw new QueryParseException("select", "parameters \"search\" and \"select\" cannot be combined: search"
          + " hits are whole rows");
    }
    List<Filter> all = new ArrayList<>();
    byField.values().forEach(all::addAll);
    return new ParsedQuery(Filters.and(all), sort, projection, page == null ? 1 : page,
        limit == null ? options.defaultLimit() : limit, Optional.ofNullable(after), Optional.ofNullable(search));
  }

  /** A parsed filter key: {@code field} or {@code field[op]}. */
  private static final class Key {
    final String field;
    final Operator op;

    Key(String field, Operator op) {
      this.field = field;
      this.op = op;
    }
  }

  private Key key(String key) {
    String[] parts = split(key);
    String field = parts[0];
    if (QueryOptions.CONTROL_PARAMETERS.contains(field)) {
      throw new QueryParseException(Names.display(key), "control parameter \"" + field + "\" takes no operator");
    }
    FieldType type = options.filterFields().get(field);
    if (type == null) {
      throw new QueryParseException(Names.display(key), String.format(Locale.ROOT,
          "%s is not a filterable field; filterable fields: %s", Names.quote(field),
          options.filterFields().keySet()));
    }
    return new Key(field, operator(key, field, parts[1], type));
  }

  /**
   * Splits a filter key {@code field} or {@code field[op]} into the field and the operator token (null when
   * absent), refusing malformed keys.
   */
  static String[] split(String key) {
    int open = key.indexOf('[');
    String field;
    String token = null;
    if (open < 0) {
      if (key.indexOf(']') >= 0) {
        throw malformed(key);
      }
      field = key;
    } else {
      int close = key.indexOf(']');
      if (close != key.length() - 1 || key.indexOf('[', open + 1) >= 0 || close < open) {
        throw malformed(key);
      }
      field = key.substring(0, open);
      token = key.substring(open + 1, close);
    }
    if (field.isEmpty()) {
      throw new QueryParseException(Names.display(key),
          "parameter " + Names.quote(key) + " has an empty field name");
    }
    return new String[] {field, token};
  }

  /** Resolves an operator token (null for {@code eq}) that this parser allows on a field of a type. */
  private Operator operator(String key, String field, String token, FieldType type) {
    Operator op;
    if (token == null) {
      op = Operator.EQ;
    } else {
      if (token.isEmpty()) {
        throw new QueryParseException(Names.display(key),
            "parameter " + Names.quote(key) + " has an empty operator");
      }
      op = Operator.fromToken(token).orElseThrow(() -> new QueryParseException(Names.display(key),
          String.format(Locale.ROOT,
          "parameter %s uses an unknown operator; known operators: %s", Names.quote(key),
          tokens(Set.of(Operator.values())))));
    }
    if (!options.operators().contains(op)) {
      throw new QueryParseException(Names.display(key), String.format(Locale.ROOT,
          "operator \"%s\" is not allowed here; allowed operators: %s", op.token(), tokens(options.operators())));
    }
    if (op.textOnly() && type != FieldType.STRING) {
      throw new QueryParseException(Names.display(key), String.format(Locale.ROOT,
          "operator \"%s\" needs a text field, but \"%s\" is a %s field", op.token(), field,
          type.name().toLowerCase(Locale.ROOT)));
    }
    return op;
  }

  /**
   * Parses one predicate on a field outside the filter allow-list (a group's {@code having} key, a
   * measure's filter) with the same operators, coercion and limits as a filter parameter.
   *
   * @param param the parameter as given, for messages
   * @param field the field or output key the predicate constrains
   * @param token the operator token, or null for {@code eq}
   * @param type how to coerce the value
   * @param value the value
   * @return the predicate
   * @throws QueryParseException if the operator or value is invalid
   */
  Filter predicate(String param, String field, String token, FieldType type, String value) {
    return predicate(new Key(field, operator(param, field, token, type)), type, value, param);
  }

  private static List<String> tokens(Set<Operator> ops) {
    List<String> out = new ArrayList<>();
    for (Operator op : Operator.values()) {
      if (ops.contains(op)) {
        out.add(op.token());
      }
    }
    return out;
  }

  private static QueryParseException malformed(String param) {
    return new QueryParseException(Names.display(param), "parameter " + Names.quote(param)
        + " is malformed; expected field or field[operator]");
  }

  private Filter predicate(Key k, FieldType type, String v, String param) {
    String f = k.field;
    switch (k.op) {
      case EQ:
        return Filters.eq(f, "null".equals(v) ? null : Coercion.coerce(type, v, param));
      case NE:
        return Filters.ne(f, "null".equals(v) ? null : Coercion.coerce(type, v, param));
      case GT:
        return Filters.gt(f, Coercion.coerce(type, v, param));
      case GTE:
        return Filters.gte(f, Coercion.coerce(type, v, param));
      case LT:
        return Filters.lt(f, Coercion.coerce(type, v, param));
      case LTE:
        return Filters.lte(f, Coercion.coerce(type, v, param));
      case IN:
        return Filters.in(f, list(type, v, param));
      case NIN:
        return Filters.nin(f, list(type, v, param));
      case BETWEEN: {
        List<Object> bounds = list(type, v, param);
        if (bounds.size() != 2) {
          throw new QueryParseException(Names.display(param),
              "parameter " + Names.quote(param) + " expects exactly two comma-separated values: low,high");
        }
        return Filters.between(f, bounds.get(0), bounds.get(1));
      }
      case LIKE:
        return Filters.like(f, v);
      case CONTAINS:
        return Filters.contains(f, v);
      case STARTS_WITH:
        return Filters.startsWith(f, v);
      case ENDS_WITH:
        return Filters.endsWith(f, v);
      case EXISTS:
        return Filters.exists(f, Coercion.bool(v, param));
      case REGEX:
      default:
        return regex(f, v, param);
    }
  }

  private List<Object> list(FieldType type, String v, String param) {
    if (v.isEmpty()) {
      throw new QueryParseException(Names.display(param),
          "parameter " + Names.quote(param) + " expects a comma-separated list of values");
    }
    String[] items = v.split(",", -1);
    if (items.length > options.maxInListSize()) {
      throw new QueryParseException(Names.display(param), String.format(Locale.ROOT,
          "parameter %s lists more than %d values", Names.quote(param), options.maxInListSize()));
    }
    List<Object> out = new ArrayList<>(items.length);
    for (String item : items) {
      out.add(Coercion.coerce(type, item, param));
    }
    return out;
  }

  private Filter regex(String field, String v, String param) {
    if (v.length() > options.maxRegexLength()) {
      throw new QueryParseException(Names.display(param), String.format(Locale.ROOT,
          "parameter %s: the regular expression is longer than %d characters", Names.quote(param),
          options.maxRegexLength()));
    }
    try {
      Pattern.compile(v);
    } catch (PatternSyntaxException e) {
      throw new QueryParseException(Names.display(param),
          "parameter " + Names.quote(param) + " is not a valid regular expression");
    }
    return Filters.regex(field, v);
  }

  private static int positiveInt(String key, String v, int max) {
    if (v.isEmpty() || v.length() > 10 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new QueryParseException(key, "parameter \"" + key + "\" expects a positive integer");
    }
    long n = Long.parseLong(v);
    if (n < 1) {
      throw new QueryParseException(key, "parameter \"" + key + "\" expects a positive integer, not 0");
    }
    if (n > max) {
      throw new QueryParseException(key,
          String.format(Locale.ROOT, "parameter \"%s\" must not exceed %d", key, max));
    }
    return (int) n;
  }

  private static String cursor(String v) {
    if (v.isEmpty() || v.length() > MAX_CURSOR_LENGTH || !CURSOR.matcher(v).matches()) {
      throw new QueryParseException("after", String.format(Locale.ROOT,
          "parameter \"after\" expects a cursor from a previous page (base64url text, at most %d characters)",
          MAX_CURSOR_LENGTH));
    }
    return v;
  }

  private Sort sort(String v) {
    return sort("sort", v, options.sortFields(), "%s is not a sortable field; sortable fields: %s");
  }

  /**
   * Parses a sort parameter ({@code -a,b}) over allowed keys, each at most once.
   *
   * @param param the parameter name
   * @param v the value
   * @param allowed the keys it may name
   * @param notAllowed the message for another key: a format with the quoted key and the allowed keys
   * @return the sort
   * @throws QueryParseException naming the parameter for an empty entry, another key or a repeated one
   */
  static Sort sort(String param, String v, Set<String> allowed, String notAllowed) {
    List<SortField> fields = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String raw : v.split(",", -1)) {
      String entry = raw.trim();
      boolean desc = entry.startsWith("-");
      String name = desc || entry.startsWith("+") ? entry.substring(1).trim() : entry;
      if (name.isEmpty()) {
        throw new QueryParseException(param, "parameter \"" + param + "\" has an empty entry; expected -field,field");
      }
      if (!allowed.contains(name)) {
        throw new QueryParseException(param, String.format(Locale.ROOT, notAllowed, Names.quote(name), allowed));
      }
      if (!seen.add(name)) {
        throw new QueryParseException(param, "parameter \"" + param + "\" names field \"" + name + "\" twice");
      }
      fields.add(new SortField(name, desc));
    }
    return new Sort(fields);
  }

  private Projection select(String v) {
    Set<String> names = new LinkedHashSet<>();
    Boolean include = null;
    for (String raw : v.split(",", -1)) {
      String entry = raw.trim();
      boolean exclude = entry.startsWith("-");
      String name = exclude || entry.startsWith("+") ? entry.substring(1).trim() : entry;
      if (name.isEmpty()) {
        throw new QueryParseException("select", "parameter \"select\" has an empty entry; expected a,b or -a,-b");
      }
      if (include != null && include == exclude) {
        throw new QueryParseException("select",
            "parameter \"select\" mixes included and excluded fields; use either a,b or -a,-b");
      }
      include = !exclude;
      boolean allowed = options.selectFields().isEmpty() ? IDENTIFIER.matcher(name).matches()
          : options.selectFields().contains(name);
      if (!allowed) {
        throw new QueryParseException("select", String.format(Locale.ROOT,
            "%s is not a selectable field%s", Names.quote(name), options.selectFields().isEmpty() ? ""
                : "; selectable fields: " + options.selectFields()));
      }
      if (!names.add(name)) {
        throw new QueryParseException("select", "parameter \"select\" names field \"" + name + "\" twice");
      }
    }
    return new Projection(names, include);
  }
}
