package io.sqlitekit.query;

import io.sqlitekit.spi.error.Messages;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link QueryParser} accepts: the allow-listed filter fields with their types, the sortable and
 * selectable fields, the permitted operators and the size limits.
 *
 * <p>Defaults ({@link #defaults()}): no filter or sort field is allowed (list them with
 * {@link #withFilterField} and {@link #withSortFields}); {@code select} accepts any identifier-shaped name
 * (the repository rejects names its table lacks); every {@link Operator}; default limit 20, maximum limit
 * 100; at most 20 filter predicates, values of at most 256 characters, {@code in}/{@code nin} lists of at most
 * 100 items, regular expressions of at most 200 characters.
 *
 * <p>The names {@code page}, {@code limit}, {@code after}, {@code sort} and {@code select} are control
 * parameters and cannot be filter fields. {@code search} (a full-text query) is refused unless
 * {@link #withSearch allowed}; then it is a control parameter too. Immutable and thread-safe.
 *
 * @param filterFields the fields that may be filtered on, each with the type its values are coerced to
 * @param sortFields the fields that may appear in {@code sort}
 * @param selectFields the fields that may appear in {@code select}; empty means any identifier-shaped name
 * @param operators the operators that may be used; a plain {@code field=v} needs {@link Operator#EQ}
 * @param defaultLimit the page size when {@code limit} is absent
 * @param maxLimit the largest accepted {@code limit}
 * @param maxFilters the largest number of filter predicates (every value of every filter parameter counts)
 * @param maxValueLength the longest accepted parameter value, in characters ({@code after} excepted, which
 *     has its own fixed limit of 8192); parameter names are limited to 256 characters
 * @param maxInListSize the largest number of items in an {@code in}, {@code nin} list
 * @param maxRegexLength the longest accepted {@code regex} pattern, in characters
 * @param allowSearch whether the {@code search} parameter (a full-text query, see
 *     {@link ParsedQuery#search()}) is accepted; it is then limited to {@code maxValueLength} characters
 * @since 0.1.0
 */
public record QueryOptions(Map<String, FieldType> filterFields, Set<String> sortFields, Set<String> selectFields,
    Set<Operator> operators, int defaultLimit, int maxLimit, int maxFilters, int maxValueLength, int maxInListSize,
    int maxRegexLength, boolean allowSearch) {

  /** The parameter carrying a full-text query when {@link #allowSearch()} is set. */
  public static final String SEARCH_PARAMETER = "search";

  /** The control parameter names; they are never filter fields. */
  public static final Set<String> CONTROL_PARAMETERS = Set.of("page", "limit", "after", "sort", "select");

  /**
   * Validates and copies the options.
   *
   * @param filterFields the filterable fields with their types
   * @param sortFields the sortable fields
   * @param selectFields the selectable fields; empty means any identifier-shaped name
   * @param operators the permitted operators
   * @param defaultLimit the page size when {@code limit} is absent
   * @param maxLimit the largest accepted {@code limit}
   * @param maxFilters the largest number of filter predicates
   * @param maxValueLength the longest accepted parameter value
   * @param maxInListSize the largest {@code in}/{@code nin} list
   * @param maxRegexLength the longest accepted regular expression
   * @param allowSearch whether {@code search} is accepted
   * @throws NullPointerException if a collection, key or element is null
   * @throws IllegalArgumentException if a limit is below 1, {@code defaultLimit} exceeds {@code maxLimit},
   *     or a field name is empty, contains {@code [ ] ,} or is a control parameter name ({@code search}
   *     included when it is allowed)
   */
  public QueryOptions {
    Objects.requireNonNull(filterFields, "filterFields");
    Map<String, FieldType> ff = new LinkedHashMap<>();
    filterFields.forEach((k, v) -> ff.put(checkName(k, "filter field"), Objects.requireNonNull(v, "field type")));
    filterFields = Collections.unmodifiableMap(ff);
    sortFields = names(sortFields, "sortFields");
    selectFields = names(selectFields, "selectFields");
    Objects.requireNonNull(operators, "operators");
    operators.forEach(o -> Objects.requireNonNull(o, "operator"));
    operators = Collections.unmodifiableSet(operators.isEmpty() ? EnumSet.noneOf(Operator.class)
        : EnumSet.copyOf(operators));
    positive(defaultLimit, "defaultLimit");
    positive(maxLimit, "maxLimit");
    positive(maxFilters, "maxFilters");
    positive(maxValueLength, "maxValueLength");
    positive(maxInListSize, "maxInListSize");
    positive(maxRegexLength, "maxRegexLength");
    if (defaultLimit > maxLimit) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "defaultLimit %d exceeds maxLimit %d", defaultLimit, maxLimit));
    }
    if (allowSearch && filterFields.containsKey(SEARCH_PARAMETER)) {
      throw new IllegalArgumentException("\"search\" is a control parameter once search is allowed and cannot be"
          + " a filter field");
    }
  }

  /**
   * Options without full-text search (the shape before {@code allowSearch} existed).
   *
   * @param filterFields the filterable fields with their types
   * @param sortFields the sortable fields
   * @param selectFields the selectable fields; empty means any identifier-shaped name
   * @param operators the permitted operators
   * @param defaultLimit the page size when {@code limit} is absent
   * @param maxLimit the largest accepted {@code limit}
   * @param maxFilters the largest number of filter predicates
   * @param maxValueLength the longest accepted parameter value
   * @param maxInListSize the largest {@code in}/{@code nin} list
   * @param maxRegexLength the longest accepted regular expression
   * @throws NullPointerException if a collection, key or element is null
   * @throws IllegalArgumentException as the canonical constructor
   */
  public QueryOptions(Map<String, FieldType> filterFields, Set<String> sortFields, Set<String> selectFields,
      Set<Operator> operators, int defaultLimit, int maxLimit, int maxFilters, int maxValueLength, int maxInListSize,
      int maxRegexLength) {
    this(filterFields, sortFields, selectFields, operators, defaultLimit, maxLimit, maxFilters, maxValueLength,
        maxInListSize, maxRegexLength, false);
  }

  /**
   * Returns a copy that accepts, or refuses, the {@code search} parameter: a full-text query for a search
   * extension such as the fts plugin, returned by {@link ParsedQuery#search()}. It is refused by default, like
   * any field not on the allow-list.
   *
   * @param allowed whether {@code search} is accepted
   * @return the new options
   * @throws IllegalArgumentException if {@code search} is also a filter field
   */
  public QueryOptions withSearch(boolean allowed) {
    return new QueryOptions(filterFields, sortFields, selectFields, operators, defaultLimit, maxLimit, maxFilters,
        maxValueLength, maxInListSize, maxRegexLength, allowed);
  }

  /**
   * The default options: nothing filterable or sortable yet, every operator, limits as in the class doc.
   *
   * @return the defaults
   */
  public static QueryOptions defaults() {
    return new QueryOptions(Map.of(), Set.of(), Set.of(), EnumSet.allOf(Operator.class), 20, 100, 20, 256, 100,
        200);
  }

  /**
   * Returns a copy that also allows filtering on a field.
   *
   * @param field the field (property key)
   * @param type how its values are coerced
   * @return the new options
   * @throws IllegalArgumentException if the name is not acceptable (see the constructor)
   */
  public QueryOptions withFilterField(String field, FieldType type) {
    Map<String, FieldType> ff = new LinkedHashMap<>(filterFields);
    ff.put(Objects.requireNonNull(field, "field"), Objects.requireNonNull(type, "type"));
    return withFilterFields(ff);
  }

  /**
   * Returns a copy with exactly these filter fields.
   *
   * @param fields field to type, in the order error messages list them
   * @return the new options
   */
  public QueryOptions withFilterFields(Map<String, FieldType> fields) {
    return new QueryOptions(fields, sortFields, selectFields, operators, defaultLimit, maxLimit, maxFilters,
        maxValueLength, maxInListSize, maxRegexLength, allowSearch);
  }

  /**
   * Returns a copy with exactly these sortable fields.
   *
   * @param fields the fields
   * @return the new options
   */
  public QueryOptions withSortFields(String... fields) {
    return new QueryOptions(filterFields, new LinkedHashSet<>(Arrays.asList(fields)), selectFields, operators,
        defaultLimit, maxLimit, maxFilters, maxValueLength, maxInListSize, maxRegexLength, allowSearch);
  }

  /**
   * Returns a copy with exactly these selectable fields (none means any identifier-shaped name).
   *
   * @param fields the fields
   * @return the new options
   */
  public QueryOptions withSelectFields(String... fields) {
    return new QueryOptions(filterFields, sortFields, new LinkedHashSet<>(Arrays.asList(fields)), operators,
        defaultLimit, maxLimit, maxFilters, maxValueLength, maxInListSize, maxRegexLength, allowSearch);
  }

  /**
   * Returns a copy permitting exactly these operators.
   *
   * @param allowed the operators
   * @return the new options
   */
  public QueryOptions withOperators(Operator... allowed) {
    return new QueryOptions(filterFields, sortFields, selectFields, new LinkedHashSet<>(Arrays.asList(allowed)), defaultLimit, maxLimit,
        maxFilters, maxValueLength, maxInListSize, maxRegexLength, allowSearch);
  }

  /**
   * Returns a copy with another default page size.
   *
   * @param limit the page size used when {@code limit} is absent
   * @return the new options
   */
  public QueryOptions withDefaultLimit(int limit) {
    return new QueryOptions(filterFields, sortFields, selectFields, operators, limit, maxLimit, maxFilters,
        maxValueLength, maxInListSize, maxRegexLength, allowSearch);
  }

  /**
   * Returns a copy with another maximum page size.
   *
   * @param limit the largest accepted {@code limit}
   * @return the new options
   */
  public QueryOptions withMaxLimit(int limit) {
    return new QueryOptions(filterFields, sortFields, selectFields, operators, defaultLimit, limit, maxFilters,
        maxValueLength, maxInListSize, maxRegexLength, allowSearch);
  }

  /**
   * Returns a copy with another maximum number of filter predicates.
   *
   * @param max the largest number of predicates
   * @return the new options
   */
  public QueryOptions withMaxFilters(int max) {
    return new QueryOptions(filterFields, sortFields, selectFields, operators, defaultLimit, maxLimit, max,
        maxValueLength, maxInListSize, maxRegexLength, allowSearch);
  }

  /**
   * Returns a copy with another maximum parameter value length.
   *
   * @param max the longest accepted value, in characters
   * @return the new options
   */
  public QueryOptions withMaxValueLength(int max) {
    return new QueryOptions(filterFields, sortFields, selectFields, operators, defaultLimit, maxLimit, maxFilters,
        max, maxInListSize, maxRegexLength, allowSearch);
  }

  /**
   * Returns a copy with another maximum {@code in}/{@code nin} list size.
   *
   * @param max the largest number of items
   * @return the new options
   */
  public QueryOptions withMaxInListSize(int max) {
    return new QueryOptions(filterFields, sortFields, selectFields, operators, defaultLimit, maxLimit, maxFilters,
        maxValueLength, max, maxRegexLength, allowSearch);
  }

  /**
   * Returns a copy with another maximum regular-expression length.
   *
   * @param max the longest accepted pattern, in characters
   * @return the new options
   */
  public QueryOptions withMaxRegexLength(int max) {
    return new QueryOptions(filterFields, sortFields, selectFields, operators, defaultLimit, maxLimit, maxFilters,
        maxValueLength, maxInListSize, max, allowSearch);
  }

  private static Set<String> names(Collection<String> names, String what) {
    Objects.requireNonNull(names, what);
    Set<String> out = new LinkedHashSet<>();
    for (String n : names) {
      out.add(checkName(n, what));
    }
    return Collections.unmodifiableSet(out);
  }

  private static String checkName(String name, String what) {
    Objects.requireNonNull(name, what);
    if (name.isEmpty()) {
      throw new IllegalArgumentException(what + " names must not be empty");
    }
    if (name.indexOf('[') >= 0 || name.indexOf(']') >= 0 || name.indexOf(',') >= 0) {
      throw new IllegalArgumentException(what + " " + Messages.quote(name) + " must not contain '[', ']' or ','");
    }
    if (what.equals("filter field") && CONTROL_PARAMETERS.contains(name)) {
      throw new IllegalArgumentException(
          Messages.quote(name) + " is a control parameter and cannot be a filter field");
    }
    return name;
  }

  private static void positive(int value, String what) {
    if (value < 1) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be at least 1, was %d", what, value));
    }
  }
}
