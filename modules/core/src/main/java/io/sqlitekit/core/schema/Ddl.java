package io.sqlitekit.core.schema;

import io.sqlitekit.core.internal.render.SqlLiterals;
import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.table.Identifiers;
import io.sqlitekit.spi.table.StorageClass;
import io.sqlitekit.spi.table.TableDef;
import java.util.Locale;
import java.util.Objects;

/**
 * Renders {@code CREATE TABLE} statements from table definitions.
 *
 * <p>Output shape: {@code CREATE TABLE [IF NOT EXISTS] "t" ("c" TYPE [PRIMARY KEY [AUTOINCREMENT]]
 * [NOT NULL] [UNIQUE] [DEFAULT …], …) [STRICT]}. Identifiers are validated and double-quoted; a Java default is
 * encoded through the column codec and rendered as a SQL literal (strings with doubled quotes); a raw
 * SQL default is wrapped in parentheses.
 *
 * @since 0.1.0
 */
public final class Ddl {
  private Ddl() {
  }

  /**
   * Renders the DDL of a table.
   *
   * @param table the definition
   * @param ifNotExists whether to add {@code IF NOT EXISTS}
   * @param json the codec used to encode defaults of JSON columns; may be null when there are none
   * @return the statement, without a trailing semicolon
   * @throws io.sqlitekit.spi.error.ValidationException if a default does not fit its column, or the
   *     definition describes a view (a view is created from its query, never as a table)
   */
  public static String createTable(TableDef table, boolean ifNotExists, JsonCodec json) {
    return createTable(table, ifNotExists, json, false);
  }

  /**
   * Renders the DDL of a table, optionally {@code STRICT}: SQLite (3.37 and later) then refuses a value of another
   * storage class in any column, from any writer, and a reader may trust each column's declared type.
   *
   * @param table the definition
   * @param ifNotExists whether to add {@code IF NOT EXISTS}
   * @param json the codec used to encode defaults of JSON columns; may be null when there are none
   * @param strict whether to add {@code STRICT}
   * @return the statement, without a trailing semicolon
   * @throws io.sqlitekit.spi.error.ValidationException if a default does not fit its column, or the
   *     definition describes a view
   * @since 0.3.0
   */
  public static String createTable(TableDef table, boolean ifNotExists, JsonCodec json, boolean strict) {
    Objects.requireNonNull(table, "table");
    if (table.isView()) {
      throw new ValidationException(String.format(Locale.ROOT,
          "%s describes a view: create it with SqliteKit.createView, not as a table", Messages.quote(table.name())));
    }
    StringBuilder sb = new StringBuilder("CREATE TABLE ");
    if (ifNotExists) {
      sb.append("IF NOT EXISTS ");
    }
    sb.append(Identifiers.quote(table.name())).append(" (");
    boolean first = true;
    for (Column c : table.columns()) {
      sb.append(first ? "" : ", ");
      first = false;
      column(c, json, sb);
    }
    return sb.append(strict ? ") STRICT" : ")").toString();
  }

  private static void column(Column c, JsonCodec json, StringBuilder sb) {
    sb.append(Identifiers.quote(c.sqlName())).append(' ').append(c.storage().sqlType());
    if (c.isPrimaryKey()) {
      sb.append(" PRIMARY KEY");
      if (c.isAutoIncrement()) {
        sb.append(" AUTOINCREMENT");
      }
    }
    if (c.isNotNull()) {
      sb.append(" NOT NULL");
    }
    if (c.isUnique() && !c.isPrimaryKey()) {
      sb.append(" UNIQUE");
    }
    if (c.defaultValue() != null) {
      Object encoded = c.toSql(c.defaultValue(), json);
      String lit = SqlLiterals.literal(encoded);
      sb.append(" DEFAULT ").append(lit.startsWith("-") || c.storage() == StorageClass.REAL ? "(" + lit + ")" : lit);
    } else if (c.defaultSql() != null) {
      sb.append(" DEFAULT (").append(c.defaultSql()).append(')');
    }
  }
}
