package io.sqlitekit.memory.internal;

import io.sqlitekit.spi.error.OperationNotSupportedException;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.And;
import io.sqlitekit.spi.filter.Eq;
import io.sqlitekit.spi.filter.Exists;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.filter.FilterVisitor;
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
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.support.filter.FilterNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Internal, not API, may change. Compiles the filter IR into a predicate over stored rows with SQL
 * three-valued logic. Compiling validates every field (unknown → {@link ValidationException}) and encodes
 * every value with its column codec, exactly where the SQLite kit would fail; evaluating never throws.
 *
 * <p>Rows are read by field name (the name the filter uses), so the same evaluator serves table rows and
 * aggregate result rows keyed by alias.
 *
 * <p>Constants are folded first by {@code FilterNormalizer}, the same pass the SQLite kit's renderer runs, so
 * the two kits cannot disagree on them; this compiler sees constants only as the whole filter.
 *
 * @since 0.1.0
 */
public final class FilterEvaluator {
  /** The truth value TRUE. */
  public static final int TRUE = 1;
  /** The truth value FALSE. */
  public static final int FALSE = 0;
  /** The truth value UNKNOWN (a comparison involving NULL). */
  public static final int UNKNOWN = -1;

  /**
   * Internal, not API, may change. A compiled predicate; thread-safe and reusable.
   *
   * @since 0.1.0
   */
  @FunctionalInterface
  public interface Predicate {
    /**
     * Evaluates the predicate on a stored row.
     *
     * @param row storage values keyed by field
     * @return {@link #TRUE}, {@link #FALSE} or {@link #UNKNOWN}
     */
    int eval(Map<String, Object> row);

    /**
     * Returns whether the row matches (only TRUE matches).
     *
     * @param row the row
     * @return true if the predicate is TRUE
     */
    default boolean test(Map<String, Object> row) {
      return eval(row) == TRUE;
    }
  }

  private static final Predicate ALWAYS = r -> TRUE;
  private static final Predicate NEVER = r -> FALSE;

  private FilterEvaluator() {
  }

  /**
   * Compiles a filter.
   *
   * @param filter the filter
   * @param resolver maps a field to its column, throwing {@link ValidationException} when unknown
   * @param json the JSON codec, possibly null
   * @param what the target for messages, such as {@code table "users"}
   * @return the predicate
   * @throws ValidationException on an unknown field, a value of the wrong type or a bad regular expression
   * @throws OperationNotSupportedException for a raw SQL filter
   */
  public static Predicate compile(Filter filter, Function<String, Column> resolver, JsonCodec json, String what) {
    Filter normal = FilterNormalizer.normalize(filter, new FilterNormalizer.Fields() {
      @Override
      public void checkField(String field) {
        resolver.apply(field);
      }

      @Override
      public void checkValue(String field, Object value) {
        resolver.apply(field).toSqlOperand(value, json);
      }
    });
    return normal.accept(new Compiler(resolver, json, what));
  }

  private static final class Compiler implements FilterVisitor<Predicate> {
    private final Function<String, Column> resolver;
    private final JsonCodec json;
    private final String what;

    Compiler(Function<String, Column> resolver, JsonCodec json, String what) {
      this.resolver = resolver;
      this.json = json;
      this.what = what;
    }

    private Column column(String field) {
      return resolver.apply(field);
    }

    private interface Cmp {
      boolean holds(int c);
    }

    private Predicate compare(String field, Object value, Cmp op) {
      Object enc = column(field).toSqlOperand(value, json);
      String key = field;
      return row -> {
        Object v = row.get(key);
        if (v == null) {
          return UNKNOWN;
        }
        return op.holds(SqlValues.compare(v, enc)) ? TRUE : FALSE;
      };
    }

    @Override
    public Predicate visitEq(Eq f) {
      column(f.field());
      String key = f.field();
      if (f.value() == null) {
        return row -> row.get(key) == null ? TRUE : FALSE;
      }
      return compare(f.field(), f.value(), x -> x == 0);
    }

    @Override
    public Predicate visitNe(Ne f) {
      column(f.field());
      String key = f.field();
      if (f.value() == null) {
        return row -> row.get(key) != null ? TRUE : FALSE;
      }
      return compare(f.field(), f.value(), x -> x != 0);
    }

    @Override
    public Predicate visitGt(Gt f) {
      return compare(f.field(), f.value(), x -> x > 0);
    }

