package io.sqlitekit.core.internal.render;

import io.sqlitekit.spi.compile.FilterCompiler;
import io.sqlitekit.spi.compile.SqlFragment;
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
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.PatternSyntaxException;

/**
 * Internal, not API, may change. The default {@link FilterCompiler}: renders the filter IR into a SQLite
 * boolean expression with every value bound and encoded by its column codec.
 *
 * <p>The expression is {@code 1} for a filter matching everything and {@code 0} for one matching nothing;
 * compound children are parenthesised, so the result can be AND-ed with anything.
 */
public final class FilterRenderer implements FilterCompiler {
  private final JsonCodec json;

  /**
   * Creates a renderer.
   *
   * @param json the codec for JSON-mode columns
   */
  public FilterRenderer(JsonCodec json) {
    this.json = json;
  }

  @Override
  public SqlFragment compile(Filter filter, TableDef table) {
    List<Object> params = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    render(filter, TableModel.of(table), sb, params);
    return new SqlFragment(sb.toString(), params);
  }

  /**
   * Renders a filter into {@code sql}, appending its parameters.
   *
   * @param filter the filter
   * @param model the table model
   * @param sql the output
   * @param params the parameters, in placeholder order
   */
  public void render(Filter filter, TableModel model, StringBuilder sql, List<Object> params) {
    filter.accept(new Visitor(model, sql, new StringBuilder(), params));
  }

  /**
   * Computes the filter's shape (its structure without values) and its encoded parameters, and renders
   * the SQL only when {@code sql} is not null. Every rendering decision depends on the shape alone, so
   * equal shapes render equal SQL with parameters in the same order: callers cache SQL by shape.
   *
   * @param filter the filter
   * @param model the table model
   * @param sql the SQL output, or null to skip rendering
   * @param shape the shape output
   * @param params the parameters, in placeholder order
   * @throws ValidationException on an unknown field, a wrong value type or a bad raw fragment
   */
  public void shape(Filter filter, TableModel model, StringBuilder sql, StringBuilder shape, List<Object> params) {
    filter.accept(new Visitor(model, sql, shape, params));
  }

