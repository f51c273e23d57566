package io.sqlitekit.core.internal.render;

import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.Identifiers;
import io.sqlitekit.spi.table.TableDef;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Internal, not API, may change. Precomputed lookups over one table (columns by property key, quoted SQL
 * expressions, the full select list) so that rendering a statement never re-quotes or scans.
 */
public final class TableModel {
  private final TableDef table;
  private final String label;
  private final Map<String, Column> columns;
  private final Map<String, String> expressions;
  private final String quotedTable;
  private final String selectList;
  private final Column primaryKey;

  private TableModel(TableDef table, String label, Map<String, Column> columns, Map<String, String> expressions) {
    this(table, label, columns, expressions, Identifiers.quote(table.name()));
  }

  private TableModel(TableDef table, String label, Map<String, Column> columns, Map<String, String> expressions,
      String quotedSource) {
    this.table = table;
    this.label = label;
    this.columns = columns;
    this.expressions = expressions;
    this.quotedTable = quotedSource;
    StringBuilder sb = new StringBuilder();
    for (Column c : table.columns()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(Identifiers.quote(c.sqlName()));
    }
    this.selectList = sb.toString();
    this.primaryKey = table.primaryKey();
  }

  /**
   * Builds the model of a table.
   *
   * @param table the table
   * @return the model
   */
  public static TableModel of(TableDef table) {
    Objects.requireNonNull(table, "table");
    Map<String, Column> cols = new HashMap<>();
    Map<String, String> exprs = new HashMap<>();
    for (Column c : table.columns()) {
      cols.put(c.name(), c);
      exprs.put(c.name(), Identifiers.quote(c.sqlName()));
    }
    return new TableModel(table, "table " + Messages.quote(table.name()), cols, exprs);
  }

  /**
   * Builds the model of a table read from another named source (a common table expression of the statement),
   * whose columns carry the table's SQL names.
   *
   * @param table the table the source's rows look like
   * @param source the source's name
   * @return the model; {@link #quotedTable()} is the quoted source
   */
  public static TableModel source(TableDef table, String source) {
    TableModel m = of(table);
    return new TableModel(table, m.label, m.columns, m.expressions, Identifiers.quote(source));
  }

  /**
   * Builds a model whose "fields" are arbitrary SQL expressions (group fields and measure aliases of an
   * aggregate), each with the column used to encode values compared against it.
   *
   * @param table the underlying table
   * @param columns field to codec column
   * @param expressions field to SQL expression
   * @return the model
   */
  public static TableModel derived(TableDef table, Map<String, Column> columns, Map<String, String> expressions) {
    return new TableModel(table, "aggregate over table " + Messages.quote(table.name()), Map.copyOf(columns),
        Map.copyOf(expressions));
  }

  /**
   * Returns the table.
   *
   * @return the definition
   */
  public TableDef table() {
    return table;
  }

  /**
   * Returns the quoted table name.
   *
   * @return {@code "name"}
   */
  public String quotedTable() {
    return quotedTable;
  }

  /**
   * Returns every column, quoted, in declaration order.
   *
   * @return the select list
   */
  public String selectList() {
    return selectList;
  }

  /**
   * Returns the primary-key column.
   *
   * @return the column
   */
  public Column primaryKey() {
    return primaryKey;
  }

  /**
   * Looks up a field.
   *
   * @param field the property key
   * @return the column
   * @throws ValidationException naming the field and the table when unknown
   */
  public Column column(String field) {
    Column c = columns.get(field);
    if (c == null) {
      throw unknown(field);
    }
    return c;
  }

  /**
   * Returns the SQL expression of a field.
   *
   * @param field the property key
   * @return the quoted column (or expression)
   * @throws ValidationException naming the field and the table when unknown
   */
  public String expr(String field) {
    String e = expressions.get(field);
    if (e == null) {
      throw unknown(field);
    }
    return e;
  }

  /**
   * Returns whether the field exists.
   *
   * @param field the property key
   * @return true if known
   */
  public boolean has(String field) {
    return expressions.containsKey(field);
  }

  private ValidationException unknown(String field) {
    return new ValidationException(field, String.format(Locale.ROOT, "unknown field %s on %s; known fields: %s",
        Messages.quote(field), label, new java.util.TreeSet<>(expressions.keySet())));
  }

  /**
   * Returns the columns in declaration order.
   *
   * @return the columns
   */
  public List<Column> columns() {
    return table.columns();
  }
}
