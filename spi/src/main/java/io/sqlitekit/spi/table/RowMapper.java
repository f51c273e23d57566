package io.sqlitekit.spi.table;

import java.lang.invoke.MethodHandles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps between an entity type and its fields: a map from property key to decoded Java value.
 *
 * <p>Two stock mappers exist: {@link #forRecord(Class)} maps a Java record by component name, and
 * {@link #documents()} uses {@code Map<String, Object>} documents as they are. Mappers are immutable and
 * thread-safe.
 *
 * <p>Records and NULL: on insert, a null component is omitted, so the column's default (or NULL) applies;
 * in a document, an absent key is omitted and a key mapped to null writes NULL. When a record is read with
 * a projection, components that were not selected are null (primitive components get their zero value).
 *
 * @param <T> the entity type
 * @since 0.1.0
 */
public interface RowMapper<T> {
  /**
   * Returns the entity's fields keyed by property key. Record mappers include null components; document
   * mappers return the document's own entries.
   *
   * @param entity the entity
   * @return an insertion-ordered map, possibly containing null values
   */
  Map<String, Object> toFields(T entity);

  /**
   * Builds an entity from fields keyed by property key; missing keys are null.
   *
   * @param fields decoded values
   * @return the entity
   * @throws io.sqlitekit.spi.error.ValidationException if a value cannot be held by the target type
   */
  T fromFields(Map<String, Object> fields);

  /**
   * Returns a function that builds entities from values laid out in a fixed field order. Repositories compile
   * one per column layout and reuse it for every row, which avoids building a map per row; the result is the
   * same as {@link #fromFields} on the corresponding map. The returned function is thread-safe.
   *
   * @param fields the property keys, in the order of the value arrays passed to the function
   * @return the row builder
   */
  default Function<Object[], T> fromValues(List<String> fields) {
    List<String> layout = List.copyOf(fields);
    return values -> {
      Map<String, Object> m = new LinkedHashMap<>(layout.size() * 2);
      for (int i = 0; i < layout.size(); i++) {
        m.put(layout.get(i), values[i]);
      }
      return fromFields(m);
    };
  }

  /**
   * Returns whether {@link #toFields} builds a new, mutable map on every call that nothing else holds, so that a
   * repository may keep and change it without a defensive copy. Both stock mappers do; the default is false.
   *
   * @return true when the map returned by {@link #toFields} belongs to the caller
   * @since 0.1.0
   */
  default boolean toFieldsReturnsFreshMap() {
    return false;
  }

  /**
   * Returns the fields a write takes from an entity: {@link #toFields}, without its null fields when
   * {@link #nullMeansAbsent() null means absent}, as a new mutable map that belongs to the caller (hooks add and
   * change fields in it). The record mapper builds it in one pass; the default copies when it must.
   *
   * @param entity the entity
   * @return the supplied fields, in {@link #toFields} order
   * @since 0.3.0
   */
  default Map<String, Object> toSuppliedFields(T entity) {
    Map<String, Object> fields = toFields(entity);
    Map<String, Object> out = toFieldsReturnsFreshMap() ? fields : new LinkedHashMap<>(fields);
    if (nullMeansAbsent()) {
      out.values().removeIf(java.util.Objects::isNull);
    }
    return out;
  }

  /**
   * Returns whether a null field means "not supplied" (records) rather than "write NULL" (documents).
   *
   * @return true for record mappers
   */
  boolean nullMeansAbsent();

  /**
   * Returns the entity type.
   *
   * @return the class
   */
  Class<T> type();

  /**
   * A mapper for a public record type in a package readable by sqlitekit; no {@code opens} is needed.
   *
   * @param type the record class
   * @param <R> the record type
   * @return the mapper
   * @throws IllegalArgumentException if {@code type} is not a record or is not accessible
   */
  static <R extends Record> RowMapper<R> forRecord(Class<R> type) {
    return RecordRowMapper.of(type, MethodHandles.publicLookup());
  }

  /**
   * A mapper for a record type that sqlitekit cannot access on its own (package-private, or in a package
   * that is not exported); pass {@code MethodHandles.lookup()} from code that can access it.
   *
   * @param type the record class
   * @param lookup a lookup with access to the record's constructor and accessors
   * @param <R> the record type
   * @return the mapper
   * @throws IllegalArgumentException if {@code type} is not a record or the lookup lacks access
   */
  static <R extends Record> RowMapper<R> forRecord(Class<R> type, MethodHandles.Lookup lookup) {
    return RecordRowMapper.of(type, lookup);
  }

  /**
   * The identity mapper for {@code Map<String, Object>} documents.
   *
   * @return the mapper
   */
  static RowMapper<Map<String, Object>> documents() {
    return DocumentRowMapper.INSTANCE;
  }
}
