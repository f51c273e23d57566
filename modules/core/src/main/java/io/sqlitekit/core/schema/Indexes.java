package io.sqlitekit.core.schema;

import io.sqlitekit.core.SqliteKit;
import io.sqlitekit.core.internal.render.FilterRenderer;
import io.sqlitekit.core.internal.render.SqlLiterals;
import io.sqlitekit.core.internal.render.TableModel;
import io.sqlitekit.spi.driver.SqliteDriver;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.filter.Filter;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.table.Identifiers;
import io.sqlitekit.spi.table.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Index DDL and introspection.
 *
 * <p>{@code create("orders", List.of("userId", "createdAt"), false, null, null, true)} renders
 * {@code CREATE INDEX IF NOT EXISTS "idx_orders_userId_createdAt" ON "orders" ("userId", "createdAt");}.
 *
 * @since 0.1.0
 */
public final class Indexes {
  private Indexes() {
  }

  /**
   * Renders {@code CREATE [UNIQUE] INDEX}.
   *
   * @param table the table name
   * @param columns the SQL column names, at least one
   * @param unique whether the index is unique
   * @param partialWhere a raw WHERE expression for a partial index, inserted verbatim, or null
   * @param name the index name, or null for {@code idx_<table>_<c1>_<c2>…}
   * @param ifNotExists whether to add {@code IF NOT EXISTS}
   * @return the statement, ending with a semicolon
   * @throws IllegalArgumentException if there is no column or a name is not a valid identifier
   */
  public static String create(String table, List<String> columns, boolean unique, String partialWhere, String name,
      boolean ifNotExists) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(columns, "columns");
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("an index requires at least one column");
    }
    String n = name != null ? name : "idx_" + table + "_" + String.join("_", columns);
    StringBuilder sb = new StringBuilder("CREATE ");
    if (unique) {
      sb.append("UNIQUE ");
    }
    sb.append("INDEX ");
    if (ifNotExists) {
      sb.append("IF NOT EXISTS ");
    }
    sb.append(Identifiers.quote(n)).append(" ON ").append(Identifiers.quote(table)).append(" (");
    for (int i = 0; i < columns.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(Identifiers.quote(columns.get(i)));
    }
    sb.append(')');
    if (partialWhere != null && !partialWhere.isBlank()) {
      sb.append(" WHERE ").append(partialWhere);
    }
    return sb.append(';').toString();
  }

  /**
   * Renders {@code CREATE [UNIQUE] INDEX} over fields of a table definition, with a partial-index filter
   * rendered through the filter compiler (its values inlined as literals, since DDL cannot bind).
   *
   * @param table the table
   * @param fields property keys, at least one
   * @param unique whether the index is unique
   * @param partialWhere the filter, or null
   * @param name the index name, or null for the default
   * @param ifNotExists whether to add {@code IF NOT EXISTS}
   * @param json codec for JSON-mode values in the filter; may be null
   * @return the statement
   * @throws io.sqlitekit.spi.error.ValidationException on an unknown field, or when the definition describes a
   *     view (SQLite indexes tables only; index the view's base table)
   */
  public static String create(TableDef table, List<String> fields, boolean unique, Filter partialWhere, String name,
      boolean ifNotExists, JsonCodec json) {
    if (table.isView()) {
      throw new ValidationException(String.format(Locale.ROOT,
          "%s describes a view, which cannot be indexed; index the table it selects from",
          Messages.quote(table.name())));
    }
    TableModel model = TableModel.of(table);
    List<String> cols = new ArrayList<>(fields.size());
    for (String f : fields) {
      cols.add(model.column(f).sqlName());
    }
    String where = null;
    if (partialWhere != null) {
      StringBuilder sb = new StringBuilder();
      List<Object> params = new ArrayList<>();
      new FilterRenderer(json).render(partialWhere, model, sb, params);
      where = SqlLiterals.inline(sb.toString(), params);
    }
    return create(table.name(), cols, unique, where, name, ifNotExists);
  }

  /**
   * Renders {@code DROP INDEX}.
   *
   * @param name the index
   * @param ifExists whether to add {@code IF EXISTS}
   * @return the statement
   */
  public static String drop(String name, boolean ifExists) {
    return "DROP INDEX " + (ifExists ? "IF EXISTS " : "") + Identifiers.quote(name) + ";";
  }

  /**
   * Renders {@code REINDEX} of one table, index or collation, or of everything.
   *
   * @param target the name, or null for everything
   * @return the statement
   */
  public static String reindex(String target) {
    return target == null ? "REINDEX;" : "REINDEX " + Identifiers.quote(target) + ";";
  }

  /**
   * Lists the indexes of a table.
   *
   * @param kit the kit
   * @param table the table name
   * @return the indexes
   */
  public static List<IndexInfo> list(SqliteKit kit, String table) {
    return list(kit.driver(), table);
  }

  /**
   * Lists the indexes of a table through a driver.
   *
   * @param driver the driver
   * @param table the table name
   * @return the indexes, in SQLite's order
   */
  public static List<IndexInfo> list(SqliteDriver driver, String table) {
    Objects.requireNonNull(table, "table");
    return driver.read(s -> {
      List<Object[]> heads = s.query("SELECT name, \"unique\", origin, partial FROM pragma_index_list(?)",
          List.of(table), rows -> {
            List<Object[]> found = new ArrayList<>();
            while (rows.next()) {
              found.add(new Object[] {rows.getString(0), rows.getLong(1) != 0, !"c".equals(rows.getString(2)),
                  rows.getLong(3) != 0});
            }
            return found;
          });
      List<IndexInfo> out = new ArrayList<>();
      for (Object[] h : heads) {
        String name = (String) h[0];
        List<IndexInfo.Column> cols = s.query(
            "SELECT name, \"desc\" FROM pragma_index_xinfo(?) WHERE key = 1 AND cid >= 0 ORDER BY seqno",
            List.of(name), rows -> {
              List<IndexInfo.Column> found = new ArrayList<>();
              while (rows.next()) {
                found.add(new IndexInfo.Column(rows.getString(0), rows.getLong(1) != 0));
              }
              return found;
            });
        String partial = null;
        if ((Boolean) h[3]) {
          String sql = s.query("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", List.of(name),
              rows -> rows.next() ? rows.getString(0) : null);
          if (sql != null) {
            partial = partialWhere(sql);
          }
        }
        out.add(new IndexInfo(name, table, (Boolean) h[1], (Boolean) h[2], cols, partial));
      }
      return out;
    });
  }

  static String partialWhere(String sql) {
    int i = sql.toUpperCase(Locale.ROOT).indexOf("WHERE");
    if (i < 0) {
      return null;
    }
    String w = sql.substring(i + 5).trim();
    while (w.endsWith(";")) {
      w = w.substring(0, w.length() - 1).trim();
    }
    return w;
  }
}
