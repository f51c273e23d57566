package io.sqlitekit.core.internal.render;

import io.sqlitekit.spi.compile.FilterCompiler;
import io.sqlitekit.spi.compile.SqlFragment;
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
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.support.filter.FilterNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Internal, not API, may change. The default {@link FilterCompiler}: renders the filter IR into a SQLite
 * boolean expression with every value bound and encoded by its column codec.
 *
 * <p>The expression is {@code 1} for a filter matching everything and {@code 0} for one matching nothing;
 * compound children are parenthesised, so the result can be AND-ed with anything.
 */
public final class FilterRenderer implements FilterCompiler {
  private final JsonCodec json;
  private final boolean allowRawSubqueries;
  private final boolean regexp;

  /**
   * Creates a renderer that refuses subqueries in raw filters.
   *
   * @param json the codec for JSON-mode columns
   */
  public FilterRenderer(JsonCodec json) {
    this(json, false);
  }

  /**
   * Creates a renderer.
   *
   * @param json the codec for JSON-mode columns
   * @param allowRawSubqueries whether raw filters may contain {@code SELECT} (see {@link RawSqlScanner})
   */
  public FilterRenderer(JsonCodec json, boolean allowRawSubqueries) {
    this(json, allowRawSubqueries, true);
  }

  /**
   * Creates a renderer for a database that may lack {@code REGEXP}.
   *
   * @param json the codec for JSON-mode columns
   * @param allowRawSubqueries whether raw filters may contain {@code SELECT} (see {@link RawSqlScanner})
   * @param regexp whether the database has the {@code REGEXP} function; without it regex filters are refused
   */
  public FilterRenderer(JsonCodec json, boolean allowRawSubqueries, boolean regexp) {
    this.json = json;
    this.allowRawSubqueries = allowRawSubqueries;
    this.regexp = regexp;
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
    normalize(filter, model).accept(new Visitor(model, sql, new StringBuilder(), params));
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
    normalize(filter, model).accept(new Visitor(model, sql, shape, params));
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

  /**
   * Folds the filter's constants ({@link FilterNormalizer}, shared with the in-memory kit) and checks every
   * field and every value that folding drops, exactly as rendering checks the rest.
   */
  private Filter normalize(Filter filter, TableModel model) {
    return FilterNormalizer.normalize(filter, new FilterNormalizer.Fields() {
      @Override
      public void checkField(String field) {
        model.column(field);
      }

      @Override
      public void checkValue(String field, Object value) {
        model.column(field).toSqlOperand(value, json);
      }
    });
  }

  /**
   * Appends the shape always and the SQL when {@code sb} is not null, for a normalised filter: constants
   * occur only as the whole filter. Shape tokens use {@code ;} as the field terminator, which no valid
   * identifier contains.
   */
  private final class Visitor implements FilterVisitor<Void> {
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

    private Void sql(String... parts) {
      if (sb != null) {
        for (String p : parts) {
          sb.append(p);
        }
      }
      return null;
    }

    private Void compare(String token, String field, Object value, String op) {
      Column c = model.column(field);
      shape.append(token).append(field).append(';');
      params.add(encode(c, value));
      return sql(model.expr(field), op, "?");
    }

    /** Equality and its negation; a null value is the IS [NOT] NULL test. */
    private Void equality(String token, String field, Object value, String nullTest, String op) {
      Column c = model.column(field);
      shape.append(token).append(field).append(';');
      if (value == null) {
        shape.append('n');
        return sql(model.expr(field), nullTest);
      }
      params.add(encode(c, value));
      return sql(model.expr(field), op);
    }

    @Override
    public Void visitEq(Eq f) {
      return equality("=", f.field(), f.value(), " IS NULL", " = ?");
    }

    @Override
    public Void visitNe(Ne f) {
      return equality("!=", f.field(), f.value(), " IS NOT NULL", " <> ?");
    }

    @Override
    public Void visitGt(Gt f) {
      return compare(">", f.field(), f.value(), " > ");
    }

    @Override
    public Void visitGte(Gte f) {
      return compare(">=", f.field(), f.value(), " >= ");
    }

    @Override
    public Void visitLt(Lt f) {
      return compare("<", f.field(), f.value(), " < ");
    }

    @Override
    public Void visitLte(Lte f) {
      return compare("<=", f.field(), f.value(), " <= ");
    }

    /** An {@code IN}/{@code NOT IN} list; the normaliser removed nulls and empty lists. */
    private Void list(String token, String field, List<Object> values, String op) {
      Column c = model.column(field);
      shape.append(token).append(field).append(';').append(values.size());
      sql(model.expr(field), op);
      for (int i = 0; i < values.size(); i++) {
        sql(i == 0 ? "?" : ", ?");
        params.add(encode(c, values.get(i)));
      }
      return sql(")");
    }

    @Override
    public Void visitIn(In f) {
      return list("in", f.field(), f.values(), " IN (");
    }

    @Override
    public Void visitNin(Nin f) {
      // NOT IN is unknown for NULL rows, so they are excluded, as the contract says.
      return list("nin", f.field(), f.values(), " NOT IN (");
    }

    @Override
    public Void visitLike(Like f) {
      model.column(f.field());
      shape.append(f.caseSensitive() ? "LIKE" : "like").append(f.field()).append(';');
      String e = model.expr(f.field());
      if (f.caseSensitive()) {
        // LIKE folds ASCII case; GLOB does not. LIKE keeps the escape semantics, GLOB adds case.
        params.add(f.pattern());
        params.add(likeToGlob(f.pattern()));
        return sql("(", e, " LIKE ? ESCAPE '\\' AND ", e, " GLOB ?)");
      }
      params.add(f.pattern());
      return sql(e, " LIKE ? ESCAPE '\\'");
    }

    @Override
    public Void visitRegex(Regex f) {
      model.column(f.field());
      if (!regexp) {
        throw new io.sqlitekit.spi.error.OperationNotSupportedException("regex filter on field \"" + f.field()
            + "\": this database has no REGEXP function (the dqlite and D1 drivers cannot register one on the"
            + " server);"
            + " use eq/in/like filters instead");
      }
      shape.append("re").append(f.field()).append(';');
      params.add(f.flags().isEmpty() ? f.pattern() : "(?" + f.flags() + ")" + f.pattern());
      return sql(model.expr(f.field()), " REGEXP ?");
    }

    @Override
    public Void visitExists(Exists f) {
      model.column(f.field());
      shape.append(f.present() ? "ex" : "nx").append(f.field()).append(';');
      return sql(model.expr(f.field()), f.present() ? " IS NOT NULL" : " IS NULL");
    }

    private Void junction(List<Filter> children, String op, String token) {
      shape.append(token);
      sql("(");
      for (int i = 0; i < children.size(); i++) {
        if (i > 0) {
          sql(op);
        }
        children.get(i).accept(this);
        shape.append(',');
      }
      shape.append(')');
      return sql(")");
    }

    @Override
    public Void visitAnd(And f) {
      return junction(f.children(), " AND ", "&(");
    }

    @Override
    public Void visitOr(Or f) {
      return junction(f.children(), " OR ", "|(");
    }

    @Override
    public Void visitNot(Not f) {
      shape.append("!(");
      sql("NOT (");
      f.child().accept(this);
      shape.append(')');
      return sql(")");
    }

    @Override
    public Void visitMatchAll(MatchAll f) {
      shape.append('T');
      return sql("1");
    }

    @Override
    public Void visitMatchNone(MatchNone f) {
      shape.append('F');
      return sql("0");
    }

    @Override
    public Void visitRaw(Raw f) {
      int n = RawSqlScanner.validate(f.sql(), model.table().name(), allowRawSubqueries);
      if (n != f.params().size()) {
        throw new ValidationException(String.format(Locale.ROOT,
            "raw filter on table \"%s\" has %d placeholder(s) but %d parameter(s)", model.table().name(), n,
            f.params().size()));
      }
      // The raw text is part of the shape, length-prefixed so it cannot be confused with other tokens.
      shape.append("raw").append(f.sql().length()).append(':').append(f.sql());
      for (int i = 0; i < f.params().size(); i++) {
        params.add(rawParam(f.params().get(i), model.table().name(), i));
      }
      return sql("(", f.sql(), ")");
    }
  }

  /**
   * Encodes a raw filter's parameter the way a column codec would, with the same refusals: no raw parameter
   * may change silently on its way to SQLite (NaN would bind as NULL, an unpaired surrogate as {@code ?}).
   */
  private static Object rawParam(Object p, String table, int index) {
    if (p instanceof Boolean) {
      return ((Boolean) p) ? 1L : 0L;
    }
    if (p instanceof java.time.Instant) {
      try {
        return io.sqlitekit.spi.table.Timestamps.format((java.time.Instant) p);
      } catch (IllegalArgumentException e) {
        throw rawParamRefused(table, index, "is an instant outside years 0001 to 9999", e);
      }
    }
    if (p instanceof Enum) {
      return ((Enum<?>) p).name();
    }
    if (p instanceof java.util.UUID) {
      return p.toString();
    }
    if ((p instanceof Double && ((Double) p).isNaN()) || (p instanceof Float && ((Float) p).isNaN())) {
      throw rawParamRefused(table, index, "is NaN, which SQLite would bind as NULL", null);
    }
    if (p instanceof CharSequence && Column.unpairedSurrogate((CharSequence) p) >= 0) {
      throw rawParamRefused(table, index, "holds an unpaired surrogate, which the driver would write as '?'", null);
    }
    return p;
  }

  private static ValidationException rawParamRefused(String table, int index, String problem, Throwable cause) {
    return new ValidationException(null, String.format(Locale.ROOT, "raw filter on table %s: parameter %d %s",
        io.sqlitekit.spi.error.Messages.quote(table), index + 1, problem), cause);
  }
}
