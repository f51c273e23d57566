package io.sqlitekit.support.filter;

import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.And;
import io.sqlitekit.spi.filter.Eq;
import io.sqlitekit.spi.filter.Exists;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.FilterVisitor;
import io.sqlitekit.spi.filter.Filters;
import io.sqlitekit.spi.filter.Gt;
import io.sqlitekit.spi.filter.Gte;
import io.sqlitekit.spi.filter.In;
import io.sqlitekit.spi.filter.Like;
import io.sqlitekit.spi.filter.Lt;
import io.sqlitekit.spi.filter.Lte;
import io.sqlitekit.spi.filter.MatchAll;
import io.sqlitekit.spi.filter.MatchNone;
import io.sqlitekit.spi.filter.Ne;
import io.sqlitekit.spi.filter.Nin;
import io.sqlitekit.spi.filter.Not;
import io.sqlitekit.spi.filter.Or;
import io.sqlitekit.spi.filter.Raw;
import io.sqlitekit.spi.filter.Regex;
import io.sqlitekit.spi.table.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.PatternSyntaxException;

/**
 * The one place where the filter contract's constant rules live, so the SQL renderer and the in-memory
 * evaluator cannot disagree on them. {@link #normalize} returns an equivalent filter in which
 *
 * <ul>
 *   <li>an ordering comparison ({@code gt}, {@code gte}, {@code lt}, {@code lte}) with a null value is
 *       {@link MatchNone} (unknown in SQL, so it matches nothing);</li>
 *   <li>{@code in} with no non-null value is {@link MatchNone} (a null in the list never matches a NULL
 *       field), and null values are dropped from {@code in} and {@code nin} lists;</li>
 *   <li>{@code nin([])} is {@link MatchAll}, and {@code nin} of nulls only is {@code exists(field)}
 *       (NULL rows stay excluded, as for every {@code nin});</li>
 *   <li>{@code and}/{@code or} drop identity children, collapse to the absorbing constant, and unwrap a
 *       single child; {@code not} of a constant is the other constant.</li>
 * </ul>
 *
 * <p>So {@link MatchAll} and {@link MatchNone} occur only as the whole result, never inside it. Every field
 * of the input, including those inside a branch that folding drops, is passed to the {@link Fields} check,
 * and every value of a dropped branch to {@link Fields#checkValue}, so a bad field or value fails the same
 * way wherever it appears; LIKE and regex patterns are checked here for the same reason (well-formed
 * UTF-16, and a regex must compile). An input that is already normal is returned as the same instance.
 *
 * @since 0.2.0
 */
public final class FilterNormalizer {
  private FilterNormalizer() {
  }

  /**
   * How the caller resolves fields and validates values; both methods throw the kit's
   * {@code ValidationException}.
   */
  public interface Fields {
    /**
     * Checks that the field exists.
     *
     * @param field the field name
     */
    void checkField(String field);

    /**
     * Checks a value that folding removed, so it is never encoded by the caller (non-null only).
     *
     * @param field the field
     * @param value the value
     */
    void checkValue(String field, Object value);
  }

  /**
   * Normalises a filter.
   *
   * @param filter the filter
   * @param fields the field and value checks
   * @return the equivalent normal filter
   */
  public static Filter normalize(Filter filter, Fields fields) {
    return filter.accept(new Folder(fields));
  }

  private static final class Folder implements FilterVisitor<Filter> {
    private final Fields fields;

    Folder(Fields fields) {
      this.fields = fields;
    }

    private Filter leaf(String field, Filter f) {
      fields.checkField(field);
      return f;
    }

    private Filter ordering(String field, Object value, Filter f) {
      fields.checkField(field);
      return value == null ? MatchNone.INSTANCE : f;
    }

    @Override
    public Filter visitEq(Eq f) {
      return leaf(f.field(), f);
    }

    @Override
    public Filter visitNe(Ne f) {
      return leaf(f.field(), f);
    }

    @Override
    public Filter visitGt(Gt f) {
      return ordering(f.field(), f.value(), f);
    }

    @Override
    public Filter visitGte(Gte f) {
      return ordering(f.field(), f.value(), f);
    }

    @Override
    public Filter visitLt(Lt f) {
      return ordering(f.field(), f.value(), f);
    }

    @Override
    public Filter visitLte(Lte f) {
      return ordering(f.field(), f.value(), f);
    }

    /** The non-null values, or the same list when it has no null. */
    private static List<Object> withoutNulls(List<Object> values) {
      if (!values.contains(null)) {
        return values;
      }
      List<Object> out = new ArrayList<>(values.size());
      for (Object v : values) {
        if (v != null) {
          out.add(v);
        }
      }
      return out;
    }

    @Override
    public Filter visitIn(In f) {
      fields.checkField(f.field());
      List<Object> values = withoutNulls(f.values());
      if (values.isEmpty()) {
        return MatchNone.INSTANCE;
      }
      return values == f.values() ? f : new In(f.field(), values);
    }

    @Override
    public Filter visitNin(Nin f) {
      fields.checkField(f.field());
      if (f.values().isEmpty()) {
        return MatchAll.INSTANCE;
      }
      List<Object> values = withoutNulls(f.values());
      if (values.isEmpty()) {
        return new Exists(f.field(), true);
      }
      return values == f.values() ? f : new Nin(f.field(), values);
    }

    @Override
    public Filter visitLike(Like f) {
      fields.checkField(f.field());
      requireWellFormedPattern(f.field(), f.pattern());
      return f;
    }

    @Override
    public Filter visitRegex(Regex f) {
      fields.checkField(f.field());
      checkPattern(f);
      return f;
    }

    @Override
    public Filter visitExists(Exists f) {
      return leaf(f.field(), f);
    }

