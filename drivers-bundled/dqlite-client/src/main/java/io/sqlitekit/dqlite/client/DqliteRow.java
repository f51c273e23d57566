package io.sqlitekit.dqlite.client;

import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One row copied out of {@link DqliteRows}: column names, protocol types and values. Immutable apart from
 * the {@code byte[]} values it holds, which it does not copy.
 *
 * @since 0.1.0
 */
public final class DqliteRow {
  private final List<String> columns;
  private final List<DqliteType> types;
  private final List<Object> values;

  DqliteRow(List<String> columns, List<DqliteType> types, List<Object> values) {
    this.columns = columns;
    this.types = Collections.unmodifiableList(types);
    this.values = Collections.unmodifiableList(values);
  }

  /**
   * The column names.
   *
   * @return the names, in order
   */
  public List<String> columnNames() {
    return columns;
  }

  /**
   * The protocol types, one per column.
   *
   * @return the types
   */
  public List<DqliteType> types() {
    return types;
  }

  /**
   * The values, one per column; SQL NULL is a null element.
   *
   * @return the values
   */
  public List<Object> values() {
    return values;
  }

  /**
   * One value.
   *
   * @param column 0-based column index
   * @return the value, null for SQL NULL
   * @throws IndexOutOfBoundsException if the column does not exist
   */
  public Object get(int column) {
    return values.get(column);
  }

  /**
   * One value's protocol type.
   *
   * @param column 0-based column index
   * @return the type
   * @throws IndexOutOfBoundsException if the column does not exist
   */
  public DqliteType type(int column) {
    return types.get(column);
  }

  @Override
  public String toString() {
    // Types only: values can carry user data.
    return String.format(Locale.ROOT, "DqliteRow%s", types);
  }
}
