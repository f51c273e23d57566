package io.sqlitekit.core.internal.render;

import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.json.JsonCodec;
import io.sqlitekit.spi.table.Column;
import io.sqlitekit.spi.update.Update;
import io.sqlitekit.support.rules.WriteRules;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Internal, not API, may change. The checks a write passes before any SQL runs: known fields, values each
 * column can store, NOT NULL, numeric increments and an unchangeable primary key. Every failure is a
 * {@link ValidationException} naming the field and the table.
 */
public final class WriteChecks {
  private WriteChecks() {
  }

  /**
   * The error for a NULL (or missing value) in a NOT NULL column without default.
   *
   * @param m the table
   * @param c the column
   * @return the exception
   */
  public static ValidationException notNull(TableModel m, Column c) {
    return WriteRules.notNull(m.table(), c);
  }

  /**
   * Checks an update: not empty, known fields, the key not changed, values storable, no NULL into NOT NULL,
   * increments only on numeric fields.
   *
   * @param m the table
   * @param u the update
   * @param json the JSON codec
   * @throws ValidationException on the first problem
   */
  public static void checkUpdate(TableModel m, Update u, JsonCodec json) {
    WriteRules.validateUpdate(m.table(), m::column, u, json);
  }

  /**
   * Checks an insert row (unknown field, NULL into NOT NULL, value the column cannot store, missing NOT NULL
   * column, in that order) and returns its encoded values placed by {@code slotOf} when the row has exactly
   * those fields (in any order), otherwise null; a bulk insert then binds each value once instead of
   * encoding it again.
   *
   * @param m the table
   * @param row the row's fields
   * @param slotOf field to position in the statement, or an empty map when no placement is wanted
   * @param json the JSON codec
   * @return the placed values, or null
   * @throws ValidationException on the first problem
   */
  public static Object[] checkInsert(TableModel m, Map<String, Object> row, Map<String, Integer> slotOf,
      JsonCodec json) {
    Object[] encoded = row.size() == slotOf.size() ? new Object[slotOf.size()] : null;
    for (Map.Entry<String, Object> e : row.entrySet()) {
      Object value = encodeValue(m, m.column(e.getKey()), e.getValue(), json);
      Integer slot = encoded == null ? null : slotOf.get(e.getKey());
      if (slot == null) {
        encoded = null;
      } else {
        encoded[slot] = value;
      }
    }
    requireNotNullColumns(m, row);
    return encoded;
  }

  /**
   * Checks a further row of a bulk insert against the layout of a first row that passed {@link #checkInsert}:
   * when the row's fields are the layout's, less some of {@code omittable} (nullable columns without any
   * default, for which leaving a field out stores NULL), its values are checked (NULL into NOT NULL, value the
   * column can store) and returned encoded in layout order, NULL for a field left out; one map lookup per field.
   * Unknown and missing NOT NULL fields need no check then: the layout's fields passed them. A row with another
   * field returns null (the caller checks it with {@link #checkInsert}).
   *
   * @param m the table
   * @param row the row's fields
   * @param fields the layout's fields, in statement order
   * @param columns each field's column, in the same order
   * @param omittable the fields a row may leave out
   * @param json the JSON codec
   * @return the encoded values in statement order, or null when the row's fields do not fit the layout
   * @throws ValidationException on the first problem of a row that fits the layout
   */
  public static Object[] checkInsertInLayout(TableModel m, Map<String, Object> row, List<String> fields,
      Column[] columns, Set<String> omittable, JsonCodec json) {
    if (row.size() > columns.length) {
      return null;
    }
    Object[] encoded = new Object[columns.length];
    int present = 0;
    for (int i = 0; i < columns.length; i++) {
      String field = fields.get(i);
      Object value = row.get(field);
      if (value == null && !row.containsKey(field)) {
        if (!omittable.contains(field)) {
          return null;
        }
        continue;
      }
      encoded[i] = encodeValue(m, columns[i], value, json);
      present++;
    }
    return present == row.size() ? encoded : null;
  }

  /** A supplied value encoded for its column; NULL into a NOT NULL column is refused. */
  private static Object encodeValue(TableModel m, Column c, Object value, JsonCodec json) {
    if (value == null && c.isNotNull()) {
      throw notNull(m, c);
    }
    return c.toSql(value, json);
  }

  /**
   * Refuses a row that leaves out a NOT NULL column without default.
   *
   * @param m the table
   * @param row the row's fields
   * @throws ValidationException naming the first such column
   */
  public static void requireNotNullColumns(TableModel m, Map<String, Object> row) {
    for (Column c : m.columns()) {
      if (c.isNotNull() && !c.hasDefault() && !row.containsKey(c.name())) {
        throw notNull(m, c);
      }
    }
  }
}
