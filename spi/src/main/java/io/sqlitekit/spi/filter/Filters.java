package io.sqlitekit.spi.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Static builders for the {@link Filter} IR.
 *
 * <p>{@link #and}, {@link #or} and {@link #not} simplify as they build: nested conjunctions are flattened,
 * {@code and(..., none(), ...)} is {@code none()}, {@code or(..., all(), ...)} is {@code all()},
 * {@code not(not(x))} is {@code x}. The records themselves never simplify, so a hand-built tree is kept
 * exactly as given.
 *
 * <pre>{@code
 * Filter f = and(gte("age", 18), in("role", List.of("admin", "editor")), not(eq("banned", true)));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Filters {
  private Filters() {
  }

  /**
   * Returns the filter matching every row.
   *
   * @return {@link MatchAll#INSTANCE}
   */
  public static Filter all() {
    return MatchAll.INSTANCE;
  }

  /**
   * Returns the filter matching no row.
   *
   * @return {@link MatchNone#INSTANCE}
   */
  public static Filter none() {
    return MatchNone.INSTANCE;
  }

  /**
   * Field equals value; a null value means IS NULL.
   *
   * @param field the field
   * @param value the value, possibly null
   * @return the filter
   */
  public static Filter eq(String field, Object value) {
    return new Eq(field, value);
  }

  /**
   * Field differs from value; NULL fields never match unless the value is null (then: IS NOT NULL).
   *
   * @param field the field
   * @param value the value, possibly null
   * @return the filter
   */
  public static Filter ne(String field, Object value) {
    return new Ne(field, value);
  }

  /**
   * Field greater than value.
   *
   * @param field the field
   * @param value the value
   * @return the filter
   */
  public static Filter gt(String field, Object value) {
    return new Gt(field, value);
  }

  /**
   * Field greater than or equal to value.
   *
   * @param field the field
   * @param value the value
   * @return the filter
   */
  public static Filter gte(String field, Object value) {
    return new Gte(field, value);
  }

  /**
   * Field less than value.
   *
   * @param field the field
   * @param value the value
   * @return the filter
   */
  public static Filter lt(String field, Object value) {
    return new Lt(field, value);
  }

  /**
   * Field less than or equal to value.
   *
   * @param field the field
   * @param value the value
   * @return the filter
   */
  public static Filter lte(String field, Object value) {
    return new Lte(field, value);
  }

  /**
   * Field in the values; an empty collection matches nothing.
   *
   * @param field the field
   * @param values the values
   * @return the filter
   */
  public static Filter in(String field, Collection<?> values) {
    return In.of(field, Objects.requireNonNull(values, "values"));
  }

  /**
   * Field in the values; no values matches nothing.
   *
   * @param field the field
   * @param values the values
   * @return the filter
   */
  public static Filter in(String field, Object... values) {
    return in(field, Arrays.asList(values));
  }

  /**
   * Field in none of the values; an empty collection matches everything, NULL fields included.
   *
   * @param field the field
   * @param values the values
   * @return the filter
   */
  public static Filter nin(String field, Collection<?> values) {
    return Nin.of(field, Objects.requireNonNull(values, "values"));
  }

  /**
   * Field in none of the values; no values matches everything.
   *
   * @param field the field
   * @param values the values
   * @return the filter
   */
  public static Filter nin(String field, Object... values) {
    return nin(field, Arrays.asList(values));
  }

  /**
   * Case-insensitive LIKE with the pattern as given ({@code %}, {@code _} wildcards; backslash escapes).
   *
   * @param field the field
   * @param pattern the LIKE pattern
   * @return the filter
   */
  public static Filter like(String field, String pattern) {
    return new Like(field, pattern, false);
  }

  /**
   * Case-sensitive LIKE with the pattern as given.
   *
   * @param field the field
   * @param pattern the LIKE pattern
   * @return the filter
   */
  public static Filter likeCaseSensitive(String field, String pattern) {
    return new Like(field, pattern, true);
  }

  /**
   * Case-insensitive match of the whole text, with no wildcards.
   *
   * @param field the field
   * @param text the text to match literally
   * @return the filter
   */
  public static Filter iEq(String field, String text) {
    return like(field, escapeLike(text));
  }

  /**
   * Case-insensitive "contains" of literal text.
   *
   * @param field the field
   * @param text the text, matched literally
   * @return the filter
   */
  public static Filter contains(String field, String text) {
    return like(field, "%" + escapeLike(text) + "%");
  }

  /**
   * Case-insensitive "starts with" literal text.
   *
   * @param field the field
   * @param text the text, matched literally
   * @return the filter
   */
  public static Filter startsWith(String field, String text) {
    return like(field, escapeLike(text) + "%");
  }

  /**
   * Case-insensitive "ends with" literal text.
   *
   * @param field the field
   * @param text the text, matched literally
   * @return the filter
   */
  public static Filter endsWith(String field, String text) {
    return like(field, "%" + escapeLike(text));
  }

  /**
   * Escapes {@code \}, {@code %} and {@code _} so that the text matches itself literally inside a LIKE
   * pattern. Backslashes are escaped too, so {@code contains("name", "back\\slash")} finds the backslash.
   *
   * @param text the literal text
   * @return the escaped pattern fragment
   */
  public static String escapeLike(String text) {
    Objects.requireNonNull(text, "text");
    StringBuilder sb = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' || c == '%' || c == '_') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /**
   * Regular-expression match (Java syntax), no flags.
   *
   * @param field the field
   * @param pattern the pattern
   * @return the filter
   */
  public static Filter regex(String field, String pattern) {
    return new Regex(field, pattern, "");
  }

  /**
   * Regular-expression match with flags ({@code i}, {@code m}, {@code s}).
   *
   * @param field the field
   * @param pattern the pattern
   * @param flags the flags
   * @return the filter
   */
  public static Filter regex(String field, String pattern, String flags) {
    return new Regex(field, pattern, flags);
  }

  /**
   * Field is non-NULL when {@code present}, NULL otherwise.
   *
   * @param field the field
   * @param present whether the field must be present
   * @return the filter
   */
  public static Filter exists(String field, boolean present) {
    return new Exists(field, present);
  }

  /**
   * Field is NULL.
   *
   * @param field the field
   * @return the filter
   */
  public static Filter isNull(String field) {
    return new Exists(field, false);
  }

  /**
   * Field is non-NULL.
   *
   * @param field the field
   * @return the filter
   */
  public static Filter isNotNull(String field) {
    return new Exists(field, true);
  }

  /**
   * Inclusive range: {@code lo <= field <= hi}.
   *
   * @param field the field
   * @param lo the lower bound
   * @param hi the upper bound
   * @return the filter
   */
  public static Filter between(String field, Object lo, Object hi) {
    return and(gte(field, lo), lte(field, hi));
  }

  /**
   * Conjunction, simplified: nested ANDs flattened, {@code all()} dropped, any {@code none()} wins.
   *
   * @param filters the conjuncts
   * @return the simplified filter; {@code all()} when nothing is left
   */
  public static Filter and(Filter... filters) {
    return and(Arrays.asList(filters));
  }

  /**
   * Conjunction of a list, simplified like {@link #and(Filter...)}.
   *
   * @param filters the conjuncts
   * @return the simplified filter
   */
  public static Filter and(List<? extends Filter> filters) {
    List<Filter> out = new ArrayList<>(filters.size());
    for (Filter f : filters) {
      Objects.requireNonNull(f, "filter");
      if (f instanceof MatchNone) {
        return MatchNone.INSTANCE;
      } else if (f instanceof And) {
        Filter flat = and(((And) f).children());
        if (flat instanceof MatchNone) {
          return flat;
        } else if (flat instanceof And) {
          out.addAll(((And) flat).children());
        } else if (!(flat instanceof MatchAll)) {
          out.add(flat);
        }
      } else if (!(f instanceof MatchAll)) {
        out.add(f);
      }
    }
    if (out.isEmpty()) {
      return MatchAll.INSTANCE;
    }
    return out.size() == 1 ? out.get(0) : new And(out);
  }

  /**
   * Disjunction, simplified: nested ORs flattened, {@code none()} dropped, any {@code all()} wins.
   *
   * @param filters the disjuncts
   * @return the simplified filter; {@code none()} when nothing is left
   */
  public static Filter or(Filter... filters) {
    return or(Arrays.asList(filters));
  }

  /**
   * Disjunction of a list, simplified like {@link #or(Filter...)}.
   *
   * @param filters the disjuncts
   * @return the simplified filter
   */
  public static Filter or(List<? extends Filter> filters) {
    List<Filter> out = new ArrayList<>(filters.size());
    for (Filter f : filters) {
      Objects.requireNonNull(f, "filter");
      if (f instanceof MatchAll) {
        return MatchAll.INSTANCE;
      } else if (f instanceof Or) {
        Filter flat = or(((Or) f).children());
        if (flat instanceof MatchAll) {
          return flat;
        } else if (flat instanceof Or) {
          out.addAll(((Or) flat).children());
        } else if (!(flat instanceof MatchNone)) {
          out.add(flat);
        }
      } else if (!(f instanceof MatchNone)) {
        out.add(f);
      }
    }
    if (out.isEmpty()) {
      return MatchNone.INSTANCE;
    }
    return out.size() == 1 ? out.get(0) : new Or(out);
  }

  /**
   * Negation, simplified: {@code not(not(x))} is {@code x}; {@code not(all())} is {@code none()}.
   *
   * @param filter the filter to negate
   * @return the simplified negation
   */
  public static Filter not(Filter filter) {
    Objects.requireNonNull(filter, "filter");
    if (filter instanceof Not) {
      return ((Not) filter).child();
    } else if (filter instanceof MatchAll) {
      return MatchNone.INSTANCE;
    } else if (filter instanceof MatchNone) {
      return MatchAll.INSTANCE;
    }
    return new Not(filter);
  }

  /**
   * Raw SQL boolean expression with bound parameters: the explicit escape hatch.
   *
   * @param sql the expression with {@code ?} placeholders
   * @param params one value per placeholder
   * @return the filter
   */
  public static Filter raw(String sql, Object... params) {
    return new Raw(sql, Arrays.asList(params));
  }

  /**
   * One {@code eq} per entry, AND-ed; a null value means IS NULL. An empty map matches every row.
   *
   * @param fields field to value
   * @return the filter
   */
  public static Filter match(Map<String, ?> fields) {
    List<Filter> eqs = new ArrayList<>(fields.size());
    fields.forEach((k, v) -> eqs.add(eq(k, v)));
    return and(eqs);
  }
}
