package io.sqlitekit.core.internal.render;

import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.Identifiers;
import io.sqlitekit.spi.table.TableDef;
import io.sqlitekit.support.rules.ViewRules;
import java.util.Locale;
import java.util.Objects;

/**
 * Internal, not API, may change. Renders {@code CREATE VIEW} statements: from a caller's SELECT (checked to
 * be one self-contained statement) or from a base table, a projection (the view's columns) and a filter.
 *
 * <p>SQLite does not allow bound parameters in a view, so a filter's values are rendered as literals through
 * the column codecs ({@link SqlLiterals#inline}); identifiers are validated and quoted.
 */
public final class ViewDdl {
  private ViewDdl() {
  }

  /**
   * Renders a view over a caller's query.
   *
   * @param view the view definition
   * @param select a {@code SELECT} (or {@code WITH … SELECT}, {@code VALUES}) statement without a trailing
   *     semicolon, comments or parameters
   * @return the statement
   * @throws ValidationException if the definition is not a view or the query is not one plain statement
   */
  public static String create(TableDef view, String select) {
    ViewRules.requireView(view);
    Objects.requireNonNull(select, "select");
    String trimmed = select.strip();
    String head = trimmed.length() >= 6 ? trimmed.substring(0, 6).toUpperCase(Locale.ROOT) : "";
    if (!(head.equals("SELECT") || head.startsWith("WITH") || head.equals("VALUES"))) {
      throw new ValidationException("select", String.format(Locale.ROOT,
          "view %s: the query must start with SELECT, WITH or VALUES", Messages.quote(view.name())));
    }
    // The same lexical checks as a raw filter: one statement, no comments, no numbered parameters.
    int placeholders = RawSqlScanner.validate(trimmed, view.name(), true);
    if (placeholders > 0) {
      throw new ValidationException("select", String.format(Locale.ROOT,
          "view %s: a view cannot have bound parameters (%d '?' found); write the values into the query",
          Messages.quote(view.name()), placeholders));
    }
    return "CREATE VIEW " + Identifiers.quote(view.name()) + " AS " + trimmed;
  }

  /**
   * Renders a view that selects the view's columns from a base table's rows matching a filter. Each view
   * column names a base column by property key and must have the same storage class, so both sides decode
   * values alike.
   *
   * @param view the view definition
   * @param base the renderer of the base table
   * @param where the rows the view exposes
   * @return the statement
   * @throws ValidationException if the definition is not a view, a view column is not a base column of the
   *     same storage, or the filter is invalid on the base table
   */
  public static String create(TableDef view, StatementRenderer base, Filter where) {
    Objects.requireNonNull(where, "where");
    TableDef table = base.model().table();
    ViewRules.checkProjection(view, table);
    StringBuilder sb = new StringBuilder("CREATE VIEW ").append(Identifiers.quote(view.name()))
        .append(" AS SELECT ");
    boolean first = true;
    for (Column c : view.columns()) {
      sb.append(first ? "" : ", ").append(Identifiers.quote(table.require(c.name()).sqlName())).append(" AS ")
          .append(Identifiers.quote(c.sqlName()));
      first = false;
    }
    Rendered w = base.where(where);
    sb.append(" FROM ").append(base.model().quotedTable()).append(" WHERE ")
        .append(SqlLiterals.inline(w.sql(), w.params()));
    return sb.toString();
  }
}
