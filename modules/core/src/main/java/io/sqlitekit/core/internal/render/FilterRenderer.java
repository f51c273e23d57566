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
    filter.accept(new Visitor(model, sql, params));
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

  private final class Visitor implements FilterVisitor<Void> {
    private final TableModel model;
    private final StringBuilder sb;
    private final List<Object> params;

    Visitor(TableModel model, StringBuilder sb, List<Object> params) {
      this.model = model;
      this.sb = sb;
      this.params = params;
    }

    private Object encode(Column c, Object value) {
      return c.toSql(value, json);
    }

    private Void compare(String field, Object value, String op) {
      Column c = model.column(field);
      String e = model.expr(field);
      if (value == null) {
        // Ordering against NULL is unknown in SQL: matches nothing.
        sb.append('0');
        return null;
      }
      params.add(encode(c, value));
      sb.append(e).append(op).append('?');
      return null;
    }

    @Override
    public Void visitEq(Eq f) {
      Column c = model.column(f.field());
      if (f.value() == null) {
        sb.append(model.expr(f.field())).append(" IS NULL");
      } else {
        params.add(encode(c, f.value()));
        sb.append(model.expr(f.field())).append(" = ?");
      }
      return null;
    }

    @Override
    public Void visitNe(Ne f) {
      Column c = model.column(f.field());
      if (f.value() == null) {
        sb.append(model.expr(f.field())).append(" IS NOT NULL");
      } else {
        params.add(encode(c, f.value()));
        sb.append(model.expr(f.field())).append(" <> ?");
      }
      return null;
    }

    @Override
    public Void visitGt(Gt f) {
      return compare(f.field(), f.value(), " > ");
    }

    @Override
    public Void visitGte(Gte f) {
      return compare(f.field(), f.value(), " >= ");
    }

    @Override
    public Void visitLt(Lt f) {
      return compare(f.field(), f.value(), " < ");
    }

    @Override
    public Void visitLte(Lte f) {
      return compare(f.field(), f.value(), " <= ");
    }

    private int list(Column c, List<Object> values) {
      int bound = 0;
      for (Object v : values) {
        if (v != null) {
          sb.append(bound == 0 ? "" : ", ").append('?');
          params.add(encode(c, v));
          bound++;
        }
      }
      return bound;
    }

    @Override
    public Void visitIn(In f) {
      Column c = model.column(f.field());
      String e = model.expr(f.field());
      long nonNull = f.values().stream().filter(v -> v != null).count();
      if (nonNull == 0) {
        // Empty, or only nulls: as in SQL, a null in the list never matches a NULL field.
        for (Object v : f.values()) {
          encode(c, v);
        }
        sb.append('0');
        return null;
      }
      sb.append(e).append(" IN (");
      list(c, f.values());
      sb.append(')');
      return null;
    }

    @Override
    public Void visitNin(Nin f) {
      Column c = model.column(f.field());
      String e = model.expr(f.field());
      if (f.values().isEmpty()) {
        sb.append('1');
        return null;
      }
      long nonNull = f.values().stream().filter(v -> v != null).count();
      if (nonNull == 0) {
        sb.append(e).append(" IS NOT NULL");
        return null;
      }
      // NOT IN is unknown for NULL rows, so they are excluded, as the contract says.
      sb.append(e).append(" NOT IN (");
      list(c, f.values());
      sb.append(')');
      return null;
    }

    @Override
    public Void visitLike(Like f) {
      model.column(f.field());
      String e = model.expr(f.field());
      if (f.caseSensitive()) {
        // LIKE folds ASCII case; GLOB does not. LIKE keeps the escape semantics, GLOB adds case.
        sb.append('(').append(e).append(" LIKE ? ESCAPE '\\' AND ").append(e).append(" GLOB ?)");
        params.add(f.pattern());
        params.add(likeToGlob(f.pattern()));
      } else {
        sb.append(e).append(" LIKE ? ESCAPE '\\'");
        params.add(f.pattern());
      }
      return null;
    }

    @Override
    public Void visitRegex(Regex f) {
      model.column(f.field());
      try {
        f.compile();
      } catch (PatternSyntaxException ex) {
        throw new ValidationException(f.field(), String.format(Locale.ROOT,
            "invalid regular expression for field \"%s\" on table \"%s\"", f.field(), model.table().name()), ex);
      }
      sb.append(model.expr(f.field())).append(" REGEXP ?");
      params.add(f.flags().isEmpty() ? f.pattern() : "(?" + f.flags() + ")" + f.pattern());
      return null;
    }

    @Override
    public Void visitExists(Exists f) {
      model.column(f.field());
      sb.append(model.expr(f.field())).append(f.present() ? " IS NOT NULL" : " IS NULL");
      return null;
    }

    private Void junction(List<Filter> children, String op, boolean isAnd) {
      // Render children separately so MatchAll/MatchNone can short-circuit the whole junction.
      List<String> parts = new ArrayList<>(children.size());
      List<Object> collected = new ArrayList<>();
      for (Filter child : children) {
        StringBuilder cs = new StringBuilder();
        List<Object> cp = new ArrayList<>();
        child.accept(new Visitor(model, cs, cp));
        String s = cs.toString();
        if (s.equals(isAnd ? "1" : "0")) {
          continue;
        }
        if (s.equals(isAnd ? "0" : "1")) {
          // Still validated every child above this one; validate the rest too, then collapse.
          for (Filter rest : children.subList(children.indexOf(child) + 1, children.size())) {
            rest.accept(new Visitor(model, new StringBuilder(), new ArrayList<>()));
          }
          sb.append(isAnd ? '0' : '1');
          return null;
        }
        parts.add(s);
        collected.addAll(cp);
      }
      if (parts.isEmpty()) {
        sb.append(isAnd ? '1' : '0');
      } else if (parts.size() == 1) {
        sb.append(parts.get(0));
        params.addAll(collected);
      } else {
        sb.append('(');
        for (int i = 0; i < parts.size(); i++) {
          sb.append(i == 0 ? "" : op).append(parts.get(i));
        }
        sb.append(')');
        params.addAll(collected);
      }
      return null;
    }

    @Override
    public Void visitAnd(And f) {
      return junction(f.children(), " AND ", true);
    }

    @Override
    public Void visitOr(Or f) {
      return junction(f.children(), " OR ", false);
    }

    @Override
    public Void visitNot(Not f) {
      StringBuilder cs = new StringBuilder();
      List<Object> cp = new ArrayList<>();
      f.child().accept(new Visitor(model, cs, cp));
      String s = cs.toString();
      if (s.equals("1")) {
        sb.append('0');
      } else if (s.equals("0")) {
        sb.append('1');
      } else {
        sb.append("NOT (").append(s).append(')');
        params.addAll(cp);
      }
      return null;
    }

    @Override
    public Void visitMatchAll(MatchAll f) {
      sb.append('1');
      return null;
    }

    @Override
    public Void visitMatchNone(MatchNone f) {
      sb.append('0');
      return null;
    }

    @Override
    public Void visitRaw(Raw f) {
      int n = countPlaceholders(f.sql());
      if (n != f.params().size()) {
        throw new ValidationException(String.format(Locale.ROOT,
            "raw filter on table \"%s\" has %d placeholder(s) but %d parameter(s)", model.table().name(), n,
            f.params().size()));
      }
      sb.append('(').append(f.sql()).append(')');
      for (Object p : f.params()) {
        params.add(rawParam(p));
      }
      return null;
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
