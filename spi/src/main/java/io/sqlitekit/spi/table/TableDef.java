package io.sqlitekit.spi.table;

import io.sqlitekit.spi.error.Messages;
import io.sqlitekit.spi.error.ValidationException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A typed table definition: the table name, its ordered columns, exactly one primary-key column and, for
 * optimistic concurrency, an optional version column.
 *
 * <pre>{@code
 * TableDef users = TableDef.of("users",
 *     Column.text("id").primaryKey(),
 *     Column.text("email").notNull().unique(),
 *     Column.integer("age"),
 *     Column.bool("active").notNull().defaultValue(true),
 *     Column.timestamp("createdAt"));
 * }</pre>
 *
 * <p>Immutable and thread-safe. Field lookups are by property key; an unknown key is a
 * {@link ValidationException} naming the field and the table.
 *
 * <p>A definition may describe a <b>view</b> ({@link #view(String, Column...)}, {@link #asView()}): a
 * read-only repository over it answers every read, and refuses every write with a
 * {@link io.sqlitekit.spi.error.ReadOnlyException} (code {@code READ_ONLY}) before any SQL runs; schema
 * helpers refuse to create a table for it. The primary-key column names the column that identifies a view
 * row (it must be unique in the view for {@code getById} and keyset pages to mean anything).
 *
 * @param name the table name
 * @param columns the columns in declaration order
 * @param versionField the property key of the version column, or null when the table has none
 * @param isView whether the definition describes a read-only view rather than a table (since 0.3.0)
 * @since 0.1.0
 */
public record TableDef(String name, List<Column> columns, String versionField, boolean isView) {

  /**
   * Validates the definition.
   *
   * @throws NullPointerException if {@code name} or {@code columns} is null
   * @throws IllegalArgumentException if the name is invalid, there is no column, property keys or SQL names
   *     repeat, there is not exactly one primary key, or the version field is not an INTEGER column
   */
  public TableDef {
    Identifiers.requireValid(Objects.requireNonNull(name, "name"), "table name");
    columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("table " + Messages.quote(name) + " needs at least one column");
    }
    Map<String, Column> seen = new HashMap<>();
    Map<String, Column> seenSql = new HashMap<>();
    int pks = 0;
    for (Column c : columns) {
      if (seen.put(c.name(), c) != null) {
        throw new IllegalArgumentException(
            "table " + Messages.quote(name) + " declares field " + Messages.quote(c.name()) + " twice");
      }
      if (seenSql.put(c.sqlName().toLowerCase(Locale.ROOT), c) != null) {
        throw new IllegalArgumentException(
            "table " + Messages.quote(name) + " declares SQL column " + Messages.quote(c.sqlName()) + " twice");
      }
      if (c.isPrimaryKey()) {
        pks++;
      }
    }
    if (pks != 1) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "table %s must have exactly one primary-key column (found %d); composite keys are not supported",
          Messages.quote(name), pks));
    }
    if (versionField != null) {
      Column v = seen.get(versionField);
      if (v == null || v.storage() != StorageClass.INTEGER || v.isPrimaryKey()) {
        throw new IllegalArgumentException(
            "table " + Messages.quote(name) + ": version field " + Messages.quote(versionField)
                + " must be a non-key INTEGER column");
      }
    }
  }

  /**
   * Creates a table definition (not a view), as before views existed.
   *
   * @param name the table name
   * @param columns the columns in declaration order
   * @param versionField the property key of the version column, or null when the table has none
   * @throws IllegalArgumentException as the canonical constructor
   */
  public TableDef(String name, List<Column> columns, String versionField) {
    this(name, columns, versionField, false);
  }

  /**
   * Creates the definition of a read-only view: its name, the columns it exposes and the column that
   * identifies a row (marked {@code primaryKey()}).
   *
   * @param name the view name
   * @param columns the columns
   * @return the view definition
   * @since 0.3.0
   */
  public static TableDef view(String name, Column... columns) {
    return new TableDef(name, Arrays.asList(columns), null, true);
  }

  /**
   * Returns this definition as a read-only view of the same name and columns (handy to expose the shape of
   * a table under a view name: {@code TABLE.withName("active_users").asView()}).
   *
   * @return the view definition
   * @since 0.3.0
   */
  public TableDef asView() {
    return new TableDef(name, columns, versionField, true);
  }

  /**
   * Returns this definition under another name, keeping its columns, version field and kind.
   *
   * @param newName the new name
   * @return the renamed definition
   * @since 0.3.0
   */
  public TableDef withName(String newName) {
    return new TableDef(newName, columns, versionField, isView);
  }

  /**
   * Creates a definition without a version column.
   *
   * @param name the table name
   * @param columns the columns
   * @return the definition
   */
  public static TableDef of(String name, Column... columns) {
    return new TableDef(name, Arrays.asList(columns), null);
  }

  /**
   * Returns this definition with a version column used for optimistic concurrency.
   *
   * @param field the property key of an INTEGER column
   * @return the new definition
   */
  public TableDef withVersionField(String field) {
    return new TableDef(name, columns, Objects.requireNonNull(field, "field"), isView);
  }

  /**
   * Returns this definition with one more column appended (plugins use it to declare columns they manage).
   *
   * @param column the column
   * @return the new definition
   */
  public TableDef withColumn(Column column) {
    List<Column> cs = new java.util.ArrayList<>(columns);
    cs.add(Objects.requireNonNull(column, "column"));
    return new TableDef(name, cs, versionField, isView);
  }

  /**
   * Returns the primary-key column.
   *
   * @return the column
   */
  public Column primaryKey() {
    for (Column c : columns) {
      if (c.isPrimaryKey()) {
        return c;
      }
    }
    throw new AssertionError("validated in the constructor");
  }

  /**
   * Returns the version column.
   *
   * @return the column, or empty when the table has none
   */
  public Optional<Column> version() {
    return versionField == null ? Optional.empty() : column(versionField);
  }

  /**
   * Looks a column up by property key.
   *
   * @param field the property key
   * @return the column, or empty
   */
  public Optional<Column> column(String field) {
    for (Column c : columns) {
      if (c.name().equals(field)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * Looks a column up by property key, failing when it is unknown.
   *
   * @param field the property key
   * @return the column
   * @throws ValidationException if the table has no such field
   */
  public Column require(String field) {
    Objects.requireNonNull(field, "field");
    for (Column c : columns) {
      if (c.name().equals(field)) {
        return c;
      }
    }
    throw new ValidationException(field, String.format(Locale.ROOT,
        "unknown field %s on table %s; known fields: %s", Messages.quote(field), Messages.quote(name),
        fieldNames()));
  }

  /**
   * Returns the property keys in declaration order.
   *
   * @return the field names
   */
  public List<String> fieldNames() {
    String[] names = new String[columns.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = columns.get(i).name();
    }
    return Collections.unmodifiableList(Arrays.asList(names));
  }
}