    private Filter junction(List<Filter> children, boolean isAnd, Filter self) {
      Filter identity = isAnd ? MatchAll.INSTANCE : MatchNone.INSTANCE;
      Filter absorbing = isAnd ? MatchNone.INSTANCE : MatchAll.INSTANCE;
      List<Filter> kept = null;
      boolean absorbed = false;
      for (int i = 0; i < children.size(); i++) {
        Filter child = children.get(i);
        // Every child is folded, even after absorption, so a bad field anywhere is reported.
        Filter folded = child.accept(this);
        boolean drop = folded.equals(identity) || folded.equals(absorbing);
        absorbed |= folded.equals(absorbing);
        if (kept == null && (drop || folded != child)) {
          kept = new ArrayList<>(children.subList(0, i));
        }
        if (kept != null && !drop) {
          kept.add(folded);
        }
      }
      if (absorbed) {
        checkDroppedValues(children);
        return absorbing;
      }
      List<Filter> result = kept == null ? children : kept;
      if (result.isEmpty()) {
        return identity;
      }
      if (result.size() == 1) {
        return result.get(0);
      }
      if (result == children) {
        return self;
      }
      return isAnd ? new And(result) : new Or(result);
    }

    @Override
    public Filter visitAnd(And f) {
      return junction(f.children(), true, f);
    }

    @Override
    public Filter visitOr(Or f) {
      return junction(f.children(), false, f);
    }

    @Override
    public Filter visitNot(Not f) {
      Filter inner = f.child().accept(this);
      if (inner instanceof MatchAll) {
        checkDroppedValues(List.of(f.child()));
        return MatchNone.INSTANCE;
      }
      if (inner instanceof MatchNone) {
        checkDroppedValues(List.of(f.child()));
        return MatchAll.INSTANCE;
      }
      return inner == f.child() ? f : new Not(inner);
    }

    @Override
    public Filter visitMatchAll(MatchAll f) {
      return MatchAll.INSTANCE;
    }

    @Override
    public Filter visitMatchNone(MatchNone f) {
      return MatchNone.INSTANCE;
    }

    @Override
    public Filter visitRaw(Raw f) {
      return f;
    }

    /** Values inside folded-away branches are never encoded by the caller; check them here. */
    private void checkDroppedValues(List<Filter> dropped) {
      for (Filter f : dropped) {
        f.accept(new ValueChecker(fields));
      }
    }
  }

  /**
   * Checks that a LIKE or REGEXP pattern can reach SQLite unchanged, so both kits refuse the same patterns: one
   * holding an unpaired UTF-16 surrogate cannot (the driver would send {@code ?} in its place and the filter
   * would silently match something else).
   */
  private static void requireWellFormedPattern(String field, String pattern) {
    int at = Column.unpairedSurrogate(pattern);
    if (at >= 0) {
      throw new ValidationException(field, String.format(Locale.ROOT,
          "the pattern for field %s holds an unpaired UTF-16 surrogate at index %d, which SQLite cannot receive",
          Messages.quote(field), at));
    }
  }

  /**
   * Compiles a regex filter's pattern, as both kits evaluate it (the SQLite kit's REGEXP function is
   * Java's {@code Pattern}), so an invalid one fails before any SQL runs or any row is read.
   */
  private static void checkPattern(Regex f) {
    requireWellFormedPattern(f.field(), f.pattern());
    try {
      f.compile();
    } catch (PatternSyntaxException ex) {
      throw new ValidationException(f.field(), String.format(Locale.ROOT,
          "invalid regular expression for field \"%s\": %s", f.field(), ex.getDescription()), ex);
    }
  }

  /** Hands every non-null leaf value to {@link Fields#checkValue}. */
  private static final class ValueChecker implements FilterVisitor<Void> {
    private final Fields fields;

    ValueChecker(Fields fields) {
      this.fields = fields;
    }

    private Void value(String field, Object v) {
      if (v != null) {
        fields.checkValue(field, v);
      }
      return null;
    }

    private Void values(String field, List<Object> vs) {
      for (Object v : vs) {
        value(field, v);
      }
      return null;
    }

    @Override
    public Void visitEq(Eq f) {
      return value(f.field(), f.value());
    }

    @Override
    public Void visitNe(Ne f) {
      return value(f.field(), f.value());
    }

    @Override
    public Void visitGt(Gt f) {
      return value(f.field(), f.value());
    }

    @Override
    public Void visitGte(Gte f) {
      return value(f.field(), f.value());
    }

    @Override
    public Void visitLt(Lt f) {
      return value(f.field(), f.value());
    }

    @Override
    public Void visitLte(Lte f) {
      return value(f.field(), f.value());
    }

    @Override
    public Void visitIn(In f) {
      return values(f.field(), f.values());
    }

    @Override
    public Void visitNin(Nin f) {
      return values(f.field(), f.values());
    }

    @Override
    public Void visitLike(Like f) {
      requireWellFormedPattern(f.field(), f.pattern());
      return null;
    }

    @Override
    public Void visitRegex(Regex f) {
      checkPattern(f);
      return null;
    }

    @Override
    public Void visitExists(Exists f) {
      return null;
    }

    @Override
    public Void visitAnd(And f) {
      f.children().forEach(c -> c.accept(this));
      return null;
    }

    @Override
    public Void visitOr(Or f) {
      f.children().forEach(c -> c.accept(this));
      return null;
    }

    @Override
    public Void visitNot(Not f) {
      return f.child().accept(this);
    }

    @Override
    public Void visitMatchAll(MatchAll f) {
      return null;
    }

    @Override
    public Void visitMatchNone(MatchNone f) {
      return null;
    }

    @Override
    public Void visitRaw(Raw f) {
      return null;
    }
  }
}