  /**
   * Counts {@code ?} placeholders outside string literals and quoted identifiers.
   *
   * @param sql the SQL
   * @return the count
   */
  public static int countPlaceholders(String sql) {
    int n = 0;
    char quote = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '?') {
        n++;
      }
    }
    return n;
  }

  /**
   * Translates a LIKE pattern with backslash escapes into an equivalent case-sensitive GLOB pattern.
   *
   * @param like the LIKE pattern
   * @return the GLOB pattern
   */
  public static String likeToGlob(String like) {
    StringBuilder sb = new StringBuilder(like.length() + 8);
    for (int i = 0; i < like.length(); i++) {
      char c = like.charAt(i);
      if (c == '\\' && i + 1 < like.length()) {
        appendGlobLiteral(sb, like.charAt(++i));
      } else if (c == '%') {
        sb.append('*');
      } else if (c == '_') {
        sb.append('?');
      } else {
        appendGlobLiteral(sb, c);
      }
    }
    return sb.toString();
  }

  private static void appendGlobLiteral(StringBuilder sb, char c) {
    if (c == '*' || c == '?' || c == '[') {
      sb.append('[').append(c).append(']');
    } else {
      sb.append(c);
    }
  }

  /** Whether a rendered expression is a constant; decided from the shape, never from the SQL text. */
  private enum Const { ALWAYS, NEVER, VARIABLE }

  /**
   * Appends the shape always and the SQL when {@code sb} is not null. Shape tokens use {@code ;} as the
   * field terminator, which no valid identifier contains.
   */
  private final class Visitor implements FilterVisitor<Const> {
    private final TableModel model;
    private final StringBuilder sb;
    private final StringBuilder shape;
    private final List<Object> params;

    Visitor(TableModel model, StringBuilder sb, StringBuilder shape, List<Object> params) {
      this.model = model;
      this.sb = sb;
      this.shape = shape;
      this.params = params;
    }

    private Object encode(Column c, Object value) {
      return c.toSqlOperand(value, json);
    }

    private Visitor sql(String... parts) {
      if (sb != null) {
        for (String p : parts) {
          sb.append(p);
        }
      }
      return this;
    }

    private Const constant(boolean always) {
      sql(always ? "1" : "0");
      return always ? Const.ALWAYS : Const.NEVER;
    }

    private Const compare(String token, String field, Object value, String op) {
      Column c = model.column(field);
      shape.append(token).append(field).append(';');
      if (value == null) {
        // Ordering against NULL is unknown in SQL: matches nothing.
        shape.append('n');
        return constant(false);
      }
      params.add(encode(c, value));
      sql(model.expr(field), op, "?");
      return Const.VARIABLE;
    }

    @Override
    public Const visitEq(Eq f) {
      Column c = model.column(f.field());
      shape.append("=").append(f.field()).append(';');
      if (f.value() == null) {
        shape.append('n');
        sql(model.expr(f.field()), " IS NULL");
      } else {
        params.add(encode(c, f.value()));
        sql(model.expr(f.field()), " = ?");
      }
      return Const.VARIABLE;
    }

    @Override
    public Const visitNe(Ne f) {
      Column c = model.column(f.field());
      shape.append("!=").append(f.field()).append(';');
      if (f.value() == null) {
        shape.append('n');
        sql(model.expr(f.field()), " IS NOT NULL");
      } else {
        params.add(encode(c, f.value()));
        sql(model.expr(f.field()), " <> ?");
      }
      return Const.VARIABLE;
    }

    @Override
    public Const visitGt(Gt f) {
      return compare(">", f.field(), f.value(), " > ");
    }

    @Override
    public Const visitGte(Gte f) {
      return compare(">=", f.field(), f.value(), " >= ");
    }

    @Override
    public Const visitLt(Lt f) {
      return compare("<", f.field(), f.value(), " < ");
    }

    @Override
    public Const visitLte(Lte f) {
      return compare("<=", f.field(), f.value(), " <= ");
    }

    /** Binds the non-null values; returns how many were bound. */
    private int list(Column c, List<Object> values) {
      int bound = 0;
      for (Object v : values) {
        if (v != null) {
          sql(bound == 0 ? "?" : ", ?");
          params.add(encode(c, v));
          bound++;
        } else {
          encode(c, v);
        }
      }
      return bound;
    }

    private static int nonNull(List<Object> values) {
      int n = 0;
      for (Object v : values) {
        if (v != null) {
          n++;
        }
      }
      return n;
    }

    @Override
    public Const visitIn(In f) {
      Column c = model.column(f.field());
      int n = nonNull(f.values());
      shape.append("in").append(f.field()).append(';').append(n);
      if (n == 0) {
        // Empty, or only nulls: as in SQL, a null in the list never matches a NULL field.
        return constant(false);
      }
      sql(model.expr(f.field()), " IN (");
      list(c, f.values());
      sql(")");
      return Const.VARIABLE;
    }

    @Override
    public Const visitNin(Nin f) {
      Column c = model.column(f.field());
      int n = nonNull(f.values());
      shape.append("nin").append(f.field()).append(';').append(f.values().isEmpty() ? "e" : "").append(n);
      if (f.values().isEmpty()) {
        return constant(true);
      }
      if (n == 0) {
        sql(model.expr(f.field()), " IS NOT NULL");
        return Const.VARIABLE;
      }
      // NOT IN is unknown for NULL rows, so they are excluded, as the contract says.
      sql(model.expr(f.field()), " NOT IN (");
      list(c, f.values());
      sql(")");
      return Const.VARIABLE;
    }

    @Override
    public Const visitLike(Like f) {
      model.column(f.field());
      Filters.requireWellFormedPattern(f.field(), f.pattern());
      shape.append(f.caseSensitive() ? "LIKE" : "like").append(f.field()).append(';');
      String e = model.expr(f.field());
      if (f.caseSensitive()) {
        // LIKE folds ASCII case; GLOB does not. LIKE keeps the escape semantics, GLOB adds case.
        sql("(", e, " LIKE ? ESCAPE '\\' AND ", e, " GLOB ?)");
        params.add(f.pattern());
        params.add(likeToGlob(f.pattern()));
      } else {
        sql(e, " LIKE ? ESCAPE '\\'");
        params.add(f.pattern());
      }
      return Const.VARIABLE;
    }

    @Override
    public Const visitRegex(Regex f) {
      model.column(f.field());
      Filters.requireWellFormedPattern(f.field(), f.pattern());
      try {
        f.compile();
      } catch (PatternSyntaxException ex) {
        throw new ValidationException(f.field(), String.format(Locale.ROOT,
            "invalid regular expression for field \"%s\" on table \"%s\"", f.field(), model.table().name()), ex);
      }
      shape.append("re").append(f.field()).append(';');
      sql(model.expr(f.field()), " REGEXP ?");
      params.add(f.flags().isEmpty() ? f.pattern() : "(?" + f.flags() + ")" + f.pattern());
      return Const.VARIABLE;
    }

    @Override
    public Const visitExists(Exists f) {
      model.column(f.field());
      shape.append(f.present() ? "ex" : "nx").append(f.field()).append(';');
      sql(model.expr(f.field()), f.present() ? " IS NOT NULL" : " IS NULL");
      return Const.VARIABLE;
    }

    private Const junction(List<Filter> children, String op, boolean isAnd) {
      Const identity = isAnd ? Const.ALWAYS : Const.NEVER;
      Const absorbing = isAnd ? Const.NEVER : Const.ALWAYS;
      shape.append(isAnd ? "&(" : "|(");
      List<StringBuilder> parts = new ArrayList<>(children.size());
      List<Object> collected = new ArrayList<>();
      boolean absorbed = false;
      for (Filter child : children) {
        // Render children apart so constant children can be dropped or absorb the whole junction; every
        // child is still visited, so an unknown field anywhere is reported.
        StringBuilder cs = sb == null ? null : new StringBuilder();
        List<Object> cp = new ArrayList<>();
        Const k = child.accept(new Visitor(model, cs, shape, cp));
        shape.append(',');
        if (k == identity) {
          continue;
        }
        if (k == absorbing) {
          absorbed = true;
          continue;
        }
        parts.add(cs);
        collected.addAll(cp);
      }
      shape.append(')');
      if (absorbed) {
        return constant(!isAnd);
      }
      if (parts.isEmpty()) {
        return constant(isAnd);
      }
      params.addAll(collected);
      if (sb != null) {
        if (parts.size() == 1) {
          sb.append(parts.get(0));
        } else {
          sb.append('(');
          for (int i = 0; i < parts.size(); i++) {
            sb.append(i == 0 ? "" : op).append(parts.get(i));
          }
          sb.append(')');
        }
      }
      return Const.VARIABLE;
    }

    @Override
    public Const visitAnd(And f) {
      return junction(f.children(), " AND ", true);
    }

    @Override
    public Const visitOr(Or f) {
      return junction(f.children(), " OR ", false);
    }

    @Override
    public Const visitNot(Not f) {
      shape.append("!(");
      StringBuilder cs = sb == null ? null : new StringBuilder();
      List<Object> cp = new ArrayList<>();
      Const k = f.child().accept(new Visitor(model, cs, shape, cp));
      shape.append(')');
      if (k == Const.ALWAYS) {
        return constant(false);
      }
      if (k == Const.NEVER) {
        return constant(true);
      }
      sql("NOT (", cs == null ? "" : cs.toString(), ")");
      params.addAll(cp);
      return Const.VARIABLE;
    }

    @Override
    public Const visitMatchAll(MatchAll f) {
      shape.append('T');
      return constant(true);
    }

    @Override
    public Const visitMatchNone(MatchNone f) {
      shape.append('F');
      return constant(false);
    }

    @Override
    public Const visitRaw(Raw f) {
      int n = countPlaceholders(f.sql());
      if (n != f.params().size()) {
        throw new ValidationException(String.format(Locale.ROOT,
            "raw filter on table \"%s\" has %d placeholder(s) but %d parameter(s)", model.table().name(), n,
            f.params().size()));
      }
      // The raw text is part of the shape, length-prefixed so it cannot be confused with other tokens.
      shape.append("raw").append(f.sql().length()).append(':').append(f.sql());
      sql("(", f.sql(), ")");
      for (Object p : f.params()) {
        params.add(rawParam(p));
      }
      return Const.VARIABLE;
    }
  }

  private static Object rawParam(Object p) {
    if (p instanceof Boolean) {
      return ((Boolean) p) ? 1L : 0L;
    }
    if (p instanceof java.time.Instant) {
      return io.sqlitekit.spi.table.Timestamps.format((java.time.Instant) p);
    }
    if (p instanceof Enum) {
      return ((Enum<?>) p).name();
    }
    if (p instanceof java.util.UUID) {
      return p.toString();
    }
    return p;
  }
}
