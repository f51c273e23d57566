package io.sqlitekit.query.internal;

import io.sqlitekit.query.AggregateOptions;
import io.sqlitekit.query.FieldType;
import io.sqlitekit.query.ParsedAggregate;
import io.sqlitekit.query.ParsedQuery;
import io.sqlitekit.query.QueryOptions;
import io.sqlitekit.spi.AggregateRequest;
import io.sqlitekit.spi.DateBucket;
import io.sqlitekit.spi.Lookup;
import io.sqlitekit.spi.Measure;
import io.sqlitekit.spi.Sort;
import io.sqlitekit.spi.TopN;
import io.sqlitekit.spi.error.QueryParseException;
import io.sqlitekit.spi.error.RepositoryException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.Filters;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Internal, not API, may change. The aggregate grammar behind {@link io.sqlitekit.query.AggregateQueryParser}:
 * it takes the aggregate parameters out of a query, hands the rest (filters, {@code page}, {@code limit},
 * {@code after}) to the filter grammar, and builds one {@link AggregateRequest}. As there, every parameter
 * becomes exactly what it asks for or fails the whole query naming the parameter.
 */
public final class AggregateGrammar {
  private static final Pattern ALIAS = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern MEASURE = Pattern.compile("([A-Za-z]+)\\(\\s*([A-Za-z_][A-Za-z0-9_]*"
      + "(?:\\.[A-Za-z_][A-Za-z0-9_]*)?)?\\s*"
      + "(?:,\\s*([0-9]*\\.?[0-9]+)\\s*)?\\)");
  private static final Pattern EVERY = Pattern.compile("every\\s+([0-9]{1,9})\\s+([a-z]+)");
  private static final Map<String, Measure.Op> OPS = Map.of("count", Measure.Op.COUNT, "countDistinct",
      Measure.Op.COUNT_DISTINCT, "sum", Measure.Op.SUM, "avg", Measure.Op.AVG, "min", Measure.Op.MIN, "max",
      Measure.Op.MAX, "percentile", Measure.Op.PERCENTILE, "stddev", Measure.Op.STDDEV, "stddevPop",
      Measure.Op.STDDEV_POP);
  private static final Map<String, TopN.Ties> TIES = Map.of("rank", TopN.Ties.RANK, "dense_rank",
      TopN.Ties.DENSE_RANK, "row_number", TopN.Ties.ROW_NUMBER);

  private final QueryOptions filters;
  private final AggregateOptions options;
  private final QueryGrammar grammar;
  private final AggregatePaths paths;

  /**
   * Creates the grammar.
   *
   * @param filters the filter parameters' options (fields, operators, limits, page sizes)
   * @param options the aggregate allow-lists
   */
  public AggregateGrammar(QueryOptions filters, AggregateOptions options) {
    this(filters, options, Map.of());
  }

  /**
   * Creates the grammar of queries that may also name dotted paths into the server's lookups.
   *
   * @param filters the filter parameters' options (fields, operators, limits, page sizes)
   * @param options the aggregate allow-lists; a dotted field names one of {@code lookups}
   * @param lookups the server's lookups by name
   * @throws IllegalArgumentException if an allowed dotted field has no one-to-one lookup offering it
   */
  public AggregateGrammar(QueryOptions filters, AggregateOptions options, Map<String, Lookup> lookups) {
    this.filters = Objects.requireNonNull(filters, "filters");
    this.options = Objects.requireNonNull(options, "options");
    this.grammar = new QueryGrammar(filters);
    this.paths = new AggregatePaths(options, lookups);
  }

  /** What one query asks for, collected before the request is built. */
  private static final class Parts {
    final List<String> groupBy = new ArrayList<>();
    final Map<String, Measure> measures = new LinkedHashMap<>();
    final Map<String, String> measureParams = new LinkedHashMap<>();
    final Map<String, List<Filter>> measureWhere = new LinkedHashMap<>();
    final Map<String, DateBucket> buckets = new LinkedHashMap<>();
    final List<String[]> having = new ArrayList<>();
    String sort;
    Integer topN;
    String topNSort;
    String topNPartition;
    TopN.Ties ties;
    int predicates;
  }

