package io.sqlitekit.spi;

import io.sqlitekit.spi.error.ValidationException;
import io.sqlitekit.spi.table.RowMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A base row of a lookup read with the values its lookups attached.
 *
 * <p>Joined rows are maps from foreign field names to values decoded by the foreign table's column codecs
 * (booleans as {@code Boolean}, timestamps as {@code Instant}, JSON columns decoded); {@link #one(String,
 * Class)} and {@link #many(String, Class)} map them to records instead. Immutable.
 *
 * @param entity the base row, as the repository maps it
 * @param joined lookup name → a joined row or {@code null} (one-to-one), or a list of rows (one-to-many)
 * @param <T> the base entity type
 * @since 0.3.0
 */
public record LookupRow<T>(T entity, Map<String, Object> joined) {
  /**
   * Copies the joined values (nulls allowed: a one-to-one miss).
   */
  public LookupRow {
    Objects.requireNonNull(entity, "entity");
    joined = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(joined, "joined")));
  }

  /**
   * Returns the row a one-to-one lookup attached.
   *
   * @param as the lookup's name
   * @return the joined row, or {@code null} when nothing matched
   * @throws ValidationException when no one-to-one lookup has that name
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> one(String as) {
    Object v = value(as);
    if (v instanceof List) {
      throw new ValidationException("as", "lookup \"" + as + "\" is one-to-many; read it with many(\"" + as + "\")");
    }
    return (Map<String, Object>) v;
  }

  /**
   * Returns the rows a one-to-many lookup attached.
   *
   * @param as the lookup's name
   * @return the joined rows, empty when nothing matched
   * @throws ValidationException when no one-to-many lookup has that name
   */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> many(String as) {
    Object v = value(as);
    if (!(v instanceof List)) {
      throw new ValidationException("as", "lookup \"" + as + "\" is one-to-one; read it with one(\"" + as + "\")");
    }
    return (List<Map<String, Object>>) v;
  }

  /**
   * Maps the row a one-to-one lookup attached.
   *
   * @param as the lookup's name
   * @param mapper builds the value from the row's fields
   * @param <R> the mapped type
   * @return the mapped row, or {@code null} when nothing matched
   */
  public <R> R one(String as, RowMapper<R> mapper) {
    Map<String, Object> row = one(as);
    return row == null ? null : mapper.fromFields(row);
  }

  /**
   * Maps the row a one-to-one lookup attached to a public record, by component name; fields the lookup did
   * not select are {@code null}.
   *
   * @param as the lookup's name
   * @param type the record type
   * @param <R> the record type
   * @return the record, or {@code null} when nothing matched
   */
  public <R extends Record> R one(String as, Class<R> type) {
    return one(as, RowMapper.forRecord(type));
  }

  /**
   * Maps the rows a one-to-many lookup attached.
   *
   * @param as the lookup's name
   * @param mapper builds each value from a row's fields
   * @param <R> the mapped type
   * @return the mapped rows in the lookup's order
   */
  public <R> List<R> many(String as, RowMapper<R> mapper) {
    List<R> out = new ArrayList<>();
    for (Map<String, Object> row : many(as)) {
      out.add(mapper.fromFields(row));
    }
    return List.copyOf(out);
  }

  /**
   * Maps the rows a one-to-many lookup attached to public records, by component name.
   *
   * @param as the lookup's name
   * @param type the record type
   * @param <R> the record type
   * @return the records in the lookup's order
   */
  public <R extends Record> List<R> many(String as, Class<R> type) {
    return many(as, RowMapper.forRecord(type));
  }

  private Object value(String as) {
    if (!joined.containsKey(as)) {
      throw new ValidationException("as", "this read has no lookup named \"" + as + "\"; it has " + joined.keySet());
    }
    return joined.get(as);
  }
}