    @Override
    public Predicate visitGte(Gte f) {
      return compare(f.field(), f.value(), x -> x >= 0);
    }

    @Override
    public Predicate visitLt(Lt f) {
      return compare(f.field(), f.value(), x -> x < 0);
    }

    @Override
    public Predicate visitLte(Lte f) {
      return compare(f.field(), f.value(), x -> x <= 0);
    }

    /** Encodes an {@code in}/{@code nin} list; the normaliser removed nulls and empty lists. */
    private List<Object> encodeAll(Column c, List<Object> values) {
      List<Object> out = new ArrayList<>(values.size());
      for (Object v : values) {
        out.add(c.toSqlOperand(v, json));
      }
      return out;
    }

    private static boolean contains(List<Object> list, Object v) {
      for (Object o : list) {
        if (SqlValues.same(o, v)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public Predicate visitIn(In f) {
      List<Object> values = encodeAll(column(f.field()), f.values());
      String key = f.field();
      return row -> {
        Object v = row.get(key);
        if (v == null) {
          return UNKNOWN;
        }
        return contains(values, v) ? TRUE : FALSE;
      };
    }

    @Override
    public Predicate visitNin(Nin f) {
      List<Object> values = encodeAll(column(f.field()), f.values());
      String key = f.field();
      return row -> {
        Object v = row.get(key);
        if (v == null) {
          return UNKNOWN;
        }
        return contains(values, v) ? FALSE : TRUE;
      };
    }

    @Override
    public Predicate visitLike(Like f) {
      Column c = column(f.field());
      String key = f.field();
      String pattern = f.pattern();
      boolean cs = f.caseSensitive();
      return row -> {
        Object v = row.get(key);
        if (v == null) {
          return UNKNOWN;
        }
        return SqlValues.like(SqlValues.text(v), pattern, cs) ? TRUE : FALSE;
      };
    }

    @Override
    public Predicate visitRegex(Regex f) {
      column(f.field());
      // The SQLite kit hands "(?flags)pattern" to its REGEXP function; compile the same text (the
      // normaliser has already refused an invalid pattern).
      Pattern p = Pattern.compile(f.flags().isEmpty() ? f.pattern() : "(?" + f.flags() + ")" + f.pattern());
      String key = f.field();
      return row -> {
        Object v = row.get(key);
        if (v == null) {
          return UNKNOWN;
        }
        return p.matcher(SqlValues.text(v)).find() ? TRUE : FALSE;
      };
    }

    @Override
    public Predicate visitExists(Exists f) {
      Column c = column(f.field());
      String key = f.field();
      boolean present = f.present();
      return row -> (row.get(key) != null) == present ? TRUE : FALSE;
    }

    private List<Predicate> children(List<Filter> children) {
      List<Predicate> out = new ArrayList<>(children.size());
      for (Filter child : children) {
        out.add(child.accept(this));
      }
      return out;
    }

    @Override
    public Predicate visitAnd(And f) {
      Predicate[] arr = children(f.children()).toArray(new Predicate[0]);
      return row -> {
        int result = TRUE;
        for (Predicate p : arr) {
          int v = p.eval(row);
          if (v == FALSE) {
            return FALSE;
          }
          if (v == UNKNOWN) {
            result = UNKNOWN;
          }
        }
        return result;
      };
    }

    @Override
    public Predicate visitOr(Or f) {
      Predicate[] arr = children(f.children()).toArray(new Predicate[0]);
      return row -> {
        int result = FALSE;
        for (Predicate p : arr) {
          int v = p.eval(row);
          if (v == TRUE) {
            return TRUE;
          }
          if (v == UNKNOWN) {
            result = UNKNOWN;
          }
        }
        return result;
      };
    }

    @Override
    public Predicate visitNot(Not f) {
      Predicate inner = f.child().accept(this);
      return row -> {
        int v = inner.eval(row);
        return v == UNKNOWN ? UNKNOWN : (v == TRUE ? FALSE : TRUE);
      };
    }

    @Override
    public Predicate visitMatchAll(MatchAll f) {
      return ALWAYS;
    }

    @Override
    public Predicate visitMatchNone(MatchNone f) {
      return NEVER;
    }

    @Override
    public Predicate visitRaw(Raw f) {
      throw new OperationNotSupportedException(String.format(Locale.ROOT,
          "raw SQL filters cannot be evaluated in memory (%s); the in-memory kit's capabilities leave out "
              + "RAW_FILTER", what));
    }
  }
}
