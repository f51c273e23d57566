package io.sqlitekit.d1.client;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One result row. Values are {@code null}, {@link Long}, {@link Double}, {@link String} or {@code byte[]}.
 *
 * <p>D1 returns numbers as JSON, which has one number type: a REAL with an integral value (1.0) comes back
 * as {@link Long} 1, and only non-integral REALs as {@link Double}. {@link #getDouble(int)} reads both. An
 * integer beyond ±(2<sup>53</sup>−1) cannot be read at all ({@link D1PrecisionException}); select it with
 * {@code CAST(… AS TEXT)}.
 *
 * <p>Immutable and thread-safe; {@link #getBytes(int)} returns a copy.
 *
 * @since 0.1.0
 */
public final class D1Row {
  /** A number D1 may have rounded: kept as the digits D1 printed, thrown on access. */
  record Inexact(String digits) {}

  /** The columns and their lookup, shared by the rows of one result. */
  static final class Shape {
    final List<String> columns;
    final Map<String, Integer> index;
    final String endpoint;

    Shape(List<String> columns, Map<String, Integer> index, String endpoint) {
      this.columns = columns;
      this.index = index;
      this.endpoint = endpoint;
    }
  }

  private final Shape shape;
  private final Object[] values;

  D1Row(Shape shape, Object[] values) {
    this.shape = shape;
    this.values = values;
  }

  /**
   * The column names, in the order D1 returned them.
   *
   * @return the names
   */
  public List<String> columns() {
    return shape.columns;
  }

  /**
   * The number of values.
   *
   * @return the width of the row
   */
  public int size() {
    return values.length;
  }

  /**
   * The value at a position.
   *
   * @param i 0-based column position
   * @return {@code null}, {@link Long}, {@link Double}, {@link String} or a copy of the {@code byte[]}
   * @throws IndexOutOfBoundsException for a bad position
   * @throws D1PrecisionException for an integer D1 may have rounded
   */
  public Object get(int i) {
    Object v = values[i];
    if (v instanceof Inexact) {
      throw new D1PrecisionException("D1 returned the integer-valued number " + ((Inexact) v).digits()
          + " in column '" + shape.columns.get(i) + "', beyond ±(2^53-1): D1 passes integers through "
          + "JavaScript numbers, so it may have been rounded; select it as CAST(" + shape.columns.get(i)
          + " AS TEXT) to read it exactly", shape.endpoint, shape.columns.get(i));
    }
    if (v instanceof byte[]) {
      return ((byte[]) v).clone();
    }
    return v;
  }

  /**
   * The value of the first column with this name (names are case-sensitive, as D1 returns them).
   *
   * @param column the column name
   * @return the value, as {@link #get(int)}
   * @throws NoSuchElementException if no column has that name
   */
  public Object get(String column) {
    return get(indexOf(column));
  }

  /**
   * The position of the first column with this name.
   *
   * @param column the column name
   * @return its 0-based position
   * @throws NoSuchElementException if no column has that name
   */
  public int indexOf(String column) {
    Integer i = shape.index.get(column);
    if (i == null) {
      throw new NoSuchElementException("no column '" + column + "' in " + shape.columns);
    }
    return i;
  }

  /**
   * Whether the value is SQL NULL.
   *
   * @param i 0-based column position
   * @return true for NULL
   */
  public boolean isNull(int i) {
    return values[i] == null;
  }

  /**
   * An integer value.
   *
   * @param i 0-based column position
   * @return the value, or null for NULL
   * @throws IllegalStateException if the value is a non-integral REAL, text or a blob
   */
  public Long getLong(int i) {
    Object v = get(i);
    if (v == null || v instanceof Long) {
      return (Long) v;
    }
    throw wrongType(i, "an integer", v);
  }

  /**
   * A numeric value as a double; exact, because D1 only returns numbers that are doubles.
   *
   * @param i 0-based column position
   * @return the value, or null for NULL
   * @throws IllegalStateException if the value is text or a blob
   */
  public Double getDouble(int i) {
    Object v = get(i);
    if (v == null || v instanceof Double) {
      return (Double) v;
    }
    if (v instanceof Long) {
      return ((Long) v).doubleValue(); // |v| <= 2^53 - 1, so exact
    }
    throw wrongType(i, "a number", v);
  }

  /**
   * A text value.
   *
   * @param i 0-based column position
   * @return the value, or null for NULL
   * @throws IllegalStateException if the value is not text
   */
  public String getString(int i) {
    Object v = get(i);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw wrongType(i, "text", v);
  }

  /**
   * A blob value.
   *
   * @param i 0-based column position
   * @return a copy of the bytes, or null for NULL
   * @throws IllegalStateException if the value is not a blob
   */
  public byte[] getBytes(int i) {
    Object v = get(i);
    if (v == null || v instanceof byte[]) {
      return (byte[]) v;
    }
    throw wrongType(i, "a blob", v);
  }

  private IllegalStateException wrongType(int i, String wanted, Object v) {
    String has = v instanceof Long ? "an integer" : v instanceof Double ? "a real" : v instanceof String ? "text"
        : "a blob";
    return new IllegalStateException("column '" + shape.columns.get(i) + "' holds " + has + ", not " + wanted);
  }

  /** The column names and value types, never the values. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("D1Row[");
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      sb.append(i == 0 ? "" : ", ").append(shape.columns.get(i)).append(':').append(v == null ? "null"
          : v instanceof Long ? "integer" : v instanceof Double ? "real" : v instanceof String ? "text"
          : v instanceof Inexact ? "inexact" : "blob");
    }
    return sb.append(']').toString();
  }
}