  /**
   * Parses decoded parameters.
   *
   * @param params names to values, in arrival order
   * @return the parsed aggregate
   * @throws QueryParseException on any invalid parameter
   */
  public ParsedAggregate parse(Map<String, List<String>> params) {
    Objects.requireNonNull(params, "params");
    Parts parts = new Parts();
    Map<String, List<String>> rest = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      String key = Objects.requireNonNull(e.getKey(), "parameter name");
      List<String> values = Objects.requireNonNull(e.getValue(), "parameter values");
      if (!isAggregateKey(key)) {
        if (key.equals("select") || (filters.allowSearch() && key.equals(QueryOptions.SEARCH_PARAMETER))) {
          throw new QueryParseException(key, "parameter \"" + key + "\" is not available on an aggregate query;"
              + " its rows are groups");
        }
        rest.put(key, values);
        continue;
      }
      for (String v : values) {
        Objects.requireNonNull(v, "parameter value");
        if (v.length() > filters.maxValueLength()) {
          throw new QueryParseException(Names.display(key), String.format(Locale.ROOT,
              "the value of parameter %s is longer than %d characters", Names.quote(key), filters.maxValueLength()));
        }
      }
      if (key.startsWith("having.")) {
        for (String v : values) {
          count(parts, key);
          parts.having.add(new String[] {key, v});
        }
        continue;
      }
      if (key.startsWith("measure.") && key.indexOf(".where.") > 0) {
        for (String v : values) {
          count(parts, key);
          measureWhere(parts, key, v);
        }
        continue;
      }
      String v = single(key, values);
      if (key.equals("groupBy")) {
        groupBy(parts, v);
      } else if (key.startsWith("measure.")) {
        measure(parts, key, v);
      } else if (key.startsWith("bucket.")) {
        bucket(parts, key, v);
      } else if (key.equals("sort")) {
        parts.sort = v;
      } else {
        topN(parts, key, v);
      }
    }
    ParsedQuery base = grammar.parse(rest);
    return new ParsedAggregate(request(parts, base.filter()), base.page(), base.limit(), base.after());
  }

  private static boolean isAggregateKey(String key) {
    return key.equals("groupBy") || key.equals("sort") || key.equals("topN") || key.startsWith("topN.")
        || key.startsWith("measure.") || key.startsWith("bucket.") || key.startsWith("having.");
  }

  private static String single(String key, List<String> values) {
    if (values.size() != 1) {
      throw new QueryParseException(Names.display(key), "parameter " + Names.quote(key) + " is given more than once");
    }
    return values.get(0);
  }

  private void count(Parts parts, String key) {
    if (++parts.predicates > filters.maxFilters()) {
      throw new QueryParseException(Names.display(key), String.format(Locale.ROOT,
          "the query has more than %d having and measure filter predicates", filters.maxFilters()));
    }
  }

  private static String alias(String param, String alias) {
    if (!ALIAS.matcher(alias).matches()) {
      throw new QueryParseException(Names.display(param), "parameter " + Names.quote(param)
          + " needs an alias made of letters, digits and '_', not starting with a digit");
    }
    return alias;
  }

  private void groupBy(Parts parts, String v) {
    for (String raw : v.split(",", -1)) {
      String f = raw.trim();
      if (!options.groupFields().contains(f)) {
        throw new QueryParseException("groupBy", String.format(Locale.ROOT,
            "%s is not a groupable field; groupable fields: %s", Names.quote(f), options.groupFields()));
      }
      if (parts.groupBy.contains(f)) {
        throw new QueryParseException("groupBy", "parameter \"groupBy\" names field \"" + f + "\" twice");
      }
      parts.groupBy.add(f);
    }
  }

  private void measure(Parts parts, String key, String v) {
    String alias = alias(key, key.substring("measure.".length()));
    Matcher m = MEASURE.matcher(v.trim());
    Measure.Op op = m.matches() ? OPS.get(m.group(1)) : null;
    if (op == null) {
      throw new QueryParseException(Names.display(key), String.format(Locale.ROOT,
          "parameter %s expects op(field), count() or percentile(field,p); ops: %s", Names.quote(key),
          new java.util.TreeSet<>(OPS.keySet())));
    }
    String field = m.group(2);
    String p = m.group(3);
    if (field == null && op != Measure.Op.COUNT) {
      throw new QueryParseException(Names.display(key), "parameter " + Names.quote(key) + ": "
          + m.group(1) + " needs a field");
    }
    if (field != null && !options.measureFields().contains(field)) {
      throw new QueryParseException(Names.display(key), String.format(Locale.ROOT,
          "%s is not a measurable field; measurable fields: %s", Names.quote(field), options.measureFields()));
    }
    if ((p != null) != (op == Measure.Op.PERCENTILE)) {
      throw new QueryParseException(Names.display(key), "parameter " + Names.quote(key)
          + (p == null ? ": percentile needs p in [0, 1]: percentile(field,0.9)" : ": only percentile takes p"));
    }
    Measure measure;
    if (op == Measure.Op.PERCENTILE) {
      double q = Double.parseDouble(p);
      if (q > 1.0) {
        throw new QueryParseException(Names.display(key), "parameter " + Names.quote(key)
            + ": percentile p must be within [0, 1]");
      }
      measure = Measure.percentile(field, q);
    } else {
      measure = new Measure(op, field);
    }
    if (parts.measures.size() >= options.maxMeasures()) {
      throw new QueryParseException(Names.display(key), String.format(Locale.ROOT,
          "the query has more than %d measures", options.maxMeasures()));
    }
    parts.measures.put(alias, measure);
    parts.measureParams.put(alias, key);
  }

  private void measureWhere(Parts parts, String key, String v) {
    int at = key.indexOf(".where.");
    String alias = alias(key, key.substring("measure.".length(), at));
    String filterKey = key.substring(at + ".where.".length());
    String[] split = QueryGrammar.split(filterKey);
    FieldType type = filters.filterFields().get(split[0]);
    if (type == null) {
      throw new QueryParseException(Names.display(key), String.format(Locale.ROOT,
          "%s is not a filterable field; filterable fields: %s", Names.quote(split[0]),
          filters.filterFields().keySet()));
    }
    parts.measureWhere.computeIfAbsent(alias, a -> new ArrayList<>())
        .add(grammar.predicate(key, split[0], split[1], type, v));
  }

  private void bucket(Parts parts, String key, String v) {
    String alias = alias(key, key.substring("bucket.".length()));
    String[] items = v.split(",", -1);
    if (items.length < 2 || items.length > 3) {
      throw new QueryParseException(Names.display(key), "parameter " + Names.quote(key)
          + " expects field,interval or field,interval,timeZone (interval: minute, hour, day, week, month,"
          + " quarter, year or every N minute|hour|day|week|month)");
    }
    String field = items[0].trim();
    if (!options.bucketFields().contains(field)) {
      throw new QueryParseException(Names.display(key), String.format(Locale.ROOT,
          "%s is not a bucketable field; bucketable fields: %s", Names.quote(field), options.bucketFields()));
    }
    DateBucket bucket = interval(key, field, items[1].trim().toLowerCase(Locale.ROOT));
    if (items.length == 3) {
      try {
        bucket = bucket.inZone(ZoneId.of(items[2].trim()).getId());
      } catch (DateTimeException | RepositoryException e) {
        throw new QueryParseException(Names.display(key), "parameter " + Names.quote(key)
            + ": the time zone is not a valid IANA zone id (for example Europe/Paris) or offset");
      }
    }
    if (parts.groupBy.size() + parts.buckets.size() >= options.maxGroupKeys()) {
      throw new QueryParseException(Names.display(key), String.format(Locale.ROOT,
          "the query has more than %d group keys", options.maxGroupKeys()));
    }
    parts.buckets.put(alias, bucket);
  }

  private DateBucket interval(String key, String field, String spec) {
    Matcher every = EVERY.matcher(spec);
    String unitName = every.matches() ? every.group(2) : spec;
    DateBucket.Unit unit;
    try {
      unit = DateBucket.Unit.valueOf(unitName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new QueryParseException(Names.display(key), "parameter " + Names.quote(key)
          + ": unknown interval; expected minute, hour, day, week, month, quarter, year or every N unit");
    }
    if (!every.matches()) {
      return DateBucket.of(field, unit);
    }
    long n = Long.parseLong(every.group(1));
    if (n < 1 || n > options.maxEvery() || unit == DateBucket.Unit.QUARTER || unit == DateBucket.Unit.YEAR) {
      throw new QueryParseException(Names.display(key), String.format(Locale.ROOT,
          "parameter %s: every N takes 1 <= N <= %d and a minute, hour, day, week or month unit",
          Names.quote(key), options.maxEvery()));
    }
    return DateBucket.every(field, (int) n, unit);
  }

  private void topN(Parts parts, String key, String v) {
    switch (key) {
      case "topN":
        if (v.isEmpty() || v.length() > 6 || !v.chars().allMatch(c -> c >= '0' && c <= '9')
            || Integer.parseInt(v) < 1) {
          throw new QueryParseException(key, "parameter \"topN\" expects a positive integer (rows per partition)");
        }
        parts.topN = Integer.parseInt(v);
        break;
      case "topN.sort":
        parts.topNSort = v;
        break;
      case "topN.partitionBy":
        parts.topNPartition = v;
        break;
      case "topN.ties":
        parts.ties = TIES.get(v);
        if (parts.ties == null) {
          throw new QueryParseException(key, "parameter \"topN.ties\" expects rank, dense_rank or row_number");
        }
        break;
      default:
        throw new QueryParseException(Names.display(key), "unknown aggregate parameter " + Names.quote(key)
            + "; expected topN, topN.sort, topN.partitionBy or topN.ties");
    }
  }

  /** Builds the request once every parameter is known, so references between them are checked. */
  private AggregateRequest request(Parts parts, Filter filter) {
    if (parts.measures.isEmpty()) {
      throw new QueryParseException("measure", "an aggregate query needs at least one measure.<alias>=op(field)");
    }
    Set<String> outputs = new LinkedHashSet<>(parts.groupBy);
    for (String alias : parts.buckets.keySet()) {
      if (!outputs.add(alias)) {
        throw new QueryParseException("bucket." + alias, "bucket alias \"" + alias + "\" collides with a group field");
      }
    }
    for (Map.Entry<String, String> m : parts.measureParams.entrySet()) {
      if (!outputs.add(m.getKey())) {
        throw new QueryParseException(m.getValue(), "measure alias \"" + m.getKey()
            + "\" collides with a group field or bucket alias");
      }
    }
    Map<String, Measure> measures = new LinkedHashMap<>();
    parts.measures.forEach((alias, m) -> {
      List<Filter> where = parts.measureWhere.get(alias);
      measures.put(alias, where == null ? m : m.where(Filters.and(where)));
    });
    for (String alias : parts.measureWhere.keySet()) {
      if (!parts.measures.containsKey(alias)) {
        throw new QueryParseException("measure." + alias + ".where", "measure \"" + alias
            + "\" has a filter but no measure.<alias>=op(field)");
      }
    }
    List<Filter> having = new ArrayList<>();
    for (String[] h : parts.having) {
      String[] split = QueryGrammar.split(h[0].substring("having.".length()));
      if (!outputs.contains(split[0])) {
        throw new QueryParseException(Names.display(h[0]), String.format(Locale.ROOT,
            "having: %s is not a group key or measure alias of this query; output keys: %s",
            Names.quote(split[0]), outputs));
      }
      FieldType type = parts.measures.containsKey(split[0]) ? FieldType.NUMBER
          : parts.buckets.containsKey(split[0]) ? FieldType.STRING
          : paths.type(split[0]) != null ? paths.type(split[0])
          : filters.filterFields().getOrDefault(split[0], FieldType.STRING);
      having.add(grammar.predicate(h[0], split[0], split[1], type, h[1]));
    }
    Sort sort = parts.sort == null ? Sort.unsorted() : outputSort("sort", parts.sort, outputs);
    TopN top = null;
    if (parts.topN != null) {
      if (parts.topNSort == null) {
        throw new QueryParseException("topN.sort", "parameter \"topN\" needs topN.sort (for example -total)");
      }
      List<String> partition = new ArrayList<>();
      if (parts.topNPartition != null) {
        for (String raw : parts.topNPartition.split(",", -1)) {
          String p = raw.trim();
          if (!parts.groupBy.contains(p) && !parts.buckets.containsKey(p)) {
            throw new QueryParseException("topN.partitionBy", String.format(Locale.ROOT,
                "%s is not a group key of this query", Names.quote(p)));
          }
          partition.add(p);
        }
      }
      top = TopN.of(parts.topN, outputSort("topN.sort", parts.topNSort, outputs), partition.toArray(new String[0]));
      top = parts.ties == null ? top : top.withTies(parts.ties);
    } else if (parts.topNSort != null || parts.topNPartition != null || parts.ties != null) {
      throw new QueryParseException(parts.topNSort != null ? "topN.sort" : parts.topNPartition != null
          ? "topN.partitionBy" : "topN.ties", "topN.* parameters need topN=<rows per partition>");
    }
    try {
      return new AggregateRequest(filter, parts.groupBy, measures, Filters.and(having), sort, 0, 0, parts.buckets,
          top, paths.used(parts.groupBy, measures.values(), parts.buckets.values()));
    } catch (ValidationException e) {
      // A rule of the request the checks above do not repeat: still the client's input, still named.
      throw new QueryParseException(e.field() == null ? "aggregate" : Names.display(e.field()), e.getMessage());
    }
  }

  private static Sort outputSort(String param, String v, Set<String> outputs) {
    return QueryGrammar.sort(param, v, outputs,
        "%s is not a group key or measure alias of this query; output keys: %s");
  }
}
